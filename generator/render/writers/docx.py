"""The .docx writer: a Document as a GB/T 9704-2012 公文 that Word, WPS
and LibreOffice open already laid out.

The package is a template built with python-docx where it does the job
(theme, settings, latent styles, the page size and margins, the odd and
even footers; ``docx_package``) and shipped with reportgen, so rendering
needs lxml only. Hand-written OOXML where python-docx has no API: the
style properties (East Asian faces, character-unit indents, grid
snapping, character spacing; ``docx_styles``), the document grid, the
PAGE field in the footers, the core properties, the East Asian hint on
runs and the shading of carried wording; and, for speed, the body's
paragraphs and runs.

The page (A4, 37/35/28/26 mm margins, 22 lines × 28 characters), the
faces and sizes live in named styles; this module writes the body: one
paragraph per block, each naming its style and nothing else, with

* a heading on its own line in 公文一级/二级/三级标题 (based on Heading
  1–3: in the outline, kept with the next paragraph);
* a heading run into its paragraph as a 公文正文 paragraph whose first
  run takes the heading's face (公文二级标题字符 …): not in the outline,
  so the navigation pane lists the heading, not the whole paragraph;
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
from generator.render.writers.docx_package import parse_part, serialize, set_core_properties, template_parts, zip_parts
from generator.render.writers.docx_reference import apply_reference
from generator.render.writers.docx_styles import SIZE_2HAO, STYLES, TEXT_WIDTH, set_signature_indents, w
from generator.render.writers.title_lines import balance_title

# A gap is highlighted yellow (Word's highlight, found with Find › Highlight);
# last year's wording not yet edited is shaded light blue, to read through.
CARRIED_FILL = "CCECFF"
TITLE_CHARS_PER_LINE = TEXT_WIDTH // (SIZE_2HAO * 10)  # 20 characters of 2号
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as .docx bytes; ``reference`` is a .docx whose styles
    replace ours where the names match.

    The package is the shipped template (``docx_package.template_parts``:
    styles, page and footers already in place); each document parses only
    the three parts it changes and zips the parts once."""
    parts = dict(template_parts())
    styles = parse_part(parts[STYLES_PART])
    set_signature_indents(
        styles,
        [b.full for b in document.blocks if b.role == "signature"],
        next((b.full for b in document.blocks if b.role == "date"), ""),
    )
    if reference is not None:
        apply_reference(styles, reference)
    main = parse_part(parts[DOCUMENT_PART])
    body = main.find(w("body"))
    for block in document.blocks:
        _paragraph(body, block)
    core = parse_part(parts[CORE_PART])
    set_core_properties(core, document.title, document.author, _report_date(document))
    parts |= {STYLES_PART: serialize(styles), DOCUMENT_PART: serialize(main), CORE_PART: serialize(core)}
    return zip_parts(parts)


STYLES_PART, DOCUMENT_PART, CORE_PART = "word/styles.xml", "word/document.xml", "docProps/core.xml"


def _report_date(document: Document) -> date | None:
    try:
        return date.fromisoformat(document.date) if document.date else None
    except ValueError:
        return None


def _paragraph(body: etree._Element, block: Block) -> None:
    """One block as a ``w:p`` before the section properties, whose only
    paragraph property is its style.

    Built with lxml in schema order: python-docx's element layer inserts
    every child by searching the schema's order, which was half of the
    writer's time, and its ``add_paragraph`` looks the style up by name."""
    p = etree.Element(w("p"))
    body.insert(len(body) - 1, p)  # the body ends with w:sectPr
    ppr = etree.SubElement(p, w("pPr"))
    if block.role == "title":
        etree.SubElement(ppr, w("pStyle"), {w("val"): STYLES["title"].style_id})
        for number, line in enumerate(balance_title(block.full, TITLE_CHARS_PER_LINE)):
            _add_runs(p, pieces(line), char_style=None, line_break=number > 0)
        return
    run_in = block.role.startswith("heading") and bool(block.lead) and bool(block.text)
    etree.SubElement(ppr, w("pStyle"), {w("val"): STYLES["body" if run_in else block.role].style_id})
    _add_runs(p, block.pieces("lead"), char_style=STYLES[f"{block.role}_lead"].style_id if run_in else None)
    _add_runs(p, block.pieces("text"), char_style=None)


def _add_runs(
    p: etree._Element, runs: list[tuple[str, Mark]], *, char_style: str | None, line_break: bool = False
) -> None:
    """Append the pieces as runs; a 【待填：…】 gap and last year's wording not
    yet edited are highlighted, each in its own colour."""
    for number, (piece, mark) in enumerate(runs):
        r = etree.SubElement(p, w("r"))
        rpr = etree.SubElement(r, w("rPr"))
        if char_style:
            etree.SubElement(rpr, w("rStyle"), {w("val"): char_style})
        # The East Asian hint: ambiguous marks (“ ” — …) take the Chinese face.
        etree.SubElement(rpr, w("rFonts"), {w("hint"): "eastAsia"})
        if mark == "gap":
            etree.SubElement(rpr, w("highlight"), {w("val"): "yellow"})
        elif mark == "carried":
            etree.SubElement(rpr, w("shd"), {w("val"): "clear", w("color"): "auto", w("fill"): CARRIED_FILL})
        if line_break and number == 0:
            etree.SubElement(r, w("br"))
        t = etree.SubElement(r, w("t"))
        t.text = piece
        if piece != piece.strip():
            t.set(_XML_SPACE, "preserve")
