"""Wording slips a reviewer looks for in any report's text, one rule each:
plans (普法, 五年规划) named after their period ended, the 纲要 cited with
wrong years, a document number in [ ] instead of 〔 〕, zero-padded dates,
an amount in "万" where 万元 is meant. ``checks`` runs them over the YAML's
texts and ``lint`` over a published report's paragraphs: this is their one home.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Slip:
    """One slip in a text: where, which rule, what to say, and the fixed text if mechanical."""

    rule: str
    start: int
    end: int
    message: str
    hint: str
    fix: str | None = None  # replacement for text[start:end]; None when a person must decide
    severity: str = "warning"


# Five-year plans by their first year: 普法 ("七五"普法 2016–2020) and
# the national plans ("十四五" 2021–2025).
_PUFA = {"五五": 2006, "六五": 2011, "七五": 2016, "八五": 2021, "九五": 2026, "十五": 2031}
_PLAN = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
_PUFA_NAME = re.compile(r"[“\"]?([五六七八九十]五)[”\"]?\s*普法")
_PLAN_NAME = re.compile(r"[“\"]?(十[一二三四五六]五)[”\"]?\s*(?:规划|时期|期间|期末|开局|收官)")
_BOOK = re.compile(r"《[^》]*》")

# 《法治政府建设实施纲要（2015－2020年）》 and （2021－2025年）: the national editions.
GANGYAO_EDITIONS = ((2015, 2020), (2021, 2025))
_GANGYAO = re.compile(r"《(?:中共中央\s*国务院\s*)?法治政府建设实施纲要\s*[（(]\s*(\d{4})\s*[-—–－~～至]+\s*(\d{4})\s*年?\s*[)）]\s*》")

_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})\s*[\[【]\s*((?:19|20)\d{2})\s*[\]】]\s*(\d{1,4})\s*号")
_PADDED_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_AMOUNT_WORDS = re.compile(r"(金额|资金|经费|费用|投入|投资|款|补助|补贴|罚没|罚款|价值|收入|支出|赔偿|标的)")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*(余|多)?万(?![元人户次件亩平方公里千米吨台辆册份字])")


def period_slips(text: str, year: int) -> Iterator[Slip]:
    """A plan named for a period that does not contain the report year
    ("七五"普法 in a 2021 report); a document title (《…》) may name any."""
    plain = _BOOK.sub(lambda m: " " * len(m.group(0)), text)
    for pattern, table, what in ((_PUFA_NAME, _PUFA, "普法规划"), (_PLAN_NAME, _PLAN, "五年规划")):
        for match in pattern.finditer(plain):
            first = table.get(match.group(1))
            if first is None or first <= year <= first + 4:
                continue
            right = next((name for name, start in table.items() if start <= year <= start + 4), "")
            yield Slip(
                "规划名称过时",
                match.start(1),
                match.end(1),
                f"“{match.group(1)}”{what}是{first}—{first + 4}年的，报告年度为{year}年",
                f"{year}年应为“{right}”{what}；如确是回顾该时期的工作，可以忽略。" if right else "请核对规划名称。",
            )


def gangyao_slips(text: str) -> Iterator[Slip]:
    """The national 纲要 cited with years it does not have (（2022—2025年））."""
    for match in _GANGYAO.finditer(text):
        years = (int(match.group(1)), int(match.group(2)))
        if years in GANGYAO_EDITIONS:
            continue
        right = next((e for e in GANGYAO_EDITIONS if e[1] == years[1] or e[0] == years[0]), GANGYAO_EDITIONS[-1])
        yield Slip(
            "纲要年份",
            match.start(),
            match.end(),
            f"《法治政府建设实施纲要》没有（{years[0]}—{years[1]}年）这一版",
            f"应为《法治政府建设实施纲要（{right[0]}—{right[1]}年）》。",
            fix=f"《法治政府建设实施纲要（{right[0]}—{right[1]}年）》",
            severity="error",
        )


def bracket_slips(text: str) -> Iterator[Slip]:
    """A document number's year in [ ] or 【 】: GB/T 9704 writes 〔2015〕."""
    for match in _DOC_NUMBER.finditer(text):
        start = match.start(0) + len(match.group(1))
        yield Slip(
            "发文字号括号",
            start,
            match.end(),
            f"发文字号的年份应使用六角括号〔〕：“{match.group(0).strip()}”",
            "GB/T 9704 规定发文字号写作“国发〔2015〕1号”。",
            fix=f"〔{match.group(2)}〕{match.group(3)}号",
            severity="error",
        )


def date_slips(text: str) -> Iterator[Slip]:
    """Zero-padded months or days (2024年01月05日): GB/T 9704 writes 2024年1月5日."""
    for match in _PADDED_DATE.finditer(text):
        month, day = match.group(2), match.group(3)
        if not (month.startswith("0") or (day and day.startswith("0"))):
            continue
        fixed = f"{match.group(1)}年{int(month)}月" + (f"{int(day)}日" if day else "")
        yield Slip(
            "日期补零",
            match.start(),
            match.end(),
            f"日期“{match.group(0)}”的月、日前不应补零",
            f"写作“{fixed}”。",
            fix=fixed,
        )


def wan_slips(text: str, *, writes_wanyuan: bool = False) -> Iterator[Slip]:
    """An amount written "1087.25万" where 万元 is meant: after a word of
    money in the same clause, or, when the report writes 万元 elsewhere,
    at a clause's end."""
    for match in _WAN.finditer(text):
        clause_start = max(text.rfind(c, 0, match.start()) for c in "，。；,;：")
        clause = text[clause_start + 1: match.start()]
        after = text[match.end(): match.end() + 1]
        if _AMOUNT_WORDS.search(clause) or (writes_wanyuan and after in ("", "，", "。", "；", ",", ";", "、")):
            yield Slip(
                "万与万元",
                match.start(),
                match.end(),
                f"金额“{match.group(0)}”缺少“元”",
                f"写作“{match.group(0)}元”。",
                fix=match.group(0) + "元",
            )


def text_slips(text: str, year: int | None, *, writes_wanyuan: bool = False) -> list[Slip]:
    """Every wording slip of one paragraph or text field."""
    slips = [*gangyao_slips(text), *bracket_slips(text), *date_slips(text), *wan_slips(text, writes_wanyuan=writes_wanyuan)]
    if year is not None:
        slips += period_slips(text, year)
    return sorted(slips, key=lambda s: s.start)


def apply_fixes(text: str, slips: list[Slip]) -> str:
    """The text with every mechanical fix applied (overlapping ones skipped)."""
    out, pos = [], 0
    for slip in sorted((s for s in slips if s.fix is not None), key=lambda s: s.start):
        if slip.start < pos:
            continue
        out += [text[pos: slip.start], slip.fix or ""]
        pos = slip.end
    return "".join(out) + text[pos:]
