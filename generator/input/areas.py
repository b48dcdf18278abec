"""The areas measures group under: one set per edition of the 纲要
(《法治政府建设实施纲要》 2015–2020 and 2021–2025), areas many reports add
(普法), and areas a locality or an input defines itself.

The sets are data (``data/areas.yaml``); this module reads them and answers
which set a report uses and where a metric of an area goes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from generator.input.datafiles import read_data


@dataclass(frozen=True)
class Area:
    """One area: the id a clerk writes, its full name, the default subsection
    heading, its place in its set, and the areas whose metrics it takes in
    when a report has no subsection of their own."""

    id: str
    name: str
    heading: str
    order: int
    takes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edition:
    """The areas of one edition of the 纲要, for report years ``first``–``last``."""

    id: str
    name: str
    first: int | None
    last: int | None
    areas: tuple[Area, ...]

    def covers(self, year: int) -> bool:
        """Whether a report of ``year`` follows this edition by default."""
        return (self.first is None or year >= self.first) and (self.last is None or year <= self.last)


def _area(order: int, row: dict) -> Area:
    return Area(id=str(row["id"]), name=row["name"], heading=row["heading"], order=order, takes=tuple(row.get("takes", ())))


@cache
def _data() -> tuple[tuple[Edition, ...], tuple[Area, ...]]:
    data = read_data("areas.yaml")
    editions = tuple(
        Edition(
            id=str(e["id"]),
            name=e["name"],
            first=e.get("from"),
            last=e.get("until"),
            areas=tuple(_area(i, row) for i, row in enumerate(e["areas"])),
        )
        for e in data["editions"]
    )
    common = tuple(_area(100 + i, row) for i, row in enumerate(data.get("common", ())))
    return editions, common


def editions() -> tuple[Edition, ...]:
    """Every edition of the 纲要, newest first."""
    return _data()[0]


EDITION_IDS: tuple[str, ...] = tuple(e.id for e in editions())


def edition_for(year: int, outline: str | None = None) -> Edition:
    """The edition a report follows: the one it names, else the one covering its year."""
    if outline:
        return next(e for e in editions() if e.id == outline)
    return next((e for e in editions() if e.covers(year)), editions()[0])


def common_areas() -> tuple[Area, ...]:
    """Areas any report may use besides its edition's (普法)."""
    return _data()[1]


def areas() -> tuple[Area, ...]:
    """The newest edition's areas, in 纲要 order."""
    return editions()[0].areas


@cache
def area_by_id() -> dict[str, Area]:
    """The newest edition's areas keyed by the id a clerk writes (职能, 制度, …)."""
    return {a.id: a for a in areas()}


@dataclass(frozen=True)
class AreaSet:
    """The areas one report may use: its edition's, the common ones, and its
    locality's and its own definitions (a later definition of an id wins)."""

    edition: Edition
    areas: tuple[Area, ...]

    @property
    def by_id(self) -> dict[str, Area]:
        """The areas keyed by id."""
        return {a.id: a for a in self.areas}

    @property
    def ids(self) -> list[str]:
        """The ids a clerk may write, in order."""
        return [a.id for a in self.areas]

    def get(self, area_id: str) -> Area:
        """The area of ``area_id``; an unknown id (reported by checks) gets a plain area of its own."""
        return self.by_id.get(area_id) or Area(id=area_id, name=area_id, heading=area_id, order=len(self.areas) + 1000)

    def home(self, area_id: str, present: Iterable[str]) -> str:
        """The area whose subsection a metric of ``area_id`` goes in, given the
        areas of the subsections ``present``: its own, else one that takes it
        in (present first), else the id itself."""
        present = list(present)
        if area_id in present:
            return area_id
        takers = [a.id for a in self.areas if area_id in a.takes]
        for taker in takers:
            if taker in present:
                return taker
        if area_id in self.by_id:
            return area_id
        return takers[0] if takers else area_id


def area_set(year: int, outline: str | None = None, definitions: Iterable[Area] = ()) -> AreaSet:
    """The areas of a report of ``year`` (following ``outline`` if it names an edition),
    with ``definitions`` of a locality or the input added after the common ones."""
    edition = edition_for(year, outline)
    merged: dict[str, Area] = {a.id: a for a in (*edition.areas, *common_areas())}
    for i, area in enumerate(definitions):
        old = merged.get(area.id)
        merged[area.id] = Area(
            id=area.id, name=area.name, heading=area.heading, order=old.order if old else 200 + i, takes=area.takes
        )
    return AreaSet(edition=edition, areas=tuple(sorted(merged.values(), key=lambda a: a.order)))


AREA_IDS: tuple[str, ...] = tuple(a.id for a in areas())


@cache
def _keywords() -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    data = read_data("plan_areas.yaml")
    return data["default"], tuple((row["area"], tuple(row["words"])) for row in data["keywords"])


def guess_area(*texts: str | None, year: int | None = None) -> tuple[str, bool]:
    """The 纲要 area a heading or text most likely belongs to, by the keywords
    of data/plan_areas.yaml (the first text first), and whether a keyword
    said so (False: the default area, a guess to check). With ``year``, an
    area its 纲要 edition lacks becomes the one that takes it in (应急 → 职能
    in a 2019 report)."""
    default, keywords = _keywords()
    found = next(((area, True) for text in texts for area, words in keywords if text and any(w in text for w in words)), None)
    area, sure = found or (default, False)
    if year is not None:
        known = area_set(year)
        area = known.home(area, [a.id for a in known.edition.areas])
    return area, sure


def _edition_label(edition: Edition) -> str:
    """2021-2025 → 2021–2025年纲要."""
    return edition.id.replace("-", "–") + "年纲要"


def area_field_doc(*, older: bool, defined_where: str = "") -> str:
    """What the schema says of an ``area`` field, built from data/areas.yaml so
    that a new area or edition is one data entry: the current edition's area
    ids (with ``older``, the earlier editions' too), the common ones, and the
    locality's own (``defined_where`` says where those are defined)."""
    current, *earlier = editions()
    text = f"所属领域：{_edition_label(current)}的{'、'.join(a.id for a in current.areas)}"
    if older:
        text += "".join(
            f"（{e.last}年及以前的报告用{_edition_label(e)}的{'、'.join(a.id for a in e.areas)}）" for e in earlier
        )
    common = "、".join(a.id for a in common_areas())
    return text + (f"，或{common}" if common else "") + f"，或本地{defined_where}定义的领域。"

