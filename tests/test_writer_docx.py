"""The .docx writer: GB/T 9704 page, type, styles, footers, determinism.

Each test reads the package back (lxml on the parts, python-docx for the
style names) and checks one rule of DESIGN.md's "GB/T 9704-2012 page and
type" table.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx as python_docx
import pytest
from lxml import etree

from generator.render.document import PLACEHOLDER, Block, Document
from generator.errors import UserError
from generator.render.writers import docx as docx_writer
from generator.render.writers.title_lines import EM, balance_title, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
LONG_TITLE = "中共重庆市某某区某某镇委员会关于某某镇2023年度法治政府建设情况的报告"
PARAGRAPH = (
    "全面推进严格规范公正文明执法，落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年办理行政处罚案件【待填：处罚案件数】件，开展执法检查【待填：检查次数】次。"
) * 3

SAMPLE = Document(
    blocks=(
        Block("title", LONG_TITLE),
        Block("addressee", "区人民政府："),
        Block("body", "2023年，我镇坚持以习近平法治思想为指导。现将有关情况报告如下："),
        Block("heading1", "", "一、2023年度推进法治政府建设的主要举措和成效"),
        Block("heading2", PARAGRAPH, "（一）强化党建统领法治建设。"),
        Block("heading3", PARAGRAPH, "1.严格规范执法。"),
        Block("body", PARAGRAPH),
        Block("heading1", "二是持续深化法治政府建设。", "二、存在的不足和原因。"),
        Block("body", PARAGRAPH),
        Block("signature", "中共某某镇委员会"),
        Block("signature", "某某镇人民政府"),
        Block("date", "2024年2月26日"),
    ),
    title=LONG_TITLE,
    author="某某镇人民政府",
    year=2023,
    date="2024-02-26",
)

STYLE_IDS = {
    "title": ("GongwenTitle", "公文标题"),
    "addressee": ("GongwenAddressee", "公文主送机关"),
    "body": ("GongwenBody", "公文正文"),
    "heading1": ("GongwenHeading1", "公文一级标题"),
    "heading2": ("GongwenHeading2", "公文二级标题"),
    "heading3": ("GongwenHeading3", "公文三级标题"),
    "signature": ("GongwenSignature", "公文署名"),
    "date": ("GongwenDate", "公文成文日期"),
}


def parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a package, parsed."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return docx_writer.render(SAMPLE)


@pytest.fixture(scope="module")
def xml(rendered: bytes) -> dict[str, etree._Element]:
    return parts(rendered)


def style(xml: dict[str, etree._Element], style_id: str) -> etree._Element:
    found = xml["word/styles.xml"].find(f"{W}style[@{W}styleId='{style_id}']")
    assert found is not None, f"no style {style_id}"
    return found


def attr(el: etree._Element | None, path: str, name: str) -> str | None:
    """The w:name attribute of the element at ``path`` below ``el``."""
    assert el is not None
    found = el.find(path.replace("w:", W))
    return None if found is None else found.get(W + name)


def test_a4_page_with_gbt9704_margins(xml: dict[str, etree._Element], rendered: bytes) -> None:
    sect = xml["word/document.xml"].find(f"{W}body/{W}sectPr")
    assert (attr(sect, "w:pgSz", "w"), attr(sect, "w:pgSz", "h")) == ("11906", "16838")
    margins = {k: int(attr(sect, "w:pgMar", k) or 0) for k in ("top", "bottom", "left", "right")}
    assert margins == {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}  # 37/35/28/26 mm
    section = python_docx.Document(io.BytesIO(rendered)).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin)] == [37.0, 35.0]
    assert [round(m.mm, 1) for m in (section.left_margin, section.right_margin)] == [28.0, 26.0]


def test_grid_of_22_lines_and_28_characters(xml: dict[str, etree._Element]) -> None:
    sect = xml["word/document.xml"].find(f"{W}body/{W}sectPr")
    assert attr(sect, "w:docGrid", "type") == "lines"
    assert attr(sect, "w:docGrid", "linePitch") == "579"
    text_height = 16838 - 2098 - 1984
    assert 22 * 579 <= text_height < 23 * 579
    text_width = 11906 - 1587 - 1474
    # 28 characters of 16 pt narrowed by 0.25 pt fit; 29 do not.
    assert 28 * (320 - 5) <= text_width < 29 * (320 - 5)
    for role in ("body", "heading1", "heading2", "heading3", "addressee", "signature", "date"):
        s = style(xml, STYLE_IDS[role][0])
        assert attr(s, "w:pPr/w:spacing", "line") == "579", role
        assert attr(s, "w:pPr/w:spacing", "lineRule") == "exact", role
        assert attr(s, "w:rPr/w:spacing", "val") == "-5", role
    for level in (1, 2, 3):  # a heading run into its paragraph
        assert attr(style(xml, f"GongwenHeading{level}Char"), "w:rPr/w:spacing", "val") == "-5"


@pytest.mark.parametrize(
    ("role", "face", "size"),
    [
        ("title", "方正小标宋简体", "44"),
        ("body", "仿宋_GB2312", "32"),
        ("addressee", "仿宋_GB2312", "32"),
        ("heading1", "黑体", "32"),
        ("heading2", "楷体_GB2312", "32"),
        ("heading3", "仿宋_GB2312", "32"),
        ("signature", "仿宋_GB2312", "32"),
        ("date", "仿宋_GB2312", "32"),
    ],
)
def test_role_faces_and_sizes(xml: dict[str, etree._Element], role: str, face: str, size: str) -> None:
    s = style(xml, STYLE_IDS[role][0])
    assert attr(s, "w:rPr/w:rFonts", "eastAsia") == face
    assert attr(s, "w:rPr/w:rFonts", "hint") == "eastAsia"
    assert attr(s, "w:rPr/w:sz", "val") == size
    assert attr(s, "w:rPr/w:szCs", "val") == size


@pytest.mark.parametrize("role", ["body", "heading1", "heading2", "heading3"])
def test_text_paragraphs_indent_two_characters_and_justify(xml: dict[str, etree._Element], role: str) -> None:
    s = style(xml, STYLE_IDS[role][0])
    assert attr(s, "w:pPr/w:ind", "firstLineChars") == "200"
    assert attr(s, "w:pPr/w:ind", "firstLine") == "640"  # 2 × 16 pt
    assert attr(s, "w:pPr/w:jc", "val") == "both"


def test_closing_marks_never_vanish_in_libreoffice(xml: dict[str, etree._Element]) -> None:
    """overflowPunct on (Word's default) everywhere: LibreOffice reads it
    inverted and then carries a line-end mark to the next line instead of
    hanging it, where on a narrowed justified line it would not be drawn."""
    styles = xml["word/styles.xml"]
    assert attr(styles, "w:docDefaults/w:pPrDefault/w:pPr/w:overflowPunct", "val") == "1"
    for s in styles.iter(f"{W}style"):
        if s.get(f"{W}type") == "paragraph":
            assert attr(s, "w:pPr/w:overflowPunct", "val") == "1", s.get(f"{W}styleId")


def test_title_centred_off_grid_with_a_blank_line_after(xml: dict[str, etree._Element]) -> None:
    s = style(xml, "GongwenTitle")
    assert attr(s, "w:pPr/w:jc", "val") == "center"
    assert attr(s, "w:pPr/w:snapToGrid", "val") == "0"
    assert attr(s, "w:pPr/w:spacing", "after") == "579"
    assert attr(s, "w:pPr/w:ind", "firstLine") == "0"


def test_addressee_flush_left(xml: dict[str, etree._Element]) -> None:
    s = style(xml, "GongwenAddressee")
    assert attr(s, "w:pPr/w:jc", "val") == "left"
    assert attr(s, "w:pPr/w:ind", "firstLine") == "0"
    assert attr(s, "w:pPr/w:ind", "left") is None


def test_signature_and_date_indents(xml: dict[str, etree._Element]) -> None:
    sig, when = style(xml, "GongwenSignature"), style(xml, "GongwenDate")
    assert attr(sig, "w:pPr/w:jc", "val") == attr(when, "w:pPr/w:jc", "val") == "right"
    # GB/T 9704 7.3.5.2: the date (2024年2月26日, 6.5 characters and two
    # Chinese/Latin gaps) is too long to start two characters right of
    # 某某镇人民政府 with the issuer two in from the right: the date is two
    # characters in, the issuer moves left to keep the two characters' shift.
    assert attr(when, "w:pPr/w:ind", "right") == "640"
    sig_right = int(attr(sig, "w:pPr/w:ind", "right") or 0)
    sig_start = sig_right + 7 * (320 - 5)  # twips from the right margin
    date_start = 640 + (13 * 160 + 5 * 80 - 10 * 5)  # 7 digits, 3 characters, 5 gaps of a quarter em
    assert abs((sig_start - date_start) - 2 * 320) < 80  # within a quarter character
    assert attr(sig, "w:pPr/w:ind", "rightChars") == attr(when, "w:pPr/w:ind", "rightChars") == "0"
    # One blank line after the body, none between the issuers.
    assert attr(sig, "w:pPr/w:spacing", "before") == "579"
    assert sig.find(f"{W}pPr/{W}contextualSpacing") is not None
    body = xml["word/document.xml"].find(f"{W}body")
    issuers = [p for p in body.iter(f"{W}p") if attr(p, "w:pPr/w:pStyle", "val") == "GongwenSignature"]
    assert ["".join(p.itertext()) for p in issuers] == ["中共某某镇委员会", "某某镇人民政府"]


def test_doc_defaults_have_no_theme_fonts(xml: dict[str, etree._Element]) -> None:
    styles = xml["word/styles.xml"]
    defaults = styles.find(f"{W}docDefaults")
    assert attr(defaults, "w:rPrDefault/w:rPr/w:lang", "eastAsia") == "zh-CN"
    assert attr(defaults, "w:pPrDefault/w:pPr/w:spacing", "after") == "0"
    assert attr(defaults, "w:rPrDefault/w:rPr/w:rFonts", "eastAsia") == "仿宋_GB2312"
    for fonts in styles.iter(f"{W}rFonts"):
        assert not [a for a in fonts.attrib if a.endswith("Theme") or a.endswith("theme")], fonts.attrib
    # Word's theme, from python-docx's template: Word opens a package without one with a warning.
    assert "word/theme/theme1.xml" in xml


def paragraph_role(block: Block) -> str:
    """A heading run into its paragraph is a body paragraph (not in the outline)."""
    return "body" if block.role.startswith("heading") and block.text else block.role


def test_every_paragraph_uses_its_style_and_nothing_else(xml: dict[str, etree._Element], rendered: bytes) -> None:
    body = xml["word/document.xml"].find(f"{W}body")
    paragraphs = body.findall(f"{W}p")
    assert len(paragraphs) == len(SAMPLE.blocks)
    for p, block in zip(paragraphs, SAMPLE.blocks):
        ppr = p.find(f"{W}pPr")
        assert [child.tag for child in ppr] == [f"{W}pStyle"], block.role
        assert ppr[0].get(f"{W}val") == STYLE_IDS[paragraph_role(block)][0]
        for rpr in p.iter(f"{W}rPr"):  # runs: only a character style, the hint, a highlight
            assert {c.tag for c in rpr} <= {f"{W}rStyle", f"{W}rFonts", f"{W}highlight"}
            fonts = rpr.find(f"{W}rFonts")
            assert fonts is not None and dict(fonts.attrib) == {f"{W}hint": "eastAsia"}
    names = [p.style.name for p in python_docx.Document(io.BytesIO(rendered)).paragraphs]
    assert names == [STYLE_IDS[paragraph_role(b)][1] for b in SAMPLE.blocks]
    assert all(re.fullmatch(r"[A-Za-z0-9]+", s.get(f"{W}styleId")) for s in xml["word/styles.xml"].iter(f"{W}style"))


def test_run_in_heading_is_a_body_paragraph_led_by_the_headings_face(xml: dict[str, etree._Element]) -> None:
    body = xml["word/document.xml"].find(f"{W}body")
    p = body.findall(f"{W}p")[4]  # （一）强化党建统领法治建设。…
    assert attr(p, "w:pPr/w:pStyle", "val") == "GongwenBody"  # no outline level: not in the navigation pane
    runs = p.findall(f"{W}r")
    assert "".join(runs[0].itertext()) == "（一）强化党建统领法治建设。"
    assert attr(runs[0], "w:rPr/w:rStyle", "val") == "GongwenHeading2Char"
    assert all(r.find(f"{W}rPr/{W}rStyle") is None for r in runs[1:])  # the body face of 公文正文
    lead = style(xml, "GongwenHeading2Char")
    assert lead.get(f"{W}type") == "character"
    assert attr(lead, "w:rPr/w:rFonts", "eastAsia") == "楷体_GB2312"
    assert attr(lead, "w:link", "val") == "GongwenHeading2"  # Word shows the pair as one style
    whole_line = body.findall(f"{W}p")[3]
    assert attr(whole_line, "w:pPr/w:pStyle", "val") == "GongwenHeading1"
    assert len(whole_line.findall(f"{W}r")) == 1


@pytest.mark.parametrize(("role", "base", "level"), [("heading1", "Heading1", "0"), ("heading2", "Heading2", "1"),
                                                    ("heading3", "Heading3", "2"), ("title", "Title", None)])
def test_title_and_headings_are_based_on_words_built_in_styles(
    xml: dict[str, etree._Element], role: str, base: str, level: str | None
) -> None:
    s = style(xml, STYLE_IDS[role][0])
    assert attr(s, "w:basedOn", "val") == base
    assert attr(s, "w:name", "val") == STYLE_IDS[role][1]
    built_in = style(xml, base)
    assert attr(built_in, "w:name", "val") == ("Title" if role == "title" else f"heading {base[-1]}")
    assert attr(built_in, "w:pPr/w:outlineLvl", "val") == attr(s, "w:pPr/w:outlineLvl", "val") == level
    if level is not None:  # a heading on its own line never ends a page
        assert s.find(f"{W}pPr/{W}keepNext") is not None


def test_widow_control_on_in_every_paragraph_style(xml: dict[str, etree._Element]) -> None:
    for s in xml["word/styles.xml"].iter(f"{W}style"):
        if s.get(f"{W}type") == "paragraph" and s.get(f"{W}customStyle") == "1":
            control = s.find(f"{W}pPr/{W}widowControl")
            assert control is not None and control.get(f"{W}val") in (None, "1", "true"), s.get(f"{W}styleId")


def test_package_from_python_docx_template_with_language_and_latent_styles(
    xml: dict[str, etree._Element], rendered: bytes
) -> None:
    assert xml["word/styles.xml"].find(f"{W}latentStyles") is not None
    core = python_docx.Document(io.BytesIO(rendered)).core_properties
    assert core.language == "zh-CN" and core.comments == ""
    assert attr(xml["word/settings.xml"], "w:themeFontLang", "eastAsia") == "zh-CN"
    assert not {"docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "word/numbering.xml"} & set(xml)
    app = xml["docProps/app.xml"]
    assert [el.text for el in app] == ["reportgen"]


def test_placeholders_are_highlighted_runs_of_their_own(xml: dict[str, etree._Element]) -> None:
    runs = list(xml["word/document.xml"].iter(f"{W}r"))
    marked = ["".join(r.itertext()) for r in runs if attr(r, "w:rPr/w:highlight", "val") == "yellow"]
    assert marked == SAMPLE.placeholders
    assert all(PLACEHOLDER.fullmatch(text) for text in marked)
    unmarked = ["".join(r.itertext()) for r in runs if r.find(f"{W}rPr/{W}highlight") is None]
    assert not any("【待填" in text for text in unmarked)


def test_page_numbers_odd_right_even_left_as_page_fields(xml: dict[str, etree._Element]) -> None:
    assert xml["word/settings.xml"].find(f"{W}evenAndOddHeaders") is not None
    rels = {r.get("Id"): r.get("Target") for r in xml["word/_rels/document.xml.rels"]}
    sect = xml["word/document.xml"].find(f"{W}body/{W}sectPr")
    refs = {ref.get(f"{W}type"): rels[ref.get(R_ID)] for ref in sect.findall(f"{W}footerReference")}
    assert set(refs) == {"default", "even"}
    for kind, side in (("default", "right"), ("even", "left")):
        footer = xml[f"word/{refs[kind]}"]
        style_id = attr(footer, "w:p/w:pPr/w:pStyle", "val")
        s = style(xml, style_id)
        assert attr(s, "w:pPr/w:jc", "val") == side
        assert attr(s, "w:pPr/w:ind", f"{side}Chars") == "100"  # one character in
        assert attr(s, "w:pPr/w:ind", side) == "280"  # one 14 pt character
        assert attr(s, "w:rPr/w:sz", "val") == "28"  # 4号
        assert attr(s, "w:rPr/w:rFonts", "eastAsia") == attr(s, "w:rPr/w:rFonts", "ascii") == "宋体"
        texts = [t.text for t in footer.iter(f"{W}t")]
        assert texts[0] == "\u2014 " and texts[-1] == " \u2014"
        assert [i.text.strip() for i in footer.iter(f"{W}instrText")] == ["PAGE"]
        kinds = [f.get(f"{W}fldCharType") for f in footer.iter(f"{W}fldChar")]
        assert kinds == ["begin", "separate", "end"]


def test_footer_puts_the_dashes_7mm_below_the_text_area(xml: dict[str, etree._Element]) -> None:
    sect = xml["word/document.xml"].find(f"{W}body/{W}sectPr")
    footer_mm = int(attr(sect, "w:pgMar", "footer") or 0) * 25.4 / 1440
    line_mm = 14 * 25.4 / 72  # the 4号 footer line
    dash_mm = footer_mm + line_mm / 2  # the dash sits mid-line
    assert abs((35 - dash_mm) - 7) < 0.5
    assert attr(style(xml, "GongwenPageNumberOdd"), "w:pPr/w:spacing", "line") == "280"


def test_same_document_same_bytes(rendered: bytes) -> None:
    assert docx_writer.render(SAMPLE) == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as package:
        assert package.namelist()[0] == "[Content_Types].xml"
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    core = python_docx.Document(io.BytesIO(rendered)).core_properties
    assert (core.title, core.author, core.revision) == (LONG_TITLE, "某某镇人民政府", 1)
    assert core.created is not None and core.created.date().isoformat() == "2024-02-26"
    assert core.modified == core.created


def test_text_is_escaped_not_markup() -> None:
    doc = Document((Block("body", "a <b> & </w:t> “引号” 2 < 3"),))
    data = docx_writer.render(doc)
    body = parts(data)["word/document.xml"]
    assert "".join(body.itertext()) == "a <b> & </w:t> “引号” 2 < 3"


def test_long_title_breaks_into_balanced_lines(xml: dict[str, etree._Element]) -> None:
    title = xml["word/document.xml"].find(f"{W}body/{W}p")
    lines, current = [], ""
    for el in title.iter(f"{W}br", f"{W}t"):
        if el.tag == f"{W}br":
            lines.append(current)
            current = ""
        else:
            current += el.text
    lines.append(current)
    assert "".join(lines) == LONG_TITLE
    assert len(lines) == 2
    assert all(text_width(line) <= 20 * EM for line in lines)  # 20 characters of 2号
    assert lines[0].endswith("关于")


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("掌起镇2023年度法治政府建设工作情况报告", 1),
        # 20 characters, but "2022" and the space around it make it too wide
        ("少海街道2022年度法治政府建设工作情况报告", 2),
        (LONG_TITLE, 2),
        ("慈溪市掌起镇人民政府关于2023年度法治政府建设工作情况的报告", 2),
        ("某某市某某区人民政府关于2023年度法治政府建设工作情况和2024年度工作安排的报告", 3),
        ("焦作市马村区人民政府关于2023年法治政府建设年度报告", 2),
        ("一" * 21, 2),
        ("法治" * 40, 4),
        ("法治" * 200, 1),  # not a title: left to the word processor
    ],
)
def test_balance_title(title: str, lines: int) -> None:
    got = balance_title(title, 20)
    assert "".join(got) == title
    assert len(got) == lines
    if lines == 1:
        return
    widths = [text_width(line) for line in got]
    assert all(w <= 20 * EM for w in widths)
    assert min(widths) >= max(widths) * 0.6  # balanced: no one- or two-character tail
    for a, b in zip(got, got[1:]):
        assert not (a[-1].isdigit() and b[0].isdigit()), "a number split across lines"
        for word in ("年度", "法治政府", "报告", "人民"):
            assert not any(a.endswith(word[:k]) and b.startswith(word[k:]) for k in range(1, len(word))), word


def _reference_from(data: bytes, tmp_path: Path) -> Path:
    """A reference .docx as a clerk would save it from Word: our styles
    under Word's own (localized) ids, 公文正文 changed to 15 pt 楷体 and
    based on a style of its own that we do not have."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        files = {name: package.read(name) for name in package.namelist()}
    styles = etree.fromstring(files["word/styles.xml"])
    body = styles.find(f"{W}style[@{W}styleId='GongwenBody']")
    body.set(f"{W}styleId", "a5")
    body.find(f"{W}rPr/{W}rFonts").set(f"{W}eastAsia", "楷体")
    body.find(f"{W}rPr/{W}sz").set(f"{W}val", "30")
    based = etree.SubElement(body, f"{W}basedOn", {f"{W}val": "a9"})
    body.insert(1, based)
    body.find(f"{W}next").set(f"{W}val", "a5")
    extra = etree.SubElement(styles, f"{W}style", {f"{W}type": "paragraph", f"{W}styleId": "a9"})
    etree.SubElement(extra, f"{W}name", {f"{W}val": "本地正文基准"})
    files["word/styles.xml"] = etree.tostring(styles, xml_declaration=True, encoding="UTF-8")
    path = tmp_path / "reference.docx"
    with zipfile.ZipFile(path, "w") as package:
        for name, content in files.items():
            package.writestr(name, content)
    return path


def test_reference_docx_styles_replace_ours_by_name(rendered: bytes, tmp_path: Path) -> None:
    reference = _reference_from(rendered, tmp_path)
    data = docx_writer.render(SAMPLE, reference=reference)
    xml = parts(data)
    body = style(xml, "GongwenBody")  # still our id, so the paragraphs find it
    assert attr(body, "w:rPr/w:rFonts", "eastAsia") == "楷体"
    assert attr(body, "w:rPr/w:sz", "val") == "30"
    assert attr(body, "w:next", "val") == "GongwenBody"
    based_on = attr(body, "w:basedOn", "val")
    assert attr(style(xml, based_on), "w:name", "val") == "本地正文基准"
    assert attr(style(xml, "GongwenHeading1"), "w:rPr/w:rFonts", "eastAsia") == "黑体"  # not in the reference
    doc = python_docx.Document(io.BytesIO(data))
    assert doc.paragraphs[2].style.name == "公文正文"
    assert doc.paragraphs[2].style.font.size.pt == 15
    assert docx_writer.render(SAMPLE, reference=reference) == data


def test_reference_that_is_missing_or_not_a_docx(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到参考样式文档"):
        docx_writer.render(SAMPLE, reference=tmp_path / "none.docx")
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(UserError, match="不是有效的 .docx"):
        docx_writer.render(SAMPLE, reference=bad)


def _docx_with_styles(tmp_path: Path, styles: bytes) -> Path:
    path = tmp_path / "reference.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/styles.xml", styles)
    return path


def test_reference_whose_styles_inflate_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    from generator.render.writers.docx_reference import MAX_STYLES_BYTES

    head = b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    bomb = _docx_with_styles(tmp_path, head + b" " * (MAX_STYLES_BYTES + 1) + b"</w:styles>")
    assert bomb.stat().st_size < MAX_STYLES_BYTES // 100  # small on disk, huge inflated
    with pytest.raises(UserError, match="解压后超过"):
        docx_writer.render(SAMPLE, reference=bomb)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:styles [<!ENTITY x "仿宋">]>',
        '<!DOCTYPE w:styles [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE w:styles SYSTEM "http://example.invalid/styles.dtd">',
    ],
    ids=["internal-entity", "external-entity", "external-dtd"],
)
def test_reference_with_a_doctype_or_entities_is_refused(tmp_path: Path, doctype: str) -> None:
    entity = "&x;" if "ENTITY" in doctype else "宋体"
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}'
        '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/>'
        f'<w:rPr><w:rFonts w:eastAsia="x"/></w:rPr><w:basedOn w:val="{entity}"/></w:style></w:styles>'
    )
    reference = _docx_with_styles(tmp_path, styles.encode("utf-8"))
    with pytest.raises(UserError, match="DOCTYPE"):
        docx_writer.render(SAMPLE, reference=reference)


def test_the_shipped_template_is_what_the_styles_build() -> None:
    """generator/data/gongwen.docx (what rendering reads, without python-docx)
    must be exactly what python-docx and docx_styles make of it now."""
    from generator.render.writers.docx_package import TEMPLATE, build_template

    assert TEMPLATE.read_bytes() == build_template(), (
        "the styles or the page changed: rebuild the template with "
        "`python -m generator.render.writers.docx_package` and commit generator/data/gongwen.docx"
    )


def test_a_draft_without_a_date_has_no_dates_in_its_properties() -> None:
    data = docx_writer.render(Document((Block("title", "某某镇2023年度法治政府建设工作情况报告"),), title="标题", author="某某镇人民政府"))
    core = python_docx.Document(io.BytesIO(data)).core_properties
    assert (core.title, core.author, core.last_modified_by, core.comments) == ("标题", "某某镇人民政府", "某某镇人民政府", "")
    assert core.created is None and core.modified is None
    xml = parts(data)["docProps/core.xml"]
    assert "2013" not in etree.tostring(xml, encoding="unicode")  # python-docx's template dates gone
