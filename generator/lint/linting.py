"""``reportgen lint``: any report, ours or not, checked as a reviewer would.

A .docx, .html, .txt or .md is read as paragraphs (``importing.reading``),
its site clutter dropped and its outline found (``importing.outline``),
then the text rules (``lint.rules``) and, for a .docx, the page rules
(``lint.page``) run. A YAML input is linted through the draft it renders.
``fix`` writes the mechanical fixes to a new file beside the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Finding
from generator.importing.clutter import report_paragraphs
from generator.importing.outline import read_outline
from generator.importing.reading import SUFFIXES, Paragraph, SourceText, read_source
from generator.lint.rules import Linted, lint_outline
from generator.report.punctuation import normalize

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LintResult:
    """The findings of one file, and where its fixed copy would go."""

    path: Path
    findings: list[Finding]
    fixed_path: Path | None = None
    fixed: bytes | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Finding]:
        """The findings that make ``lint`` exit 1."""
        return [f for f in self.findings if f.severity == "error"]


def lint_targets(paths: list[Path]) -> list[Path]:
    """The files to lint: each file as given, each folder's reports and
    inputs (sorted, subfolders included; fixed copies left out)."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        found += sorted(
            p for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in (*SUFFIXES, *YAML_SUFFIXES) and ".fixed." not in p.name
            and p.name != "report.schema.json"
        )
    return found


def lint_file(path: Path, *, fix: bool = False) -> LintResult:
    """Lint one report file; with ``fix``, also prepare its fixed copy
    (``<name>.fixed<suffix>``, a .txt for a web page). Raises ``UserError``
    for a file that cannot be read."""
    if path.suffix.lower() in YAML_SUFFIXES:
        return LintResult(path, _lint_yaml(path))
    source = read_source(path)
    paragraphs = report_paragraphs(source)
    outline = read_outline(paragraphs)
    linted = lint_outline(outline, paragraphs, str(path), "段" if source.kind == "docx" else "行")
    findings = [*source.notes, *linted.findings]
    if source.kind == "docx":
        from generator.lint.page import page_findings

        findings += page_findings(path, outline)
    result = LintResult(path, findings)
    if fix:
        result.fixed_path, result.fixed = _fixed(source, paragraphs, linted)
    return result


def _lint_yaml(path: Path) -> list[Finding]:
    """A YAML input: its draft's text, with lines pointing at the draft's paragraphs."""
    from generator.pipeline import build_document, check_file

    checked = check_file(path)
    document = build_document(checked)
    outline_of = {"title": 0, "heading1": 0, "heading2": 1, "heading3": 2}
    paragraphs = [
        Paragraph(block.full, i, outline=outline_of.get(block.role) if block.role != "title" else None, centered=block.role == "title")
        for i, block in enumerate(document.blocks, start=1)
        if block.full.strip()
    ]
    outline = read_outline(paragraphs)
    draft = f"{path}（生成的草稿）"
    return lint_outline(outline, paragraphs, draft, "段").findings


def _fixed(source: SourceText, paragraphs: list[Paragraph], linted: Linted) -> tuple[Path, bytes]:
    new = {p.line: linted.fixes.paragraph(p, linted.year, linted.writes_wanyuan) for p in paragraphs}
    new = {line: text for line, text in new.items() if text != next(p.text for p in paragraphs if p.line == line)}
    path = source.path
    if source.kind == "docx":
        # Word's automatic numbers are not in the runs: the runs get the text after them
        # (a number Word counts is not renumbered here).
        auto = {p.line: normalize(p.auto) for p in paragraphs if p.auto}
        runs_text = {
            line: text[len(auto[line]):] if line in auto and text.startswith(auto[line]) else text
            for line, text in new.items()
            if line not in auto or text.startswith(auto[line])
        }
        return path.with_name(f"{path.stem}.fixed.docx"), _fixed_docx(path, runs_text)
    if source.kind == "html":
        text = "\n".join(new.get(p.line, p.text) for p in paragraphs) + "\n"
        return path.with_name(f"{path.stem}.fixed.txt"), text.encode("utf-8")
    from generator.input.loading import decode, read_limited

    text, _ = decode(read_limited(path, what="报告文件"), str(path))
    lines = text.splitlines()
    old = {p.line: p.text for p in paragraphs}
    for line, fixed in new.items():
        lines[line - 1] = lines[line - 1].replace(old[line], fixed, 1)
    return path.with_name(f"{path.stem}.fixed{path.suffix}"), ("\n".join(lines) + "\n").encode("utf-8")


def _fixed_docx(path: Path, new: dict[int, str]) -> bytes:
    """The .docx with each fixed paragraph's text put back into its runs:
    the first run takes the new text, the others are emptied, so the
    paragraph keeps its style (a run-in heading's face goes with its first run)."""
    import io

    import docx
    from generator.importing.reading import docx_numbered

    document = docx.Document(str(path))
    for number, paragraph in docx_numbered(document):
        if number not in new:
            continue
        runs = [r for r in paragraph.runs if r.text]
        if not runs:
            continue
        _put_text(runs, new[number])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _put_text(runs: list, text: str) -> None:
    """Spread ``text`` over runs keeping each run's share where the lengths allow
    (a heading run keeps the heading), the rest in the last run."""
    pos = 0
    for i, run in enumerate(runs):
        if i == len(runs) - 1:
            run.text = text[pos:]
        else:
            share = len(run.text.strip())
            run.text = text[pos: pos + share]
            pos += share
