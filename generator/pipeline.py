"""read → check → derive → render → write, for one input.

Each step is a function of the one before: ``input.entrance`` reads,
``report.checks`` checks, ``report.context`` derives, ``render`` renders,
``output`` writes. The CLI calls ``check_file`` and ``render_file`` and
prints what they return or raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.report.checks import run_checks
from generator.report.context import Gap, TemplateContext, build_context
from generator.render.document import Document, parse_markup
from generator.errors import Finding, InputError, TemplateError, UserError
from generator.input.entrance import InputFile, complete, read_input
from generator.input.loading import Source
from generator.input.locality import Locality
from generator.output import OutputDir
from generator.render.templating import ENTRY_TEMPLATE, render_markup, yoy_wording
from generator.render.writers import FORMATS, render

DEFAULT_FORMATS = ("txt", "docx")


@dataclass
class Checked:
    """An input after loading and checking: its findings and its gaps."""

    source: Source
    findings: list[Finding]
    gaps: list[Gap]
    context: TemplateContext = field(repr=False)  # what the templates see
    locality: Locality | None = None  # the locality folders the input names, nearest first
    search_path: list[Path] = field(default_factory=list)  # template folders before the defaults
    document: Document | None = field(repr=False, default=None)  # rendered while checking (None if it failed)

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop rendering."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings a draft may still have."""
        return [f for f in self.findings if f.severity == "warning"]

    def gap_findings(self, severity: str = "warning") -> list[Finding]:
        """Each gap as a finding with its line, for listing or for --strict."""
        return [self.source.finding(severity, f"待填：{gap.what}", gap.path) for gap in self.gaps]


def check_file(path: Path, search_path: Sequence[Path] = ()) -> Checked:
    """Load and check one input; raise ``InputError`` if it cannot be read or validated.
    ``search_path`` (the templates') words the comparisons cited in the text."""
    return check_input(read_input(path), search_path)


def check_source(source: Source, search_path: Sequence[Path] = ()) -> Checked:
    """Check an input already loaded (from its file, or from text being
    edited): its locality's defaults applied, every finding, every gap."""
    return check_input(complete(source), search_path)


def check_input(given: InputFile, search_path: Sequence[Path] = ()) -> Checked:
    """Check an input read through ``generator.input.entrance``: every finding, every gap.
    ``search_path`` (the templates') words the comparisons cited in the text."""
    source, locality = given.completed(), given.locality  # the locality's defaults, before checks see the report
    folders = [*search_path, *given.search_path]
    findings = source.notes + run_checks(source)
    derived = build_context(
        source.report, wording=yoy_wording(folders), headings=locality.headings() if locality else None
    )
    findings += [
        source.finding(
            "warning",
            f"指标“{metric_id}”没有在正文中引用，报告中也没有“主要举措和成效”部分可以写它，它不会出现在报告中",
            ("metrics", metric_id),
            "在正文中用 {" + metric_id + "} 引用它，或在 parts 中加上“- 举措”。",
        )
        for metric_id in derived.unplaced
    ]
    findings += [
        source.finding(
            "warning",
            f"指标“{metric_id}”没有在正文中引用，草稿为它单独新建了“{heading}”小节，其中只有自动生成的一句话",
            ("metrics", metric_id),
            "请在这一领域的举措中写上几句并用 {" + metric_id + "} 引用它；不需要这项指标时删去它。",
        )
        for metric_id, heading in derived.created
    ]
    checked = Checked(
        source=source, findings=findings, gaps=derived.gaps, context=derived.context, locality=locality, search_path=folders
    )
    if not checked.errors:
        # Rendered now, so that validate finds whatever render would fail on.
        try:
            checked.document = _render(checked, folders)
        except TemplateError as error:
            # Rendering stops at the first template error; list them all at once.
            from generator.render.template_check import template_findings

            checked.findings += template_findings(derived.context, folders) or error.findings
        except UserError as error:
            checked.findings += error.findings
    return checked


def build_document(checked: Checked, search_path: Sequence[Path] = ()) -> Document:
    """Render the templates for a checked input into a ``Document`` (on the
    input's own search path, its locality's folders, after ``search_path``)."""
    folders = list(dict.fromkeys([*search_path, *checked.search_path]))  # each folder one layer
    if checked.document is not None and folders == checked.search_path:
        return checked.document
    return _render(checked, folders)


def _render(checked: Checked, folders: list[Path]) -> Document:
    markup = render_markup(checked.context, folders)
    blocks = tuple(parse_markup(markup, template=ENTRY_TEMPLATE))
    info = checked.source.report.report
    titles = [b.full for b in blocks if b.role == "title"]
    return Document(
        blocks=blocks,
        title=titles[0] if titles else "",
        author="、".join(info.issuers or [info.locality]),
        year=info.year,
        date=info.date.isoformat() if info.date else None,
    )


def refuse_if_not_ready(checked: Checked, *, strict: bool) -> None:
    """Errors always stop rendering; with ``strict`` (the final version) so do
    warnings and gaps."""
    blocking = list(checked.errors)
    if strict:
        blocking += [
            Finding("error", f.message, file=f.file, line=f.line, path=f.path, hint=f.hint) for f in checked.warnings
        ]
        blocking += checked.gap_findings("error")
    if blocking:
        raise InputError(blocking)


def render_formats(checked: Checked, formats: Sequence[str]) -> tuple[Document, dict[str, bytes]]:
    """The document of a checked input, and its bytes in each format (the
    .docx with the locality's reference styles, if it names one)."""
    document = build_document(checked)
    reference = checked.locality.reference if checked.locality else None
    return document, {fmt: render(document, fmt, reference=reference) for fmt in formats}


def distinct_outputs(paths: Sequence[Path]) -> list[Path]:
    """The inputs to render into one folder, each file once; refuse two
    different inputs with one stem (``a/x.yaml``, ``b/x.yaml``), whose drafts
    would both be ``x.txt`` and the first silently lost."""
    seen: dict[Path, Path] = {}
    for path in paths:
        try:
            seen.setdefault(path.resolve(), path)
        except OSError:
            seen.setdefault(path, path)
    unique = list(seen.values())
    groups: dict[str, list[Path]] = {}
    for path in unique:
        groups.setdefault(path.stem, []).append(path)
    clashes = [group for group in groups.values() if len(group) > 1]
    if clashes:
        raise InputError(
            [
                Finding(
                    "error",
                    f"与 {'、'.join(str(p) for p in group[:i])} 同名，生成的草稿会互相覆盖",
                    file=str(path),
                    hint="请给输入文件改个不同的名字，或分两次生成到不同的文件夹（-o 文件夹）。",
                )
                for group in clashes
                for i, path in enumerate(group)
                if i > 0
            ]
        )
    return unique


@dataclass
class Prepared:
    """One input rendered in memory, not yet written: what a worker process
    hands back to the one that writes (plain data, so it pickles)."""

    path: Path
    outputs: dict[str, bytes]  # output file name → its bytes
    findings: list[Finding]  # warnings the draft may still have
    gaps: int  # 【待填】 left in the draft


def _render_in_memory(
    path: Path, formats: Sequence[str], strict: bool, search_path: Sequence[Path]
) -> tuple[Checked, Document, dict[str, bytes]]:
    """Check one input and render every format: (checked, document, output name → bytes)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats: {unknown}")
    checked = check_file(path, search_path)
    refuse_if_not_ready(checked, strict=strict)
    document, rendered = render_formats(checked, formats)
    return checked, document, {f"{path.stem}.{fmt}": data for fmt, data in rendered.items()}


def prepare_file(
    path: Path, formats: Sequence[str] = DEFAULT_FORMATS, *, strict: bool = False, search_path: Sequence[Path] = ()
) -> Prepared:
    """Check one input and render every format in memory, writing nothing;
    raise ``UserError`` if it cannot be rendered."""
    checked, _, outputs = _render_in_memory(path, formats, strict, search_path)
    return Prepared(path=path, outputs=outputs, findings=checked.findings, gaps=len(checked.gaps))


@dataclass
class Rendered:
    """What rendering one input produced."""

    checked: Checked
    document: Document
    written: list[Path]


def render_file(
    path: Path,
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    strict: bool = False,
    force: bool = False,
    search_path: Sequence[Path] = (),
) -> Rendered:
    """Render one input to ``out_dir/<stem>.<ext>`` for every format.

    All formats are rendered in memory first and nothing is written if any
    fails or if an output was edited by hand since reportgen wrote it.
    """
    checked, document, outputs = _render_in_memory(path, formats, strict, search_path)
    written = OutputDir(out_dir).write(outputs, force=force)
    return Rendered(checked=checked, document=document, written=written)
