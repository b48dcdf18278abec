"""The package around the document body: python-docx's default template,
trimmed to what a 公文 needs, with our styles, page and footers, and the
zip that holds it.

The template is built with python-docx by maintainers and shipped as
``generator/data/gongwen.docx`` (rebuild it with ``python -m
generator.render.writers.docx_package`` after changing the styles or the
page; tests/test_writer_docx.py fails while the shipped file differs from
what ``build_template`` makes). Rendering reads it with lxml alone: a cold
``render`` neither imports python-docx nor builds the package again, and
the drafts' bytes do not change with the installed python-docx version.

From python-docx's template (Word's own parts): the theme, the settings,
the styles part with Word's latent styles and built-in styles, the core
properties. Dropped: the thumbnail (a picture of an empty page), the
Word 2010 stylesWithEffects copy, the custom XML, the web settings, the
numbering (no style here numbers anything) and every built-in style
nothing is based on. Replaced: the font table (the Chinese faces, each
with the face Word substitutes when it is missing) and the extended
properties (the template names Word for Mac as the producer).

The same Document gives the same bytes: the core properties are set from
the document (its date, or none), and ``zip_parts`` zips the parts with
fixed dates and attributes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lxml import etree

from generator.render.writers.docx_styles import (
    BUILT_IN_BASES,
    FANGSONG,
    FOOTER_DISTANCE,
    HEITI,
    KAITI,
    LATIN,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    SONGTI,
    STYLES,
    W_NS,
    XIAOBIAOSONG,
    install_styles,
    w,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

TEMPLATE = Path(__file__).resolve().parent.parent.parent / "data" / "gongwen.docx"
HEADER_DISTANCE = 851  # 15 mm: no header is written, Word's Chinese default

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LANGUAGE = "zh-CN"

_DROPPED_PACKAGE_RELS = ("/thumbnail",)
_DROPPED_DOCUMENT_RELS = ("/stylesWithEffects", "/customXml", "/webSettings", "/numbering")


def serialize(root: etree._Element) -> bytes:
    """An XML part as bytes, with the declaration Word expects."""
    return XML_DECL + etree.tostring(root, encoding="UTF-8")


# As python-docx parses a part: blank text between elements dropped, no entities.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def parse_part(data: bytes) -> etree._Element:
    """A part of the template, parsed to be changed and serialized again."""
    return etree.fromstring(data, _PARSER)


@lru_cache(maxsize=1)
def template_parts() -> tuple[tuple[str, bytes], ...]:
    """The shipped template's parts, in their order: what every document
    shares (read once a process)."""
    with zipfile.ZipFile(TEMPLATE) as package:
        return tuple((entry.filename, package.read(entry)) for entry in package.infolist())


def build_template() -> bytes:
    """The template as python-docx and our styles make it (for maintainers:
    the shipped ``TEMPLATE`` must be these bytes)."""
    word = new_document()
    install_styles(word.styles.element)
    _page(word, {role: word.styles[spec.name] for role, spec in STYLES.items()})
    return zip_parts(package_parts(word))


def new_document() -> WordDocument:
    """A python-docx Document on its default template, trimmed and set up
    (``build_template`` starts from it; rendering reads the shipped template)."""
    import docx

    document = docx.Document()
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith(_DROPPED_PACKAGE_RELS):
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(_DROPPED_DOCUMENT_RELS):
            document.part.drop_rel(rel_id)
    _keep_only_needed_styles(document.styles.element)
    _replace_part(document, "/fontTable", "/word/fontTable.xml", font_table_part())
    _replace_package_part(document, "/extended-properties", "/docProps/app.xml", app_part())
    _settings(document)
    return document


def _keep_only_needed_styles(root: etree._Element) -> None:
    """Drop every built-in style except the defaults and our bases."""
    for style in list(root.iter(w("style"))):
        if style.get(w("default")) != "1" and style.get(w("styleId")) not in BUILT_IN_BASES:
            root.remove(style)


def _replace_part(document: WordDocument, reltype_end: str, name: str, blob: bytes) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith(reltype_end):
            content_type, reltype = rel.target_part.content_type, rel.reltype
            part.drop_rel(rel_id)
            part.relate_to(Part(PackURI(name), content_type, blob, part.package), reltype)


def _replace_package_part(document: WordDocument, reltype_end: str, name: str, blob: bytes) -> None:
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith(reltype_end):
            content_type, reltype = rel.target_part.content_type, rel.reltype
            package.rels.pop(rel_id)
            package.relate_to(Part(PackURI(name), content_type, blob, package), reltype)


def _settings(document: WordDocument) -> None:
    """Different odd and even footers; no punctuation compression (it would
    change the 28 characters a line); Chinese as the theme's East Asian
    language; Word 2013+ layout; no spelling state carried from the template."""
    document.settings.odd_and_even_pages_header_footer = True
    root = document.settings.element
    for tag in ("proofState", "attachedTemplate"):
        for found in root.findall(w(tag)):
            root.remove(found)
    zoom = root.find(w("zoom"))
    if zoom is not None:
        zoom.attrib.clear()
        zoom.set(w("percent"), "100")
    tab = root.find(w("defaultTabStop"))
    if tab is not None:
        tab.set(w("val"), "420")  # two 10.5 pt characters, as Chinese Word has it
    mode = root.find(f"{w('compat')}/{w('compatSetting')}[@{w('name')}='compatibilityMode']")
    if mode is not None:
        mode.set(w("val"), "15")
    lang = root.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("eastAsia"), LANGUAGE)


_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _core(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_CORE_NS[prefix]}}}{local}"


def set_core_properties(core: etree._Element, title: str, author: str, when: date | None) -> None:
    """Document properties fixed by the document itself (on the root of
    ``docProps/core.xml``): title, author, language, created and modified
    on the report's date (none if it has none). Each is set where the
    template has it, or added at the end, as python-docx does."""

    def put(name: str, text: str) -> etree._Element:
        element = core.find(_core(name))
        if element is None:
            element = etree.SubElement(core, _core(name))
        element.text = text
        return element

    put("dc:title", title)
    put("dc:creator", author)
    put("cp:lastModifiedBy", author)
    put("dc:description", "")  # the template says "generated by python-docx"
    put("dc:language", LANGUAGE)
    put("cp:revision", "1")
    # xsi declared on the root, not on each date (python-docx's way: an
    # attribute in its namespace set and removed again)
    core.set(_core("xsi:foo"), "bar")
    del core.attrib[_core("xsi:foo")]
    for name in ("dcterms:created", "dcterms:modified"):
        if when is None:
            for found in core.findall(_core(name)):
                core.remove(found)
        else:
            put(name, f"{when.isoformat()}T00:00:00Z").set(_core("xsi:type"), "dcterms:W3CDTF")


# name -> (substitute Word may use where the face is missing, family)
_FONTS: dict[str, tuple[str, str]] = {
    FANGSONG: ("仿宋", "modern"),
    KAITI: ("楷体", "modern"),
    HEITI: ("SimHei", "modern"),
    XIAOBIAOSONG: ("宋体", "script"),
    SONGTI: ("SimSun", "auto"),
}


def font_table_part() -> bytes:
    """The font table: the Chinese faces as GB2312 (charset 86) fonts, each
    with the face Word substitutes on a PC that lacks it (仿宋_GB2312 → 仿宋)."""
    root = etree.Element(w("fonts"), nsmap={"w": W_NS})
    for name, (alt, family) in _FONTS.items():
        font = etree.SubElement(root, w("font"), {w("name"): name})
        etree.SubElement(font, w("altName"), {w("val"): alt})
        etree.SubElement(font, w("charset"), {w("val"): "86"})
        etree.SubElement(font, w("family"), {w("val"): family})
        etree.SubElement(font, w("pitch"), {w("val"): "variable" if family == "script" else "fixed"})
    latin = etree.SubElement(root, w("font"), {w("name"): LATIN})
    etree.SubElement(latin, w("charset"), {w("val"): "00"})
    etree.SubElement(latin, w("family"), {w("val"): "roman"})
    etree.SubElement(latin, w("pitch"), {w("val"): "variable"})
    return serialize(root)


def app_part() -> bytes:
    """Extended properties: only the producing application."""
    return XML_DECL + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>reportgen</Application></Properties>"
    ).encode()


def package_parts(document: WordDocument) -> dict[str, bytes]:
    """Every part of a python-docx Document, by name, in python-docx's order
    ([Content_Types].xml first, as Office writes it)."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {entry.filename: package.read(entry) for entry in package.infolist()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip, in the given order, with fixed dates and
    attributes: the same parts give the same bytes on every platform."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            package.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


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


def main() -> None:
    """Rebuild the shipped template (after changing the styles or the page)."""
    data = build_template()
    if TEMPLATE.is_file() and TEMPLATE.read_bytes() == data:
        print(f"{TEMPLATE} is up to date")
        return
    TEMPLATE.write_bytes(data)
    print(f"rebuilt {TEMPLATE}")


if __name__ == "__main__":
    main()
