"""The areas of 《法治政府建设实施纲要（2021－2025年）》 that measures group under.

The list is data (``data/areas.yaml``); this module only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Area:
    """One 纲要 area: the id a clerk writes, the block key templates use,
    its full name and the default subsection heading."""

    id: str
    key: str
    name: str
    heading: str
    order: int


@cache
def areas() -> tuple[Area, ...]:
    """Every area, in 纲要 order."""
    text = resources.files("generator").joinpath("data/areas.yaml").read_text(encoding="utf-8")
    return tuple(Area(order=i, **row) for i, row in enumerate(yaml.safe_load(text)))


@cache
def area_by_id() -> dict[str, Area]:
    """Areas keyed by the id a clerk writes (职能, 制度, …)."""
    return {a.id: a for a in areas()}


AREA_IDS: tuple[str, ...] = tuple(a.id for a in areas())


@cache
def _keywords() -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    text = resources.files("generator").joinpath("data/plan_areas.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return data["default"], tuple((row["area"], tuple(row["words"])) for row in data["keywords"])


def guess_area(*texts: str | None) -> tuple[str, bool]:
    """The 纲要 area a heading or text most likely belongs to, by the keywords
    of data/plan_areas.yaml (the first text first), and whether a keyword
    said so (False: the default area, a guess to check)."""
    default, keywords = _keywords()
    for text in texts:
        for area, words in keywords:
            if text and any(w in text for w in words):
                return area, True
    return default, False
