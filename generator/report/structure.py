"""The report's structure: which first-level parts, in what order, holding
what, under which areas.

A report lists its parts in ``parts`` (else its locality's list, else the
five parts of the 督察工作规定, each shown only when written). This module
resolves that list once, for the context (what to render) and for the
checks (what is missing, misplaced or cannot be rendered), so the two never
disagree.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import Finding
from generator.input.areas import Area, AreaSet, area_set, editions
from generator.input.catalog import metric_catalog
from generator.input.loading import Source, YamlPath
from generator.input.model import MeasureGroup, Part, Report, Section
from generator.input.parts import StandardPart, fill_years, part_by_id, standard_parts

# A year typed in a heading (a placeholder such as {年度} is how a year gets in).
_TYPED_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")


@dataclass(frozen=True)
class PlannedPart:
    """One first-level part as the report will have it.

    ``standard`` is the 督察工作规定 part it is (None for a part of the
    clerk's own); ``spec`` the clerk's (or the locality's) entry in
    ``parts``; ``path`` where that entry is in the YAML; ``listed`` whether a
    list named it (a listed part is shown even when empty, with a gap).
    """

    standard: StandardPart | None
    spec: Part | None
    path: YamlPath
    listed: bool

    @property
    def key(self) -> str:
        """The templates' key: measures, shortcomings, duties, plans, other, or own."""
        return self.standard.key if self.standard else "own"

    @property
    def holds_measures(self) -> bool:
        """Whether （一） subsections of measures go in this part."""
        return self.key == "measures" or bool(self.spec and self.spec.measures)

    def groups(self, report: Report) -> list[tuple[YamlPath, MeasureGroup]]:
        """The measure subsections of this part with their YAML paths."""
        if self.key == "measures":
            return [(("measures", i), g) for i, g in enumerate(report.measures)]
        if self.spec is not None:
            return [((*self.path, "measures", i), g) for i, g in enumerate(self.spec.measures)]
        return []

    def section(self, report: Report) -> Section | None:
        """The section (不足, 职责, 安排, 其他) this part shows, if it is one."""
        if self.key in ("measures", "own"):
            return None
        return getattr(report, self.key)


def report_areas(report: Report) -> AreaSet:
    """The areas this report may use: its 纲要 edition's, the common ones, its definitions."""
    info = report.report
    definitions = [
        Area(id=a.id, name=a.name or a.heading, heading=a.heading, order=0, takes=tuple(a.takes))
        for a in report.area_definitions
    ]
    return area_set(info.year, info.outline, definitions)


def planned_parts(report: Report) -> list[PlannedPart]:
    """The report's parts in order. Without a list, the standard parts that
    have content (measures: subsections or metrics)."""
    if report.parts is not None:
        by_id = part_by_id()
        return [
            PlannedPart(by_id.get(spec.part or ""), spec, ("parts", i), listed=True) for i, spec in enumerate(report.parts)
        ]
    planned = []
    for standard in standard_parts():
        if standard.key == "measures":
            present = bool(report.measures) or bool(report.metrics)
        else:
            present = getattr(report, standard.key) is not None
        if present:
            planned.append(PlannedPart(standard, None, (), listed=False))
    return planned


def _suggest(word: str, options: list[str]) -> str:
    guess = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"是不是“{guess[0]}”？" if guess else ""


def check_areas(source: Source) -> Iterator[Finding]:
    """Every area written is one of the report's edition, a common one, or defined."""
    report = source.report
    known = report_areas(report)
    edition = known.edition
    options = "、".join(known.ids)
    where: list[tuple[YamlPath, str]] = [(("measures", i, "area"), g.area) for i, g in enumerate(report.measures)]
    for i, spec in enumerate(report.parts or ()):
        where += [(("parts", i, "measures", j, "area"), g.area) for j, g in enumerate(spec.measures)]
    where += [(("metric_definitions", i, "area"), m.area) for i, m in enumerate(report.metric_definitions)]
    # An area may take in the metrics of any edition's area (the catalog's are the newest edition's).
    anywhere = {a.id for e in editions() for a in e.areas} | set(known.by_id)
    taken = [(("area_definitions", i, "takes"), t) for i, d in enumerate(report.area_definitions) for t in d.takes]
    for path, area in where + [(p, t) for p, t in taken if t not in anywhere]:
        if area in known.by_id:
            continue
        other = next((e for e in editions() if e is not edition and area in {a.id for a in e.areas}), None)
        hint = _suggest(area, known.ids)
        if other is not None:
            hint = (
                f"“{area}”是{other.name}的领域；本报告（{report.report.year}年）按{edition.name}。"
                f"要按{other.name}分节，在 report 中写 outline: {other.id}。"
            )
        yield source.finding(
            "error",
            f"“所属领域”只能填写：{options}",
            path,
            hint or "纲要之外单列一节的领域（如“疫情防控”），先在 area_definitions 中定义。",
        )


def check_parts(source: Source) -> Iterator[Finding]:
    """The part list can be rendered, and the content the 督察工作规定 requires
    is there: as a part of its own, or inside another part (said where)."""
    report = source.report
    planned = planned_parts(report)
    seen: dict[str, YamlPath] = {}
    for part in planned:
        spec = part.spec
        if spec is None:
            continue
        if part.standard is None:
            if not spec.heading:
                yield source.finding(
                    "error", "自拟的部分须写标题（heading）", part.path, "标准部分写 part: 举措/不足/职责/安排/其他；自拟的部分写 heading。"
                )
        else:
            if part.standard.id in seen:
                yield source.finding(
                    "error",
                    f"“{part.standard.id}”部分在 parts 中写了两次",
                    part.path,
                    "每个标准部分只能出现一次；举措分在几个部分中时，另写自拟的部分（heading 和 measures）。",
                )
            seen[part.standard.id] = part.path
            misplaced = [k for k in ("measures", "items", "style") if getattr(spec, k)]
            if part.key != "measures":
                misplaced += [k for k in ("intro", "outro", "layout") if getattr(spec, k)]
            for key in misplaced:
                home = "measures" if part.key == "measures" else part.standard.key
                yield source.finding(
                    "error",
                    f"“{part.standard.id}”部分的内容不写在 parts 中",
                    (*part.path, key),
                    f"{part.standard.name}的内容写在顶层的 {home} 中；parts 只写部分的顺序和标题。",
                )
        if spec.heading and _TYPED_YEAR.search(spec.heading):
            yield source.finding(
                "warning",
                f"标题“{spec.heading[:30]}”中直接写了年份",
                (*part.path, "heading"),
                "年份请写作 {年度}（报告年度）或 {下一年度}，生成时按报告年度计算，明年沿用时不会写错。",
            )
    if report.parts is not None and report.measures and not any(p.key == "measures" for p in planned):
        yield source.finding(
            "error",
            "写了 measures（主要举措和成效），但 parts 中没有“举措”部分",
            ("measures",),
            "在 parts 中加上“- 举措”，或把这些小节写在自拟部分的 measures 中。",
        )
    yield from _required(source, planned)



def _texts_of(part: PlannedPart, report: Report) -> Iterator[str]:
    spec = part.spec
    for text in (spec.heading, spec.intro, spec.outro) if spec else ():
        if text:
            yield text
    for _, group in part.groups(report):
        yield from (t for t in (group.heading, group.text) if t)
        for point in group.points:
            yield from (t for t in (point.heading, point.text) if t)
    section = part.section(report)
    items = list(section.items) if section else list(spec.items if spec else ())
    for text in (section.intro, section.outro) if section else ():
        if text:
            yield text
    for point in items:
        yield from (t for t in (point.heading, point.text) if t)


def _required(source: Source, planned: list[PlannedPart]) -> Iterator[Finding]:
    """Each required standard part: its own part; else a part that says it
    covers it, or whose text has its words (a note saying where); else missing."""
    report = source.report
    own = {p.standard.id for p in planned if p.standard}
    for standard in standard_parts():
        if not standard.required or standard.id in own:
            continue
        if standard.key == "measures":
            holders = [p for p in planned if p.holds_measures]
            if holders:
                continue  # themed parts hold the measures
        else:
            holders = [p for p in planned if p.spec and standard.id in p.spec.covers]
            if not holders and standard.words:
                holders = [p for p in planned if any(w in t for t in _texts_of(p, report) for w in standard.words)]
        if holders:
            where = "、".join(_heading_of(p, report) for p in holders)
            yield source.finding(
                "note",
                f"{standard.name}没有单列一个部分，写在“{where}”中",
                holders[0].path,
                f"如需单列，在 parts 中加上“- {standard.id}”并写 {standard.key}。",
            )
            continue
        yield source.finding(
            "warning",
            f"缺少报告必备的部分：{standard.name}（{standard.key}）",
            (),
            "《法治政府建设与责任落实督察工作规定》要求年度报告包括这一部分；已写在别的部分中的，在该部分写 covers: "
            f"[{standard.id}]。草稿可以先不写，定稿（--strict）时必须补上。",
        )


def _heading_of(part: PlannedPart, report: Report) -> str:
    if part.spec and part.spec.heading:
        return fill_years(part.spec.heading, report.report.year)[:24]
    return part.standard.name if part.standard else ""


def unplaced_metrics(report: Report) -> bool:
    """Whether metrics would have nowhere to go (no part holds measures)."""
    return bool(report.metrics) and not any(p.holds_measures for p in planned_parts(report))


def catalog_areas(report: Report) -> dict[str, str]:
    """The area of every metric the report may use."""
    return {m.id: m.area for m in metric_catalog(report).values()}
