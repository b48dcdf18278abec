"""The .docx as the tools people already use read it: openxml-audit (a
conformance check of the package), pandoc (the outline), LibreOffice (no
heading ends a page)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.pipeline import build_document, check_file, render_formats
from generator.render.document import Block, Document
from generator.render.writers import pdf
from tests.helpers import REPO

EXAMPLES = sorted((REPO / "inputs" / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    files = {}
    for example in EXAMPLES:
        _, rendered = render_formats(check_file(example), ["docx"])
        files[example.stem] = folder / f"{example.stem}.docx"
        files[example.stem].write_bytes(rendered["docx"])
    return files


def own_line_headings(example: Path) -> list[tuple[int, str]]:
    """(level, text) of every heading on its own line, as the model renders it."""
    document = build_document(check_file(example))
    return [(int(b.role[-1]), b.full) for b in document.blocks if b.role.startswith("heading") and not b.text]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_openxml_audit_reports_no_error(example: Path, docx_files: dict[str, Path]) -> None:
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(docx_files[example.stem]))
    assert result.error_count == 0, [str(e) for e in result.errors]
    assert result.is_valid


def _inline_text(inlines: list[dict]) -> str:
    out = []
    for inline in inlines:
        if inline["t"] == "Str":
            out.append(inline["c"])
        elif inline["t"] in ("Space", "SoftBreak"):
            out.append(" ")
        elif isinstance(inline.get("c"), list):  # Emph, Strong, Span …: their last element holds inlines
            inner = inline["c"][-1] if inline["t"] == "Span" else inline["c"]
            out.append(_inline_text(inner))
    return "".join(out)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_pandoc_finds_the_headings_with_their_levels(example: Path, docx_files: dict[str, Path]) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed")
    out = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "json", str(docx_files[example.stem])],
        capture_output=True, check=True, text=True, encoding="utf-8",
    ).stdout
    headers = [(b["c"][0], _inline_text(b["c"][2])) for b in json.loads(out)["blocks"] if b["t"] == "Header"]
    expected = own_line_headings(example)
    assert expected, "every example has headings on their own line"
    assert headers == expected


def _page_texts(pdf_file: Path) -> list[list[str]]:
    """Each page's text lines, whitespace removed, the page number dropped."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, check=True,
                          text=True, encoding="utf-8").stdout
    pages = []
    for page in text.split("\f"):
        lines = [re.sub(r"\s+", "", line) for line in page.splitlines()]
        pages.append([line for line in lines if line and not re.fullmatch(r"\u2014\d+\u2014", line)])
    return [page for page in pages if page]


def _starts_a_heading(line: str, blocks: list[Block]) -> bool:
    """Whether ``line`` is a heading on its own line, or the first line of
    a paragraph led by a heading that goes on below it."""
    for block in blocks:
        if not block.role.startswith("heading"):
            continue
        full = re.sub(r"\s+", "", block.full)
        if not block.text and line == full:
            return True
        if block.text and full.startswith(line) and len(line) < len(full) and line.startswith(block.lead[:4]):
            return True
    return False


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    """Every example's document and its PDF, as the PDF writer makes it, all
    laid out in one LibreOffice run (its start is most of a conversion's time)."""
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    documents = {example.stem: build_document(check_file(example)) for example in EXAMPLES}
    folder = tmp_path_factory.mktemp("pdf")
    laid = {}
    for stem, data in pdf.render_many(documents).items():
        (folder / f"{stem}.pdf").write_bytes(data)
        laid[stem] = (documents[stem], folder / f"{stem}.pdf")
    return laid


@pytest.mark.slow
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_heading_ends_a_page(example: Path, laid_out: dict[str, tuple[Document, Path]]) -> None:
    document, pdf_file = laid_out[example.stem]
    pages = _page_texts(pdf_file)
    assert len(pages) >= 2
    blocks = list(document.blocks)
    assert re.sub(r"\s+", "", blocks[0].full) in "".join(pages[0]), "the PDF laid out for this example"
    for number, lines in enumerate(pages[:-1], start=1):
        assert not _starts_a_heading(lines[-1], blocks), f"page {number} ends with a heading: {lines[-1]}"
