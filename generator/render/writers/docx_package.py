"""The package around the document body: python-docx's default template,
trimmed to what a 公文 needs, and the zip that holds it.

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
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from lxml import etree

from generator.render.writers.docx_styles import (
    BUILT_IN_BASES,
    FANGSONG,
    HEITI,
    KAITI,
    LATIN,
    SONGTI,
    W_NS,
    XIAOBIAOSONG,
    w,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.coreprops import CT_CoreProperties

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold
XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LANGUAGE = "zh-CN"

_DROPPED_PACKAGE_RELS = ("/thumbnail",)
_DROPPED_DOCUMENT_RELS = ("/stylesWithEffects", "/customXml", "/webSettings", "/numbering")


def serialize(root: etree._Element) -> bytes:
    """An XML part as bytes, with the declaration Word expects."""
    return XML_DECL + etree.tostring(root, encoding="UTF-8")


def new_document() -> WordDocument:
    """A python-docx Document on its default template, trimmed and set up
    (the writer builds this once a process and copies it per document)."""
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


def set_core_properties(core: CT_CoreProperties, title: str, author: str, when: date | None) -> None:
    """Document properties fixed by the document itself (on python-docx's
    element of ``docProps/core.xml``): title, author, language, created and
    modified on the report's date (none if it has none)."""
    core.title_text = title
    core.author_text = core.lastModifiedBy_text = author
    core.comments_text = ""  # the template says "generated by python-docx"
    core.language_text = LANGUAGE
    core.revision_number = 1
    if when is not None:
        core.created_datetime = core.modified_datetime = datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
    else:  # python-docx cannot set "no date": drop the template's
        core._remove_created()
        core._remove_modified()


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
