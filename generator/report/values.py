"""A metric's value as a report gives it: the unit it is stated in, a rate
computed from its counts when the clerk left it out, and an amount in 元
stated in 万元.

Derived values for the draft (``context``) and for the comparison of two
years (``generator.diffing``) both come from here.
"""

from __future__ import annotations

from generator.input.model import MetricDefinition, Report
from generator.report.numbers import rate

WAN = 10000  # 元 in a 万元


def unit_of(report: Report, definition: MetricDefinition) -> str:
    """The unit a report states a metric in: the clerk's own, else the catalog's."""
    entry = report.metrics.get(definition.id)
    return (entry.unit if entry and entry.unit else None) or definition.unit


def derived_rate(report: Report, definition: MetricDefinition, *, last_year: bool = False) -> float | None:
    """A derived rate computed from its numerator and denominator (this year's,
    or last year's); None when either is missing or the denominator is 0."""
    if not definition.derived:
        return None
    field = "last_year" if last_year else "value"
    num = report.metrics.get(definition.numerator or "")
    den = report.metrics.get(definition.denominator or "")
    a, b = (getattr(num, field) if num else None), (getattr(den, field) if den else None)
    if a is None or b is None:
        return None
    return rate(a, b)


def reported(report: Report, definition: MetricDefinition, *, last_year: bool = False) -> float | int | None:
    """A metric's value (or last year's) as the report gives it: the clerk's
    number, else for a derived rate the one computed from its counts."""
    entry = report.metrics.get(definition.id)
    value = (entry.last_year if last_year else entry.value) if entry else None
    if value is None:
        return derived_rate(report, definition, last_year=last_year)
    return value


def stated_in_wan(definition: MetricDefinition, unit: str, value: float | int | None) -> bool:
    """Whether the draft states an amount in 万元 rather than the 元 it was
    entered in: finance offices report in 元, reports state large amounts in 万元."""
    return definition.kind == "amount" and unit == "元" and value is not None and value >= WAN
