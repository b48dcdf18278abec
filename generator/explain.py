"""For one input: which file of which layer supplies each block of the
report and each default, so a clerk knows which file to edit
(``reportgen locality show``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.errors import display_path
from generator.input.datafiles import read_data
from generator.render.layers import block_sources, partials, template_chain
from generator.input.entrance import read_input
from generator.input.yamltext import width
from generator.input.locality import Layer, Locality
from generator.input.parts import fill_years
from generator.input.model import Report
from generator.render.templating import ENTRY_TEMPLATE, default_templates_dir, make_environment, template_errors

DEFAULT_LABEL = "默认模板"


@cache
def block_labels() -> dict[str, str]:
    """The Chinese description of each block of the default base template."""
    return dict(read_data("blocks.yaml"))


@dataclass(frozen=True)
class Supplied:
    """One thing the report takes from a layer: a block, a partial or a default."""

    what: str  # block name, partial file name, or setting
    label: str  # in Chinese
    layer: str  # 掌起镇, 慈溪市 or 默认模板
    file: str  # file:line
    value: str = ""  # for a default: its value
    overridden: bool = False  # a default the input replaces with its own


@dataclass(frozen=True)
class Explanation:
    """Where every block, partial and default of one input's report comes from."""

    input: Path
    layers: list[tuple[str, str]]  # (label, folder), nearest first, the defaults last
    blocks: list[Supplied]
    partials: list[Supplied]
    defaults: list[Supplied]


def _layer_label(locality: Locality | None, index: int) -> str:
    if locality is not None and index < len(locality.layers):
        return locality.layers[index].label
    return DEFAULT_LABEL


def _at(layer: Layer, key: str) -> str:
    file, line = layer.where(key)
    return f"{file}:{line}" if line else file


def _defaults(locality: Locality, report: Report) -> list[Supplied]:
    info = report.report
    rows: list[Supplied] = []
    for key, label, given in (
        ("issuers", "发文机关署名", bool(info.issuers)),
        ("addressee", "主送机关", bool(info.addressee)),
        ("guidance", "开头引用的指导文件", bool(info.guidance)),
        ("reference", "参考样式文档", False),
    ):
        layer = locality.origin(key)
        if layer is None:
            continue
        value = getattr(layer.config, key)
        text = "、".join(value) if isinstance(value, list) else str(value)
        if key == "guidance":
            text = fill_years(text, info.year)
        rows.append(Supplied(key, label, layer.label, _at(layer, key), text, given))
    # The house structure: part list, layout, the opening's closing sentence, areas of its own.
    structure = (
        ("parts", "一级部分的顺序和标题", report.parts is not None, _parts_text),
        ("style", "排版写法", report.style is not None, lambda s: "，".join(f"{k}: {v}" for k, v in s.model_dump(exclude_none=True).items())),
        ("opening_end", "开头的结束语", info.opening_end is not None, lambda e: e or "无"),
    )
    for key, label, given, show in structure:
        layer = next((layer for layer in locality.layers if getattr(layer.config, key) is not None), None)
        if layer is not None:
            rows.append(Supplied(key, label, layer.label, _at(layer, key), fill_years(show(getattr(layer.config, key)), info.year), given))
    seen_defined: set[str] = set()
    for layer in locality.layers:
        for area in layer.config.area_definitions:
            if area.id not in seen_defined:
                seen_defined.add(area.id)
                rows.append(Supplied("area_definitions", "本地领域", layer.label, _at(layer, "area_definitions"), f"{area.id}：{area.heading}"))
    headed = {g.area for g in report.measures if g.heading}
    untitled = {g.area for g in report.measures if not g.heading}
    own = {m.id for m in report.metric_definitions}
    seen_areas: set[str] = set()
    seen_metrics: set[str] = set()
    for layer in locality.layers:
        for area, heading in layer.config.headings.items():
            if area not in seen_areas:
                seen_areas.add(area)
                overridden = area in headed and area not in untitled
                rows.append(Supplied("headings", f"“{area}”小节的默认标题", layer.label, _at(layer, "headings"), heading, overridden))
        for metric in layer.config.metric_definitions:
            if metric.id not in seen_metrics:
                seen_metrics.add(metric.id)
                text = f"{metric.id}：{metric.label}（{metric.unit}，{metric.area}）"
                rows.append(Supplied("metric_definitions", "本地指标", layer.label, _at(layer, "metric_definitions"), text, metric.id in own))
    return rows


def _parts_text(parts: list) -> str:
    """A part list as a clerk reads it: 举措（法治政府建设履职情况）、不足、安排."""
    return "、".join((p.part or "自拟") + (f"（{p.heading}）" if p.heading else "") for p in parts)


def explain(path: Path) -> Explanation:
    """Where each block, partial and default of the input's report comes from.

    Raises ``UserError`` for an input, a locality or a template the report
    could not be rendered from.
    """
    given = read_input(path)
    locality = given.locality
    env = make_environment(given.search_path)
    with template_errors(ENTRY_TEMPLATE):
        sources = block_sources(env, ENTRY_TEMPLATE)
        used = partials(env, template_chain(env, ENTRY_TEMPLATE))
    labels = block_labels()
    layers = [(layer.label, display_path(layer.folder)) for layer in (locality.layers if locality else ())]
    return Explanation(
        input=path,
        layers=[*layers, (DEFAULT_LABEL, display_path(default_templates_dir()))],
        blocks=[
            Supplied(s.block, labels.get(s.block, "（地方模板新增的块）"), _layer_label(locality, s.layer), f"{s.file}:{s.line}")
            for s in sources
        ],
        partials=[Supplied(name, "", _layer_label(locality, layer), file) for name, file, layer in used],
        defaults=_defaults(locality, given.written) if locality else [],
    )


def columns(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows aligned in columns by display width (a Chinese character takes two), never cut short."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  " + "  ".join(cell + " " * (widths[i] - width(cell)) if i < len(row) - 1 else cell for i, cell in enumerate(row))
        for row in rows
    ]


def explanation_lines(found: Explanation, file: Path) -> list[str]:
    """``reportgen locality show``'s report: the layers, then each block,
    partial and default with the layer and file:line it comes from."""
    lines = [f"{file} 使用的模板（排在前面的优先）："]
    lines += columns([(f"{n}.", label, folder) for n, (label, folder) in enumerate(found.layers, 1)])
    lines.append("\n报告的各块（要改哪一块，就在本地文件夹的 report.j2 中重写同名的块）：")
    lines += columns([("块名", "内容", "来自", "文件"), *((r.what, r.label, r.layer, r.file) for r in found.blocks)])
    lines.append("\n部分模板（import、include 的文件）：")
    lines += columns([("文件名", "来自", "文件"), *((r.what, r.layer, r.file) for r in found.partials)])
    if found.defaults:
        lines.append("\n本地默认值（输入文件中写了的，以输入文件为准）：")
        rows = [(r.label, r.value + ("（输入文件已写，不用此值）" if r.overridden else ""), r.layer, r.file) for r in found.defaults]
        lines += columns([("项目", "值", "来自", "文件"), *rows])
    return lines
