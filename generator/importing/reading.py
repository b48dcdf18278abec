"""A published report's file to its paragraphs.

.docx through python-docx (paragraph styles, outline levels and the face
of a run-in heading come along), a saved web page through trafilatura (the
article without the site around it), .txt and .md as text in UTF-8,
UTF-16 or GBK. Files reportgen cannot read (an old .doc or .wps, a PDF, a
password-protected or damaged .docx, a page without a report) raise a
``UserError`` saying what to do instead.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Finding, UserError
from generator.input.loading import decode, read_limited

MAX_BYTES = 20 * 1024 * 1024  # a report with a few pictures; larger is not a report
MAX_INFLATED = 100 * 1024 * 1024  # a .docx's parts unpacked (guards against zip bombs)

SUFFIXES = (".docx", ".html", ".htm", ".txt", ".md")

_SAVE_AS_DOCX = "请用 Word 或 WPS 打开后“另存为” Word 文档（*.docx），再用 reportgen 读取 .docx 文件。"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .wps and encrypted .docx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the source, with what its file says about it."""

    text: str
    line: int  # the line of a text file, the paragraph's number in a .docx (1-based)
    style: str = ""  # the .docx paragraph style's name
    outline: int | None = None  # the .docx outline level (0 = 一级)
    centered: bool = False
    lead: str = ""  # leading text in another face or bold: a run-in heading in a .docx
    auto: str = ""  # the number Word shows in front (automatic numbering), included in ``text``


@dataclass
class SourceText:
    """A report file read as paragraphs."""

    path: Path
    kind: str  # "docx", "html", "txt", "md"
    paragraphs: list[Paragraph]
    title_hint: str = ""  # the web page's title, when the article has none of its own
    notes: list[Finding] = field(default_factory=list)


def read_source(path: Path) -> SourceText:
    """Read a report file of any supported kind into paragraphs."""
    file = str(path)
    raw = read_limited(path, MAX_BYTES, what="报告文件")  # a regular file only: not /dev/zero, not a FIFO
    suffix = path.suffix.lower()
    _refuse_unreadable(raw, suffix, file)
    if raw.startswith(b"PK\x03\x04") or suffix == ".docx":
        return _read_docx(path, raw)
    if suffix in (".html", ".htm") or re.match(rb"\s*(<!doctype html|<html)", raw[:512], re.IGNORECASE):
        return _read_html(path, raw)
    if suffix not in (".txt", ".md", ".text", ""):
        raise UserError(
            f"不支持的文件类型“{path.suffix}”",
            file=file,
            hint="reportgen 可以读取 .docx、.html/.htm（网页另存的文件）、.txt 和 .md 文件。",
        )
    text, notes = decode(raw, file)
    paragraphs = _text_paragraphs(text, markdown=suffix == ".md")
    if not paragraphs:
        raise UserError("文件是空的，没有任何文字", file=file)
    return SourceText(path, "md" if suffix == ".md" else "txt", paragraphs, notes=notes)


def _refuse_unreadable(raw: bytes, suffix: str, file: str) -> None:
    """Old Office files, PDFs and empty files: say how to get a readable one."""
    if not raw.strip():
        raise UserError("文件是空的，没有任何内容", file=file, hint="请确认选对了文件。")
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            raise UserError(
                "这份 Word 文档设置了打开密码，无法读取",
                file=file,
                hint="请在 Word 中打开，“文件—信息—保护文档—用密码进行加密”中清除密码后另存，再用 reportgen 读取。",
            )
        what = "WPS 文字文件（.wps）" if suffix in (".wps", ".wpt") else "旧版 Word 文件（.doc）"
        raise UserError(f"这是{what}，reportgen 只能读取 .docx 格式", file=file, hint=_SAVE_AS_DOCX)
    if raw.startswith(b"%PDF"):
        raise UserError(
            "这是 PDF 文件，reportgen 无法从 PDF 可靠地读出段落和标题",
            file=file,
            hint="请找到报告的 Word 原件（.docx），或把网页上的报告“另存为”网页（.html）；也可把全文复制到记事本，存为 .txt 文件。",
        )
    if suffix in (".doc", ".wps", ".pdf", ".xls", ".xlsx", ".ppt", ".pptx"):
        raise UserError(f"“{suffix}”文件无法读取", file=file, hint=_SAVE_AS_DOCX)


# --- text and markdown -------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _text_paragraphs(text: str, *, markdown: bool) -> list[Paragraph]:
    paragraphs = []
    for number, line in enumerate(text.splitlines(), start=1):
        outline = None
        if markdown:
            match = _MD_HEADING.match(line)
            if match:
                outline = len(match.group(1)) - 1
                line = line[match.end():]
            line = _MD_EMPHASIS.sub(r"\2", line).lstrip("> ")
        line = line.replace("\u00a0", " ").strip(" \t\u3000\ufeff")
        if line:
            paragraphs.append(Paragraph(line, number, outline=outline))
    return paragraphs


# --- web pages ---------------------------------------------------------------


def _read_html(path: Path, raw: bytes) -> SourceText:
    import trafilatura  # slow to import: only when a page is read

    file = str(path)
    text = trafilatura.extract(raw, favor_recall=True, include_tables=True, include_comments=False, deduplicate=False)
    metadata = trafilatura.extract_metadata(raw)
    title = (metadata.title or "") if metadata is not None else ""
    if not text or not text.strip():
        raise UserError(
            "网页上没有找到报告正文",
            file=file,
            hint="请在浏览器中打开报告所在的页面（不是栏目列表页），“另存为”网页（.html）后再读取；也可把全文复制到记事本，存为 .txt 文件。",
        )
    paragraphs = _text_paragraphs(text, markdown=False)
    return SourceText(path, "html", paragraphs, title_hint=_site_suffix(title))


def _site_suffix(title: str) -> str:
    """'马村区关于……的报告_马村区人民政府' → the report's own title."""
    return re.split(r"\s*[_|｜—-]{1,2}\s*(?=[^_|｜]*(?:人民政府|网|门户|政府网站)\s*$)", title)[0].strip()


# --- Word ----------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _read_docx(path: Path, raw: bytes) -> SourceText:
    file = str(path)
    damaged = UserError(
        "Word 文档已损坏或不完整，无法读取",
        file=file,
        hint="请用 Word 或 WPS 打开，确认能正常显示后重新“另存为” .docx。",
    )
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            inflated = sum(info.file_size for info in package.infolist())
    except zipfile.BadZipFile:
        raise damaged from None
    if "word/document.xml" not in names:
        raise UserError(
            "这不是 Word 文档（压缩包中没有 word/document.xml）",
            file=file,
            hint="可能是 Excel、PowerPoint 或其他压缩文件。" + _SAVE_AS_DOCX,
        )
    if inflated > MAX_INFLATED:
        raise UserError("Word 文档解压后过大，已拒绝读取", file=file, hint="请确认这是一份年度报告。")
    import docx  # python-docx: only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, SyntaxError):
        raise damaged from None
    except Exception as error:  # lxml's XMLSyntaxError and friends from a damaged part
        if error.__class__.__module__.startswith(("lxml", "docx")):
            raise damaged from None
        raise
    paragraphs = list(_docx_paragraphs(document))
    if not paragraphs:
        raise UserError("Word 文档中没有任何文字", file=file, hint="请确认选对了文件；如果报告是图片或扫描件，reportgen 无法读取。")
    return SourceText(path, "docx", paragraphs)


def docx_numbered(document: Any) -> Any:
    """Every paragraph of a .docx body with its number (1-based, table cells
    included, in order): the "line" a finding in a .docx points at."""
    from docx.table import Table

    number = 0
    for block in document.iter_inner_content():
        cells = [p for row in block.rows for cell in row.cells for p in cell.paragraphs] if isinstance(block, Table) else [block]
        for paragraph in cells:
            number += 1
            yield number, paragraph


def _docx_paragraphs(document: Any) -> Any:
    """Body paragraphs with text, in order, with their style, outline level
    and run-in lead; Word's automatic numbering ("一、" that is not typed)
    written in front of the text as the reader sees it."""
    numbering = _Numbering(document)
    for number, paragraph in docx_numbered(document):
        text = paragraph.text.replace("\u00a0", " ").strip(" \t\u3000")
        if not text:
            continue
        label = numbering.label(paragraph)
        lead = _lead(paragraph)
        yield Paragraph(
            label + text,
            number,
            style=paragraph.style.name if paragraph.style is not None else "",
            outline=_outline_level(paragraph),
            centered=_centered(paragraph),
            lead=label + lead if lead else "",
            auto=label,
        )


class _Numbering:
    """Word's list numbering (numbering.xml): the label each numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val")) if ref is not None else None)
            if definition is None:
                continue
            for lvl in definition.iter(qn("w:lvl")):
                fmt, text, start = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText")), lvl.find(qn("w:start"))
                self.levels[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"), "0")))] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start.get(qn("w:val"), "1")) if start is not None and start.get(qn("w:val"), "").isdigit() else 1,
                )

    def label(self, paragraph: Any) -> str:
        qn = self.qn
        ppr = paragraph._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            style_ppr = style.element.pPr
            num_pr = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
            style = style.base_style
        if num_pr is None:
            return ""
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        key = num_id.get(qn("w:val")) if num_id is not None else None
        level = int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0
        if key is None or (key, level) not in self.levels:
            return ""
        counters = self.counters.setdefault(key, [0] * 9)
        counters[level] += 1
        counters[level + 1:] = [0] * (8 - level)
        fmt, text, start = self.levels[(key, level)]

        def shown(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            kind = self.levels.get((key, at), (fmt, "", start))
            return _counter(kind[0], counters[at] + kind[2] - 1)

        return re.sub(r"%(\d)", shown, text) if fmt != "bullet" else ""


def _counter(fmt: str, n: int) -> str:
    from generator.report.numbers import cn_numeral

    if n < 1:
        return str(n)
    if "chinese" in fmt.lower() or "ideograph" in fmt.lower() or fmt in ("japaneseCounting", "taiwaneseCounting"):
        return cn_numeral(n) if n <= 99 else str(n)
    return str(n)


def _outline_level(paragraph: Any) -> int | None:
    from docx.oxml.ns import qn

    style = paragraph.style
    while True:
        ppr = paragraph._p.pPr if style is paragraph.style else style.element.pPr
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            value = int(level.get(qn("w:val"), "9"))
            return value if value < 9 else None
        if style is None:
            return None
        match = _HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1)) - 1
        style = style.base_style
        if style is None:
            return None


def _centered(paragraph: Any) -> bool:
    """Centred by the paragraph or its style. Read from the XML: LibreOffice
    writes values (jc="start") python-docx has no name for."""
    from docx.oxml.ns import qn

    elements = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        elements.append(style.element.pPr)
        style = style.base_style
    for ppr in elements:
        jc = ppr.find(qn("w:jc")) if ppr is not None else None
        if jc is not None:
            return jc.get(qn("w:val")) == "center"
    return False


def _run_face(run: Any) -> tuple[str, bool]:
    from docx.oxml.ns import qn

    rpr = run._r.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    face = fonts.get(qn("w:eastAsia"), "") if fonts is not None else ""
    style = run.style.name if run.style is not None and run.style.name != "Default Paragraph Font" else ""
    return face or style, bool(run.bold)


def _lead(paragraph: Any) -> str:
    """The leading runs set in another face (or bold) than the paragraph's last run."""
    runs = [r for r in paragraph.runs if r.text]
    if len(runs) < 2:
        return ""
    last = _run_face(runs[-1])
    lead = ""
    for run in runs:
        if _run_face(run) == last:
            break
        lead += run.text
    return lead if lead != paragraph.text else ""
