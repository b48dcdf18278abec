"""Year-over-year arithmetic: how a metric changed since last year.

Only the numbers live here. The wording (同比增长12.5%, 同比下降9%,
与上年持平, 增加7件, 提高2.3个百分点) is in the templates
(templates/default/_yoy.j2), so a locality can change it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generator.report.numbers import format_number, format_rate, round_half_up

Direction = Literal["up", "down", "same"]

# How a change is worded in the clerk's text: the macro of _yoy.j2 ("yoy" or
# "change") and the change → 同比增长12.5%, 增加7件 (``templating.yoy_wording``).
Wording = Callable[[str, "Change"], str]


@dataclass(frozen=True)
class Change:
    """This year's value against last year's, ready for wording.

    ``delta`` and ``percent`` carry no sign (the direction says which way):
    a template writes 增加/减少 or 增长/下降 before them.
    """

    kind: str  # count, amount or rate
    direction: Direction
    delta: str  # the absolute change in the displayed unit: "7", "120.5"; for a rate, percentage points
    unit: str  # the displayed unit of delta ("件", "万元"); "个百分点" for a rate
    percent: str | None  # the relative change in %, one decimal: "12.5"; None when last year is 0, and for rates
    comparable: bool  # fit for the automatic sentence: last year not 0 and this year's value exact

    @property
    def signed_delta(self) -> str:
        """The change with its sign, for tables: "+7", "-7", "0"."""
        return _sign(self.direction) + self.delta

    @property
    def signed_percent(self) -> str:
        """The relative change with its sign and %, for tables: "+12.5%"; "" without one."""
        return "" if self.percent is None else _sign(self.direction) + self.percent + "%"


def _sign(direction: Direction) -> str:
    return {"up": "+", "down": "-", "same": ""}[direction]


def compare(
    this: float | int,
    last: float | int,
    kind: str,
    unit: str,
    *,
    approx: bool = False,
    divisor: int = 1,
) -> Change:
    """How ``this`` year's value changed from ``last`` year's.

    Rates change in percentage points (97.5% → 99.8% is 提高2.3个百分点,
    not 2.4%); counts and amounts by a relative percentage, one decimal,
    trailing zero dropped. ``divisor`` scales the delta to the displayed unit
    (10000 when an amount in 元 is stated in 万元). No percentage is computed
    from a zero last year: there is nothing to divide by.
    """
    now, before = Decimal(str(this)), Decimal(str(last))
    difference = abs(now - before)
    direction: Direction = "up" if now > before else "down" if now < before else "same"
    if kind == "rate":
        delta, delta_unit = format_rate(round_half_up(difference, 1)), "个百分点"
    else:
        delta, delta_unit = format_number(difference / divisor), unit
    percent = None
    if before != 0 and kind != "rate":
        percent = format_rate(round_half_up(difference * 100 / before, 1))
    return Change(
        kind=kind,
        direction=direction,
        delta=delta,
        unit=delta_unit,
        percent=percent,
        comparable=before != 0 and not approx,
    )
