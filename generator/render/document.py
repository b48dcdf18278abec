"""The rendered document as typed blocks: what every writer consumes.

Templates do not produce a file format; they produce a short line markup,
one paragraph a line, each line opening with its role:

    [title] 掌起镇2023年度法治政府建设工作情况报告
    [heading1] 一、2023年度推进法治政府建设的主要举措和成效
    [heading2] （一）强化党建统领法治建设。‖落实党政主要负责人……

``‖`` (U+2016) separates a run-in heading (numbering and heading sentence,
set in the heading face) from the body text that follows it in the same
paragraph. Text between ``CARRIED_OPEN`` and ``CARRIED_CLOSE`` (two Unicode
noncharacters, which the clerk's text cannot contain) is last year's
wording not yet edited: the marks become the block's ``carried`` spans. ``parse_markup`` turns those lines into a ``Document``; the
writers in ``generator.render.writers`` turn a ``Document`` into .txt, .docx, …
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Literal, get_args

from generator.errors import TemplateError
from generator.report.carried import CARRIED_CLOSE, CARRIED_OPEN

Role = Literal[
    "title",  # 标题
    "addressee",  # 主送机关
    "body",  # 正文段落
    "heading1",  # 一、
    "heading2",  # （一）
    "heading3",  # 1.
    "signature",  # 发文机关署名
    "date",  # 成文日期
]
ROLES: tuple[str, ...] = get_args(Role)

RUN_IN = "\u2016"  # ‖ : end of the run-in heading inside a paragraph
PLACEHOLDER = re.compile(r"【待填：[^】]*】")

Mark = Literal["", "gap", "carried"]
"""How a piece of a paragraph is highlighted: not, as a gap, as wording carried from last year."""

_LINE = re.compile(r"^\[(?P<role>[a-z0-9]+)\] ?(?P<rest>.*)$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the report with its role.

    ``lead`` is the run-in heading (set in the heading face), ``text`` the
    rest of the paragraph (set in the body face). A whole-line heading has
    its words in ``lead`` and an empty ``text``.
    """

    role: Role
    text: str
    lead: str = ""
    carried: tuple[tuple[int, int], ...] = ()  # (start, end) in ``full`` of last year's wording not yet edited

    @property
    def full(self) -> str:
        """The paragraph as plain text: run-in heading followed by the body."""
        return self.lead + self.text

    def pieces(self, part: Literal["lead", "text", "full"] = "full") -> list[tuple[str, Mark]]:
        """The lead, the text or the whole paragraph cut into pieces, each with its highlight."""
        start = len(self.lead) if part == "text" else 0
        return pieces(getattr(self, part), [(a - start, b - start) for a, b in self.carried])


def pieces(text: str, carried: Sequence[tuple[int, int]] = ()) -> list[tuple[str, Mark]]:
    """``text`` cut into runs of one highlight, in order, empty runs dropped:
    a 【待填：…】 gap is "gap" (also inside carried wording), a ``carried``
    span (offsets into ``text``) "carried", the rest ""."""
    gaps = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    spans = [(max(a, 0), min(b, len(text))) for a, b in carried if min(b, len(text)) > max(a, 0)]
    cuts = sorted({0, len(text), *(x for span in gaps + spans for x in span)})
    out: list[tuple[str, Mark]] = []
    for start, end in zip(cuts, cuts[1:]):
        mark: Mark = ""
        if any(a <= start and end <= b for a, b in gaps):
            mark = "gap"
        elif any(a <= start and end <= b for a, b in spans):
            mark = "carried"
        if out and out[-1][1] == mark:
            out[-1] = (out[-1][0] + text[start:end], mark)
        else:
            out.append((text[start:end], mark))
    return out


def _unmark(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without carried marks, and the spans they enclosed (an
    unclosed mark runs to the end; a stray close is dropped)."""
    clean: list[str] = []
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for char in raw:
        if char == CARRIED_OPEN:
            opened = len(clean) if opened is None else opened
        elif char == CARRIED_CLOSE:
            if opened is not None and opened < len(clean):
                spans.append((opened, len(clean)))
            opened = None
        else:
            clean.append(char)
    if opened is not None and opened < len(clean):
        spans.append((opened, len(clean)))
    return "".join(clean), spans


@dataclass(frozen=True)
class Document:
    """A rendered report: its blocks plus the metadata writers need."""

    blocks: tuple[Block, ...]
    title: str = ""
    author: str = ""
    year: int | None = None
    date: str | None = None  # ISO date of the report, for document properties
    meta: dict[str, str] = field(default_factory=dict)

    def of_role(self, role: Role) -> list[Block]:
        """The blocks of one role, in document order."""
        return [b for b in self.blocks if b.role == role]

    @property
    def placeholders(self) -> list[str]:
        """Every 【待填：…】 still in the document, in order."""
        return [m.group(0) for b in self.blocks for m in PLACEHOLDER.finditer(b.full)]


def parse_markup(markup: str, *, template: str = "") -> list[Block]:
    """Turn the templates' line markup into blocks.

    Blank lines are skipped. A line without a known ``[role]`` is a template
    mistake and raises ``TemplateError`` naming the output line.
    """
    blocks: list[Block] = []
    for number, raw in enumerate(markup.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match or match.group("role") not in ROLES:
            raise TemplateError(
                f"模板输出的第{number}行没有可识别的段落类型：{line[:40]}",
                file=template,
                hint="每行须以 [title]、[body]、[heading1] 等段落类型开头，请使用 _blocks.j2 中的宏输出段落。",
            )
        role = match.group("role")
        rest = match.group("rest").strip()
        if RUN_IN in rest:
            lead, text = rest.split(RUN_IN, 1)
        elif role.startswith("heading"):
            lead, text = rest, ""  # a whole-line heading
        else:
            lead, text = "", rest
        lead, lead_spans = _unmark(lead)
        text, text_spans = _unmark(text.replace(RUN_IN, ""))
        spans = (*lead_spans, *((a + len(lead), b + len(lead)) for a, b in text_spans))
        blocks.append(Block(role=role, text=text, lead=lead, carried=spans))  # type: ignore[arg-type]
    return blocks
