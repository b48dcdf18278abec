"""The .docx writer: a Document as a GB/T 9704-2012 公文 that Word, WPS
and LibreOffice open already laid out.

Written with python-docx where it does the job: the package from its
default template (theme, settings, latent styles, core properties with
the language zh-CN; ``docx_package``), the page size and margins, the odd
and even footers, the core properties. Hand-written OOXML where
python-docx has no API: the style properties (East Asian faces,
character-unit indents, grid snapping, character spacing;
``docx_styles``), the document grid, the PAGE field in the footers, the
East Asian hint on runs and the shading of carried wording; and, for
speed, the body's paragraphs and runs (python-docx's element layer took
half the writer's time placing each child in schema order).

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
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from generator.render.document import Block, Document, Mark, pieces
from generator.render.writers.docx_package import new_document, package_parts, serialize, set_core_properties, zip_parts
from generator.render.writers.docx_reference import apply_reference
from generator.render.writers.docx_styles import (
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
    install_styles,
    set_signature_indents,
    w,
)
from generator.render.writers.title_lines import balance_title

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

# A gap is highlighted yellow (Word's highlight, found with Find › Highlight);
# last year's wording not yet edited is shaded light blue, to read through.
CARRIED_FILL = "CCECFF"
TITLE_CHARS_PER_LINE = TEXT_WIDTH // (SIZE_2HAO * 10)  # 20 characters of 2号
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HEADER_DISTANCE = 851  # 15 mm: no header is written, Word's Chinese default


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as .docx bytes; ``reference`` is a .docx whose styles
    replace ours where the names match.

    The package is python-docx's, built once a process (``_template``);
    each document parses only the three parts it changes, with
    python-docx's element classes, and zips the parts once."""
    from docx.oxml.parser import parse_xml

    parts = dict(_template())
    styles = parse_xml(parts[STYLES_PART])
    set_signature_indents(
        styles,
        [b.full for b in document.blocks if b.role == "signature"],
        next((b.full for b in document.blocks if b.role == "date"), ""),
    )
    if reference is not None:
        apply_reference(styles, reference)
    main = parse_xml(parts[DOCUMENT_PART])
    body = main.find(w("body"))
    for block in document.blocks:
        _paragraph(body, block)
    core = parse_xml(parts[CORE_PART])
    set_core_properties(core, document.title, document.author, _report_date(document))
    parts |= {STYLES_PART: serialize(styles), DOCUMENT_PART: serialize(main), CORE_PART: serialize(core)}
    return zip_parts(parts)


STYLES_PART, DOCUMENT_PART, CORE_PART = "word/styles.xml", "word/document.xml", "docProps/core.xml"


@lru_cache(maxsize=1)
def _template() -> tuple[tuple[str, bytes], ...]:
    """The parts of the trimmed package with our styles and the page set
    up: what every document shares, built once a process."""
    word = new_document()
    install_styles(word.styles.element)
    _page(word, {role: word.styles[spec.name] for role, spec in STYLES.items()})
    return tuple(package_parts(word).items())


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


def _page(word: WordDocument, styles: dict[str, Any]) -> None:
    """A4 with the GB/T 9704 margins, a 22-line grid, odd/even footers.

    The grid is ``type="lines"`` (a line pitch, no character pitch): a
    ``linesAndChars`` grid is laid out by LibreOffice at 18 characters a
    line, while the −0.25 pt character spacing in the styles gives 28 in
    Word, WPS and LibreOffice alike.
    """
    from docx.shared import Twips

    section = word.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DISTANCE), Twips(FOOTER_DISTANCE)
    section.gutter = Twips(0)
    sect = section._sectPr
    for name in ("rsidR", "rsidRPr", "rsidSect"):
        sect.attrib.pop(w(name), None)
    cols = sect.find(w("cols"))
    if cols is not None:
        cols.set(w("space"), "425")
    grid = sect.find(w("docGrid"))
    if grid is not None:
        grid.attrib.clear()
        grid.set(w("type"), "lines")
        grid.set(w("linePitch"), str(LINE_PITCH))
    _page_number(section.footer, styles["page_odd"])
    _page_number(section.even_page_footer, styles["page_even"])


def _page_number(footer: Any, style: Any) -> None:
    """A footer holding "— N —" with N a PAGE field, so the numbers stay
    right however the clerk edits. Odd pages right, even pages left: the
    alignment and the one-character indent live in the two page-number
    styles."""
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = style

    def run(child: str = "", text: str = "", **attrs: str) -> None:
        r = p.add_run()
        r._r.get_or_add_rPr().get_or_add_rFonts().set(w("hint"), "eastAsia")
        if child:  # a field character or instruction: no python-docx API for fields
            el = etree.SubElement(r._r, w(child), {w(k): v for k, v in attrs.items()})
            if text:
                el.text = text
                el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:
            r.add_text(text)

    run(text="\u2014 ")
    run("fldChar", fldCharType="begin")
    run("instrText", " PAGE ")
    run("fldChar", fldCharType="separate")
    run(text="1")
    run("fldChar", fldCharType="end")
    run(text=" \u2014")
