"""Consistency checks of a validated input: metrics that exist, numbers
that add up, years and dates that make sense, required parts present.

Each check is a function of the loaded ``Source`` yielding ``Finding``s;
``run_checks`` runs them all, so the clerk sees every problem at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterator

from generator.input.catalog import metric_catalog
from generator.report.carried import check_carried
from generator.errors import Finding
from generator.report.followups import check_followups
from generator.input.loading import Source, YamlPath
from generator.input.parts import YEAR_FIELD
from generator.report.structure import check_areas, check_parts
from generator.report.numbers import format_number, rate
from generator.report.punctuation import illegal_characters
from generator.report.texts import CITATION, citations, iter_texts, stale_years
from generator.report.wording import text_slips

Check = Callable[[Source], Iterator[Finding]]

# A heading that starts with numbering the clerk typed: （一） 一、 1. 1、 一是 第一
_TYPED_NUMBER = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、．.]|\d+[、．.]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、,])")

EARLIEST_YEAR = 2000
RATE_TOLERANCE = 0.05  # a stated rate may be rounded differently by one in the last place


def _suggest(word: str, options: list[str]) -> str:
    guess = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    if guess:
        return f"是不是“{guess[0]}”？"
    return "标准指标名称见 reportgen init 生成的模板；本地指标请先在 metric_definitions 中定义。"


def check_metric_ids(source: Source) -> Iterator[Finding]:
    """Every metric given and every metric cited exists in the catalog."""
    catalog = metric_catalog(source.report)
    known = list(catalog)
    for metric_id in source.report.metrics:
        if metric_id not in catalog:
            yield source.finding("error", f"没有名为“{metric_id}”的指标", ("metrics", metric_id), _suggest(metric_id, known))
    for definition in source.report.metric_definitions:
        for ref in (definition.numerator, definition.denominator):
            if ref is not None and ref not in catalog:
                yield source.finding("error", f"比率“{definition.id}”引用的指标“{ref}”不存在", ("metric_definitions",), _suggest(ref, known))
    for path, text in iter_texts(source.report):
        for match in citations(text):
            if match.group(1) not in catalog:
                yield source.finding(
                    "error",
                    f"正文引用了不存在的指标“{{{match.group(1)}}}”",
                    path,
                    _suggest(match.group(1), known),
                )


_BRACED = re.compile(r"\{+[^{}]*\}+")


def check_stray_braces(source: Source) -> Iterator[Finding]:
    """Braces that are not a citation ({合同审查.__class__}, {a.b.c}, {{合同审查}})
    would be printed into the draft as they are: say so at their line."""
    for path, text in iter_texts(source.report):
        for match in _BRACED.finditer(text):
            if CITATION.fullmatch(match.group(0)) or YEAR_FIELD.fullmatch(match.group(0)):
                continue  # a citation, or a year ({年度}, {下一年度}) filled by the report year
            yield source.finding(
                "warning",
                f"“{match.group(0)}”不是指标引用的写法，会原样出现在草稿中",
                path,
                "引用指标写作 {合同审查}，也可写 {合同审查.yoy}、{合同审查.change}、{合同审查.last_year}、{合同审查.parts}；"
                "只用一层花括号。",
            )


PLACEHOLDER_NAME = "某某"  # what init writes (某某镇, 某某镇人民政府) when it is not told the name


def check_placeholder_names(source: Source) -> Iterator[Finding]:
    """The placeholder name init writes without --locality may stay in a
    draft, never in the final version (a warning, so --strict refuses it)."""
    info = source.report.report
    named = [(("report", "locality"), info.locality)]
    named += [(("report", "issuers", i), issuer) for i, issuer in enumerate(info.issuers or [])]
    for path, name in named:
        if PLACEHOLDER_NAME in name:
            yield source.finding(
                "warning",
                f"“{name}”是占位的名称，还没有改成本地的名称",
                path,
                "请改成本地的名称，如“掌起镇”“掌起镇人民政府”；reportgen init --locality 掌起镇 可直接写好。",
            )


def check_numbers(source: Source) -> Iterator[Finding]:
    """Counts are whole, rates within 0–100, parts within and adding up to
    their whole."""
    report = source.report
    catalog = metric_catalog(report)
    for metric_id, entry in report.metrics.items():
        definition = catalog.get(metric_id)
        if definition is None:
            continue
        path: YamlPath = ("metrics", metric_id)
        label = definition.label
        values = [("本年度数值", entry.value, "value"), ("上年度数值", entry.last_year, "last_year")]
        for what, value, key in values:
            if value is None:
                continue
            at = (*path, key)  # the value's own line when written as "value: 1.5"
            if definition.kind == "count" and entry.approx is None and not float(value).is_integer():
                yield source.finding("error", f"“{label}”是计数，{what}应为整数，现为 {value}", at, "请检查是否多写了小数点。")
            if definition.kind == "rate" and value > 100:
                yield source.finding("error", f"“{label}”是百分比，{what}不能超过 100，现为 {value}", at, "比率按百分数填写，如 97.5 表示 97.5%。")
        known_parts = [v for v in entry.parts.values() if v is not None]
        if entry.value is not None:
            for name, part in entry.parts.items():
                if part is not None and part > entry.value:
                    yield source.finding("error", f"“{label}”中的“{name}”（{format_number(part)}）大于总数（{format_number(entry.value)}）", (*path, "parts", name))
            if entry.parts_complete and len(known_parts) == len(entry.parts) and entry.approx is None:
                total = sum(known_parts)
                if abs(total - entry.value) > 1e-9:
                    terms = "+".join(format_number(v) for v in known_parts)
                    yield source.finding(
                        "error",
                        f"“{label}”的各项构成之和 {terms} = {format_number(total)}，与总数 {format_number(entry.value)} 不符",
                        (*path, "parts"),
                        "请核对各项数字；若所列构成并不完整，请把 parts_complete 改为 false。",
                    )


def check_rates(source: Source) -> Iterator[Finding]:
    """A computed rate's part is not above its whole (调解成功 ≤ 调解受理), and
    a rate the clerk stated agrees with the one computed from its counts."""
    report = source.report
    catalog = metric_catalog(report)
    for definition in catalog.values():
        if not definition.derived:
            continue
        num = report.metrics.get(definition.numerator or "")
        den = report.metrics.get(definition.denominator or "")
        if not (num and den and num.value is not None and den.value is not None):
            continue
        num_label = catalog[definition.numerator or ""].label
        den_label = catalog[definition.denominator or ""].label
        if num.value > den.value:
            yield source.finding(
                "error",
                f"“{num_label}”（{format_number(num.value)}）大于“{den_label}”（{format_number(den.value)}）",
                ("metrics", definition.numerator or ""),
                "请核对这两个数字。",
            )
        stated = report.metrics.get(definition.id)
        computed = rate(num.value, den.value)
        if stated and stated.value is not None and computed is not None and abs(computed - stated.value) > RATE_TOLERANCE:
            yield source.finding(
                "error",
                f"填写的“{definition.label}”为 {format_number(stated.value)}%，按“{num_label}”÷“{den_label}”计算应为 {format_number(computed)}%",
                ("metrics", definition.id),
                "比率可以不填，由 reportgen 计算。",
            )


def check_dates(source: Source) -> Iterator[Finding]:
    """A sane report year; a date after the year's end and, as a warning, by 1 April."""
    info = source.report.report
    this_year = dt.date.today().year
    if not EARLIEST_YEAR <= info.year <= this_year + 1:
        yield source.finding("error", f"报告年度 {info.year} 不在合理范围（{EARLIEST_YEAR}–{this_year + 1}）内", ("report", "year"), "请填写报告所总结的年度，如 2024。")
        return
    if info.date is None:
        return
    if info.date <= dt.date(info.year, 12, 31):
        yield source.finding(
            "error",
            f"成文日期 {info.date.isoformat()} 早于报告年度 {info.year} 年结束",
            ("report", "date"),
            f"年度报告在次年（{info.year + 1}年）成文，请检查年份是否沿用了上年的日期。",
        )
    elif info.date > dt.date(info.year + 1, 4, 1):
        yield source.finding(
            "warning",
            f"成文日期 {info.date.isoformat()} 晚于 {info.year + 1} 年 4 月 1 日（年度报告的公开时限）",
            ("report", "date"),
        )


def check_headings(source: Source) -> Iterator[Finding]:
    """Headings carry no numbering of their own: the templates number them."""
    for path, text in iter_texts(source.report):
        if path[-1] == "heading" and _TYPED_NUMBER.match(text):
            yield source.finding(
                "warning",
                f"标题“{text[:20]}”自带了序号",
                path,
                "序号由模板自动编排，请删去标题开头的“（一）”“1.”“一是”等。",
            )


def check_years_in_text(source: Source) -> Iterator[Finding]:
    """A year other than the report year or the next one, outside a document
    title (《…》), may be a sentence copied from an earlier report."""
    year = source.report.report.year
    for path, text in iter_texts(source.report):
        stale = stale_years(text, year)
        if stale:  # one warning per text is enough to send the clerk there
            yield source.finding(
                "warning",
                f"正文提到了{stale[0]}年（报告年度为{year}年）",
                path,
                "请确认这不是从往年报告沿用的文字。如确是指该年：草稿可以先不管；定稿（--strict）前请写成看得出是往年的说法，如“上年度”“2021年以来”“自2021年起”。",
            )


def _strings(value: object, path: YamlPath) -> Iterator[tuple[YamlPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key, path)
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def check_illegal_characters(source: Source) -> Iterator[Finding]:
    """Control characters pasted from other software are dropped from the
    draft (they would corrupt a .docx); say where they were."""
    for path, text in _strings(source.data, ()):
        found = illegal_characters(text)
        if found:
            where = "、".join(f"第{i + 1}个字符 U+{ord(ch):04X}" for i, ch in found[:5])
            yield source.finding(
                "warning",
                f"文字中有{len(found)}个不可见的控制字符（{where}），生成草稿时已删除",
                path,
                "这类字符常是从其他软件复制时带入的，可在这一行中删除后重新输入。",
            )


def check_wording(source: Source) -> Iterator[Finding]:
    """The wording slips a reviewer's lint finds in a published report
    (``report.wording``), found in the clerk's texts before they are printed."""
    year = source.report.report.year
    for path, text in iter_texts(source.report):
        for slip in text_slips(text, year):
            yield source.finding(slip.severity, slip.message, path, slip.hint)


CHECKS: tuple[Check, ...] = (
    check_metric_ids,
    check_stray_braces,
    check_placeholder_names,
    check_numbers,
    check_rates,
    check_dates,
    check_years_in_text,
    check_headings,
    check_illegal_characters,
    check_wording,
    check_areas,
    check_parts,
    check_followups,
    check_carried,
)


def run_checks(source: Source) -> list[Finding]:
    """Every finding of every check, in input order (by line)."""
    findings = [f for check in CHECKS for f in check(source)]
    return sorted(findings, key=lambda f: (f.line or 0))
