"""The one way in: an input file read (bytes, encoding, YAML with
positions), validated, and its locality chain applied.

Rendering and ``validate`` (``generator.pipeline``), ``init --from``
(``generator.nextyear``), ``diff``, ``locality show`` and whatever reads an
input next start here, so an input means the same thing to all of them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.input.catalog import metric_catalog
from generator.input.comments import Comment, comments
from generator.input.loading import Source, load
from generator.input.locality import Locality, locality_for
from generator.input.model import MetricDefinition, Report


@dataclass
class InputFile:
    """An input as its file says it, and as its locality completes it."""

    source: Source  # the file as read: its data, the line of every value, reading notes
    locality: Locality | None  # the locality folders the input names, nearest first
    report: Report  # with the locality's defaults wherever the input left a value empty

    @property
    def path(self) -> Path:
        """The input file."""
        return self.source.path

    @property
    def written(self) -> Report:
        """The report as the file writes it, without the locality's defaults
        (what is carried into next year's file: the locality supplies the rest again)."""
        return self.source.report

    @cached_property
    def catalog(self) -> dict[str, MetricDefinition]:
        """Every metric the input may use: the standard ones, the locality's, its own."""
        return metric_catalog(self.report)

    @cached_property
    def comments(self) -> list[Comment]:
        """The file's comments, each with the YAML path it belongs to."""
        return comments(self.source.text, self.source.positions)

    @property
    def search_path(self) -> list[Path]:
        """The locality's template folders, nearest first (the defaults not included)."""
        return self.locality.search_path if self.locality else []

    @property
    def locality_folder(self) -> Path | None:
        """The folder the input names in ``report.templates``, resolved."""
        return self.locality.layers[0].folder if self.locality else None

    def completed(self) -> Source:
        """The source with the locality's defaults applied: what checks and the draft see."""
        return dataclasses.replace(self.source, report=self.report)


def read_input(path: Path) -> InputFile:
    """Read, decode, parse and validate one input and apply its locality chain;
    raise ``UserError`` (every finding collected) if any of it fails."""
    return complete(load(path))


def complete(source: Source) -> InputFile:
    """An input already loaded (from its file, or from text being edited in
    the browser) with its locality chain found and applied; raise ``UserError``
    if the locality cannot be read."""
    locality = locality_for(source)
    report = locality.apply(source.report) if locality else source.report
    return InputFile(source=source, locality=locality, report=report)
