"""`reportgen init`: a YAML skeleton a clerk who reads no English can fill.

Every key carries a Chinese comment (with the unit for metrics), taken
from the model's field docstrings and the metric catalog, so the skeleton
never drifts from what ``validate`` accepts. Every value is left empty: the
draft shows 【待填：…】 until it is filled.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from generator.input.areas import areas
from generator.input.catalog import standard_metrics
from generator.input.model import InputJsonSchema, Level, MeasureGroup, Point, Report, ReportInfo, Section, Shortcomings
from generator.input.yamltext import COMMENT_COLUMN, width

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
    return (model.model_fields[name].description or "").replace("\n", " ")


def _line(indent: int, key: str, value: str, comment: str) -> str:
    head = " " * indent + f"{key}:" + (f" {value}" if value else "")
    if not comment:
        return head
    # YAML needs a space before a comment; align comments where the line is short.
    return head + " " * max(2, COMMENT_COLUMN - width(head)) + f"# {comment}"


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


def skeleton(locality: str, year: int, level: Level | None = None, defaults: LocalityDefaults | None = None) -> str:
    """The YAML text of an empty input for ``locality`` and ``year``; with a
    locality folder's ``defaults``, its issuers, guidance and headings are
    used rather than asked for."""
    level = level or guess_level(locality)
    defaults = defaults or LocalityDefaults(slug="")
    headings = {area.id: defaults.headings.get(area.id, area.heading) for area in areas()}
    if defaults.issuers:
        issuer_lines = [_line(2, "# issuers", "", "发文机关署名：沿用地方模板（" + "、".join(defaults.issuers) + "），要改时去掉 # 并填写")]
    else:
        issuer_lines = [_line(2, "issuers", "", _doc(ReportInfo, "issuers")), f"    - {default_issuer(locality, level)}"]
    if defaults.guidance:
        from generator.input.locality import YEAR_FIELD

        guidance = "、".join(g.replace(YEAR_FIELD, str(year)) for g in defaults.guidance)
        guidance_line = _line(2, "# guidance", "[]", f"指导文件：沿用地方模板（{guidance}）")
    else:
        guidance_line = _line(2, "guidance", "[]", _doc(ReportInfo, "guidance"))
    templates_lines = [_line(2, "templates", defaults.slug, "地方模板：署名、指导文件、标题写法等沿用该文件夹")] if defaults.slug else []
    out: list[str] = [
        f"# yaml-language-server: $schema={SCHEMA_FILE}",
        f"# {locality}{year}年度法治政府建设工作情况报告 —— 输入文件",
        "#",
        "# 填写说明：",
        "#   · 冒号用半角“:”，冒号后空一格；缩进用空格（每级两个），不要用 Tab 键。",
        "#   · 暂时不知道的内容留空即可，草稿中显示为【待填：……】；reportgen validate 会列出所有待填项。",
        "#   · 序号（一、（一）、1.、一是）和标题中的年份由程序生成，不要自己写。",
        "#   · 正文中用 {指标名称} 引用指标数值，如“合法性审查行政机关合同{合同审查}”，会显示为“……51份”。",
        "#   · 本年度没有的内容（如某项指标），整行删去即可。",
        "",
        "report:" + " " * 20 + f"# {Report.model_fields['report'].description}",
        _line(2, "locality", locality, _doc(ReportInfo, "locality")),
        _line(2, "level", level, _doc(ReportInfo, "level")),
        _line(2, "year", str(year), _doc(ReportInfo, "year")),
        *templates_lines,
        *issuer_lines,
        _line(2, "date", "", f"成文日期，写作 {year + 1}-02-26"),
        _line(2, "addressee", "", _doc(ReportInfo, "addressee")),
        guidance_line,
        _line(2, "opening", "", _doc(ReportInfo, "opening")),
        "",
        "metrics:" + " " * 20 + f"# {Report.model_fields['metrics'].description}（填数字；约数写作 \"800余\" \"约120\"）",
    ]
    by_area: dict[str, list] = {}
    for metric in standard_metrics():
        by_area.setdefault(metric.area, []).append(metric)
    for area in areas():
        metrics = by_area.get(area.id, [])
        if not metrics:
            continue
        out.append(f"  # —— {area.id}：{headings[area.id]} ——")
        for metric in metrics:
            comment = f"{metric.label}（{metric.unit}）"
            if metric.derived:
                comment += "；可不填，由程序按分子÷分母计算"
            out.append(_line(2, metric.id, "", comment))
    out += [
        "",
        "measures:" + " " * 19 + f"# {Report.model_fields['measures'].description}；没有内容的领域整段删去",
    ]
    for area in areas():
        first = area.order == 0
        out += [
            _line(2, "- area", area.id, _doc(MeasureGroup, "area") if first else area.name),
            _line(4, "heading", "", f"小节标题（一句话，不写序号）；不写则为“{headings[area.id]}”"),
            _line(4, "text", "", _doc(MeasureGroup, "text") if first else "正文，每行一段"),
        ]
        if first:
            out += [
                "    # points:                # " + _doc(MeasureGroup, "points"),
                "    #   - heading: 小标题    # " + _doc(Point, "heading"),
                "    #     text: 正文",
                "    # points_style: 一是     # " + _doc(MeasureGroup, "points_style"),
            ]
    out += [
        "",
        "shortcomings:" + " " * 15 + f"# {Report.model_fields['shortcomings'].description}",
        _line(2, "items", "", _doc(Section, "items") + "；每条一项，写明不足及其原因"),
        "    -",
        "    -",
        _line(2, "# causes", "", _doc(Shortcomings, "causes")),
        "",
        "duties:" + " " * 21 + f"# {Report.model_fields['duties'].description}",
        _line(2, "items", "", _doc(Section, "items")),
        "    - heading:              # 小标题（一句话，不写序号）",
        "      text:                 # 正文",
        "",
        "plans:" + " " * 22 + f"# {Report.model_fields['plans'].description}（{year + 1}年）",
        _line(2, "items", "", _doc(Section, "items")),
        "    - heading:              # 小标题（一句话，不写序号）",
        "      text:                 # 正文",
        "",
        "# other:                     # " + (Report.model_fields["other"].description or ""),
        "#   items:",
        "#     - heading:",
        "#       text:",
        "",
    ]
    return "\n".join(out)


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
