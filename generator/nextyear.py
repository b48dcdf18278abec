"""`reportgen init --from`: next year's input, started from this year's.

What carries over, and how:
- locality, level, issuers, addressee, metric definitions, the order of
  the measures: as they are;
- every metric's value moves to ``last_year`` and ``value`` is left empty:
  the draft shows 【待填】 until it is filled, then the comparison (同比……);
- last year's arrangements (下一年度主要安排) and shortcomings go to
  ``last_year`` with ids (安排1, 不足1, …); each plan gets a stub group in
  the measures and each shortcoming a stub item, linked by ``answers``, so
  ``validate`` lists the ones not yet reported on (generator/followups.py);
- last year's measures, duties, plans and other matters are carried: the
  old text in ``text``, its years moved with the report, and beside it
  ``carried``, the fingerprint of what was copied (generator/report/carried.py):
  until the clerk edits it, the draft highlights it and ``validate`` lists it.
  A plan is carried as next year's plan, never as a measure (it was a promise);
  what became of it is asked by the stubs above. Last year's causes of
  shortcomings go to ``draft`` (never rendered), to be rewritten;
- the date is left empty; a title, heading or guidance still naming a past
  year after the move is not carried as text but shown in a comment.
The result is YAML with Chinese comments (worded in data/nextyear.yaml); it
validates and renders as it is. The clerk's own comments in last year's file
(generator/input/comments.py) come along, each above what it was about;
reportgen's own comments there are recognised by that same wording and not
carried twice.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any


from generator.input import areas
from generator.report.carried import fingerprint
from generator.report.followups import KINDS, carried
from generator.input.comments import Comment, Notes, comments
from generator.input.entrance import InputFile
from generator.input.loading import parse_yaml
from generator.input.model_errors import YamlPath
from generator.input.model import CarriedItem, MeasureGroup, Part, Point, Section
from generator.report.numbers import approximate, format_number
from generator.input.parts import year_fields
from generator.report.structure import report_areas
from generator.report.texts import move_year, move_years, names_year, stale_years
from generator.skeleton import SCHEMA_FILE, skeleton
from generator.input.yamltext import Wording, YamlText, same_words, scalar


def default_output(previous: Path, old_year: int, new_year: int) -> Path:
    """Where next year's input goes by default: beside last year's, its year
    in the name replaced (zhangqi-2023.yaml → zhangqi-2024.yaml)."""
    stem = previous.stem
    name = stem.replace(str(old_year), str(new_year)) if str(old_year) in stem else f"{stem}-{new_year}"
    return previous.with_name(name + previous.suffix)


say = Wording("nextyear")
"""A comment ``init --from`` writes, worded in data/nextyear.yaml, its {names} filled."""


def guess_area(item: CarriedItem) -> str:
    """The 纲要 area a plan most likely belongs to (``areas.guess_area``): the heading first, then the text."""
    return areas.guess_area(item.heading, item.text)[0]


class _Writer:
    """Writes the new year's YAML from last year's report."""

    def __init__(self, previous: InputFile, year: int, out_file: Path, notes: Sequence[Comment] = ()) -> None:
        report = previous.written  # the locality supplies its defaults to the new file again
        self.notes = Notes(list(notes))
        self.previous = previous
        self.out_file = out_file
        self.old = report
        self.old_year = report.report.year
        self.year = year
        self.source_name = previous.path.name
        self.out = YamlText()
        self.plans = carried(report.plans, KINDS["plans"][0])
        self.shortcomings = carried(report.shortcomings, KINDS["shortcomings"][0])

    def templates(self, name: str) -> str:
        """The locality as the new file must name it: a folder name as it is,
        a path made relative to where the new file goes."""
        folder = self.previous.locality_folder
        if folder is None or not ("/" in name or "\\" in name or name.startswith(".")):
            return name
        return Path(os.path.relpath(folder, self.out_file.resolve().parent)).as_posix()

    def write(self) -> str:
        self.header()
        self.info()
        self.metrics()
        self.measures()
        self.shortcomings_section()
        self.section("duties", self.old.duties)
        self.plans_section()
        if self.old.other is not None:
            self.section("other", self.old.other)
        self.last_year()
        rest = self.notes.rest()
        if rest:
            self.out.blank()
            self.out.comment(0, self.say("other_comments"))
            for text in rest:
                self.out.comment(0, text)
        return self.out.text()

    def say(self, key: str, **values: object) -> str:
        """A comment of the new file, worded in data/nextyear.yaml."""
        return say(key, old=self.old_year, new=self.year, next=self.year + 1, source=self.source_name, **values)

    def note(self, indent: int, path: YamlPath, *, deep: bool = True, exclude: tuple[YamlPath, ...] = ()) -> None:
        """The clerk's own comments of ``path`` in last year's file, written again here."""
        for text in self.notes.take(path, deep=deep, exclude=exclude):
            self.out.comment(indent, text)

    # --- parts -------------------------------------------------------------
    def header(self) -> None:
        o = self.out
        o.comment(0, f"yaml-language-server: $schema={SCHEMA_FILE}")
        o.comment(0, self.say("header", locality=self.old.report.locality))
        o.blank()

    def info(self) -> None:
        o, info = self.out, self.old.report
        self.note(0, ("report",), deep=False)
        o.entry(0, "report", comment=self.say("report"))
        self.note(2, ("report", "locality"))
        o.entry(2, "locality", info.locality, self.say("locality"))
        self.note(2, ("report", "level"))
        o.entry(2, "level", info.level, self.say("level"))
        self.note(2, ("report", "year"))
        o.entry(2, "year", self.year, self.say("year"))
        if info.templates:
            self.note(2, ("report", "templates"))
            o.entry(2, "templates", self.templates(info.templates), self.say("templates"))
        title = move_years(info.title, self.old_year, self.year) if info.title else None
        self.note(2, ("report", "title"))
        if title and not stale_years(title, self.year):
            o.entry(2, "title", title, self.say("title_moved" if title != info.title else "title"))
        elif info.title:
            o.comment(2, self.say("title_stale", title=info.title))
        self.note(2, ("report", "issuers"))
        if info.issuers or not info.templates:
            o.entry(2, "issuers", comment=self.say("issuers"))
            for issuer in info.issuers or []:
                o.item(4, issuer)
        self.note(2, ("report", "date"))
        o.entry(2, "date", None, self.say("date"))
        self.note(2, ("report", "addressee"))
        if info.addressee:
            o.entry(2, "addressee", info.addressee, self.say("addressee"))
        kept = [g for g in info.guidance if not names_year(g, self.old_year)]
        renamed = [move_year(g, self.old_year, self.year) for g in info.guidance if names_year(g, self.old_year)]
        self.note(2, ("report", "guidance"))
        if info.guidance:
            o.entry(2, "guidance", None if kept else [], self.say("guidance"))
        for document in kept:
            o.item(4, document)
        if renamed and kept:
            o.comment(2, self.say("guidance_more"))
            for document in renamed:
                o.comment(2, f"  - {document}")
        elif renamed:
            o.comment(2, self.say("guidance_instead"))
            o.comment(2, f"guidance: {scalar(renamed)}")
        if info.opening:
            o.comment(2, self.say("opening_before"))
            for line in info.opening.splitlines():
                o.comment(2, "  " + line)
        self.note(2, ("report",))  # the opening's, and any other
        if info.opening == "":
            o.entry(2, "opening", "无", self.say("opening_none"))
        else:
            o.entry(2, "opening", None, self.say("opening"))
        # The structure choices carry forward as they were.
        if info.opening_end is not None:
            o.entry(2, "opening_end", info.opening_end or "无", self.say("opening_end"))
        if info.outline is not None:
            o.entry(2, "outline", info.outline, self.say("outline"))
        o.blank()
        if self.old.metric_definitions:
            self.note(0, ("metric_definitions",))
            o.entry(0, "metric_definitions", comment=self.say("metric_definitions"))
            for definition in self.old.metric_definitions:
                for n, (key, value) in enumerate(definition.model_dump(exclude_defaults=True).items()):
                    o.entry(4 if n else 2, key, value, item=n == 0)
            o.blank()
        self.structure()
        if self.old.measures_order == "纲要":
            self.note(0, ("measures_order",))
            o.entry(0, "measures_order", self.old.measures_order, self.say("measures_order"))
            o.blank()

    def structure(self) -> None:
        """The part list, layout and own areas of last year's report, carried as they were;
        the texts of the clerk's own parts carried like the measures'."""
        o = self.out
        if self.old.parts:
            self.note(0, ("parts",), deep=False)
            o.entry(0, "parts", comment=self.say("parts"))
            for i, part in enumerate(self.old.parts):
                self.part(i, part)
            o.blank()
        if self.old.area_definitions:
            self.note(0, ("area_definitions",))
            o.entry(0, "area_definitions", comment=self.say("area_definitions"))
            for row in self.old.area_definitions:
                self.rows(2, row.model_dump(exclude_defaults=True))
            o.blank()
        if self.old.style is not None and self.old.style.model_dump(exclude_none=True):
            self.note(0, ("style",))
            o.entry(0, "style", comment=self.say("style"))
            for key, value in self.old.style.model_dump(exclude_none=True).items():
                o.entry(2, key, value)
            o.blank()

    def rows(self, indent: int, row: dict[str, Any]) -> None:
        """One list item of plain values, a key a line (lists in flow style)."""
        for n, (key, value) in enumerate(row.items()):
            self.out.entry(indent + (2 if n else 0), key, value, item=n == 0)

    def part(self, index: int, part: Part) -> None:
        """One part of the part list: its structure kept (a typed year in its heading
        becomes a computed one), its own groups and items carried."""
        path: YamlPath = ("parts", index)
        row = part.model_dump(exclude_defaults=True, include={"part", "heading", "covers", "style", "layout"})
        if part.heading:
            row["heading"] = year_fields(part.heading, self.old_year)
        self.note(2, path, exclude=((*path, "measures"), (*path, "items")))
        self.rows(2, row)
        self.intro_outro(part, indent=4)
        if part.measures:
            self.out.entry(4, "measures")
            for j, group in enumerate(part.measures):
                self.group(j, group, indent=6, base=(*path, "measures"))
        if part.items:
            self.out.entry(4, "items")
            for j, point in enumerate(part.items):
                self.note(6, (*path, "items", j))
                self.point(6, point)

    def metrics(self) -> None:
        o = self.out
        if not self.old.metrics:
            return
        catalog = self.previous.catalog
        self.note(0, ("metrics",), deep=False)
        o.entry(0, "metrics", comment=self.say("metrics"))
        for metric_id, entry in self.old.metrics.items():
            definition = catalog.get(metric_id)
            label = f"{definition.label}（{entry.unit or definition.unit}）" if definition else ""
            self.note(2, ("metrics", metric_id))
            o.entry(2, metric_id, comment=label)
            o.entry(4, "value", None, self.say("value"))
            if entry.unit:
                o.entry(4, "unit", entry.unit)
            if entry.value is None:
                o.entry(4, "last_year", None, self.say("last_year_missing"))
            elif entry.approx:
                o.entry(4, "last_year", None, self.say("last_year_approx", value=approximate(format_number(entry.value), entry.approx)))
            else:
                o.entry(4, "last_year", entry.value, self.say("last_year"))
            if entry.parts:
                before = "、".join(f"{k}{format_number(v)}" for k, v in entry.parts.items() if v is not None)
                o.entry(4, "parts", comment=self.say("metric_parts"))
                if before:
                    o.comment(6, self.say("parts_before", parts=before))
                for name in entry.parts:
                    o.entry(6, name)
                if entry.parts_complete:
                    o.entry(4, "parts_complete", True, self.say("parts_complete"))
        o.blank()

    def measures(self) -> None:
        o = self.out
        if not (self.plans or self.old.measures):
            o.entry(0, "measures", [], self.say("measures_none"))
            o.blank()
            return
        self.note(0, ("measures",), deep=False)
        o.entry(0, "measures", comment=self.say("measures"))
        if self.plans:
            o.comment(2, self.say("stubs"))
            for plan in self.plans:
                o.entry(2, "answers", plan.id, self.say("answers", id=plan.id), item=True)
                area = guess_area(plan)
                o.entry(4, "area", area, report_areas(self.old).get(area).name)
                if plan.heading and not stale_years(plan.heading, self.year):
                    o.entry(4, "heading", plan.heading, self.say("stub_heading"))
                o.entry(4, "text", None, self.say("stub_text"))
        if self.old.measures:
            o.comment(2, self.say("groups"))
            for index, group in enumerate(self.old.measures):
                self.group(index, group)
        o.blank()

    def group(self, index: int, group: MeasureGroup, *, indent: int = 2, base: YamlPath = ("measures",)) -> None:
        """A group of last year's measures (or of a part's), its text and points carried."""
        o, at, path = self.out, indent + 2, (*base, index)
        self.note(indent, path, exclude=((*path, "points"),))
        o.entry(indent, "area", group.area, report_areas(self.old).get(group.area).name, item=True)
        self.heading(at, group.heading)
        if group.text:
            self.carry(at, group.text)
        elif not group.points:
            o.entry(at, "text", None, self.say("group_text"))
        if group.layout:
            o.entry(at, "layout", group.layout)
        if group.points:
            if group.points_style:
                o.entry(at, "points_style", group.points_style)
            o.entry(at, "points")
            for j, point in enumerate(group.points):
                self.note(at + 2, (*path, "points", j))
                self.point(at + 2, point)

    def heading(self, indent: int, heading: str | None, *, item: bool = False, shift: int = 0) -> bool:
        """A carried heading, its years moved (by ``shift`` more for a plan, a
        year ahead), unless it still names a past year; whether a line was written."""
        moved = move_years(heading, self.old_year + shift, self.year + shift) if heading else None
        if moved and not stale_years(moved, self.year):
            self.out.entry(indent, "heading", moved, self.say("heading"), item=item)
            return True
        if heading:
            self.out.comment(indent, self.say("heading_stale", heading=heading))
        return False

    def carry(self, indent: int, text: str, *, item: bool = False, shift: int = 0) -> None:
        """Last year's text as this year's, its years moved, with the fingerprint
        that tells it apart from the clerk's own until edited."""
        moved = move_years(text, self.old_year + shift, self.year + shift)
        self.out.entry(indent, "text", moved, self.say("carried_text"), item=item, block=True)
        self.out.entry(indent + (2 if item else 0), "carried", fingerprint(moved), self.say("carried"))

    def point(self, indent: int, point: Point, *, shift: int = 0) -> None:
        """An item carried: heading and text, to be rewritten (a heading alone
        was a complete item last year, and is carried as one)."""
        first = not self.heading(indent, point.heading, item=True, shift=shift)
        if point.text:
            self.carry(indent + (0 if first else 2), point.text, item=first, shift=shift)
        elif first:  # its only words named a past year
            self.out.entry(indent, "text", None, self.say("item_text"), item=True)
        else:  # the heading sentence was the whole item: it is what was carried
            moved = move_years(point.heading or "", self.old_year + shift, self.year + shift)
            self.out.entry(indent + 2, "carried", fingerprint(moved), self.say("carried"))

    def draft_point(self, indent: int, point: Point) -> None:
        """An item carried as a draft (never rendered): heading kept, text to rewrite."""
        o = self.out
        first = not self.heading(indent, point.heading, item=True)
        draft = point.text or point.heading
        o.entry(indent + (0 if first else 2), "draft", draft, self.say("draft"), item=first, block=True)
        o.entry(indent + 2, "text", None, self.say("draft_text"))

    def shortcomings_section(self) -> None:
        o, old = self.out, self.old.shortcomings
        self.note(0, ("shortcomings",))  # last year's items are answered, not carried: their notes go above
        o.entry(0, "shortcomings", comment=self.say("shortcomings"))
        self.section_layout(old)
        self.intro_outro(old)
        o.entry(2, "items")
        if self.shortcomings:
            o.comment(4, self.say("shortcomings_items"))
        for item in self.shortcomings:
            o.comment(4, self.say("shortcoming", id=item.id, text=_one_line(item.heading or item.text or "")))
            o.entry(4, "answers", item.id, self.say("answers", id=item.id), item=True)
            o.entry(6, "text", None, self.say("progress"))
        if not self.shortcomings:
            o.entry(4, "text", None, self.say("shortcoming_new"), item=True)
        if old is not None and old.causes:
            o.entry(2, "causes", comment=self.say("causes"))
            for cause in old.causes:
                self.draft_point(4, cause)
        o.blank()

    def intro_outro(self, old: Section | Part | None, *, indent: int = 2) -> None:
        """Last year's intro and outro of a part, offered in comments."""
        if old is not None and old.intro:
            self.out.comment(indent, self.say("intro_before", text=_one_line(old.intro)))
        if old is not None and old.outro:
            self.out.comment(indent, self.say("outro_before", text=_one_line(old.outro)))

    def section_layout(self, old: Section | None) -> None:
        """A section's item style and heading layout, carried as written."""
        if old is not None and old.style:
            self.out.entry(2, "style", old.style)
        if old is not None and old.layout:
            self.out.entry(2, "layout", old.layout)

    def section(self, key: str, old: Section | None) -> None:
        o = self.out
        self.note(0, (key,), exclude=((key, "items"),))
        o.entry(0, key, comment=self.say(key))
        self.section_layout(old)
        self.intro_outro(old)
        o.entry(2, "items")
        if old is not None and old.items:
            o.comment(4, self.say("items_carried"))
            for j, point in enumerate(old.items):
                self.note(4, (key, "items", j))
                self.point(4, point)
        else:
            o.entry(4, "heading", None, self.say("new_heading"), item=True)
            o.entry(6, "text", None, self.say("new_text"))
        o.blank()

    def plans_section(self) -> None:
        o, old = self.out, self.old.plans
        self.note(0, ("plans",), exclude=(("plans", "items"),))
        o.entry(0, "plans", comment=self.say("plans"))
        self.section_layout(old)
        o.entry(2, "items")
        if old is not None and self.plans:
            o.comment(4, self.say("plans_carried"))
            written = [(j, p) for j, p in enumerate(old.items) if p.heading or p.text] or [(0, Point(text=old.intro))]
            for j, point in written:  # (a plan written as one paragraph is one item)
                self.note(4, ("plans", "items", j))
                self.point(4, point, shift=1)
        else:
            o.entry(4, "heading", None, self.say("new_heading"), item=True)
            o.entry(6, "text", None, self.say("new_text"))
        o.blank()

    def last_year(self) -> None:
        o = self.out
        if not (self.plans or self.shortcomings):
            return
        self.note(0, ("last_year",))
        o.comment(0, self.say("last_year_part"))
        o.entry(0, "last_year")
        for key, items, what in (
            ("plans", self.plans, self.say("last_year_plans")),
            ("shortcomings", self.shortcomings, self.say("last_year_shortcomings")),
        ):
            if not items:
                continue
            o.entry(2, key, comment=what)
            for item in items:
                o.entry(4, "id", item.id, item=True)
                if item.heading:
                    o.entry(6, "heading", item.heading)
                if item.text:
                    o.entry(6, "text", item.text, block=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# What a {name} of data/nextyear.yaml can have become, compared as same_words compares (digits as 0).
_WILDCARDS = {"id": "(?:安排|不足)0", "old": "0", "new": "0", "next": "0"}
_ENTRY = re.compile(r"^-?\s*[a-z_]+:")  # a commented-out entry of the model ("guidance: [...]", "points:")
def _clerks_comments(previous: InputFile, plain: str) -> list[Comment]:
    """The comments of last year's file that its clerk wrote, not reportgen.

    reportgen's own are its wording (data/nextyear.yaml, whatever it filled
    in), what it writes now (``plain``: next year's file without the clerk's
    comments, with the metric labels and area names; the skeleton of last
    year's report), the lines indented under its "…：" comments (quotes of
    last year's opening or documents), and commented-out entries."""
    info = previous.written.report
    own: set[str] = set()
    for text in (plain, skeleton(info.locality, info.year, info.level)):
        own |= {same_words(c.text) for c in comments(text, parse_yaml(text, "")[1])}
    mine: list[Comment] = []
    quoting = 0  # the line of reportgen's last "…：" comment, or of the quote under it
    for c in previous.comments:
        words = same_words(c.text)
        quoted = bool(quoting) and c.line == quoting + 1 and not c.trailing and c.indent >= 2
        if quoted or words in own or _ENTRY.match(c.text) or any(p.fullmatch(words) for p in say.patterns(_WILDCARDS)):
            quoting = c.line if words.endswith("：") or quoted else 0
            continue
        quoting = 0
        mine.append(c)
    return mine


def carry_forward(previous: InputFile, year: int, out_file: Path) -> str:
    """The YAML text of ``year``'s input, to be written to ``out_file``,
    started from last year's; the clerk's own comments in last year's file
    come along, each beside what it was written about (or, where that is
    not carried, at the end)."""
    plain = _Writer(previous, year, out_file).write()
    mine = _clerks_comments(previous, plain) if previous.comments else []
    return _Writer(previous, year, out_file, mine).write() if mine else plain
