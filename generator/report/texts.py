"""The clerk's texts: every group, point and free text of a report with its
YAML path, the {指标} citations in them, and the years they name.

One walk over the report serves checks (unknown citations, typed
numbering, stale years, copied drafts), follow-ups (``answers``) and
next year's file; one pattern each says what a citation and a year are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.input.model import MeasureGroup, Point, Report, Section, Shortcomings
from generator.input.model_errors import YamlPath

# {合同审查}, {合同审查.parts}, {合同审查.last_year}, {合同审查.yoy} (同比增长12.5%), {合同审查.change} (增加7份)
# (not {年度}, {下一年度}, {上一年度}: years, filled before citations)
CITATION = re.compile(r"\{(?!(?:年度|下一年度|上一年度)\})([^{}\s.：:]+)(?:\.(parts|last_year|yoy|change))?\}")

# The parts of a report made of items (``Section``), in input order.
SECTIONS = ("shortcomings", "duties", "plans", "other")

# A year as a report writes it: four digits (not part of a longer number) followed by 年.
# "2015件" is a count and "〔2023〕12号" a document number, not years the text is about.
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_BOOK_TITLE = re.compile(r"《[^》]*》")


def _groups(base: YamlPath, groups: list[MeasureGroup]) -> Iterator[tuple[YamlPath, MeasureGroup | Point]]:
    for i, group in enumerate(groups):
        yield (*base, i), group
        for j, point in enumerate(group.points):
            yield (*base, i, "points", j), point


def nodes(report: Report) -> Iterator[tuple[YamlPath, MeasureGroup | Section | Point]]:
    """Every measure group, section, point and section item (and cause) with
    its YAML path, in input order (a section before its items); the groups
    and items of the clerk's own parts (``parts``) too."""
    yield from _groups(("measures",), report.measures)
    for i, part in enumerate(report.parts or ()):
        yield from _groups(("parts", i, "measures"), part.measures)
        for j, point in enumerate(part.items):
            yield ("parts", i, "items", j), point
    for key in SECTIONS:
        section: Section | None = getattr(report, key)
        if section is None:
            continue
        yield (key,), section
        for j, point in enumerate(section.items):
            yield (key, "items", j), point
        if isinstance(section, Shortcomings):
            for j, point in enumerate(section.causes):
                yield (key, "causes", j), point


def answering(report: Report) -> Iterator[tuple[YamlPath, MeasureGroup | Point]]:
    """The groups and items that can carry ``answers`` and a ``draft``, in input order."""
    for path, node in nodes(report):
        if not isinstance(node, Section):
            yield path, node


def iter_texts(report: Report) -> Iterator[tuple[YamlPath, str]]:
    """Every free text the clerk wrote (headings included), with its YAML
    path: the report's opening, title and addressee, each group's and
    item's heading and text, each section's intro and outro."""
    info = report.report
    for key in ("opening", "opening_end", "title", "addressee"):
        value = getattr(info, key)
        if value:
            yield ("report", key), value
    for i, part in enumerate(report.parts or ()):
        for key in ("heading", "intro", "outro"):
            value = getattr(part, key)
            if value:
                yield ("parts", i, key), value
    for path, node in nodes(report):
        for field in ("intro", "outro") if isinstance(node, Section) else ("heading", "text"):
            value = getattr(node, field)
            if value:
                yield (*path, field), value


def citation(metric_id: str, what: str | None = None) -> str:
    """How a text cites a metric (what ``CITATION`` reads): {合同审查}, {调解受理.parts}."""
    return "{" + metric_id + (f".{what}" if what else "") + "}"


def citations(text: str) -> Iterator[re.Match[str]]:
    """The {指标} citations of a text: group 1 the metric id, group 2 what of it
    (parts, last_year, yoy, change) or None for its value."""
    return CITATION.finditer(text)


def years(text: str) -> list[int]:
    """The years a text names (19xx/20xx followed by 年), outside document
    titles in 《》: a title such as 《纲要（2015—2020年）》 names a document, not a year of work."""
    return [int(y) for y in YEAR.findall(_BOOK_TITLE.sub("", text))]


_RANGE_MARK = r"\s*[—－–\-~至到]\s*"
# What makes a year read as history rather than as the year a sentence is about:
# the start of a period (2019年以来, 自2019年起, 从2020年开始, 2019年6月以来) ...
# ... or when a document came to be (2021年出台的办法: the year describes the document,
# while 2021年出台了办法 tells what was done, maybe in last year's words) ...
_HISTORY_AFTER = re.compile(
    r"\s*年(?:度|\d{1,2}月(?:份|\d{1,2}日)?)?\s*(?:以来|起|开始|至今|(?:出台|印发|颁布|制定|修订|施行|实施|公布|发布)的)"
)
# ... or either end of a range (2019年至2022年, 2019—2022年); 截至2022年底 alone is no range.
_RANGE_START = re.compile(r"年?度?" + _RANGE_MARK + r"(?:19|20)\d{2}")
_RANGE_END = re.compile(r"(?:19|20)\d{2}\s*年?度?" + _RANGE_MARK + r"$")


def _history(text: str, match: re.Match[str]) -> bool:
    """Whether the year ``match`` found reads as history (a period's start, a range)."""
    rest, before = text[match.end() :], text[: match.start()]
    return bool(_HISTORY_AFTER.match(rest) or _RANGE_START.match(rest) or _RANGE_END.search(before[-12:]))


def stale_years(text: str | None, report_year: int) -> list[int]:
    """The years a text names other than the report year and the next: words
    that may have been copied from an earlier year's report. A year that reads
    as history is not one: in a document's title (《》) or number (〔2021〕),
    the start of a period (2019年以来, 自2019年起), an end of a range
    (2019年至2022年) or when a document was issued (2021年出台的办法), a final
    report may well name it."""
    if not text:
        return []
    plain = _BOOK_TITLE.sub("", text)
    named = [int(m.group(1)) for m in YEAR.finditer(plain) if not _history(plain, m)]
    return [y for y in named if y not in (report_year, report_year + 1)]


def _year_of_work(year: int) -> re.Pattern[str]:
    # Not the end of a range: in 《纲要（2015—2023年）》 2023 closes a period, it is not a year to move.
    return re.compile(rf"(?<![—－–\-~至\d]){year}(?=\s*年)")


def names_year(text: str, year: int) -> bool:
    """Whether a text (document titles included) names ``year`` as a year of
    work, as in 《2023年度法治建设工作要点》, rather than as the end of a range."""
    return bool(_year_of_work(year).search(text))


def move_year(text: str, old: int, new: int) -> str:
    """The text with ``old`` named as a year of work replaced by ``new``
    (《2023年度……要点》 → 《2024年度……要点》); ranges are left as they are."""
    return _year_of_work(old).sub(str(new), text)


_YEAR_OF_WORK = re.compile(r"(?<![—－–\-~至\d])((?:19|20)\d{2})(?=\s*年)")  # YEAR, not ending a range
_BOOK_TITLE_SPLIT = re.compile(r"(《[^》]*》)")


def move_years(text: str, old: int, new: int) -> str:
    """A text of ``old``'s report carried into ``new``'s: each year it names
    (``YEAR``, outside document titles in 《》, as ``stale_years`` reads it)
    that was the report year or the next moves with the report; a year of
    history, the end of a range (2021—2023年) and a document's title stay."""
    delta = new - old

    def move(match: re.Match[str]) -> str:
        year = int(match.group(1))
        return str(year + delta) if year in (old, old + 1) else match.group(1)

    return "".join(p if _BOOK_TITLE.fullmatch(p) else _YEAR_OF_WORK.sub(move, p) for p in _BOOK_TITLE_SPLIT.split(text))

