"""Reading an input: bytes → text (encoding) → YAML with line numbers →
the pydantic ``Report``. Every problem becomes a ``Finding`` with file,
line and a Chinese hint; all of them are collected before raising."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import Finding, InputError, UserError
from generator.model import Report

MAX_BYTES = 2 * 1024 * 1024  # a year's report is a few dozen KB
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 50

YamlPath = tuple[str | int, ...]


@dataclass
class Source:
    """A loaded input: the validated report and where each value came from."""

    path: Path
    report: Report
    data: dict[str, Any]
    positions: dict[YamlPath, tuple[int, int]]
    notes: list[Finding] = field(default_factory=list)  # warnings from reading (encoding)

    def line_of(self, path: YamlPath) -> int | None:
        """The 1-based line of the value at ``path``, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.positions:
                return self.positions[path[:end]][0]
        return None

    def finding(self, severity: str, message: str, path: YamlPath = (), hint: str = "") -> Finding:
        """A finding located at ``path`` in this input."""
        return Finding(
            severity,  # type: ignore[arg-type]
            message,
            file=str(self.path),
            line=self.line_of(path),
            path=dotted(path),
            hint=hint,
        )


def dotted(path: YamlPath) -> str:
    """('measures', 0, 'area') → 'measures[1].area' (items counted from 1, as a clerk counts)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def decode(raw: bytes, file: str) -> tuple[str, list[Finding]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 with a note."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), []
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise UserError(
                f"文件无法按 UTF-8 或 GBK 编码读取（第{utf8_error.start + 1}个字节处有无法识别的内容）",
                file=file,
                hint="请用记事本或 WPS “另存为”，编码选择 UTF-8 后重试。",
            ) from None
        note = Finding(
            "warning",
            "文件不是 UTF-8 编码，已按 GBK（GB18030）编码读取",
            file=file,
            hint="建议“另存为” UTF-8 编码，以免在其他电脑上出现乱码。",
        )
        return text, [note]


_FULL_WIDTH_KEY = re.compile(r"^\s*(- )?[^\s#:：][^#:：]*：")


def _yaml_error(error: yaml.MarkedYAMLError, text: str, file: str) -> UserError:
    """A YAML syntax error as a Chinese finding, with a hint for the usual slips.

    YAML often notices a slip a line or two after it, so the lines just above
    the reported one are searched for a full-width colon or a tab too.
    """
    mark = error.problem_mark or error.context_mark
    lines = text.splitlines()
    line = mark.line if mark else 0
    column = mark.column + 1 if mark else None
    hint = "请检查这一行及上一行的格式：“键: 值”的冒号为半角并后跟空格，同级内容缩进一致。"
    for candidate in range(min(line, len(lines) - 1), max(line - 3, -1), -1):
        source_line = lines[candidate] if 0 <= candidate < len(lines) else ""
        if _FULL_WIDTH_KEY.match(source_line):
            hint = "这一行用了全角冒号“：”。键后面的冒号须为半角“:”，并在冒号后加一个空格。"
        elif source_line.startswith("\t") or "\t" in source_line.split("#")[0].lstrip(" ")[:1]:
            hint = "这一行用了 Tab 键缩进。请改用空格缩进（每级两个空格）。"
        elif source_line.startswith("\u3000") or "\u3000" in source_line[: len(source_line) - len(source_line.lstrip())]:
            hint = "这一行开头有全角空格。缩进须用半角空格。"
        else:
            continue
        line, column = candidate, None
        break
    source_line = lines[line] if 0 <= line < len(lines) else ""
    message = "YAML 格式错误，无法读取"
    if source_line.strip():
        message += f"：{source_line.strip()[:60]}"
    return UserError(message, file=file, line=line + 1 if mark else None, column=column, hint=hint)


class _Builder:
    """Turns a composed YAML node tree into plain data plus positions."""

    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.positions: dict[YamlPath, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: YamlPath = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            raise UserError(
                "文件内容过于庞大或嵌套过深（可能是锚点/别名展开过多），已拒绝读取",
                file=self.file,
                line=node.start_mark.line + 1,
                hint="年度报告的输入不需要 & 锚点和 * 别名，请删除它们。",
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if isinstance(key, (list, dict)):
                    key = str(key)
                if key in result:
                    self.findings.append(
                        Finding(
                            "error",
                            f"键“{key}”重复出现，后一处会覆盖前一处",
                            file=self.file,
                            line=key_node.start_mark.line + 1,
                            path=dotted(path + (str(key),)),
                            hint="同一层级中每个键只能写一次，请合并或删除重复的一处。",
                        )
                    )
                child = path + (key if isinstance(key, str) else str(key),)
                self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError):
            # e.g. 2024-13-01 looks like a date but is none: keep the text and
            # let validation say what is wrong with it, in Chinese.
            return str(node.value)


def parse_yaml(text: str, file: str) -> tuple[Any, dict[YamlPath, tuple[int, int]], list[Finding]]:
    """Safe YAML with positions and duplicate-key findings."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        builder = _Builder(loader, file)
        data = builder.build(node)
    except yaml.MarkedYAMLError as error:
        raise _yaml_error(error, text, file) from None
    except yaml.YAMLError as error:
        raise UserError(f"YAML 格式错误：{error}", file=file) from None
    finally:
        loader.dispose()
    return data, builder.positions, builder.findings


# --- pydantic errors in Chinese --------------------------------------------

_MESSAGES = {
    "missing": "缺少必填项",
    "int_type": "应填写整数",
    "int_parsing": "应填写整数",
    "int_from_float": "应填写整数",
    "float_type": "应填写数字",
    "float_parsing": "应填写数字",
    "greater_than_equal": "不能是负数",
    "string_type": "应填写文字",
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


def _unwrap_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _resolve(path: YamlPath) -> tuple[type[BaseModel] | None, str]:
    """Walk the model along ``path``: the model found there, and the Chinese
    label (first phrase of the docstring) of the last field passed."""
    annotation: Any = Report
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
            label = re.split(r"[。，（(，,：]", info.description or str(part))[0]
            if owner:
                label = f"{owner}”的“{label}"
            annotation = info.annotation
            continue
        return None, label
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, label
    return None, label


def _data_path(loc: tuple[Any, ...], positions: dict[YamlPath, tuple[int, int]]) -> YamlPath:
    """pydantic's error location as a path in the YAML: union-member and
    validator tags ('int', 'function-before[…]') dropped."""
    path: YamlPath = ()
    for part in loc:
        if path + (part,) in positions:
            path += (part,)
            continue
        model, _ = _resolve(path)
        if model is not None and part in model.model_fields:
            path += (part,)  # a missing field: it has no position of its own
    return path


def translate(error: ValidationError, file: str, positions: dict[YamlPath, tuple[int, int]]) -> list[Finding]:
    """pydantic's errors as Chinese findings with line numbers, duplicates merged."""
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for item in error.errors(include_url=False):
        loc = tuple(item["loc"])
        path = _data_path(loc, positions)
        kind = item["type"]
        _, label = _resolve(path)
        hint = ""
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else str(loc[-1])
            parent_model, _ = _resolve(path[:-1])
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
        else:
            message = f"“{label}”{_MESSAGES.get(kind, item['msg'])}"
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


def load(path: Path) -> Source:
    """Read, parse and validate one input file; raise ``InputError`` with every finding."""
    file = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UserError(f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB），不像是年度报告的输入", file=file)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError("找不到这个文件", file=file, hint="请检查文件名和所在文件夹。") from None
    except IsADirectoryError:
        raise UserError("这是一个文件夹，不是 YAML 文件", file=file) from None
    except OSError as error:
        raise UserError(f"无法读取文件：{error.strerror}", file=file) from None
    text, notes = decode(raw, file)
    data, positions, findings = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise UserError(
            "文件内容为空，或不是“键: 值”形式的 YAML",
            file=file,
            hint="可用 reportgen init 生成一个填写模板。",
        )
    try:
        report = Report.model_validate(data)
    except ValidationError as error:
        raise InputError(findings + translate(error, file, positions)) from None
    if findings:
        raise InputError(findings)
    return Source(path=path, report=report, data=data, positions=positions, notes=notes)
