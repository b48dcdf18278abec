"""The GB/T 9704 page of a .docx: paper, margins, line grid, faces and
sizes per level, page numbers. The numbers are the ones the .docx writer
promises (``render.writers.docx_styles``): one home for both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.errors import Finding
from generator.importing.outline import Outline
from generator.render.writers import docx_styles as gb

TOLERANCE = gb.mm_to_twips(1)  # Word rounds margins typed in cm
_EMU_PER_TWIP = 635

# Face families: a government PC names the same face several ways.
_FAMILIES = {
    "仿宋": ("仿宋", "fangsong"),
    "楷体": ("楷体", "kaiti"),
    "黑体": ("黑体", "simhei", "heiti"),
    "小标宋": ("小标宋", "xiaobiaosong", "xbs"),
    "宋体": ("宋体", "simsun", "songti"),
}
# What each role of a paragraph is set in: the writer's styles.
_ROLE_SPEC = {
    "title": gb.STYLES["title"],
    "heading1": gb.STYLES["heading1"],
    "heading2": gb.STYLES["heading2"],
    "heading3": gb.STYLES["heading3"],
    "body": gb.STYLES["body"],
}
_ROLE_NAME = {"title": "标题", "heading1": "一级标题（一、）", "heading2": "二级标题（（一））", "heading3": "三级标题（1.）", "body": "正文"}
_SIZE_NAME = {gb.SIZE_2HAO: "2号", gb.SIZE_3HAO: "3号", gb.SIZE_4HAO: "4号"}


def family(face: str) -> str:
    """The family of a face name: 仿宋_GB2312 and FangSong are both 仿宋."""
    lowered = face.lower().replace(" ", "")
    for name, keys in _FAMILIES.items():
        if any(k in lowered for k in keys):
            return name
    return face


def _pt(half_points: int) -> str:
    return f"{half_points / 2:g}磅"


def roles(outline: Outline) -> dict[int, str]:
    """The role of each paragraph (by its number) the outline placed."""
    found: dict[int, str] = {}
    if outline.title:
        found[outline.title.line] = "title"
    for p in outline.opening:
        found[p.line] = "body"
    for block in outline.blocks():
        found[block.line] = {1: "heading1", 2: "heading2"}.get(block.rank, "heading3")
        for line in block.lines:
            found.setdefault(line, "body")
    return found


def page_findings(path: Path, outline: Outline) -> Iterator[Finding]:
    """Every page and type rule of GB/T 9704 a .docx breaks."""
    import docx

    document = docx.Document(str(path))
    file = str(path)
    yield from _page(document, file)
    yield from _type(document, outline, file)
    yield from _page_numbers(document, file)


def _page(document: Any, file: str) -> Iterator[Finding]:
    from docx.oxml.ns import qn

    section = document.sections[0]
    width, height = (section.page_width or 0) // _EMU_PER_TWIP, (section.page_height or 0) // _EMU_PER_TWIP
    if abs(width - gb.PAGE_WIDTH) > TOLERANCE or abs(height - gb.PAGE_HEIGHT) > TOLERANCE:
        yield Finding(
            "error", f"纸张不是A4（现为{width * 25.4 / 1440:.0f}×{height * 25.4 / 1440:.0f}毫米）", file=file,
            hint="GB/T 9704 规定用A4纸（210×297毫米）：“布局—纸张大小—A4”。", rule="版面纸张",
        )
    margins = {
        "上": (section.top_margin, gb.MARGIN_TOP),
        "下": (section.bottom_margin, gb.MARGIN_BOTTOM),
        "左": (section.left_margin, gb.MARGIN_LEFT),
        "右": (section.right_margin, gb.MARGIN_RIGHT),
    }
    wrong = []
    for side, (emu, want) in margins.items():
        have = (emu or 0) // _EMU_PER_TWIP
        if abs(have - want) > TOLERANCE:
            wrong.append(f"{side}{have * 25.4 / 1440:.0f}毫米（应为{want * 25.4 / 1440:.0f}）")
    if wrong:
        yield Finding(
            "error", "页边距不合公文格式：" + "，".join(wrong), file=file,
            hint="GB/T 9704：上37毫米、下35毫米、左28毫米、右26毫米（版心156×225毫米）。", rule="版面页边距",
        )
    grid = section._sectPr.find(qn("w:docGrid"))
    pitch = int(grid.get(qn("w:linePitch"), "0")) if grid is not None else 0
    body_line = _body_line(document)
    if abs(pitch - gb.LINE_PITCH) > 10 and (body_line is None or abs(body_line - gb.LINE_PITCH) > 10):
        shown = f"{(body_line or pitch) / 20:g}磅" if (body_line or pitch) else "未设置"
        yield Finding(
            "warning", f"行距不是每页22行（固定值28.95磅），现为{shown}", file=file,
            hint="“段落—行距—固定值 28.95 磅”，或“页面设置—文档网格—每页22行”。", rule="版面行数",
        )


def _body_line(document: Any) -> int | None:
    """The exact line height of the body text, in twips, if set."""
    from docx.enum.text import WD_LINE_SPACING

    for paragraph in document.paragraphs:
        if len(paragraph.text) < 40:
            continue
        fmt, style = paragraph.paragraph_format, paragraph.style
        while fmt.line_spacing is None and style is not None:
            fmt, style = style.paragraph_format, style.base_style
        if fmt.line_spacing is not None and fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY:
            return round(fmt.line_spacing.pt * 20)
        return None
    return None


def _defaults(document: Any) -> tuple[str, int | None]:
    from docx.oxml.ns import qn

    rpr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    return _rpr_face(rpr), _rpr_size(rpr)


def _rpr_face(rpr: Any) -> str:
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return ""
    return fonts.get(qn("w:eastAsia")) or ("（主题字体）" if fonts.get(qn("w:eastAsiaTheme")) else "")


def _rpr_size(rpr: Any) -> int | None:
    from docx.oxml.ns import qn

    size = rpr.find(qn("w:sz")) if rpr is not None else None
    return int(size.get(qn("w:val"))) if size is not None and size.get(qn("w:val"), "").isdigit() else None


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style.element.rPr
        style = style.base_style


def effective(run: Any, paragraph: Any, defaults: tuple[str, int | None]) -> tuple[str, int | None]:
    """The East Asian face and size (half-points) a run is shown in."""
    face, size = "", None
    for rpr in [run._r.rPr, *_style_chain(run.style), *_style_chain(paragraph.style)]:
        face = face or _rpr_face(rpr)
        size = size or _rpr_size(rpr)
    return face or defaults[0], size or defaults[1] or 21  # Word's own default: 10.5 pt


def _type(document: Any, outline: Outline, file: str) -> Iterator[Finding]:
    from generator.importing.reading import docx_numbered

    defaults = _defaults(document)
    role_of = roles(outline)
    wrong: dict[tuple[str, str], list[int]] = {}
    for number, paragraph in docx_numbered(document):
        role = role_of.get(number)
        runs = [r for r in paragraph.runs if r.text.strip()]
        if role is None or not runs:
            continue
        spec = _ROLE_SPEC[role]
        face, size = effective(runs[0], paragraph, defaults)
        if family(face) != family(spec.east_asia):
            wrong.setdefault((role, f"字体为“{face or '未设置'}”，应为{spec.east_asia}"), []).append(number)
        if size != spec.size:
            wrong.setdefault(
                (role, f"字号为{_pt(size or 0)}，应为{_SIZE_NAME.get(spec.size, '')}（{_pt(spec.size)}）"), []
            ).append(number)
    for (role, problem), numbers in wrong.items():
        yield Finding(
            "error", f"{_ROLE_NAME[role]}有{len(numbers)}段{problem}", file=file, line=numbers[0],
            hint="GB/T 9704：标题2号小标宋，一级标题黑体，二级标题楷体，正文和三级标题3号仿宋。可在 Word 中修改样式后全文应用。",
            rule="版面字体",
        )


def _page_numbers(document: Any, file: str) -> Iterator[Finding]:
    from docx.oxml.ns import qn

    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            if footer.is_linked_to_previous and section is not document.sections[0]:
                continue
            xml = footer._element
            instr = " ".join(t.text or "" for t in xml.iter(qn("w:instrText")))
            instr += " ".join(f.get(qn("w:instr"), "") for f in xml.iter(qn("w:fldSimple")))
            if "PAGE" in instr.upper():
                return
    yield Finding(
        "warning", "没有页码", file=file,
        hint="GB/T 9704：页码用4号半角宋体阿拉伯数字，写作“— 1 —”，单页居右、双页居左。", rule="版面页码",
    )
