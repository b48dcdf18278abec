"""``reportgen import``: a published report to an input YAML.

read (``reading``) → drop the site (``clutter``) → outline (``outline``)
→ the source's own slips (``lint.rules``) → model data with metrics
(``mapping``) → every metric checked to render as the report wrote it
(else put back as text) → YAML with comments (``yamlout``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.errors import Finding, UserError
from generator.importing.clutter import report_paragraphs
from generator.importing.mapping import Mapped, map_outline
from generator.importing.metrics import Metric
from generator.importing.outline import read_outline
from generator.importing.reading import read_source
from generator.importing.yamlout import write_yaml
from generator.input.model import Report
from generator.lint.rules import lint_outline
from generator.report.punctuation import normalize
from generator.report.texts import citation


@dataclass
class Imported:
    """What import read: the YAML text, the source's own slips, and what to check."""

    path: Path
    text: str
    report: Report
    slips: list[Finding] = field(default_factory=list)  # the source's mistakes, corrected in the YAML
    notes: list[Finding] = field(default_factory=list)  # how the file was read (its encoding)
    unsure: list[str] = field(default_factory=list)  # marked in the YAML for the clerk to check
    lost: list[str] = field(default_factory=list)  # what the model could not hold as the report had it
    metrics: int = 0
    reverted: list[str] = field(default_factory=list)  # numbers left as text


def import_report(path: Path) -> Imported:
    """Read a published report (.docx, .html, .txt, .md) into input YAML text."""
    source = read_source(path)
    paragraphs = report_paragraphs(source)
    outline = read_outline(paragraphs)
    if not outline.parts:
        raise UserError(
            "没有找到报告的各部分（如“一、主要举措和成效”）",
            file=str(path),
            hint="reportgen import 读取的是法治政府建设年度报告：正文应有“一、”“二、”等部分。请确认选对了文件。",
        )
    slips = [f for f in lint_outline(outline, paragraphs, str(path)).findings if f.rule not in ("半角标点", "多余空格", "缺少部分")]
    mapped = map_outline(outline, source.title_hint)
    report, reverted = _checked(mapped, str(path))
    header = _header(path, slips, mapped)
    text = write_yaml(mapped.data, mapped.notes, header)
    if Report.model_validate(yaml.safe_load(text)) != report:  # the text must say what was checked
        raise AssertionError(f"import wrote YAML that reads back differently: {path}")
    return Imported(
        path=path,
        text=text,
        report=report,
        slips=slips,
        notes=source.notes,
        unsure=[f"{'.'.join(map(str, p))}：{n}" for p, n in mapped.notes.items()],
        lost=mapped.lost,
        metrics=len(mapped.metrics),
        reverted=reverted,
    )


def _header(path: Path, slips: list[Finding], mapped: Mapped) -> list[str]:
    lines = [
        f"由 reportgen import 从 {path.name} 读入。",
        "标有“请核对”的地方是推测的，请逐一核对；数字已写成指标（metrics），正文中以 {指标名称} 引用。",
    ]
    if slips:
        lines.append("原文中的疏漏（本文件中已按正确的结构写入）：")
        lines += [f"- 第{f.line}行：{f.message}" if f.line else f"- {f.message}" for f in slips]
    if mapped.lost:
        lines.append("与原文不同之处（模型暂不能照原样保存）：")
        lines += [f"- {x}" for x in mapped.lost]
    return lines


def _checked(mapped: Mapped, file: str) -> tuple[Report, list[str]]:
    """The data as a valid ``Report``; a metric the model refuses, or that the
    draft would state otherwise than the report did, is put back as text."""
    from generator.render.templating import yoy_wording
    from generator.report.context import build_context

    reverted: list[str] = []
    for _ in range(len(mapped.metrics) + 1):
        try:
            report = Report.model_validate(mapped.data)
        except ValidationError as error:
            culprit = _metric_in_error(mapped, error)
            if culprit is None:
                raise UserError(f"读入的内容无法写成输入文件：{error.errors()[0]['msg']}", file=file) from None
            reverted.append(_revert(mapped, culprit))
            continue
        views = build_context(report, wording=yoy_wording()).context["metrics"]
        wrong = [m for m in mapped.metrics if not _states_as_written(m, views.get(m.id))]
        if not wrong:
            return report, reverted
        for metric in wrong:
            if metric.parts and views.get(metric.id) is not None and normalize(views[metric.id].text) == normalize(metric.source):
                _drop_parts(mapped, metric)
                continue
            reverted.append(_revert(mapped, metric))
    raise UserError("读入的指标无法核对一致", file=file)


def _states_as_written(metric: Metric, view: object) -> bool:
    if view is None:
        return False
    if normalize(getattr(view, "text")) != normalize(metric.source):
        return False
    return not metric.parts or normalize(getattr(view, "parts_text")) == normalize(metric.parts_source)


def _metric_in_error(mapped: Mapped, error: ValidationError) -> Metric | None:
    for problem in error.errors():
        location = problem["loc"]
        if location[:1] == ("metrics",) and len(location) > 1:
            return next((m for m in mapped.metrics if m.id == location[1]), None)
        if location[:1] == ("metric_definitions",) and len(location) > 1 and isinstance(location[1], int):
            own = [m for m in mapped.metrics if not m.standard]
            return own[location[1]] if location[1] < len(own) else None
    return None


def _texts(node: object) -> list[tuple[object, object]]:
    """Every (container, key) holding a string in the data."""
    found: list[tuple[object, object]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                found.append((node, key))
            else:
                found += _texts(value)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if isinstance(value, str):
                found.append((node, i))
            else:
                found += _texts(value)
    return found


def _revert(mapped: Mapped, metric: Metric) -> str:
    """Put a metric back into the text as the report wrote it."""
    written = metric.source + (metric.parts_source if metric.parts else "")
    for container, key in _texts({k: v for k, v in mapped.data.items() if k not in ("metrics", "metric_definitions")}):
        value = container[key]  # type: ignore[index]
        value = value.replace(citation(metric.id), metric.source)
        value = value.replace(citation(metric.id, "parts"), metric.parts_source)
        container[key] = value  # type: ignore[index]
    mapped.metrics.remove(metric)
    mapped.data.get("metrics", {}).pop(metric.id, None)
    if not metric.standard:
        mapped.data["metric_definitions"] = [d for d in mapped.data.get("metric_definitions", []) if d["id"] != metric.id]
    for key in ("metrics", "metric_definitions"):
        if key in mapped.data and not mapped.data[key]:
            del mapped.data[key]
    mapped.notes.pop(("metrics", metric.id), None)
    return written


def _drop_parts(mapped: Mapped, metric: Metric) -> None:
    """Keep the total as a metric and its breakdown as the report wrote it."""
    for container, key in _texts({k: v for k, v in mapped.data.items() if k not in ("metrics", "metric_definitions")}):
        container[key] = container[key].replace(citation(metric.id, "parts"), metric.parts_source)  # type: ignore[index]
    metric.parts = {}
    mapped.data["metrics"][metric.id] = metric.entry()


def default_output(path: Path) -> Path:
    """Where the YAML goes by default: beside the report, same name, .yaml."""
    return path.with_suffix(".yaml")


