"""The GB/T 9704-2012 page and type of the .docx, as named Word styles.

Every paragraph the writer emits names one of the paragraph styles below
and carries no direct paragraph formatting, so a clerk can restyle the
whole draft in Word (修改样式), and a locality's reference .docx can
replace any of them by name (``apply_reference``).

The title and the headings are based on Word's built-in Title and
Heading 1–3 (their names, as Word shows them, stay Chinese: 公文标题,
公文一级标题 …), so Word's navigation pane and table of contents, WPS and
pandoc see the outline. A heading run into its paragraph ("（一）标题。正文……")
is a body paragraph whose first run takes the heading's linked character
style: the outline then holds headings, not whole paragraphs.

The style properties are written as OOXML here (python-docx has no API
for East Asian faces, character-unit indents, grid snapping or character
spacing); the styles part itself, with Word's latent styles and the
built-in styles, comes from python-docx's default template
(``docx_package``).

Measures are in twips (1/20 pt) and half-points, as in the XML:
A4 is 11906 × 16838 twips; the text area 156 × 225 mm holds 22 lines of
exactly 28.95 pt (579 twips) and 28 characters of 16 pt narrowed by
0.25 pt each (28 × 15.75 pt = 441 pt ≤ 442 pt of text width).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from generator.render.writers.title_lines import EM, text_width

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{tag}"


def mm_to_twips(mm: float) -> int:
    """Millimetres to twips (1 inch = 25.4 mm = 1440 twips)."""
    return round(mm * 1440 / 25.4)


PAGE_WIDTH = 11906  # A4, 210 mm
PAGE_HEIGHT = 16838  # A4, 297 mm
MARGIN_TOP = mm_to_twips(37)
MARGIN_BOTTOM = mm_to_twips(35)
MARGIN_LEFT = mm_to_twips(28)
MARGIN_RIGHT = mm_to_twips(26)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips ≈ 156 mm
LINE_PITCH = 579  # 28.95 pt: 22 lines in the 225 mm text area
CHAR_SPACING = -5  # −0.25 pt: 28 characters of 3号 a line
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

# The page number's em dashes sit 7 mm below the text area (GB/T 9704 7.5).
# Word measures the footer distance from the page's bottom edge to the
# bottom of the footer line; the footer line is exactly 14 pt high and its
# dashes sit about half an em above the line's bottom, so the line's bottom
# is at 35 − 7 − 2.5 ≈ 25.5 mm from the page's bottom edge.
FOOTER_DISTANCE = mm_to_twips(25.5)
FOOTER_LINE = 280  # 14 pt, one 4号 line

# Face names as Word and WPS on a government PC know them.
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"
LATIN = "Times New Roman"  # digits and Latin letters in the text

SIZE_3HAO = 32  # 三号 16 pt, in half-points
SIZE_2HAO = 44  # 二号 22 pt
SIZE_4HAO = 28  # 四号 14 pt


@dataclass(frozen=True)
class StyleSpec:
    """One named style: its face, size and paragraph layout."""

    style_id: str  # ASCII: Word and LibreOffice refer to styles by id
    name: str  # what the clerk sees in Word's style list
    east_asia: str
    latin: str = LATIN
    size: int = SIZE_3HAO
    kind: str = "paragraph"  # or "character"
    jc: str = "both"
    first_line_chars: int = 0  # hundredths of a character
    left_chars: int = 0
    right_chars: int = 0
    snap_to_grid: bool = True
    line: int = LINE_PITCH  # exact line height
    before: int = 0
    after: int = 0
    contextual: bool = False  # no space between paragraphs of this style
    outline_level: int | None = None
    char_spacing: int = CHAR_SPACING
    next_style: str = ""  # the style after Enter; empty: the same style
    based_on: str = "Normal"  # a built-in style id: Title, Heading1 …
    keep_next: bool = False  # never the last line of a page
    link: str = ""  # the linked character (or paragraph) style's id


def _heading(level: int, name: str, face: str) -> StyleSpec:
    return StyleSpec(
        f"GongwenHeading{level}", name, face, first_line_chars=200, outline_level=level - 1,
        next_style="GongwenBody", based_on=f"Heading{level}", keep_next=True, link=f"GongwenHeading{level}Char",
    )


def _lead(heading: StyleSpec) -> StyleSpec:
    """The character style of a heading run into its paragraph: the heading's face."""
    return StyleSpec(
        heading.link, heading.name + "字符", heading.east_asia, kind="character", based_on="DefaultParagraphFont",
        link=heading.style_id,
    )


HEADINGS = {"heading1": _heading(1, "公文一级标题", HEITI), "heading2": _heading(2, "公文二级标题", KAITI),
            "heading3": _heading(3, "公文三级标题", FANGSONG)}

STYLES: dict[str, StyleSpec] = {
    "title": StyleSpec(
        "GongwenTitle", "公文标题", XIAOBIAOSONG, XIAOBIAOSONG, SIZE_2HAO, jc="center",
        snap_to_grid=False, after=LINE_PITCH, char_spacing=0, next_style="GongwenBody", based_on="Title",
    ),
    "addressee": StyleSpec("GongwenAddressee", "公文主送机关", FANGSONG, jc="left", next_style="GongwenBody"),
    "body": StyleSpec("GongwenBody", "公文正文", FANGSONG, first_line_chars=200),
    **HEADINGS,
    **{f"{role}_lead": _lead(spec) for role, spec in HEADINGS.items()},
    # One blank line after the body, then the issuers one a line; the
    # right indents follow GB/T 9704 7.3.5.2 (``signature_indents``).
    "signature": StyleSpec(
        "GongwenSignature", "公文署名", FANGSONG, jc="right", right_chars=200,
        before=LINE_PITCH, contextual=True, next_style="GongwenDate",
    ),
    "date": StyleSpec("GongwenDate", "公文成文日期", FANGSONG, jc="right", right_chars=400),
    "page_odd": StyleSpec(
        "GongwenPageNumberOdd", "公文页码单页", SONGTI, SONGTI, SIZE_4HAO, jc="right",
        right_chars=100, snap_to_grid=False, line=FOOTER_LINE, char_spacing=0,
    ),
    "page_even": StyleSpec(
        "GongwenPageNumberEven", "公文页码双页", SONGTI, SONGTI, SIZE_4HAO, jc="left",
        left_chars=100, snap_to_grid=False, line=FOOTER_LINE, char_spacing=0,
    ),
}
# The default paragraph style: what a paragraph the clerk adds looks like.
NORMAL = StyleSpec("Normal", "Normal", FANGSONG, first_line_chars=200)
# Word's built-in styles ours are based on; the template's versions carry
# theme fonts, colours and a border, so they are reset to name and outline.
BUILT_IN_BASES = ("Title", "Heading1", "Heading2", "Heading3")
SIGNATURE_RIGHT = 2 * EM  # GB/T 9704 7.3.5.2: the issuer two characters in from the right
DATE_SHIFT = 2 * EM  # the date's first character two characters right of the issuer's
DIGIT = EM // 2  # a Times New Roman (or Liberation Serif) digit is half an em


def signature_indents(issuers: Sequence[str], when: str) -> tuple[int, int]:
    """The right indents (twips) of the issuers and of the date, per GB/T
    9704 7.3.5.2 for an unsealed document: the issuer right-indented two
    characters, the date on the next line starting two characters right of
    the issuer's first character; a date longer than that allows is
    right-indented two characters and the issuer moves left to match.

    Both lines are right-aligned, so a start is the right indent plus the
    text's width; widths are in hundredths of a 3号 character, −0.25 pt a
    character of spacing included. With several issuers the line above
    the date is the one it is measured from; all issuers share one indent.
    """
    issuer = issuers[-1] if issuers else ""
    sig_width, date_width = _set_width(issuer), _set_width(when)
    date_right = SIGNATURE_RIGHT + sig_width - DATE_SHIFT - date_width
    sig_right = SIGNATURE_RIGHT
    if date_right < SIGNATURE_RIGHT:
        date_right = SIGNATURE_RIGHT
        sig_right = date_right + date_width + DATE_SHIFT - sig_width
    return _hundredths_to_twips(sig_right), _hundredths_to_twips(date_right)


def _set_width(text: str) -> int:
    """Width in hundredths of a 3号 character, with the −0.25 pt spacing."""
    return text_width(text, latin=DIGIT) + len(text) * CHAR_SPACING * 100 // (SIZE_3HAO * 10)


def _hundredths_to_twips(hundredths: int) -> int:
    return round(hundredths * SIZE_3HAO * 10 / EM)


def _el(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, w(tag), {w(k): v for k, v in attrs.items()})


def fonts_element(parent: etree._Element, east_asia: str, latin: str) -> etree._Element:
    """``w:rFonts`` naming the faces explicitly (no theme fonts) with the
    East Asian hint, so ambiguous marks (“ ” — …) take the Chinese face."""
    return _el(parent, "rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def _chars_to_twips(chars: int, size: int) -> str:
    return str(chars * size * 10 // 100)  # hundredths of a char × half-points → twips


def _paragraph_properties(style: etree._Element, spec: StyleSpec) -> None:
    ppr = _el(style, "pPr")
    if spec.keep_next:  # a heading never ends a page
        _el(ppr, "keepNext")
    # No line of a paragraph alone at the top or bottom of a page.
    _el(ppr, "widowControl")
    # Word's own default (a closing mark may hang in the margin), stated
    # explicitly because LibreOffice reads it inverted: without it, LO
    # hangs the mark and, on a justified line narrowed by −0.25 pt, never
    # draws it (7.4); with it, LO carries the mark to the next line.
    _el(ppr, "overflowPunct", val="1")
    if not spec.snap_to_grid:
        _el(ppr, "snapToGrid", val="0")
    _el(ppr, "spacing", before=str(spec.before), after=str(spec.after), line=str(spec.line), lineRule="exact")
    ind: dict[str, str] = {}
    if spec.left_chars:
        ind |= {"leftChars": str(spec.left_chars), "left": _chars_to_twips(spec.left_chars, spec.size)}
    if spec.right_chars:
        ind |= {"rightChars": str(spec.right_chars), "right": _chars_to_twips(spec.right_chars, spec.size)}
    if spec.first_line_chars:
        ind |= {
            "firstLineChars": str(spec.first_line_chars),
            "firstLine": _chars_to_twips(spec.first_line_chars, spec.size),
        }
    else:
        ind |= {"firstLineChars": "0", "firstLine": "0"}
    _el(ppr, "ind", **ind)
    if spec.contextual:
        _el(ppr, "contextualSpacing")
    _el(ppr, "jc", val=spec.jc)
    if spec.outline_level is not None:
        _el(ppr, "outlineLvl", val=str(spec.outline_level))


def _run_properties(style: etree._Element, spec: StyleSpec) -> None:
    rpr = _el(style, "rPr")
    fonts_element(rpr, spec.east_asia, spec.latin)
    if spec.char_spacing:
        _el(rpr, "spacing", val=str(spec.char_spacing))
    _el(rpr, "sz", val=str(spec.size))
    _el(rpr, "szCs", val=str(spec.size))


def style_element(spec: StyleSpec, *, default: bool = False) -> etree._Element:
    """A ``w:style`` element for one spec."""
    attrs = {w("type"): spec.kind, w("styleId"): spec.style_id}
    if default:
        attrs[w("default")] = "1"
    else:
        attrs[w("customStyle")] = "1"
    style = etree.Element(w("style"), attrs)
    _el(style, "name", val=spec.name)
    if not default:
        _el(style, "basedOn", val=spec.based_on)
    if spec.kind == "paragraph":
        _el(style, "next", val=spec.next_style or spec.style_id)
    if spec.link:
        _el(style, "link", val=spec.link)
    _el(style, "qFormat")
    if spec.kind == "paragraph":
        _paragraph_properties(style, spec)
    _run_properties(style, spec)
    return style


def _doc_defaults() -> etree._Element:
    """docDefaults without theme fonts, with no space after paragraphs and
    Chinese as the East Asian language."""
    defaults = etree.Element(w("docDefaults"))
    rpr = _el(_el(defaults, "rPrDefault"), "rPr")
    fonts_element(rpr, FANGSONG, LATIN)
    _el(rpr, "kern", val="2")
    _el(rpr, "sz", val=str(SIZE_3HAO))
    _el(rpr, "szCs", val=str(SIZE_3HAO))
    _el(rpr, "lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = _el(_el(defaults, "pPrDefault"), "pPr")
    _el(ppr, "overflowPunct", val="1")  # see _paragraph_properties
    _el(ppr, "spacing", after="0", line=str(LINE_PITCH), lineRule="exact")
    return defaults


def _reset_built_in(style: etree._Element) -> None:
    """A built-in style reduced to its name, place and outline level
    (a heading kept with the next paragraph, as Word's own)."""
    outline = style.find(f"{w('pPr')}/{w('outlineLvl')}")
    for child in list(style):
        if child.tag in (w("link"), w("rsid"), w("pPr"), w("rPr")):
            style.remove(child)
    ppr = _el(style, "pPr")
    if outline is not None:
        _el(ppr, "keepNext")
    _el(ppr, "overflowPunct", val="1")  # see _paragraph_properties
    if outline is not None:
        _el(ppr, "outlineLvl", val=outline.get(w("val"), "0"))


def install_styles(root: etree._Element, issuers: Sequence[str] = (), when: str = "") -> None:
    """Our styles in the template's ``w:styles`` root: its docDefaults and
    Normal replaced, its Title and Heading 1–3 reset to be our bases, its
    latent styles kept; the signature and date indented for ``issuers``
    and ``when``."""
    old = root.find(w("docDefaults"))
    root.replace(old, _doc_defaults()) if old is not None else root.insert(0, _doc_defaults())
    by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))}
    root.replace(by_id["Normal"], style_element(NORMAL, default=True))
    for base in BUILT_IN_BASES:
        _reset_built_in(by_id[base])
    for spec in STYLES.values():
        root.append(style_element(spec))
    set_signature_indents(root, issuers, when)


def set_signature_indents(root: etree._Element, issuers: Sequence[str], when: str) -> None:
    """Indent the signature and date styles in ``root`` for ``issuers`` and
    ``when`` (``signature_indents``)."""
    for role, right in zip(("signature", "date"), signature_indents(issuers, when)):
        style = root.find(f"{w('style')}[@{w('styleId')}='{STYLES[role].style_id}']")
        ind = style.find(f"{w('pPr')}/{w('ind')}") if style is not None else None
        if ind is not None:
            ind.set(w("rightChars"), "0")
            ind.set(w("right"), str(right))
