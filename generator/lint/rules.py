"""What a reviewer checks in any report's text: numbering that skips,
repeats or mixes styles, headings ending unlike their siblings, years in
the title and part headings, wording slips (``report.wording``),
half-width punctuation (``report.punctuation``), required parts missing.

Each rule yields ``Finding``s with the rule's name, the line (the
paragraph's number in a .docx) and, where the fix is mechanical, the fixed
paragraph in ``Fixes``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import Finding
from generator.importing.outline import Block, Marker, Outline, opening_year, report_year, title_year
from generator.importing.reading import Paragraph
from generator.input.parts import standard_parts
from generator.report.numbers import cn_numeral
from generator.report.punctuation import normalize
from generator.report.texts import YEAR
from generator.report.wording import apply_fixes, text_slips

_HALF = re.compile(r"[,.;:!?()\"]")


@dataclass
class Fixes:
    """Mechanical fixes by line: a new start for a paragraph's numbering, and the fixed text."""

    markers: dict[int, tuple[str, str]] = field(default_factory=dict)  # line -> (old marker, new marker)

    def paragraph(self, paragraph: Paragraph, year: int | None, writes_wanyuan: bool) -> str:
        """The paragraph with every mechanical fix applied."""
        text = paragraph.text
        if paragraph.line in self.markers:
            old, new = self.markers[paragraph.line]
            if text.startswith(old):
                text = new + text[len(old):]
        text = apply_fixes(text, text_slips(text, year, writes_wanyuan=writes_wanyuan))
        return normalize(text)


@dataclass
class Linted:
    """A report's findings and the fixes found on the way."""

    findings: list[Finding]
    fixes: Fixes
    year: int | None
    writes_wanyuan: bool


def marker_text(marker: Marker, number: int) -> str:
    """A marker of the same style with another number: (二) → (三), 2、 → 3、."""
    if marker.rank in (1, 2):
        return re.sub(r"[一二三四五六七八九十]+", cn_numeral(number), marker.text, count=1)
    return re.sub(r"\d+", str(number), marker.text, count=1)


def _expected(rank: int, number: int) -> str:
    return {1: f"{cn_numeral(number)}、", 2: f"（{cn_numeral(number)}）", 3: f"{number}.", 4: f"（{number}）"}[rank]


def _siblings(outline: Outline) -> Iterator[list[Block]]:
    yield outline.parts
    for block in outline.blocks():
        if block.children:
            yield block.children


def numbering(outline: Outline, file: str, fixes: Fixes) -> Iterator[Finding]:
    """Numbers that skip, repeat or start late; a part heading without its number."""
    for siblings in _siblings(outline):
        expected: dict[int, int] = {}
        written: dict[int, int] = {}  # the number last written at each rank
        for block in siblings:
            want = expected.get(block.rank, 1)
            expected[block.rank] = want + 1
            follows = block.marker is not None and written.get(block.rank, -1) + 1 == block.marker.number
            if block.marker is not None:
                written[block.rank] = block.marker.number
            if block.marker is None:
                if block.rank == 1 and any(b.marker for b in siblings if b.rank == 1):
                    yield Finding(
                        "error", f"一级标题“{block.heading}”没有序号", file=file, line=block.line,
                        hint=f"应写作“{_expected(1, want)}{block.heading}”。", rule="编号缺失",
                    )
                continue
            number = block.marker.number
            if number == want:
                continue
            right = marker_text(block.marker, want)
            fixes.markers[block.line] = (block.marker.text, right)
            if follows:
                continue  # the run of numbers after a slip: fixed with it, reported once
            if number == want - 1:
                message = f"序号“{block.marker.text}”重复"
            elif want == 1:
                message = f"序号从“{block.marker.text}”开始，前面没有“{marker_text(block.marker, 1)}”"
            else:
                message = f"序号“{block.marker.text}”不连续，此处应为“{right}”"
            yield Finding("error", message, file=file, line=block.line, hint=f"改为“{normalize(right)}”。", rule="编号跳号")


def lone_numbers(outline: Outline, file: str) -> Iterator[Finding]:
    """A level with a single numbered item: one item is not numbered."""
    for siblings in _siblings(outline):
        for rank in (2, 3, 4):
            numbered = [b for b in siblings if b.rank == rank and b.marker is not None]
            if len(numbered) == 1 and numbered[0].marker is not None:
                block = numbered[0]
                yield Finding(
                    "warning", f"这一层级只有一条“{block.marker.text}”", file=file, line=block.line,  # type: ignore[union-attr]
                    hint="只有一条时不必编号，可删去序号。", rule="单条编号",
                )


def numbering_styles(outline: Outline, file: str, fixes: Fixes) -> Iterator[Finding]:
    """One level written two ways: "2、" beside "2."."""
    by_rank: dict[int, list[Block]] = {}
    for block in outline.blocks():
        if block.marker is not None:
            by_rank.setdefault(block.rank, []).append(block)
    for blocks in by_rank.values():
        styles = Counter(b.marker.style for b in blocks if b.marker)
        if len(styles) < 2:
            continue
        usual = styles.most_common(1)[0][0]
        for block in blocks:
            assert block.marker is not None
            if block.marker.style == usual:
                continue
            model = next(b.marker for b in blocks if b.marker and b.marker.style == usual)
            right = marker_text(model, block.marker.number)
            if block.line not in fixes.markers:
                fixes.markers[block.line] = (block.marker.text, right)
            yield Finding(
                "error", f"同一层级的序号写法不一：此处为“{block.marker.text}”，其余为“{marker_text(model, block.marker.number)}”的写法",
                file=file, line=block.line, hint=f"改为“{normalize(right)}”。", rule="编号混用",
            )


def heading_ends(outline: Outline, file: str) -> Iterator[Finding]:
    """A standalone heading ending in 。 where its siblings end in none."""
    for siblings in _siblings(outline):
        alone = [b for b in siblings if not b.runin and b.heading]
        ended = [b for b in alone if b.ended == "。"]
        if ended and len(ended) < len(alone) - len(ended):
            for block in ended:
                yield Finding(
                    "warning", f"标题“{block.heading}。”以句号结尾，同级的其他标题没有", file=file, line=block.line,
                    hint="单独成行的标题末尾不加句号。", rule="标题句号",
                )


def years(outline: Outline, file: str, year: int | None) -> Iterator[Finding]:
    """A part headed with the wrong year; a title year unlike the opening's."""
    titled, opened = title_year(outline), opening_year(outline)
    if titled and opened and titled != opened and outline.title:
        yield Finding(
            "error", f"标题写的是{titled}年，开头段落写的是{opened}年", file=file, line=outline.title.line,
            hint="请核对报告年度，统一标题和开头的年份。", rule="年份不一致",
        )
    if year is None:
        return
    want = {"measures": year, "shortcomings": year, "plans": year + 1}
    for part in outline.parts:
        if part.part not in want:
            continue
        for match in YEAR.finditer(part.heading):
            found = int(match.group(1))
            if found != want[part.part]:
                what = {"measures": "本年度的举措和成效", "shortcomings": "本年度的不足", "plans": "下一年度的安排"}[part.part]
                yield Finding(
                    "error", f"“{part.heading}”写的是{found}年，这一部分是{what}，应为{want[part.part]}年",
                    file=file, line=part.line, hint=f"报告年度为{year}年；这一部分的年份应为{want[part.part]}年。", rule="标题年份",
                )


def required_parts(outline: Outline, paragraphs: list[Paragraph], file: str) -> Iterator[Finding]:
    """The parts the 督察工作规定 requires (data/parts.yaml, as validate has
    them): a part of its own, or its words inside another part (the leaders'
    duties written in the first part are not missing)."""
    present = {p.part for p in outline.parts}
    text = "".join(p.text for p in paragraphs)
    for standard in standard_parts():
        if not standard.required or standard.key in present:
            continue
        if standard.words and any(word in text for word in standard.words):
            continue
        yield Finding(
            "warning", f"缺少报告必备的部分：{standard.name}", file=file,
            hint="《法治政府建设与责任落实督察工作规定》要求年度报告包括这一部分。", rule="缺少部分",
        )


def text_rules(paragraphs: list[Paragraph], file: str, year: int | None, writes_wanyuan: bool, where: str = "行") -> Iterator[Finding]:
    """Wording slips paragraph by paragraph; half-width punctuation and
    stray spaces once for the whole report, with the lines where they are."""
    half: list[tuple[int, int, str]] = []  # line, count, an example
    spaces: list[int] = []
    for paragraph in paragraphs:
        text = paragraph.text
        for slip in text_slips(text, year, writes_wanyuan=writes_wanyuan):
            yield Finding(slip.severity, slip.message, file=file, line=paragraph.line, hint=slip.hint, rule=slip.rule)  # type: ignore[arg-type]
        fixed = normalize(text)
        if fixed == text:
            continue
        changed = Counter(_HALF.findall(text)) - Counter(_HALF.findall(fixed))
        if changed:
            half.append((paragraph.line, sum(changed.values()), next(iter(changed))))
        elif re.sub(r"\s", "", text) == re.sub(r"\s", "", fixed):
            spaces.append(paragraph.line)
    if half:
        marks = "、".join(dict.fromkeys(f"“{example}”" for _, _, example in half))
        yield Finding(
            "error", f"中文中有{sum(n for _, n, _ in half)}处半角标点（{marks}），在{len(half)}段中：{_lines(half, where)}",
            file=file, line=half[0][0],
            hint="中文中应使用全角标点：，；：（）“”。运行 reportgen lint --fix 可自动改正。", rule="半角标点",
        )
    if spaces:
        yield Finding(
            "warning", f"中文字符之间有多余的空格，在{len(spaces)}段中：{_lines([(n, 0, '') for n in spaces], where)}",
            file=file, line=spaces[0], hint="删去空格；运行 reportgen lint --fix 可自动改正。", rule="多余空格",
        )


def _lines(found: list[tuple[int, int, str]], where: str) -> str:
    shown = "、".join(str(line) for line, _, _ in found[:8])
    return f"第{shown}{'等' if len(found) > 8 else ''}{where}"


def lint_outline(outline: Outline, paragraphs: list[Paragraph], file: str, where: str = "行") -> Linted:
    """Every text rule over one report; ``where`` names what a line number
    counts (行 in a text file, 段 in a .docx or a draft)."""
    fixes = Fixes()
    year = report_year(outline)
    writes_wanyuan = any("万元" in p.text for p in paragraphs)
    findings = [
        *numbering(outline, file, fixes),
        *numbering_styles(outline, file, fixes),
        *lone_numbers(outline, file),
        *heading_ends(outline, file),
        *years(outline, file, year),
        *text_rules(paragraphs, file, year, writes_wanyuan, where),
        *required_parts(outline, paragraphs, file),
    ]
    findings.sort(key=lambda f: (f.line if f.line is not None else 10**9))
    return Linted(findings, fixes, year, writes_wanyuan)
