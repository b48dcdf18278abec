"""The parts around the document body, and the zip that holds them.

Written by hand rather than from python-docx's template so the package
holds only what a 公文 needs (no theme, no thumbnail, no revision ids) and
is the same bytes every time: fixed zip dates, a fixed entry order, fixed
document properties.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date

from lxml import etree

from generator.render.writers.docx_styles import (
    FANGSONG,
    HEITI,
    KAITI,
    LATIN,
    SONGTI,
    STYLES,
    W_NS,
    XIAOBIAOSONG,
    w,
)

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold

# Footer parts: odd pages use the default footer, even pages the even one.
FOOTERS = {"default": "footer1.xml", "even": "footer2.xml"}

XML_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def escape(text: str) -> str:
    """Text for an XML element (xml.sax.saxutils.escape, without importing
    urllib, http and ssl with it: 30 ms of every cold start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def serialize(root: etree._Element) -> bytes:
    """An XML part as bytes, with the declaration Word expects."""
    return XML_DECL + etree.tostring(root, encoding="UTF-8")


def content_types() -> bytes:
    """``[Content_Types].xml`` for the parts this writer emits."""
    overrides = {
        "/word/document.xml": f"{_WML}.document.main+xml",
        "/word/styles.xml": f"{_WML}.styles+xml",
        "/word/settings.xml": f"{_WML}.settings+xml",
        "/word/fontTable.xml": f"{_WML}.fontTable+xml",
        **{f"/word/{name}": f"{_WML}.footer+xml" for name in FOOTERS.values()},
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    lines = [
        f'<Types xmlns="{_CT}">',
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
        '<Default Extension="xml" ContentType="application/xml"/>',
        *(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides.items()),
        "</Types>",
    ]
    return XML_DECL + "".join(lines).encode()


def _relationships(targets: list[tuple[str, str]]) -> bytes:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, start=1)
    )
    return XML_DECL + f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>'.encode()


def package_rels() -> bytes:
    """``_rels/.rels``: the main document and the document properties."""
    return _relationships(
        [
            (f"{_REL}/officeDocument", "word/document.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            (f"{_REL}/extended-properties", "docProps/app.xml"),
        ]
    )


def document_rels() -> tuple[bytes, dict[str, str]]:
    """``word/_rels/document.xml.rels`` and the relationship id of each footer."""
    targets = [(f"{_REL}/styles", "styles.xml"), (f"{_REL}/settings", "settings.xml"),
               (f"{_REL}/fontTable", "fontTable.xml")]
    footer_ids = {}
    for kind, name in FOOTERS.items():
        targets.append((f"{_REL}/footer", name))
        footer_ids[kind] = f"rId{len(targets)}"
    return _relationships(targets), footer_ids


def settings_part() -> bytes:
    """Settings: different odd and even footers, no punctuation compression
    (it would change the 28 characters a line), Chinese as the theme
    language, Word 2013+ layout."""
    root = etree.Element(w("settings"), nsmap={"w": W_NS})
    etree.SubElement(root, w("zoom"), {w("percent"): "100"})
    etree.SubElement(root, w("defaultTabStop"), {w("val"): "420"})
    etree.SubElement(root, w("evenAndOddHeaders"))
    etree.SubElement(root, w("characterSpacingControl"), {w("val"): "doNotCompress"})
    compat = etree.SubElement(root, w("compat"))
    etree.SubElement(compat, w("useFELayout"))
    etree.SubElement(compat, w("compatSetting"), {
        w("name"): "compatibilityMode", w("uri"): "http://schemas.microsoft.com/office/word", w("val"): "15",
    })
    etree.SubElement(root, w("themeFontLang"), {w("val"): "en-US", w("eastAsia"): "zh-CN"})
    etree.SubElement(root, w("decimalSymbol"), {w("val"): "."})
    etree.SubElement(root, w("listSeparator"), {w("val"): ","})
    return serialize(root)


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


def footer_part(kind: str) -> bytes:
    """A footer holding "— N —" with N a PAGE field, so the numbers stay
    right however the clerk edits. Odd pages right, even pages left: the
    alignment and the one-character indent live in the two page-number
    styles."""
    style = STYLES["page_odd" if kind == "default" else "page_even"].style_id
    root = etree.Element(w("ftr"), nsmap={"w": W_NS})
    p = etree.SubElement(root, w("p"))
    etree.SubElement(etree.SubElement(p, w("pPr")), w("pStyle"), {w("val"): style})

    def run(child: str, text: str = "", **attrs: str) -> None:
        r = etree.SubElement(p, w("r"))
        etree.SubElement(etree.SubElement(r, w("rPr")), w("rFonts"), {w("hint"): "eastAsia"})
        el = etree.SubElement(r, w(child), {w(k): v for k, v in attrs.items()})
        if text:
            el.text = text
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")

    run("t", "\u2014 ")
    run("fldChar", fldCharType="begin")
    run("instrText", " PAGE ")
    run("fldChar", fldCharType="separate")
    run("t", "1")
    run("fldChar", fldCharType="end")
    run("t", " \u2014")
    return serialize(root)


def core_part(title: str, author: str, when: date | None) -> bytes:
    """Document properties fixed by the document itself: title, author,
    and created/modified on the report's date (none if it has none)."""
    stamp = f"{when.isoformat()}T00:00:00Z" if when else ""
    dates = (
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        if stamp
        else ""
    )
    body = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{dates}</cp:coreProperties>"
    )
    return XML_DECL + body.encode()


def app_part() -> bytes:
    """Extended properties: only the producing application."""
    return XML_DECL + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>reportgen</Application></Properties>"
    ).encode()


def zip_package(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip with fixed dates and attributes, in the given
    order ([Content_Types].xml first, as Office writes it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # same bytes on every platform
            info.external_attr = 0
            package.writestr(info, data, compresslevel=6)
    return buffer.getvalue()
