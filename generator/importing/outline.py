"""The outline of a report's paragraphs: title, addressee, opening, the
numbered parts and their sub-sections (一、 （一） 1. （1）), the closing
signature and date. Headings keep the report's own wording; what a
paragraph's marker says (its number, its style, how the heading ended) is
kept too, for lint to check and for import to map into the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from generator.importing.reading import Paragraph
from generator.input.datafiles import read_data
from generator.report.numbers import cn_value
from generator.report.texts import YEAR

_CN = "一二三四五六七八九十"

# rank 1: 一、  rank 2: （一）  rank 3: 1.  rank 4: （1）
_MARKERS = (
    (1, re.compile(rf"^([{_CN}]{{1,3}})\s*([、，,．.])\s*")),
    (2, re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*([、，,．.]?)\s*")),
    (3, re.compile(r"^(\d{1,2})\s*([.．、,，](?!\d)|\s)\s*")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*([、，,．.]?)\s*")),
)

MAX_HEADING = 60  # a first sentence longer than this is body text, not a heading
MAX_BARE_HEADING = 24  # an unnumbered line this short, without a final mark, is a heading

_DATE = re.compile(r"^((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
_TERMINAL = "。！？；：…"
_DATE_SLOT = re.compile(r"^【待填[:：][^】]*日期】$")  # a draft's date not filled in yet


@dataclass(frozen=True)
class Marker:
    """The numbering a paragraph starts with, as written."""

    rank: int  # 1 一、 · 2 （一） · 3 1. · 4 （1）
    number: int
    text: str  # as written, e.g. "2、", "(二)"
    separator: str  # "、" "." "．" … ("" for （一）)

    @property
    def style(self) -> str:
        """The style of its level, for comparing siblings: "1." vs "1、", "（一）" vs "（一）、"."""
        return {1: "一", 2: "（一）", 3: "1", 4: "（1）"}[self.rank] + self.separator


def marker_of(text: str) -> Marker | None:
    """The numbering at the start of a paragraph, if any ("2.5万元" is not one)."""
    for rank, pattern in _MARKERS:
        match = pattern.match(text)
        if not match:
            continue
        raw = match.group(1)
        number = cn_value(raw) if rank in (1, 2) else int(raw)
        if not number:
            continue
        separator = match.group(2).strip() if match.lastindex and match.lastindex >= 2 else ""
        if rank == 3 and not separator:
            continue  # "2023 年" is a year, not a point
        if rank == 1 and separator in "，,":
            continue  # "一，" starts a sentence more often than a part
        return Marker(rank, number, match.group(0).strip(), separator)
    return None


@dataclass
class Block:
    """A heading and what it holds: its paragraphs and its sub-sections."""

    rank: int
    heading: str  # the heading sentence without its number and final mark
    line: int
    marker: Marker | None = None
    ended: str = ""  # the mark that ended the heading in the source ("。" or "")
    runin: bool = False  # body text follows in the heading's own paragraph
    text: list[str] = field(default_factory=list)  # paragraphs (the first is the run-in rest)
    lines: list[int] = field(default_factory=list)  # their lines
    children: list[Block] = field(default_factory=list)
    part: str = ""  # for rank 1: measures, shortcomings, duties, plans, other
    part_guessed: bool = False  # classified by position, not by wording

    def walk(self) -> list[Block]:
        """This block and every block under it, in order."""
        return [self, *(b for c in self.children for b in c.walk())]


@dataclass
class Outline:
    """A report's paragraphs in their places."""

    title: Paragraph | None = None
    addressee: Paragraph | None = None
    opening: list[Paragraph] = field(default_factory=list)
    parts: list[Block] = field(default_factory=list)
    issuers: list[Paragraph] = field(default_factory=list)
    date: Paragraph | None = None
    after: list[Paragraph] = field(default_factory=list)  # 附件 and the like after the date

    def blocks(self) -> list[Block]:
        """Every heading block, in order."""
        return [b for p in self.parts for b in p.walk()]


@cache
def words() -> dict:
    """The words that classify parts and areas (data/import_words.yaml)."""
    return read_data("import_words.yaml")


def classify_part(heading: str) -> str | None:
    """The model part a first-level heading's wording names, if any."""
    for part, keys in words()["parts"].items():
        if any(k in heading for k in keys):
            return part
    return None


def split_heading(rest: str, lead: str = "") -> tuple[str, str, str]:
    """A numbered paragraph's text (after its number) as heading, the mark
    that ended it, and the run-in body ("" when the heading stands alone).
    ``lead`` is the run-in heading a .docx set in its own face."""
    if lead:
        heading = lead.strip()
        body = rest[len(heading):] if rest.startswith(heading) else rest
        end = heading[-1] if heading and heading[-1] in _TERMINAL else ""
        return heading.rstrip(_TERMINAL), end, body.strip()
    match = re.search(r"[。！？]", rest)
    if match is None:
        if len(rest) <= MAX_HEADING:
            return rest.strip(), "", ""
        return "", "", rest
    heading, body = rest[: match.start()], rest[match.end():]
    if len(heading) > MAX_HEADING:
        return "", "", rest
    return heading.strip(), match.group(0), body.strip()


def is_date(text: str) -> bool:
    """A date line as a signature has it: 2024年1月5日, 二〇二四年一月五日."""
    return bool(_DATE.match(re.sub(r"\s", "", text)))


def _is_issuer(text: str) -> bool:
    plain = re.sub(r"\s", "", text)
    return (
        len(plain) <= 30
        and not any(m in plain for m in "。，、；：")
        and any(plain.endswith(e) for e in words()["issuer_endings"])
    )


def _is_bare_heading(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if paragraph.outline is not None and paragraph.outline <= 2 and len(text) <= MAX_HEADING:
        return True
    return (
        len(text) <= MAX_BARE_HEADING
        and text[-1] not in _TERMINAL + "，、"
        and not re.search(r"[，。；：]", text)
        and not is_date(text)
    )


def _is_addressee(text: str) -> bool:
    """"区委、区政府：": short, ending in a colon, not a sentence."""
    return len(text) <= 30 and bool(re.search(r"[:：]$", text)) and not re.search(r"[。，；]|如下", text) and marker_of(text) is None


def _looks_like_title(paragraph: Paragraph) -> bool:
    text = paragraph.text
    if len(text) > 80 or text[-1] in "。；：，":
        return False
    return paragraph.centered or paragraph.outline == 0 or bool(re.search(r"报告|情况|工作总结", text))


def read_outline(paragraphs: list[Paragraph]) -> Outline:
    """Place every paragraph: title, addressee, opening, parts, signature."""
    outline = Outline()
    rest = list(paragraphs)
    # The closing: a date, issuers above it, anything after it (附件, 抄送).
    for i in range(len(rest) - 1, max(len(rest) - 8, -1), -1):
        if is_date(rest[i].text) or _DATE_SLOT.match(rest[i].text):
            outline.date = rest[i]
            outline.after = rest[i + 1:]
            rest = rest[:i]
            break
    while rest and _is_issuer(rest[-1].text) and marker_of(rest[-1].text) is None:
        outline.issuers.insert(0, rest.pop())
    if rest and marker_of(rest[0].text) is None and _looks_like_title(rest[0]):
        outline.title = rest.pop(0)
    if rest and _is_addressee(rest[0].text):
        outline.addressee = rest.pop(0)
    _body(outline, rest)
    _classify(outline.parts)
    return outline


def _body(outline: Outline, paragraphs: list[Paragraph]) -> None:
    stack: list[Block] = []
    for paragraph in paragraphs:
        marker = marker_of(paragraph.text)
        if marker is None and _is_bare_heading(paragraph) and (stack or outline.opening):
            _push(outline, stack, Block(rank=_bare_rank(paragraph, stack), heading=paragraph.text.strip(), line=paragraph.line))
            continue
        if marker is None:
            if stack:
                stack[-1].text.append(paragraph.text)
                stack[-1].lines.append(paragraph.line)
            else:
                outline.opening.append(paragraph)
            continue
        rest = paragraph.text[len(marker.text):].lstrip()
        lead = paragraph.lead[len(marker.text):].lstrip() if paragraph.lead.startswith(marker.text) else ""
        heading, ended, body = split_heading(rest, lead)
        block = Block(rank=marker.rank, heading=heading, line=paragraph.line, marker=marker, ended=ended, runin=bool(body))
        if body:
            block.text.append(body)
            block.lines.append(paragraph.line)
        _push(outline, stack, block)


def _bare_rank(paragraph: Paragraph, stack: list[Block]) -> int:
    """The level of an unnumbered heading: a part when its wording names
    another part than the one open ("存在的问题和工作难点" after the measures),
    else one below the open heading."""
    if paragraph.outline is not None and paragraph.outline <= 3:
        return paragraph.outline + 1
    part = classify_part(paragraph.text)
    if not stack or (part not in (None, "measures") and (classify_part(stack[0].heading) or "measures") != part):
        return 1
    deepest = stack[-1]
    return deepest.rank if deepest.marker is None and deepest.rank > 1 else min(deepest.rank + 1, 4)


def _push(outline: Outline, stack: list[Block], block: Block) -> None:
    while stack and stack[-1].rank >= block.rank:
        stack.pop()
    if not stack:
        if block.rank == 1:
            outline.parts.append(block)
            stack.append(block)
            return
        if not outline.parts:
            # A report without 一、 parts: its sub-sections are the measures.
            outline.parts.append(Block(rank=1, heading="", line=block.line, part="measures", part_guessed=True))
        stack.append(outline.parts[-1])
    stack[-1].children.append(block)
    stack.append(block)


def _classify(parts: list[Block]) -> None:
    """Each first-level part by its wording; a themed part by its place."""
    seen_later = False
    for block in parts:
        if block.part:
            continue
        part = classify_part(block.heading)
        if part is None:
            block.part, block.part_guessed = ("plans" if seen_later else "measures"), True
        else:
            block.part = part
        if block.part in ("shortcomings", "plans"):
            seen_later = True


_REPORTING = re.compile(r"现将[^。：:]{0,30}?((?:19|20)\d{2})\s*年")


def title_year(outline: Outline) -> int | None:
    """The year the title names (the first year in it)."""
    match = YEAR.search(outline.title.text) if outline.title else None
    return int(match.group(1)) if match else None


def opening_year(outline: Outline) -> int | None:
    """The year the opening reports on: "现将……2023年度……报告如下", else its first year."""
    text = "".join(p.text for p in outline.opening)
    match = _REPORTING.search(text) or YEAR.search(text[:40])
    return int(match.group(1)) if match else None


def report_year(outline: Outline) -> int | None:
    """The report year, from the title, else the opening; never a page
    clock or the date of publication."""
    return title_year(outline) or opening_year(outline)
