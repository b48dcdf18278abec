"""`reportgen init`: a YAML skeleton a clerk who reads no English can fill.

Every key carries a Chinese comment (with the unit for metrics), taken
from the model's field docstrings and the metric catalog, so the skeleton
never drifts from what ``validate`` accepts; the rest of its wording is in
data/skeleton.yaml, and it is written, like every YAML file reportgen
writes for a clerk, with ``yamltext``. Every value is left empty: the
draft shows 【待填：…】 until it is filled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from generator.input.areas import area_set
from generator.input.parts import standard_parts
from generator.input.catalog import standard_metrics
from generator.input.model import InputJsonSchema, Level, MeasureGroup, Point, Report, ReportInfo, Section, Shortcomings, Style, field_doc
from generator.input.yamltext import Wording, YamlText

SCHEMA_FILE = "report.schema.json"

_LEVEL_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("街道", "街道"),
    ("办事处", "街道"),
    ("镇", "镇"),
    ("乡", "乡"),
    ("县", "县"),
    ("区", "区"),
    ("市", "市"),
)


def guess_level(locality: str) -> Level:
    """The level a name suggests: 掌起镇 → 镇, 马村区 → 区, 某某局 → 部门."""
    for suffix, level in _LEVEL_SUFFIXES:
        if locality.endswith(suffix):
            return level  # type: ignore[return-value]
    return "部门"


def default_issuer(locality: str, level: str) -> str:
    """The usual signature of a body of that level."""
    if level == "街道":
        return f"{locality}办事处"
    if level == "部门":
        return locality
    return f"{locality}人民政府"


def default_year(today: dt.date | None = None) -> int:
    """The year a report is most likely being written for: last year until
    October, when clerks start preparing this year's."""
    today = today or dt.date.today()
    return today.year if today.month >= 10 else today.year - 1


def _doc(model: type[BaseModel], name: str) -> str:
    return (field_doc(model, name) or "").replace("\n", " ")


@dataclass(frozen=True)
class LocalityDefaults:
    """What a locality folder already says, so the skeleton need not ask for it."""

    slug: str
    name: str = ""
    issuers: list[str] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)


def from_locality(slug: str, base: Path) -> LocalityDefaults:
    """The defaults of the locality folder ``slug``, found as an input in
    ``base`` would find it (raises ``UserError`` when it is not there)."""
    from generator.input.locality import find_folder, load_chain  # only init --templates needs it

    chain = load_chain(find_folder(slug, base.resolve(), file="--templates", line=None))
    return LocalityDefaults(
        slug=slug,
        name=chain.layers[0].config.name or "",
        issuers=list(chain.value("issuers") or []),
        guidance=list(chain.value("guidance") or []),
        headings=chain.headings(),
    )


say = Wording("skeleton")
"""A comment of the skeleton, worded in data/skeleton.yaml."""


def skeleton(locality: str, year: int, level: Level | None = None, defaults: LocalityDefaults | None = None) -> str:
    """The YAML text of an empty input for ``locality`` and ``year``; with a
    locality folder's ``defaults``, its issuers, guidance and headings are
    used rather than asked for."""
    level = level or guess_level(locality)
    defaults = defaults or LocalityDefaults(slug="")
    known = area_set(year)  # the 纲要 edition of the year, and the common areas (普法)
    headings = {area.id: defaults.headings.get(area.id, area.heading) for area in known.areas}
    o = YamlText()
    o.comment(0, f"yaml-language-server: $schema={SCHEMA_FILE}")
    o.comment(0, say("header", locality=locality, year=year))
    o.blank()
    o.entry(0, "report", comment=_doc(Report, "report"))
    o.entry(2, "locality", locality, _doc(ReportInfo, "locality"))
    o.entry(2, "level", level, _doc(ReportInfo, "level"))
    o.entry(2, "year", year, _doc(ReportInfo, "year"))
    if defaults.slug:
        o.entry(2, "templates", defaults.slug, say("templates"))
    if defaults.issuers:
        o.entry(2, "issuers", comment=say("issuers_from_locality", issuers="、".join(defaults.issuers)), off=2)
    else:
        o.entry(2, "issuers", comment=_doc(ReportInfo, "issuers"))
        o.item(4, default_issuer(locality, level))
    o.entry(2, "date", None, say("date", next=year + 1))
    o.entry(2, "addressee", None, _doc(ReportInfo, "addressee"))
    if defaults.guidance:
        from generator.input.parts import fill_years

        guidance = "、".join(fill_years(g, year) for g in defaults.guidance)
        o.entry(2, "guidance", [], say("guidance_from_locality", guidance=guidance), off=2)
    else:
        o.entry(2, "guidance", [], _doc(ReportInfo, "guidance"))
    o.entry(2, "opening", None, _doc(ReportInfo, "opening"))
    o.entry(2, "opening_end", None, _doc(ReportInfo, "opening_end"), off=2)
    o.blank()
    # The report's own structure, switched off: uncommented as it is, it gives the default parts.
    o.entry(0, "parts", comment=_doc(Report, "parts"), off=0)
    for part in standard_parts():
        o.comment(2, "- " + _flow({"part": part.id, "heading": part.default_heading(level)}))
    o.entry(0, "style", comment=_doc(Report, "style"), off=0)
    o.entry(2, "subsections", "接排", _doc(Style, "subsections"), off=0)
    o.entry(2, "points", "一是", _doc(Style, "points"), off=0)
    o.blank()
    o.entry(0, "metrics", comment=say("metrics", doc=_doc(Report, "metrics")))
    by_area: dict[str, list] = {}
    for metric in standard_metrics():  # a metric of another edition's area under the area taking it in
        by_area.setdefault(known.home(metric.area, known.ids), []).append(metric)
    for area in known.areas:
        if by_area.get(area.id):
            o.comment(2, say("area", id=area.id, heading=headings[area.id]))
        for metric in by_area.get(area.id, []):
            o.entry(2, metric.id, None, say("metric_derived" if metric.derived else "metric", label=metric.label, unit=metric.unit))
    o.blank()
    o.entry(0, "measures", comment=say("measures", doc=_doc(Report, "measures")))
    for area in known.areas:
        first = area.order == 0
        o.entry(2, "area", area.id, _doc(MeasureGroup, "area") if first else area.name, item=True)
        o.entry(4, "heading", None, say("heading", heading=headings[area.id]))
        o.entry(4, "text", None, _doc(MeasureGroup, "text") if first else say("text"))
        if first:  # how points are written, once, switched off
            o.entry(4, "points", comment=_doc(MeasureGroup, "points"), off=4)
            o.entry(6, "heading", say("point_heading"), _doc(Point, "heading"), item=True, off=4)
            o.entry(8, "text", say("point_text"), off=4)
            o.entry(4, "points_style", say("points_style"), _doc(MeasureGroup, "points_style"), off=4)
    o.blank()
    o.entry(0, "shortcomings", comment=_doc(Report, "shortcomings"))
    o.entry(2, "items", comment=say("shortcoming_items", doc=_doc(Section, "items")))
    o.item(4, None)
    o.item(4, None)
    o.entry(2, "causes", comment=_doc(Shortcomings, "causes"), off=2)
    for key in ("duties", "plans"):
        o.blank()
        o.entry(0, key, comment=say("plans", doc=_doc(Report, key), next=year + 1) if key == "plans" else _doc(Report, key))
        o.entry(2, "items", comment=_doc(Section, "items"))
        o.entry(4, "heading", None, say("item_heading"), item=True)
        o.entry(6, "text", None, say("item_text"))
    o.blank()
    o.entry(0, "other", comment=_doc(Report, "other"), off=0)
    o.entry(2, "items", off=0)
    o.entry(4, "heading", item=True, off=0)
    o.entry(6, "text", off=0)
    return o.text()


def _flow(row: dict) -> str:
    """A mapping on one line, as YAML flow style: ``{part: 举措, heading: …}``."""
    return yaml.safe_dump(row, allow_unicode=True, default_flow_style=True, sort_keys=False, width=float("inf")).strip()


def schema_json() -> str:
    """The JSON Schema of the input, with the Chinese field descriptions."""
    schema = Report.model_json_schema(schema_generator=InputJsonSchema)
    schema["title"] = "法治政府建设年度报告输入"
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    # Name the standard metrics, so an editor completes them and shows their unit.
    metrics = schema["properties"]["metrics"]
    metrics["properties"] = {
        m.id: {"$ref": "#/$defs/MetricValue", "description": f"{m.label}（{m.unit}）"} for m in standard_metrics()
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
