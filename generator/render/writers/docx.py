"""The .docx writer: a Document as a GB/T 9704-2012 公文 that Word, WPS
and LibreOffice open already laid out.

The page (A4, 37/35/28/26 mm margins, 22 lines × 28 characters), the
faces and sizes live in named styles (``docx_styles``); this module
writes the body: one paragraph per block, each naming its style and
nothing else, with

* run-in headings as two runs: the heading sentence in the paragraph's
  heading face, the rest in the 公文正文字符 character style;
* every 【待填：…】 gap as its own run, highlighted yellow;
* a long title broken into balanced lines (``title_lines``);
* "— N —" page numbers in odd (right) and even (left) footers.

The output is the same bytes for the same Document (see ``docx_package``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from lxml import etree

from generator.render.document import Block, Document, Mark, pieces
from generator.render.writers.docx_package import (
    FOOTERS,
    R_NS,
    app_part,
    content_types,
    core_part,
    document_rels,
    font_table_part,
    footer_part,
    package_rels,
    serialize,
    settings_part,
    zip_package,
)
from generator.render.writers.docx_reference import apply_reference
from generator.render.writers.docx_styles import (
    BODY_TEXT_CHAR,
    FOOTER_DISTANCE,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SIZE_2HAO,
    STYLES,
    TEXT_WIDTH,
    W_NS,
    styles_part,
    w,
)
from generator.render.writers.title_lines import balance_title

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# A gap is highlighted yellow (Word's highlight, found with Find › Highlight);
# last year's wording not yet edited is shaded light blue, to read through.
CARRIED_FILL = "CCECFF"
TITLE_CHARS_PER_LINE = TEXT_WIDTH // (SIZE_2HAO * 10)  # 20 characters of 2号


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as .docx bytes; ``reference`` is a .docx whose styles
    replace ours where the names match."""
    styles = styles_part()
    if reference is not None:
        apply_reference(styles, reference)
    rels, footer_ids = document_rels()
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": package_rels(),
        "docProps/app.xml": app_part(),
        "docProps/core.xml": core_part(document.title, document.author, _report_date(document)),
        "word/_rels/document.xml.rels": rels,
        "word/document.xml": serialize(document_part(document, footer_ids)),
        "word/fontTable.xml": font_table_part(),
        **{f"word/{name}": footer_part(kind) for kind, name in FOOTERS.items()},
        "word/settings.xml": settings_part(),
        "word/styles.xml": serialize(styles),
    }
    return zip_package(parts)


def _report_date(document: Document) -> date | None:
    try:
        return date.fromisoformat(document.date) if document.date else None
    except ValueError:
        return None


def document_part(document: Document, footer_ids: dict[str, str]) -> etree._Element:
    """``word/document.xml``: the blocks, then the section's page setup."""
    root = etree.Element(w("document"), nsmap={"w": W_NS, "r": R_NS})
    body = etree.SubElement(root, w("body"))
    for block in document.blocks:
        body.append(paragraph(block))
    body.append(section_properties(footer_ids))
    return root


def paragraph(block: Block) -> etree._Element:
    """One block as a ``w:p`` whose only paragraph property is its style."""
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    etree.SubElement(ppr, w("pStyle"), {w("val"): STYLES[block.role].style_id})
    if block.role == "title":
        lines = balance_title(block.full, TITLE_CHARS_PER_LINE)
        for number, line in enumerate(lines):
            _add_runs(p, pieces(line), char_style=None, line_break=number > 0)
        return p
    _add_runs(p, block.pieces("lead"), char_style=None)
    # After a run-in heading the text returns to the body face.
    _add_runs(p, block.pieces("text"), char_style=BODY_TEXT_CHAR if block.lead else None)
    return p


def _add_runs(
    p: etree._Element, runs: list[tuple[str, Mark]], *, char_style: str | None, line_break: bool = False
) -> None:
    """Append the pieces as runs; a 【待填：…】 gap and last year's wording not
    yet edited are highlighted, each in its own colour."""
    first = True
    for piece, mark in runs:
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        if char_style:
            etree.SubElement(rpr, w("rStyle"), {w("val"): char_style})
        etree.SubElement(rpr, w("rFonts"), {w("hint"): "eastAsia"})
        if mark == "gap":
            etree.SubElement(rpr, w("highlight"), {w("val"): "yellow"})
        elif mark == "carried":
            etree.SubElement(rpr, w("shd"), {w("val"): "clear", w("color"): "auto", w("fill"): CARRIED_FILL})
        if line_break and first:
            etree.SubElement(r, w("br"))
        first = False
        t = etree.SubElement(r, w("t"))
        t.text = piece
        if piece != piece.strip():
            t.set(_XML_SPACE, "preserve")


def section_properties(footer_ids: dict[str, str]) -> etree._Element:
    """A4 with the GB/T 9704 margins, a 22-line grid, odd/even footers.

    The grid is ``type="lines"`` (a line pitch, no character pitch): a
    ``linesAndChars`` grid is laid out by LibreOffice at 18 characters a
    line, while the −0.25 pt character spacing in the styles gives 28 in
    Word, WPS and LibreOffice alike.
    """
    sect = etree.Element(w("sectPr"))
    for kind, rel_id in footer_ids.items():
        etree.SubElement(sect, w("footerReference"), {w("type"): kind, f"{{{R_NS}}}id": rel_id})
    etree.SubElement(sect, w("pgSz"), {w("w"): str(PAGE_WIDTH), w("h"): str(PAGE_HEIGHT)})
    etree.SubElement(sect, w("pgMar"), {
        w("top"): str(MARGIN_TOP), w("right"): str(MARGIN_RIGHT), w("bottom"): str(MARGIN_BOTTOM),
        w("left"): str(MARGIN_LEFT), w("header"): "851", w("footer"): str(FOOTER_DISTANCE), w("gutter"): "0",
    })
    etree.SubElement(sect, w("cols"), {w("space"): "425"})
    etree.SubElement(sect, w("docGrid"), {w("type"): "lines", w("linePitch"): str(LINE_PITCH)})
    return sect
