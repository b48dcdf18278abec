"""Last year's plans and shortcomings, and what in this year's report answers them.

``reportgen init --from`` carries last year's arrangements (下一年度主要安排)
and shortcomings into ``last_year`` with ids (安排1, 不足1, …). A measure
group or an item answers one by naming its id (or its heading) in
``answers``; it covers it once its text is written. ``validate`` warns of
every one not yet covered, and of text copied unchanged from last year's
``draft``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from generator.errors import Finding
from generator.input.loading import Source, YamlPath
from generator.input.model import CarriedItem, MeasureGroup, Report, Section
from generator.report.texts import answering

CarriedKind = Literal["plans", "shortcomings"]

# id prefix, what the item is called, what this year's report owes it
KINDS: dict[CarriedKind, tuple[str, str, str]] = {
    "plans": ("安排", "上年度安排", "落实情况"),
    "shortcomings": ("不足", "上年度指出的不足", "整改进展"),
}

SHORT_NAME = 24  # characters of a text standing in for a missing heading


def carried_name(item: CarriedItem) -> str:
    """How a carried item is named in messages: its heading, or its text shortened."""
    text = (item.heading or item.text or item.id).strip().rstrip("。；;，,")
    return text if len(text) <= SHORT_NAME else text[:SHORT_NAME] + "……"


def carried(section: Section | None, prefix: str) -> list[CarriedItem]:
    """The items of last year's plans or shortcomings, numbered 安排1, 安排2, …
    (a section written as a single paragraph is one item)."""
    if section is None:
        return []
    written = [p for p in section.items if p.heading or p.text]  # an item left empty promised nothing
    if written:
        return [CarriedItem(id=f"{prefix}{i}", heading=p.heading, text=p.text) for i, p in enumerate(written, 1)]
    if section.intro:
        return [CarriedItem(id=f"{prefix}1", text=section.intro)]
    return []


def carried_items(report: Report) -> Iterator[tuple[CarriedKind, int, CarriedItem]]:
    """Every plan and shortcoming carried from last year, with its kind and index."""
    if report.last_year is None:
        return
    for kind in KINDS:
        for index, item in enumerate(getattr(report.last_year, kind)):
            yield kind, index, item


def find_carried(report: Report, ref: str) -> tuple[CarriedKind, CarriedItem] | None:
    """The carried item a reference names, by id or by heading."""
    ref = ref.strip()
    for kind, _, item in carried_items(report):
        if ref == item.id or (item.heading and ref == item.heading.strip()):
            return kind, item
    return None


def answers_shortcoming(report: Report, refs: list[str]) -> bool:
    """Whether ``answers`` names one of last year's shortcomings: the item then
    tells the progress on it, not a shortcoming of this year."""
    return any((found := find_carried(report, ref)) is not None and found[0] == "shortcomings" for ref in refs)


def owed(report: Report, refs: list[str]) -> str:
    """What a stub still owes, as a gap's wording: 上年度安排“加强执法队伍管理”的落实情况."""
    parts = []
    for ref in refs:
        found = find_carried(report, ref)
        if found is None:
            parts.append(f"对“{ref}”的回应")
        else:
            kind, item = found
            _, called, due = KINDS[kind]
            parts.append(f"{called}（{item.id}：{carried_name(item)}）的{due}")
    return "、".join(parts)


@dataclass
class Answer:
    """A part of this year's report that names carried items in ``answers``."""

    path: YamlPath
    refs: list[str]
    written: bool  # its text (or, for a group, a point's text) is filled in


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())


def answers(report: Report) -> Iterator[Answer]:
    """Every group and item of this year's report with ``answers``, in input order."""
    for path, node in answering(report):
        if node.answers:
            written = _filled(node.text)
            if isinstance(node, MeasureGroup):  # a group is written when its points are
                written = written or any(_filled(p.text) for p in node.points)
            yield Answer(path, node.answers, written)


@dataclass
class Uncovered:
    """A carried item this year's report does not yet cover, and where to say so."""

    kind: CarriedKind
    item: CarriedItem
    path: YamlPath  # the stub that answers it, or else the item in last_year
    stub: bool  # a part of this year's report answers it, its text still empty

    @property
    def message(self) -> str:
        """The warning, in Chinese."""
        _, called, due = KINDS[self.kind]
        return f"{called}（{self.item.id}：{carried_name(self.item)}）的{due}还没有写"


def uncovered(report: Report) -> list[Uncovered]:
    """Last year's plans and shortcomings that no written part of this year's report answers."""
    found = list(answers(report))
    result = []
    for kind, index, item in carried_items(report):
        names = {item.id, (item.heading or "").strip()} - {""}
        mine = [a for a in found if names & {r.strip() for r in a.refs}]
        if any(a.written for a in mine):
            continue
        path = mine[0].path if mine else ("last_year", kind, index)
        result.append(Uncovered(kind, item, path, stub=bool(mine)))
    return result


def check_followups(source: Source) -> Iterator[Finding]:
    """Warnings: carried items not yet covered, answers naming nothing, ids
    repeated, and text copied unchanged from last year's draft."""
    report = source.report
    seen: set[str] = set()
    for kind, index, item in carried_items(report):
        if item.id in seen:
            yield source.finding("warning", f"编号“{item.id}”重复", ("last_year", kind, index, "id"), "每条安排和不足的编号应各不相同。")
        seen.add(item.id)
    names = list(seen) + [item.heading for _, _, item in carried_items(report) if item.heading]
    for answer in answers(report):
        for ref in answer.refs:
            if find_carried(report, ref) is None:
                guess = difflib.get_close_matches(ref, names, n=1, cutoff=0.5)
                hint = f"是不是“{guess[0]}”？" if guess else "answers 填写 last_year 中安排或不足的编号，如“安排1”。"
                yield source.finding("warning", f"answers 中的“{ref}”不是上年度任何一条安排或不足", (*answer.path, "answers"), hint)
    for gap in uncovered(report):
        if gap.stub:
            continue  # its empty text is listed as a gap (待填), naming the item
        hint = f"在本年度回应这一条的小节或条目下写 answers: {gap.item.id}，并在其 text 中写明{KINDS[gap.kind][2]}。"
        yield source.finding("warning", gap.message, gap.path, hint)
    for path in copied_drafts(report):
        yield source.finding(
            "warning",
            "正文与上年度原文（draft）完全相同",
            path,
            "上年度的原文只供参考，请按本年度的情况改写，不要照抄上年的数字和事实。",
        )


def copied_drafts(report: Report) -> list[YamlPath]:
    """The texts still word for word last year's draft (the path of each ``text``)."""
    return [
        (*path, "text")
        for path, node in answering(report)
        if node.draft and node.text and node.text.strip() == node.draft.strip()
    ]
