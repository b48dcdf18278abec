"""Derived values: from a validated ``Report`` to what the templates see.

Everything computed lives here: next year, the date in words, rates,
formatted numbers with their units, the numbering of the parts present,
metric citations in the clerk's text, and the 【待填：…】 placeholder of
every gap (listed again by ``validate``). The text is data: citations are
replaced by this module, never by Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypedDict

from generator.input.areas import Area, AreaSet
from generator.input.catalog import metric_catalog
from generator.input.model import MeasureGroup, MetricDefinition, MetricValue, Point, Report, Section, Shortcomings
from generator.input.parts import fill_years
from generator.report.carried import CARRIED_CLOSE, mark_carried, still_carried
from generator.report.followups import answers_shortcoming, owed
from generator.report.numbers import approximate, cn_numeral, format_date, format_number, format_rate, yuan_to_wan
from generator.report.punctuation import ensure_end, normalize, one_line, strip_end
from generator.report.structure import PlannedPart, planned_parts, report_areas
from generator.report.texts import CITATION
from generator.report.values import WAN, reported, stated_in_wan, unit_of
from generator.report.yoy import Change, Wording, compare

# The part of the report each key stands for, in the order of the
# 督察工作规定's article on annual reports.
PART_ORDER = ("measures", "shortcomings", "duties", "plans", "other")
SECTION_NAMES = {
    "shortcomings": "存在的不足和原因",
    "duties": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "plans": "下一年度主要安排",
    "other": "其他需要报告的情况",
}
DEFAULT_STYLE = {"shortcomings": "一是"}  # the items of the other sections default to （一）
# An opening that already ends with its own closing sentence ("……报告如下：").
_OWN_OPENING_END = re.compile(r"如下[：:。]?$")
HIGHLIGHT = "——"  # a highlight line of an opening ("——成功创建……"): kept as typed

_SELF_NAME = {"乡": "我乡", "镇": "我镇", "街道": "我街道", "县": "我县", "区": "我区", "市": "我市", "部门": "我单位"}


def placeholder(what: str) -> str:
    """The mark of a gap in the draft."""
    return f"【待填：{what}】"


@dataclass
class Gap:
    """A value the clerk has still to fill, and where."""

    what: str
    path: tuple[str | int, ...]

    @property
    def mark(self) -> str:
        """The placeholder shown in the draft."""
        return placeholder(self.what)


@dataclass
class MetricView:
    """A metric as templates see it: the value formatted with its unit."""

    id: str
    label: str
    unit: str
    kind: str
    area: str
    value: float | int | None
    text: str  # "51份", "800余条", "97.5%" or the placeholder
    gap: bool
    parts_text: str = ""
    last_year_text: str = ""
    last_year_value: float | int | None = None
    yoy: Change | None = None  # this year against last year, when both are known

    @property
    def compared(self) -> bool:
        """Whether the automatic sentence states the comparison (last year not 0, value exact)."""
        return self.yoy is not None and self.yoy.comparable


@dataclass
class Item:
    """A point or section item: its heading and its paragraphs (the first runs in)."""

    heading: str
    lines: list[str]

    @property
    def text(self) -> str:
        """All paragraphs as one run of text (for items run together in one paragraph)."""
        return "".join(self.lines)


@dataclass
class GroupView:
    """One （一） subsection of the measures: ``layout`` 接排 (run in) or
    单独一行 (a heading line); ``points_style`` 一是, 一是分段, 1. or 分段."""

    area: Area
    heading: str
    lines: list[str]
    points: list[Item]
    points_style: str
    metrics: list[MetricView] = field(default_factory=list)  # not cited in any text
    layout: str = "接排"

    @property
    def runs_on(self) -> bool:
        """Whether template words (一是… points, the metric sentence) follow the text in its last paragraph."""
        return self.points_style == "一是" and bool(self.points or self.metrics)


@dataclass
class SectionView:
    """A part of the report made of an intro, items and an outro (each a
    list of paragraphs; ``intro``/``outro`` the same run together)."""

    intro: str
    items: list[Item]
    style: str
    outro: str
    causes: list[Item] = field(default_factory=list)
    progress: list[Item] = field(default_factory=list)  # 不足 only: progress on last year's, not this year's
    intro_lines: list[str] = field(default_factory=list)
    outro_lines: list[str] = field(default_factory=list)
    layout: str = "接排"


@dataclass
class PartView:
    """One first-level part: its number and heading (years filled), the
    paragraphs before its first （一） and after its last, and its content:
    measure subsections (``groups``) and/or a section."""

    key: str  # measures, shortcomings, duties, plans, other, or own
    id: str  # 举措, 不足, 职责, 安排, 其他; "" for a part of the clerk's own
    number: str
    heading: str
    intro_lines: list[str] = field(default_factory=list)
    outro_lines: list[str] = field(default_factory=list)
    groups: list[GroupView] = field(default_factory=list)
    section: SectionView | None = None


class Opening(TypedDict):
    """The opening paragraph: the clerk's paragraphs (``given`` False when the
    input has none; none at all when written “无”) and the closing sentence:
    ``end`` None for the template's default, "" for none."""

    given: bool
    paragraphs: list[str]
    end: str | None


class ReportView(TypedDict):
    """``report`` in the templates: the report's own facts, as worded in the draft."""

    locality: str
    level: str
    self_name: str  # 我镇, 我街道, 我单位
    year: int
    next_year: int
    title: str  # the clerk's title, "" for the template's
    addressee: str
    opening: str
    guidance: list[str]
    issuers: list[str]
    date: str  # 2024年2月26日, or the gap's placeholder


class TemplateContext(TypedDict):
    """Everything a template sees (README, 模板变量). The sections are also
    under ``parts``; each is None when the report does not have it."""

    report: ReportView
    opening: Opening
    parts: list[PartView]
    numbers: dict[str, str]  # the 一、二、… of each standard part present, "" for one absent
    measures: list[GroupView]
    shortcomings: SectionView | None
    duties: SectionView | None
    plans: SectionView | None
    other: SectionView | None
    metrics: dict[str, MetricView]


@dataclass
class Derived:
    """What ``build_context`` derives from a report: the templates' context,
    and beside it what ``validate`` lists."""

    context: TemplateContext
    gaps: list[Gap]  # every 【待填】 of the draft, with where to fill it
    unplaced: list[str]  # metrics no part of the report can take
    created: list[tuple[str, str]]  # (metric id, heading) of groups made for an uncited metric alone


class _Builder:
    def __init__(self, report: Report, wording: Wording, headings: Mapping[str, str] | None = None) -> None:
        self.report = report
        self.areas: AreaSet = report_areas(report)
        style = report.style
        self.layout = (style.subsections if style else None) or "接排"
        self.points_style = (style.points if style else None) or "一是"
        self.headings = dict(headings or {})  # a locality's wording per area id
        self.catalog = metric_catalog(report)
        self.gaps: list[Gap] = []
        self.metrics: dict[str, MetricView] = {}
        self.cited: set[str] = set()
        self.created: list[tuple[str, str]] = []  # (metric id, heading) of groups made for an uncited metric alone
        self.wording = wording

    # --- metrics ----------------------------------------------------------
    def _format(self, definition: MetricDefinition, value: float | int, approx: str | None, unit: str) -> str:
        return approximate(format_rate(value) if definition.kind == "rate" else format_number(value), approx, unit)

    def metric(self, metric_id: str, cited_at: tuple[str | int, ...] = ()) -> MetricView | None:
        """The view of one metric, building (and recording its gap) once. A gap
        points at the metric in the YAML, or, where the YAML does not list it,
        at the text that cites it."""
        if metric_id in self.metrics:
            return self.metrics[metric_id]
        definition = self.catalog.get(metric_id)
        if definition is None:
            return None
        entry = self.report.metrics.get(metric_id)
        value = reported(self.report, definition)
        unit = unit_of(self.report, definition)
        in_wan = stated_in_wan(definition, unit, value)
        last = reported(self.report, definition, last_year=True)
        yoy = None
        if value is not None and last is not None:
            shown_unit, divisor = ("万元", WAN) if in_wan else (unit, 1)
            yoy = compare(value, last, definition.kind, shown_unit, approx=bool(entry and entry.approx), divisor=divisor)
        if in_wan:
            value, unit = yuan_to_wan(value), "万元"  # type: ignore[arg-type]
            last = yuan_to_wan(last) if last is not None else None
        label = normalize(definition.label)
        if value is None:
            gap = Gap(f"{label}（{unit}）", self._where(metric_id, cited_at))
            self.gaps.append(gap)
            text, is_gap = gap.mark, True
        else:
            text, is_gap = self._format(definition, value, entry.approx if entry else None, unit), False
        view = MetricView(
            id=metric_id,
            label=label,
            unit=unit,
            kind=definition.kind,
            area=definition.area,
            value=value,
            text=text,
            gap=is_gap,
            parts_text=self._parts(definition, entry, unit),
            last_year_text=self._format(definition, last, None, unit) if last is not None else "",
            last_year_value=last,
            yoy=yoy,
        )
        self.metrics[metric_id] = view
        return view

    def _where(self, metric_id: str, cited_at: tuple[str | int, ...]) -> tuple[str | int, ...]:
        return ("metrics", metric_id) if metric_id in self.report.metrics or not cited_at else cited_at

    def _parts(self, definition: MetricDefinition, entry: MetricValue | None, unit: str) -> str:
        if not entry or not entry.parts:
            return ""
        texts = []
        for name, part in entry.parts.items():
            if part is None:
                gap = Gap(f"{definition.label}中的{name}（{unit}）", ("metrics", definition.id, "parts", name))
                self.gaps.append(gap)
                texts.append(normalize(name) + gap.mark)
            else:
                texts.append(normalize(name) + self._format(definition, part, None, unit))
        return "，".join(texts)

    # --- text -------------------------------------------------------------
    def text(self, raw: str, path: tuple[str | int, ...] = ()) -> str:
        """The clerk's text: punctuation normalized, metric citations replaced."""

        def cite(match: re.Match[str]) -> str:
            view = self.metric(match.group(1), path)
            if view is None:
                return match.group(0)  # reported by checks as an unknown metric
            self.cited.add(view.id)
            if match.group(2) == "parts":
                return view.parts_text
            if match.group(2) in ("last_year", "yoy", "change"):
                if view.last_year_value is None:
                    gap = Gap(f"{view.label}上年度数值（{view.unit}）", self._where(view.id, path))
                    if all(g.what != gap.what for g in self.gaps):
                        self.gaps.append(gap)
                    return gap.mark
                if match.group(2) == "last_year":
                    return view.last_year_text
                entry = self.report.metrics.get(view.id)
                if entry is not None and entry.approx:
                    # No 同比 from "800余": the percentage would be made up.
                    gap = Gap(
                        f"{view.label}同比（本年数是约数，不能算同比：请填准确数或改写）",
                        self._where(view.id, path),
                    )
                    if all(g.what != gap.what for g in self.gaps):
                        self.gaps.append(gap)
                    return gap.mark
                if view.yoy is None:  # this year's value is the gap, listed already
                    return placeholder(f"{view.label}同比")
                return self.wording(match.group(2), view.yoy)
            return view.text

        return CITATION.sub(cite, normalize(fill_years(raw, self.report.report.year)))

    def lines(
        self, raw: str | None, path: tuple[str | int, ...], what: str, *, runs_on: bool = False, carried: bool = False
    ) -> list[str]:
        """Paragraphs of a text field (one a line), or a placeholder for an empty one.
        With ``runs_on``, template words follow the last line in its paragraph:
        its own ending (a comma, a colon) is the clerk's and stays;
        ``carried``: last year's wording not yet edited, marked for the writers to highlight."""
        if raw is None or not raw.strip():
            gap = Gap(what, path)
            self.gaps.append(gap)
            return [gap.mark]
        paragraphs = self.paragraphs(raw, path, runs_on=runs_on)
        return [mark_carried(p) for p in paragraphs] if carried else paragraphs

    def paragraphs(self, raw: str | None, path: tuple[str | int, ...], *, runs_on: bool = False) -> list[str]:
        """The paragraphs of an optional text (none when it is empty); a
        highlight line (——…) keeps its ending as typed."""
        texts = [self.text(line, path) for line in (raw or "").splitlines() if line.strip()]
        out = []
        for i, text in enumerate(texts):
            if text.startswith(HIGHLIGHT):
                out.append(text)
            else:
                out.append(ensure_end(text, runs_on=runs_on and i == len(texts) - 1))
        return out

    def heading(self, raw: str | None) -> str:
        """A heading sentence: years filled, citations replaced, no final mark (the template adds it)."""
        return strip_end(one_line(self.text(raw))) if raw else ""

    def owing(self, node: Point | MeasureGroup, what: str) -> str:
        """What an empty text stands for: the reply a carried stub owes to last
        year's plan or shortcoming, or a rewrite of last year's draft."""
        if node.answers:
            return owed(self.report, node.answers)
        if node.draft:
            return f"{what}（参考上年度原文改写）"
        return what

    def item(self, point: Point, path: tuple[str | int, ...], what: str) -> Item:
        heading = self.heading(point.heading)
        if point.text is None and heading and not (point.answers or point.draft):
            # A heading sentence alone is a complete item (last year's, if carried and not edited).
            return Item(heading=mark_carried(heading) if still_carried(point) else heading, lines=[])
        what = self.owing(point, f"{heading or what}的内容")
        return Item(heading=heading, lines=self.lines(point.text, (*path, "text"), what, carried=still_carried(point)))

    # --- parts ------------------------------------------------------------
    def groups(self, planned: PlannedPart, layout: str) -> list[GroupView]:
        """The （一） subsections of one part, in the input's order (纲要 order if asked)."""
        pairs = planned.groups(self.report)
        if self.report.measures_order == "纲要":
            pairs = sorted(pairs, key=lambda pair: self.areas.get(pair[1].area).order)
        return [self.group(path, g, layout) for path, g in pairs]

    def area_heading(self, area: Area) -> str:
        """The heading of an area's group when the input gives none: the locality's, else the default."""
        return self.heading(self.headings[area.id]) if self.headings.get(area.id) else self.heading(area.heading)

    def group(self, path: tuple[str | int, ...], group: MeasureGroup, layout: str) -> GroupView:
        area = self.areas.get(group.area)
        heading = self.heading(group.heading) or self.area_heading(area)
        points = [self.item(p, (*path, "points", j), f"{heading}第{j + 1}条") for j, p in enumerate(group.points)]
        style = group.points_style or self.points_style
        if group.text is None and points and not group.draft:  # the points carry it (their own gaps if empty)
            lines: list[str] = []
        else:
            what = self.owing(group, f"{heading}的具体举措和成效")
            lines = self.lines(group.text, (*path, "text"), what, runs_on=True, carried=still_carried(group))
        return GroupView(
            area=area, heading=heading, lines=lines, points=points, points_style=style, layout=group.layout or layout
        )

    def section(
        self, section: Section | None, key: str, what: str, *, listed: bool = False, path: tuple[str | int, ...] = ()
    ) -> SectionView | None:
        """A section's view (at ``path`` in the YAML, else at ``key``); a listed
        section the input does not write is a gap."""
        if section is None:
            if not listed:
                return None
            section = Section()
        path = path or (key,)
        style = section.style or DEFAULT_STYLE.get(key, "（一）")
        items = [self.item(p, (*path, "items", j), f"{what}第{j + 1}条") for j, p in enumerate(section.items)]
        causes: list[Item] = []
        progress: list[Item] = []
        if isinstance(section, Shortcomings):
            causes = [self.item(p, (*path, "causes", j), f"原因第{j + 1}条") for j, p in enumerate(section.causes)]
            # An item answering last year's 不足 (init --from) tells what became of it: the
            # template says so in a lead-in, apart from the list of this year's shortcomings.
            answering = [bool(p.answers) and answers_shortcoming(self.report, p.answers) for p in section.items]
            progress = [item for item, a in zip(items, answering) if a]
            items = [item for item, a in zip(items, answering) if not a]
        intro = self.paragraphs(section.intro, (*path, "intro"), runs_on=style == "一是" and bool(items))
        if not items and not progress and not intro:
            gap = Gap(what, path)
            self.gaps.append(gap)
            intro = [gap.mark]
        outro = self.paragraphs(section.outro, (*path, "outro"))
        return SectionView(
            intro="".join(intro),
            items=items,
            style=style,
            outro="".join(outro),
            causes=causes,
            progress=progress,
            intro_lines=intro,
            outro_lines=outro,
            layout=section.layout or self.layout,
        )

    def part(self, planned: PlannedPart) -> PartView:
        """One part's view (unnumbered: numbers are given once all parts are known)."""
        spec = planned.spec
        standard = planned.standard
        level = self.report.report.level
        heading_raw = (spec.heading if spec else None) or (standard.default_heading(level) if standard else "")
        layout = (spec.layout if spec else None) or self.layout
        view = PartView(key=planned.key, id=standard.id if standard else "", number="", heading=self.heading(heading_raw))
        if spec is not None:
            view.intro_lines = self.paragraphs(spec.intro, (*planned.path, "intro"))
            view.outro_lines = self.paragraphs(spec.outro, (*planned.path, "outro"))
        if planned.holds_measures:
            view.groups = self.groups(planned, layout)
        if planned.key == "own" and spec is not None and spec.items:
            own = Section(items=spec.items, style=spec.style, layout=spec.layout)
            view.section = self.section(own, "own", view.heading, path=planned.path)
        elif planned.key not in ("measures", "own"):
            name = SECTION_NAMES[planned.key]
            view.section = self.section(planned.section(self.report), planned.key, name, listed=planned.listed)
        return view

    def attach_uncited_metrics(self, parts: list[PartView]) -> list[str]:
        """Metrics no text cites get a sentence in their area's group (a new
        group with the area's default heading when the area has none, in the
        measures part, else the last part holding subsections). Returns the
        ids of metrics no part can take."""
        wanted = list(self.report.metrics)
        for definition in self.catalog.values():
            # A derived rate joins the sentence of its inputs; where the text
            # cites both inputs, the clerk wrote that passage and it stays theirs.
            inputs = (definition.numerator, definition.denominator)
            if definition.derived and all(i in self.report.metrics for i in inputs) and not all(i in self.cited for i in inputs):
                wanted.append(definition.id)
        holders = [p for p in parts if p.key == "measures"] or [p for p in parts if p.groups]
        unplaced: list[str] = []
        catalog_order = {metric_id: i for i, metric_id in enumerate(self.catalog)}
        for metric_id in sorted(dict.fromkeys(wanted), key=lambda m: catalog_order.get(m, len(catalog_order))):
            if metric_id in self.cited:
                continue
            view = self.metric(metric_id)
            if view is None:
                continue  # unknown id: reported by checks
            groups = [g for p in parts for g in p.groups]
            home = self.areas.home(view.area, [g.area.id for g in groups])
            target = next((g for g in groups if g.area.id == home), None)
            if target is None:
                if not holders:
                    unplaced.append(metric_id)
                    continue
                area = self.areas.get(home)
                target = GroupView(
                    area=area, heading=self.area_heading(area), lines=[], points=[], points_style=self.points_style, layout=self.layout
                )
                holder = holders[-1]
                holder.groups.append(target)
                self.created.append((metric_id, target.heading))
                if self.report.measures_order == "纲要":
                    holder.groups.sort(key=lambda g: g.area.order)
            target.metrics.append(view)
        return unplaced

    def opening(self) -> Opening:
        """The opening: the clerk's paragraphs (``given``; none when written “无”) and
        the closing sentence: ``end`` None for the template's default, "" for none."""
        info = self.report.report
        end: str | None = None
        if info.opening_end is not None:
            end = one_line(self.text(info.opening_end, ("report", "opening_end"))) if info.opening_end else ""
        if info.opening is None:
            return {"given": False, "paragraphs": [], "end": end}
        if info.opening == "" and end is None:
            end = ""  # “无”: no opening at all, unless a closing sentence is written
        paragraphs = self.paragraphs(info.opening, ("report", "opening"), runs_on=end != "")
        if end is None and paragraphs and _OWN_OPENING_END.search(paragraphs[-1]):
            end = ""  # the clerk wrote the closing sentence in the opening
        if end == "" and paragraphs:
            paragraphs[-1] = _end_paragraph(paragraphs[-1])
        return {"given": True, "paragraphs": paragraphs, "end": end}


def _end_paragraph(line: str) -> str:
    """A paragraph's last sentence ended (inside the mark of carried wording, if it has one)."""
    if line.endswith(CARRIED_CLOSE):
        return _end_paragraph(line[: -len(CARRIED_CLOSE)]) + CARRIED_CLOSE
    return line if line.startswith(HIGHLIGHT) else ensure_end(line)


def _finish(group: GroupView) -> None:
    """The last paragraph of a group's text ends in a full stop unless template words follow it."""
    if group.lines and not group.runs_on:
        group.lines[-1] = _end_paragraph(group.lines[-1])


def build_context(report: Report, *, wording: Wording, headings: Mapping[str, str] | None = None) -> Derived:
    """The template context of one report, its gaps and the metrics no part can take.

    ``wording`` words {指标.yoy} and {指标.change} in the clerk's text (the
    templates' _yoy.j2 on the input's search path, see
    ``generator.render.templating.yoy_wording``).
    ``headings`` is a locality's heading wording per area id, for groups whose input gives none.
    """
    b = _Builder(report, wording, headings)
    info = report.report
    opening = b.opening()
    planned = planned_parts(report)
    parts = [b.part(p) for p in planned]
    unplaced = b.attach_uncited_metrics(parts)
    for p, view in zip(planned, parts):
        if p.key == "measures" and p.listed and not view.groups:
            gap = Gap("主要举措和成效", ("measures",))
            b.gaps.append(gap)
            view.intro_lines = view.intro_lines or [gap.mark]
    # Without a list, the measures part shows only when it has subsections.
    parts = [view for p, view in zip(planned, parts) if p.listed or view.key != "measures" or view.groups]
    for view in parts:
        for group in view.groups:
            _finish(group)
    for i, view in enumerate(parts):
        view.number = cn_numeral(i + 1)
    numbers = {key: "" for key in PART_ORDER}
    numbers.update({view.key: view.number for view in parts if view.key in numbers})
    measures = next((view.groups for view in parts if view.key == "measures"), [])
    sections = {key: next((view.section for view in parts if view.key == key), None) for key in SECTION_NAMES}
    if info.issuers:
        issuers = [one_line(normalize(x)) for x in info.issuers]
    else:
        gap = Gap("发文机关署名", ("report", "issuers"))
        b.gaps.append(gap)
        issuers = [gap.mark]
    if info.date:
        date_text = format_date(info.date)
    else:
        gap = Gap("成文日期", ("report", "date"))
        b.gaps.append(gap)
        date_text = gap.mark
    locality = one_line(normalize(info.locality))
    context: TemplateContext = {
        "report": {
            "locality": locality,
            "level": info.level,
            "self_name": _SELF_NAME[info.level],
            "year": info.year,
            "next_year": info.year + 1,
            "title": one_line(normalize(info.title)) if info.title else "",
            "addressee": one_line(normalize(info.addressee)) if info.addressee else "",
            "opening": "".join(opening["paragraphs"]),
            "guidance": [normalize(g) for g in info.guidance],
            "issuers": issuers,
            "date": date_text,
        },
        "opening": opening,
        "parts": parts,
        "numbers": numbers,
        "measures": measures,
        **sections,  # type: ignore[typeddict-item]  # the keys of SECTION_NAMES
        "metrics": b.metrics,
    }
    return Derived(context=context, gaps=b.gaps, unplaced=unplaced, created=b.created)
