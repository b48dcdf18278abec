"""The metric catalog: the standard metrics (data/catalog.yaml) plus the
ones a report defines itself."""

from __future__ import annotations

from functools import cache

from generator.input.datafiles import read_data
from generator.input.model import MetricDefinition, Report


@cache
def standard_metrics() -> tuple[MetricDefinition, ...]:
    """The standard catalog, in the order of data/catalog.yaml."""
    return tuple(MetricDefinition.model_validate(row) for row in read_data("catalog.yaml"))


def metric_catalog(report: Report | None = None) -> dict[str, MetricDefinition]:
    """Every metric a report may use: the standard ones, then its own
    definitions (which may redefine a standard one's label or unit)."""
    catalog = {m.id: m for m in standard_metrics()}
    if report is not None:
        catalog.update({m.id: m for m in report.metric_definitions})
    return catalog
