"""pydantic's validation errors in Chinese: each names the field by the
first phrase of its docstring, its YAML path and line, with a "did you
mean" for an unknown key."""

from __future__ import annotations

import difflib
import re
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.errors import Finding
from generator.input.model import TOO_LARGE, TOO_LARGE_HINT, MetricValue, Report, field_doc
from generator.input.model import label as field_label  # one rule for labels, errors and schema titles alike

YamlPath = tuple[str | int, ...]
Positions = dict[YamlPath, tuple[int, int]]


def dotted(path: YamlPath) -> str:
    """('measures', 0, 'area') → 'measures[1].area' (items counted from 1, as a clerk counts)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_MESSAGES = {
    "missing": "缺少必填项",
    "int_type": "应填写整数",
    "int_parsing": "应填写整数",
    "int_from_float": "应填写整数",
    "float_type": "应填写数字",
    "float_parsing": "应填写数字",
    "greater_than_equal": "不能是负数",
    "less_than_equal": TOO_LARGE,
    "string_type": "应填写文字",
    "string_unicode": "含有无法识别的字符（如 \\ud800 这样单独的代理字符）",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "格式不对（不能含空格、花括号、冒号或句点）",
    "list_type": "应写成列表，每项另起一行并以“- ”开头",
    "dict_type": "应写成“键: 值”的形式",
    "model_type": "应写成“键: 值”的形式",
    "model_attributes_type": "应写成“键: 值”的形式",
    "date_type": "日期应写作 2024-02-26 的形式",
    "date_parsing": "日期应写作 2024-02-26 的形式",
    "date_from_datetime_parsing": "日期应写作 2024-02-26 的形式",
    "date_from_datetime_inexact": "日期不要带时间，应写作 2024-02-26",
    "bool_type": "应填写 true（是）或 false（否）",
    "bool_parsing": "应填写 true（是）或 false（否）",
}


def undotted(text: str) -> YamlPath:
    """'measures[1].area' → ('measures', 0, 'area'): the inverse of ``dotted``."""
    path: list[str | int] = []
    for key, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        path.append(int(index) - 1 if index else key)
    return tuple(path)


def model_at(path: YamlPath, root: type[BaseModel] = Report) -> type[BaseModel] | None:
    """The model class a value at ``path`` is validated against (None for a plain value)."""
    return _resolve(path, root)[0]


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            annotation = args[0]
    if get_origin(annotation) is Annotated:  # OneOrMany | None: the list inside
        annotation = get_args(annotation)[0]
    return annotation


def _resolve(path: YamlPath, root: type[BaseModel] = Report) -> tuple[type[BaseModel] | None, str]:
    """Walk the model from ``root`` along ``path``: the model found there, and
    the Chinese label (first phrase of the docstring) of the last field passed."""
    annotation: Any = root
    label = owner = ""
    for part in path:
        annotation = _unwrap_optional(annotation)
        if get_origin(annotation) in (list, dict):
            annotation = get_args(annotation)[-1]
            if isinstance(part, str):
                label = owner = part  # a metric id or a parts label: the clerk's own word
            continue
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            info = annotation.model_fields[str(part)]
            label = field_label(field_doc(annotation, str(part)), str(part))
            if owner:
                label = f"{owner}”的“{label}"
            annotation = info.annotation
            continue
        return None, label
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, label
    return None, label


def _data_path(loc: tuple[Any, ...], positions: dict[YamlPath, tuple[int, int]], root: type[BaseModel]) -> YamlPath:
    """pydantic's error location as a path in the YAML: union-member and
    validator tags ('int', 'function-before[…]') dropped."""
    path: YamlPath = ()
    for part in loc:
        if path + (part,) in positions:
            path += (part,)
            continue
        model, _ = _resolve(path, root)
        if model is not None and part in model.model_fields:
            path += (part,)  # a missing field: it has no position of its own
    return path


def translate(
    error: ValidationError,
    file: str,
    positions: dict[YamlPath, tuple[int, int]],
    root: type[BaseModel] = Report,
) -> list[Finding]:
    """pydantic's errors on a file validated against ``root`` (an input, or a
    locality's settings) as Chinese findings with line numbers, duplicates merged."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        path = _data_path(loc, positions, root)
        kind = item["type"]
        _, label = _resolve(path, root)
        hint = ""
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else str(loc[-1])
            parent_model, _ = _resolve(path[:-1], root)
            message = f"不认识的键“{key}”"
            allowed = list(parent_model.model_fields) if parent_model else []
            guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            if guess:
                hint = f"是不是想写“{guess[0]}”？"
            elif allowed:
                hint = "这里可以写的键有：" + "、".join(allowed)
        elif kind == "literal_error":
            expected = str(item.get("ctx", {}).get("expected", "")).replace("'", "")
            message = f"“{label}”只能填写：" + expected.replace(" or ", "、").replace(", ", "、")
        elif kind == "value_error":
            message = f"“{label}”{str(item.get('ctx', {}).get('error', item['msg']))}"
        elif kind == "missing":
            message = f"缺少必填项“{label}”"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            message = f"“{label}”{_MESSAGES[kind]}"
            expected_model, _ = _resolve(path, root)
            if expected_model is MetricValue:
                message = f"“{label}”应填写一个数字"
                hint = "如“合同审查: 51”；要写上年数、构成等时写成“value: 51”“last_year: 45”等，每项一行。"
            elif expected_model is not None:
                hint = "这里可以写的键有：" + "、".join(expected_model.model_fields)
        else:
            message = f"“{label}”{_MESSAGES.get(kind, item['msg'])}"
        if message.endswith(TOO_LARGE):
            hint = TOO_LARGE_HINT
        elif "不要写单位" in message:
            hint = "如“合同审查: 57”“规范性文件备案率: 100”；约数写作“800余”“约120”。"
        key = (dotted(path), message)
        if key in seen:
            continue
        seen.add(key)
        line = None
        for end in range(len(path), -1, -1):
            if path[:end] in positions:
                line = positions[path[:end]][0]
                break
        findings.append(Finding("error", message, file=file, line=line, path=dotted(path), hint=hint))
    return findings


