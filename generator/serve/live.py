"""Checking what the clerk has typed, before it is saved: the same loading,
checks and templates as ``reportgen validate`` and ``render``, on text.

A result lists every finding (errors, warnings, gaps) with its YAML path,
and the draft as HTML (the HTML writer's article), its gaps marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import SEVERITY_WORDS, Finding, UserError
from generator.input.catalog import metric_catalog
from generator.input.loading import load_text
from generator.input.model import MetricDefinition
from generator.pipeline import Checked, build_document, check_source


@dataclass
class Shown:
    """A finding as the page shows it: where in the form, how serious."""

    finding: Finding
    kind: str  # error, warning, note, gap

    @property
    def slot(self) -> str:
        """The field it concerns, as its dotted YAML path; the page shows it
        beside that field, or the nearest group that holds it."""
        return self.finding.path

    @property
    def label(self) -> str:
        """错误, 警告, 说明 or 待填."""
        return {**SEVERITY_WORDS, "gap": "待填"}[self.kind]

    @property
    def message(self) -> str:
        """The message without the gap's own prefix."""
        return self.finding.message.removeprefix("待填：")


@dataclass
class Result:
    """What checking one text found."""

    findings: list[Shown]
    preview: str | None  # the draft's HTML; None when the input cannot be read or rendered
    checked: Checked | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def catalog(self) -> dict[str, MetricDefinition]:
        """The metrics this report may use (its locality's included)."""
        return metric_catalog(self.checked.source.report if self.checked else None)


def check_text(path: Path, text: str) -> Result:
    """Load, check and (when it can be read) render ``text`` as the input at ``path``."""
    try:
        checked = check_source(load_text(text, path))
    except UserError as error:
        shown = [Shown(f, f.severity) for f in error.findings]
        return Result(shown, None, None, _counts(shown))
    shown = [Shown(f, f.severity) for f in checked.findings]
    shown += [Shown(f, "gap") for f in checked.gap_findings()]
    preview = None
    try:
        from generator.render.writers.html import article

        preview = article(build_document(checked))
    except UserError as error:  # a locality's template that fails: say so where the preview would be
        shown += [Shown(f, f.severity) for f in error.findings]
    return Result(shown, preview, checked, _counts(shown))


def _counts(shown: list[Shown]) -> dict[str, int]:
    return {kind: sum(1 for s in shown if s.kind == kind) for kind in ("error", "warning", "note", "gap")}
