"""`reportgen diff OLD.yaml NEW.yaml`: last year against this year.

Every metric of either year with last year's value, this year's, the
change and the change in % (rates in percentage points); then last
year's plans and shortcomings this year's report does not yet answer,
how many paragraphs of each part are still last year's words (carried by
``init --from``, not yet edited), and the metrics that appeared or
disappeared. As a rich table in the terminal,
or as CSV or Markdown for a file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Finding, UserError
from generator.report.carried import carried_counts
from generator.report.followups import KINDS, Uncovered, carried, carried_name, uncovered
from generator.input.model import CarriedItem, MetricDefinition, Report
from generator.input.entrance import InputFile, read_input
from generator.report.numbers import approximate, format_number, yuan_to_wan
from generator.report.values import reported, unit_of
from generator.report.yoy import Change, compare

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "csv", "md")
COLUMNS = ("指标", "单位", "上年", "本年", "增减", "增减幅度", "说明")


@dataclass
class Value:
    """One year's value of a metric, as reported."""

    number: float | int
    approx: str | None = None

    @property
    def text(self) -> str:
        """'51', '800余', '约120'."""
        return approximate(format_number(self.number), self.approx)


@dataclass
class MetricRow:
    """A metric in the two years."""

    id: str
    label: str
    unit: str
    kind: str
    last: Value | None
    this: Value | None
    change: Change | None
    notes: list[str] = field(default_factory=list)

    def cells(self) -> tuple[str, ...]:
        """The row as text, in the order of ``COLUMNS``."""
        change = self.change
        delta = ""
        if change is not None:
            delta = change.signed_delta + ("个百分点" if self.kind == "rate" and change.direction != "same" else "")
        return (
            self.label,
            self.unit,
            self.last.text if self.last else "",
            self.this.text if self.this else "",
            delta,
            change.signed_percent if change else "",
            "；".join(self.notes),
        )


@dataclass
class YearDiff:
    """What changed between two years' inputs."""

    old_file: str
    new_file: str
    locality: str
    old_year: int
    new_year: int
    rows: list[MetricRow]
    not_answered: list[Uncovered]  # last year's plans and shortcomings this year does not yet answer
    followups_recorded: bool  # the new input carries last year's plans (made by init --from)
    carried_count: dict[str, int]  # how many plans and shortcomings last year's report had
    still_carried: dict[str, int]  # per part (its name), paragraphs still word for word as carried from last year
    appeared: list[str]  # labels of metrics reported this year only
    disappeared: list[str]  # labels of metrics reported last year only
    warnings: list[Finding] = field(default_factory=list)  # e.g. two different localities compared

    @property
    def title(self) -> str:
        """The heading of the comparison."""
        return f"{self.locality}指标对比：{self.old_year}年 → {self.new_year}年"

    def remarks(self) -> list[tuple[str, list[str]]]:
        """The lists below the table: a heading and its lines each."""
        out: list[tuple[str, list[str]]] = []
        if self.new_year != self.old_year + 1:
            out.append(("注意", [f"两个文件不是相邻的年度（{self.old_year}年和{self.new_year}年）。"]))
        for kind, (_, called, due) in KINDS.items():
            items = [u for u in self.not_answered if u.kind == kind]
            heading = f"{called}中{due}还没有写的"
            if not self.followups_recorded:
                heading = f"{called}（本年度文件没有 last_year 记录，无法核对是否已回应）"
            if items:
                out.append((heading, [f"{u.item.id}：{carried_name(u.item)}" for u in items]))
            elif self.carried_count.get(kind):
                out.append((called, [f"{self.carried_count[kind]}条均已写明{due}。"]))
        if self.still_carried:
            total = sum(self.still_carried.values())
            lines = [f"{part}：{count}段" for part, count in self.still_carried.items()]
            out.append((f"沿用去年文字、尚未修改的段落（共{total}段）", lines))
        if self.appeared:
            out.append(("本年度新增的指标", self.appeared))
        if self.disappeared:
            out.append(("上年度有、本年度没有数值的指标", self.disappeared))
        return out


def _value(report: Report, definition: MetricDefinition, *, last_year: bool = False) -> Value | None:
    """A metric's value in a report (a derived rate computed from its counts)."""
    number = reported(report, definition, last_year=last_year)
    if number is None:
        return None
    entry = report.metrics.get(definition.id)
    given = entry is not None and (entry.last_year if last_year else entry.value) is not None
    return Value(number, entry.approx if given and not last_year else None)  # type: ignore[union-attr]


def _in_wan(value: Value | None, unit: str) -> Value | None:
    """An amount in 元 stated in 万元, so two years compare in one unit."""
    if value is None or unit != "元":
        return value
    return Value(yuan_to_wan(value.number), value.approx)


def _row(metric_id: str, old: InputFile, new: InputFile) -> MetricRow:
    definition = new.catalog.get(metric_id) or old.catalog[metric_id]
    old_unit, unit = unit_of(old.written, definition), unit_of(new.written, definition)
    if metric_id not in new.written.metrics:
        unit = old_unit
    elif metric_id not in old.written.metrics:
        old_unit = unit
    last = _value(old.written, definition)
    this = _value(new.written, definition)
    carried_last = _value(new.written, definition, last_year=True)
    if old_unit != unit and {old_unit, unit} <= {"元", "万元"}:
        last, this, carried_last = _in_wan(last, old_unit), _in_wan(this, unit), _in_wan(carried_last, unit)
        old_unit = unit = "万元"
    notes = []
    if last is None and carried_last is not None:
        last, old_unit = carried_last, unit
        notes.append("上年数取自本年度文件的 last_year")
    elif last is not None and carried_last is not None and carried_last.number != last.number:
        notes.append(f"本年度文件中的上年数为{carried_last.text}")
    change = None
    if last is not None and this is not None:
        if old_unit != unit and definition.kind != "count":
            notes.append(f"两年的单位不同（上年为{old_unit}），未计算增减")
        else:
            if old_unit != unit:  # 件, 起, 宗: another word for the same count
                notes.append(f"上年的单位写作“{old_unit}”")
            change = compare(this.number, last.number, definition.kind, unit, approx=bool(this.approx or last.approx))
            if last.approx or this.approx:
                notes.append("含约数，增减仅供参考")
            elif last.number == 0 and definition.kind != "rate":
                notes.append("上年为0，不计算增幅")
    if this is None and last is not None:
        notes.append("本年度未填写" if metric_id in new.written.metrics else "本年度文件中没有这项指标")
    if last is None and this is not None:
        notes.append("上年度未填写" if metric_id in old.written.metrics else "新增指标")
    return MetricRow(metric_id, definition.label, unit, definition.kind, last, this, change, notes)


def _metric_ids(old: InputFile, new: InputFile) -> list[str]:
    """Every metric either year reports, or can compute, in last year's order then this year's."""
    ids = list(dict.fromkeys([*old.written.metrics, *new.written.metrics]))
    for source in (old, new):
        for definition in source.catalog.values():
            if definition.derived and definition.id not in ids and _value(source.written, definition) is not None:
                ids.append(definition.id)
    known = {**old.catalog, **new.catalog}
    return [m for m in ids if m in known]  # an unknown id is validate's to report


def compare_inputs(old: InputFile, new: InputFile) -> YearDiff:
    """The comparison of two years' inputs."""
    rows = [_row(m, old, new) for m in _metric_ids(old, new)]
    if new.written.last_year is not None:
        not_answered = uncovered(new.written)
        recorded = True
        counts = {kind: len(getattr(new.written.last_year, kind)) for kind in KINDS}
    else:
        items: list[tuple[str, list[CarriedItem]]] = [
            ("plans", carried(old.written.plans, KINDS["plans"][0])),
            ("shortcomings", carried(old.written.shortcomings, KINDS["shortcomings"][0])),
        ]
        not_answered = [Uncovered(kind, item, (), stub=False) for kind, group in items for item in group]  # type: ignore[arg-type]
        recorded = False
        counts = {kind: len(group) for kind, group in items}
    return YearDiff(
        old_file=old.path.name,
        new_file=new.path.name,
        locality=new.written.report.locality,
        old_year=old.written.report.year,
        new_year=new.written.report.year,
        rows=rows,
        not_answered=not_answered,
        followups_recorded=recorded,
        carried_count=counts,
        still_carried=carried_counts(new.report),
        appeared=[r.label for r in rows if r.last is None and r.this is not None],
        disappeared=[r.label for r in rows if r.last is not None and r.this is None],
        warnings=_locality_warnings(old, new),
    )


def _locality_warnings(old: InputFile, new: InputFile) -> list[Finding]:
    """A comparison across two different localities is likely the wrong file."""
    before, after = old.written.report.locality, new.written.report.locality
    if before == after:
        return []
    return [
        Finding(
            "warning",
            f"两个文件不是同一个地方的：上年度为“{before}”，本年度为“{after}”",
            file=str(new.path),
            hint=f"请确认 {old.path} 是本地上年度的文件；地方改名（如撤乡设镇）时可以忽略这条提示。",
        )
    ]


def diff_files(old: Path, new: Path) -> YearDiff:
    """Read two inputs and compare them; raise ``UserError`` if either cannot
    be read, or if the first is not the earlier year (swapped arguments)."""
    before, after = read_input(old), read_input(new)
    old_year, new_year = before.written.report.year, after.written.report.year
    if old_year >= new_year:
        raise UserError(
            f"上年度文件是{old_year}年的，本年度文件是{new_year}年的：{'两个文件是同一年度' if old_year == new_year else '先后顺序反了'}",
            file=str(new),
            hint="reportgen diff 先写上年度的文件，再写本年度的文件，如 reportgen diff town-2023.yaml town-2024.yaml。",
        )
    return compare_inputs(before, after)


# --- output ------------------------------------------------------------------


def to_csv(diff: YearDiff) -> str:
    """The comparison as CSV: the header row first (as Excel and any CSV
    reader expect: no title above it), the metric rows, then each list
    under its heading."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in diff.rows)
    for heading, lines in diff.remarks():
        writer.writerow([])
        writer.writerow([heading])
        writer.writerows([line] for line in lines)
    return buffer.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(diff: YearDiff) -> str:
    """The comparison as Markdown: a table, then each list under its heading."""
    lines = [f"## {diff.title}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md(c) for c in row.cells()) + " |" for row in diff.rows]
    for heading, items in diff.remarks():
        lines += ["", f"### {heading}", ""] + [f"- {_md(item)}" for item in items]
    return "\n".join(lines) + "\n"


def print_table(diff: YearDiff, console: Console) -> None:
    """The comparison as a rich table and lists: folded to a terminal's
    width; piped to a file or another program, as wide as its longest
    cells (no width to fold to, and a word cut in two reads as two)."""
    from rich.console import Console
    from rich.table import Table

    if not console.is_terminal:
        console = Console(file=console.file, width=10_000, highlight=False, soft_wrap=True, no_color=True)

    table = Table(title=diff.title, title_justify="left")
    for name in COLUMNS:
        numeric = name in ("上年", "本年", "增减", "增减幅度")
        table.add_column(
            name, justify="right" if numeric else "left", style="dim" if name == "说明" else None, overflow="fold"
        )
    for row in diff.rows:
        table.add_row(*row.cells())
    console.print(table)
    for heading, items in diff.remarks():
        console.print(f"\n{heading}：", style="bold")
        for item in items:
            console.print(f"  · {item}")


def render(diff: YearDiff, fmt: str) -> str:
    """The comparison as text in ``fmt`` (csv or md)."""
    if fmt == "csv":
        return to_csv(diff)
    if fmt == "md":
        return to_markdown(diff)
    raise ValueError(f"unknown format: {fmt}")
