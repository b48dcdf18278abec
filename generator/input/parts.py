"""The standard parts of an annual report (督察工作规定): their ids, template
keys, default headings and the words that show one written inside another.

The list is data (``data/parts.yaml``); this module reads it, and fills the
year placeholders a heading may carry ({年度}, {下一年度}, {上一年度}).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from generator.input.datafiles import read_data

# The year placeholders of headings, guidance and texts, and the offset from the report year.
YEAR_FIELDS: dict[str, int] = {"{年度}": 0, "{下一年度}": 1, "{上一年度}": -1}
YEAR_FIELD = re.compile("|".join(re.escape(f) for f in YEAR_FIELDS))


def fill_years(text: str, year: int) -> str:
    """``text`` with {年度}, {下一年度} and {上一年度} replaced by the years they stand for."""
    return YEAR_FIELD.sub(lambda m: str(year + YEAR_FIELDS[m.group(0)]), text)


def year_fields(text: str, year: int) -> str:
    """``text`` with the years of a ``year`` report written as placeholders
    (2023 → {年度}, 2024 → {下一年度}, 2022 → {上一年度}), the inverse of ``fill_years``."""
    by_year = {year + offset: field for field, offset in YEAR_FIELDS.items()}
    return re.sub(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", lambda m: by_year.get(int(m.group(1)), m.group(1)), text)


@dataclass(frozen=True)
class StandardPart:
    """One part the 督察工作规定 names: what a clerk writes for it (``id``),
    the key templates use, its name, its default heading (per level where it
    differs), whether the report must have it, and the words that show it
    written inside another part."""

    id: str
    key: str
    name: str
    heading: str
    required: bool
    words: tuple[str, ...] = ()
    by_level: dict[str, str] = field(default_factory=dict)

    def default_heading(self, level: str) -> str:
        """The default heading wording (placeholders unfilled) for a report of ``level``."""
        return self.by_level.get(level, self.heading)


@cache
def standard_parts() -> tuple[StandardPart, ...]:
    """The standard parts, in the order the 督察工作规定 lists them."""
    return tuple(
        StandardPart(
            id=str(row["id"]),
            key=row["key"],
            name=row["name"],
            heading=row["heading"],
            required=bool(row.get("required")),
            words=tuple(row.get("words") or ()),
            by_level=dict(row.get("by_level") or {}),
        )
        for row in read_data("parts.yaml")
    )


def part_by_id() -> dict[str, StandardPart]:
    """Standard parts keyed by the id a clerk writes (举措, 不足, …)."""
    return {p.id: p for p in standard_parts()}


PART_IDS: tuple[str, ...] = tuple(p.id for p in standard_parts())
