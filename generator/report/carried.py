"""Wording carried from last year's report, and whether it is still last year's.

``reportgen init --from`` copies last year's measures, duties, plans and
other matters into this year's ``text`` and writes beside each the
fingerprint of what it copied (``carried: 3f2a91c0``). As long as the text
still has that fingerprint the paragraph is last year's words: the draft
highlights it, ``validate`` lists it and ``--strict`` refuses it. Editing
the text changes its fingerprint and ends that; so does deleting the
``carried`` line, the clerk's way of saying "still true this year".
Whitespace does not count as an edit: a copy re-wrapped is still a copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from generator.errors import Finding
from generator.input.loading import Source, YamlPath
from generator.input.model import MeasureGroup, Point, Report
from generator.input.parts import fill_years, part_by_id, standard_parts
from generator.report.texts import answering

# How the context marks a carried paragraph for the writers (generator.render.document):
# two noncharacters, meant for internal use and dropped from the clerk's text.
CARRIED_OPEN, CARRIED_CLOSE = "\ufdd0", "\ufdd1"

FINGERPRINT_LENGTH = 8  # hex digits: short enough to read past, long enough that an edit never matches


def fingerprint(text: str) -> str:
    """The mark of a carried text, as ``init --from`` writes it in ``carried``."""
    words = "".join(text.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def carried_words(node: MeasureGroup | Point) -> str | None:
    """What of a group or item its ``carried`` fingerprint stands for: its text,
    or, for an item that was only a heading sentence, that heading."""
    if node.text or isinstance(node, MeasureGroup):
        return node.text
    return node.heading


def still_carried(node: MeasureGroup | Point) -> bool:
    """Whether the words are, word for word, what ``init --from`` carried from last year."""
    words = carried_words(node)
    return bool(node.carried and words and fingerprint(words) == node.carried.strip().lower())


def mark_carried(text: str) -> str:
    """A paragraph marked as last year's wording not yet edited."""
    return CARRIED_OPEN + text + CARRIED_CLOSE if text else text


def carried_texts(report: Report) -> Iterator[tuple[YamlPath, MeasureGroup | Point]]:
    """Every group and item whose text is still last year's, with its YAML path."""
    return ((path, node) for path, node in answering(report) if still_carried(node))


def part_name(report: Report, path: YamlPath) -> str:
    """The name of the part a YAML path lies in: a standard part's name
    (data/parts.yaml), or the heading of the clerk's own part (``parts``)."""
    names = {p.key: p.name for p in standard_parts()}
    if path[0] != "parts":
        return names[str(path[0])]
    index = int(path[1])
    part = (report.parts or [])[index]
    if part.heading:
        return fill_years(part.heading, report.report.year)
    standard = part_by_id().get(part.part or "")
    return standard.name if standard else f"第{index + 1}部分"


def carried_counts(report: Report) -> dict[str, int]:
    """How many paragraphs of each part (by its name) are still last year's words, parts with none left out."""
    counts: dict[str, int] = {}
    for path, _ in carried_texts(report):
        name = part_name(report, path)
        counts[name] = counts.get(name, 0) + 1
    return counts


CARRIED_MESSAGE = "沿用去年文字，尚未修改"


def check_carried(source: Source) -> Iterator[Finding]:
    """A warning at every text still word for word as ``init --from`` carried it."""
    for path, node in carried_texts(source.report):
        yield source.finding(
            "warning",
            CARRIED_MESSAGE,
            (*path, "text" if node.text else "heading"),
            "草稿中以浅蓝色底纹标出。请按本年度的情况改写（{指标} 引用的数字会自动更新）；确认这段话本年度仍然适用的，删去其下的 carried 一行。",
        )
