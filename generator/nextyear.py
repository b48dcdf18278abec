"""`reportgen init --from`: next year's input, started from this year's.

What carries over, and how:
- locality, level, issuers, addressee, metric definitions, the order of
  the measures: as they are;
- every metric's value moves to ``last_year`` and ``value`` is left empty:
  the draft shows 【待填】 until it is filled, then the comparison (同比……);
- last year's arrangements (下一年度主要安排) and shortcomings go to
  ``last_year`` with ids (安排1, 不足1, …); each plan gets a stub group in
  the measures and each shortcoming a stub item, linked by ``answers``, so
  ``validate`` lists the ones not yet reported on (generator/followups.py);
- last year's measures, duties, plans and other matters are carried: the
  old text in ``text``, its years moved with the report, and beside it
  ``carried``, the fingerprint of what was copied (generator/report/carried.py):
  until the clerk edits it, the draft highlights it and ``validate`` lists it.
  A plan is carried as next year's plan, never as a measure (it was a promise);
  what became of it is asked by the stubs above. Last year's causes of
  shortcomings go to ``draft`` (never rendered), to be rewritten;
- the date is left empty; a title, heading or guidance still naming a past
  year after the move is not carried as text but shown in a comment.
The result is YAML with Chinese comments; it validates and renders as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.input import areas
from generator.input.areas import area_by_id
from generator.input.catalog import metric_catalog
from generator.report.carried import fingerprint
from generator.report.followups import KINDS, carried
from generator.input.loading import load
from generator.input.locality import locality_for
from generator.input.model import CarriedItem, MeasureGroup, MetricDefinition, Point, Report, Section
from generator.report.numbers import approximate, format_number
from generator.report.texts import move_year, move_years, names_year, stale_years
from generator.skeleton import SCHEMA_FILE
from generator.input.yamltext import YamlText, scalar

DRAFT_NOTE = "上年度原文，只供参考，不会写入报告"
CARRIED_NOTE = "沿用标记：text 未改动时草稿中以浅蓝色底纹标出；改写 text 后自动失效，不必改写的删去本行"


@dataclass
class InputFile:
    """An input as its file says it, with the metrics its locality adds."""

    path: Path
    report: Report  # as written in the file: only this is carried, the locality supplies the rest again
    catalog: dict[str, MetricDefinition]  # with the locality's own metrics, for labels
    locality_folder: Path | None


def read_input(path: Path) -> InputFile:
    """Read an input (last year's, to carry forward); raise ``UserError`` if it cannot be read or validated."""
    source = load(path)
    locality = locality_for(source)
    applied = locality.apply(source.report) if locality else source.report
    folder = locality.layers[0].folder if locality else None
    return InputFile(path=path, report=source.report, catalog=metric_catalog(applied), locality_folder=folder)


def default_output(previous: Path, old_year: int, new_year: int) -> Path:
    """Where next year's input goes by default: beside last year's, its year
    in the name replaced (zhangqi-2023.yaml → zhangqi-2024.yaml)."""
    stem = previous.stem
    name = stem.replace(str(old_year), str(new_year)) if str(old_year) in stem else f"{stem}-{new_year}"
    return previous.with_name(name + previous.suffix)


def guess_area(item: CarriedItem) -> str:
    """The 纲要 area a plan most likely belongs to (``areas.guess_area``): the heading first, then the text."""
    return areas.guess_area(item.heading, item.text)[0]


class _Writer:
    """Writes the new year's YAML from last year's report."""

    def __init__(self, previous: InputFile, year: int, out_file: Path) -> None:
        report = previous.report
        self.previous = previous
        self.out_file = out_file
        self.old = report
        self.old_year = report.report.year
        self.year = year
        self.source_name = previous.path.name
        self.out = YamlText()
        self.plans = carried(report.plans, KINDS["plans"][0])
        self.shortcomings = carried(report.shortcomings, KINDS["shortcomings"][0])

    def templates(self, name: str) -> str:
        """The locality as the new file must name it: a folder name as it is,
        a path made relative to where the new file goes."""
        folder = self.previous.locality_folder
        if folder is None or not ("/" in name or "\\" in name or name.startswith(".")):
            return name
        return Path(os.path.relpath(folder, self.out_file.resolve().parent)).as_posix()

    def write(self) -> str:
        self.header()
        self.info()
        self.metrics()
        self.measures()
        self.shortcomings_section()
        self.section("duties", self.old.duties, "党政主要负责人履行推进法治建设第一责任人职责情况")
        self.plans_section()
        if self.old.other is not None:
            self.section("other", self.old.other, "其他需要报告的情况")
        self.last_year()
        return self.out.text()

    # --- parts -------------------------------------------------------------
    def header(self) -> None:
        o, old, new = self.out, self.old_year, self.year
        o.comment(0, f"yaml-language-server: $schema={SCHEMA_FILE}")
        o.comment(0, f"{self.old.report.locality}{new}年度法治政府建设工作情况报告 —— 输入文件")
        o.comment(0, f"由 reportgen init --from {self.source_name} 根据{old}年度的报告生成。")
        o.comment(0, "")
        o.comment(0, "怎样填写：")
        o.comment(0, f"  · 指标：{old}年的数值已移入 last_year，value 留空，请填写{new}年的数值；填好后草稿自动写出“同比增长……”。")
        o.comment(0, f"  · 上年度安排：{old}年报告中“{new}年度主要安排”的每一条，在 measures 开头各留了一个小节（answers: 安排1 ……），")
        o.comment(0, "    请在 text 中写明落实情况；也可以把 answers 移到其他小节或条目下。validate 会列出还没有写明落实情况的安排。")
        o.comment(0, "  · 上年度的不足：逐条列在 shortcomings 中（answers: 不足1 ……），请写明整改进展。")
        o.comment(0, f"  · 上年度的举措、职责情况、安排等文字已沿用到各处的 text 中（年份已改为{new}年），下面写着 carried 的就是。")
        o.comment(0, "    这些段落在草稿中以浅蓝色底纹标出，validate 列为“沿用去年文字，尚未修改”：请按本年度情况改写，{指标} 引用的数字会自动更新；")
        o.comment(0, "    确认本年度仍然适用、不必改写的，删去其下的 carried 一行。")
        o.comment(0, "  · 暂时不知道的内容留空即可，草稿中显示为【待填：……】；reportgen validate 会逐条列出。")
        o.comment(0, "  · 序号和标题中的年份由程序生成；正文中不要照抄上年的年份和数字。")
        o.blank()

    def info(self) -> None:
        o, info = self.out, self.old.report
        o.entry(0, "report", comment="报告的基本信息（沿用上年度，请核对）")
        o.entry(2, "locality", info.locality, "地方或单位名称")
        o.entry(2, "level", info.level, "层级")
        o.entry(2, "year", self.year, "报告年度")
        if info.templates:
            o.entry(2, "templates", self.templates(info.templates), "地方模板（沿用上年度）：署名、指导文件等默认值和标题的写法")
        title = move_years(info.title, self.old_year, self.year) if info.title else None
        if title and not stale_years(title, self.year):
            o.entry(2, "title", title, "标题（年份已改为本年度）" if title != info.title else "标题")
        elif info.title:
            o.comment(2, f"上年度的标题“{info.title}”含有年份，未沿用；不写则按模板生成。")
        if info.issuers or not info.templates:
            o.entry(2, "issuers", comment="发文机关署名")
            for issuer in info.issuers or []:
                o.item(4, issuer)
        o.entry(2, "date", None, f"成文日期，写作 {self.year + 1}-02-26")
        if info.addressee:
            o.entry(2, "addressee", info.addressee, "主送机关")
        kept = [g for g in info.guidance if not names_year(g, self.old_year)]
        renamed = [move_year(g, self.old_year, self.year) for g in info.guidance if names_year(g, self.old_year)]
        if info.guidance:
            o.entry(2, "guidance", None if kept else [], "开头段落引用的指导文件")
        for document in kept:
            o.item(4, document)
        if renamed and kept:
            o.comment(2, "上年度还引用了同类的上年度文件；如本年度有这些文件，去掉行首的 # 后使用：")
            for document in renamed:
                o.comment(2, f"  - {document}")
        elif renamed:
            o.comment(2, "上年度引用了上年度的文件；如本年度有同类文件，可把上一行改为：")
            o.comment(2, f"guidance: {scalar(renamed)}")
        if info.opening:
            o.comment(2, "上年度的开头段落（供参考；改写后填在 opening 中，不填则由模板按本年度生成）：")
            o.comment(2, "  " + info.opening)
        o.entry(2, "opening", None, "开头段落（可不写）")
        o.blank()
        if self.old.metric_definitions:
            o.entry(0, "metric_definitions", comment="本地补充的指标定义（沿用上年度）")
            for definition in self.old.metric_definitions:
                row = definition.model_dump(exclude_defaults=True)
                o.lines.append("  - " + yaml.safe_dump(row, allow_unicode=True, default_flow_style=True, sort_keys=False, width=float("inf")).strip())
            o.blank()
        if self.old.measures_order != "纲要":
            o.entry(0, "measures_order", self.old.measures_order, "小节排列顺序：录入（按本文件中的顺序）")
            o.blank()

    def metrics(self) -> None:
        o, old = self.out, self.old_year
        if not self.old.metrics:
            return
        catalog = self.previous.catalog
        o.entry(0, "metrics", comment=f"value 填写{self.year}年的数值；last_year 是{old}年的数值，用于同比。本年度没有的指标整段删去")
        for metric_id, entry in self.old.metrics.items():
            definition = catalog.get(metric_id)
            label = f"{definition.label}（{entry.unit or definition.unit}）" if definition else ""
            o.entry(2, metric_id, comment=label)
            o.entry(4, "value", None, f"{self.year}年的数值")
            if entry.unit:
                o.entry(4, "unit", entry.unit)
            if entry.value is None:
                o.entry(4, "last_year", None, f"{old}年的报告中没有填写")
            elif entry.approx:
                o.entry(4, "last_year", None, f"{old}年为“{approximate(format_number(entry.value), entry.approx)}”，是约数，不作同比")
            else:
                o.entry(4, "last_year", entry.value, f"{old}年的数值")
            if entry.parts:
                before = "、".join(f"{k}{format_number(v)}" for k, v in entry.parts.items() if v is not None)
                o.entry(4, "parts", comment="“其中”各项：请填写本年度的数字，本年度没有的项目删去")
                if before:
                    o.comment(6, f"{old}年：{before}")
                for name in entry.parts:
                    o.entry(6, name)
                if entry.parts_complete:
                    o.entry(4, "parts_complete", True, "各项之和须等于总数")
        o.blank()

    def measures(self) -> None:
        o = self.out
        if not (self.plans or self.old.measures):
            o.entry(0, "measures", [], "一、主要举措和成效：按纲要领域分节，写法见 reportgen init 生成的模板")
            o.blank()
            return
        o.entry(0, "measures", comment="一、主要举措和成效")
        if self.plans:
            o.comment(2, f"—— 落实{self.old_year}年报告中“{self.year}年度主要安排”的情况（每条安排一个小节）——")
            o.comment(2, "领域（area）是按安排的文字推测的，请核对。写好后可与下面的小节合并：把 answers 移过去即可。")
            for plan in self.plans:
                o.entry(2, "answers", plan.id, f"回应 last_year 中的{plan.id}", item=True)
                area = guess_area(plan)
                o.entry(4, "area", area, area_by_id()[area].name)
                if plan.heading and not stale_years(plan.heading, self.year):
                    o.entry(4, "heading", plan.heading, "小节标题（沿用安排的标题，可改）")
                o.entry(4, "text", None, "写明本年度落实这条安排的举措和成效")
        if self.old.measures:
            o.comment(2, f"—— {self.old_year}年的举措和成效（沿用，待改写）——")
            o.comment(2, "各小节沿用上年度的领域、标题和文字（年份已改）；请按本年度的情况改写 text，本年度没有的小节整段删去。")
            for group in self.old.measures:
                self.group(group)
        o.blank()

    def group(self, group: MeasureGroup) -> None:
        o = self.out
        o.entry(2, "area", group.area, area_by_id()[group.area].name, item=True)
        self.heading(4, group.heading)
        if group.text:
            self.carry(4, group.text)
        elif not group.points:
            o.entry(4, "text", None, "本年度的举措和成效")
        if group.points:
            if group.points_style != "一是":
                o.entry(4, "points_style", group.points_style)
            o.entry(4, "points")
            for point in group.points:
                self.point(6, point)

    def heading(self, indent: int, heading: str | None, *, item: bool = False, shift: int = 0) -> bool:
        """A carried heading, its years moved (by ``shift`` more for a plan, a
        year ahead), unless it still names a past year; whether a line was written."""
        moved = move_years(heading, self.old_year + shift, self.year + shift) if heading else None
        if moved and not stale_years(moved, self.year):
            self.out.entry(indent, "heading", moved, "小标题（沿用上年度，请核对）", item=item)
            return True
        if heading:
            self.out.comment(indent, f"上年度的小标题“{heading}”含有年份，未沿用")
        return False

    def carry(self, indent: int, text: str, *, item: bool = False, shift: int = 0) -> None:
        """Last year's text as this year's, its years moved, with the fingerprint
        that tells it apart from the clerk's own until edited."""
        moved = move_years(text, self.old_year + shift, self.year + shift)
        self.out.entry(indent, "text", moved, "沿用上年度的文字，请按本年度情况改写", item=item, block=True)
        self.out.entry(indent + (2 if item else 0), "carried", fingerprint(moved), CARRIED_NOTE)

    def point(self, indent: int, point: Point, *, shift: int = 0) -> None:
        """An item carried: heading and text, to be rewritten (a heading alone
        was a complete item last year, and is carried as one)."""
        first = not self.heading(indent, point.heading, item=True, shift=shift)
        if point.text:
            self.carry(indent + (0 if first else 2), point.text, item=first, shift=shift)
        elif first:  # its only words named a past year
            self.out.entry(indent, "text", None, "本年度的情况", item=True)
        else:  # the heading sentence was the whole item: it is what was carried
            moved = move_years(point.heading or "", self.old_year + shift, self.year + shift)
            self.out.entry(indent + 2, "carried", fingerprint(moved), CARRIED_NOTE)

    def draft_point(self, indent: int, point: Point) -> None:
        """An item carried as a draft (never rendered): heading kept, text to rewrite."""
        o = self.out
        first = not self.heading(indent, point.heading, item=True)
        draft = point.text or point.heading
        o.entry(indent + (0 if first else 2), "draft", draft, DRAFT_NOTE, item=first, block=True)
        o.entry(indent + 2, "text", None, "本年度的情况（参考 draft 改写）")

    def shortcomings_section(self) -> None:
        o, old = self.out, self.old.shortcomings
        o.entry(0, "shortcomings", comment="存在的不足和原因")
        if old is not None and old.style != "一是":
            o.entry(2, "style", old.style)
        self.intro_outro(old)
        o.entry(2, "items")
        if self.shortcomings:
            o.comment(4, f"{self.old_year}年指出的不足：逐条写明本年度的整改进展（仍未解决的，写明现状和原因）；新发现的不足另加条目。")
        for item in self.shortcomings:
            o.comment(4, f"{item.id}：{_one_line(item.heading or item.text or '')}")
            o.entry(4, "answers", item.id, f"回应 last_year 中的{item.id}", item=True)
            o.entry(6, "text", None, "整改进展")
        if not self.shortcomings:
            o.entry(4, "text", None, "本年度的不足及其原因", item=True)
        if old is not None and old.causes:
            o.entry(2, "causes", comment="原因（上年度单独列出，请改写）")
            for cause in old.causes:
                self.draft_point(4, cause)
        o.blank()

    def intro_outro(self, old: Section | None) -> None:
        if old is not None and old.intro:
            self.out.comment(2, f"上年度的引言（供参考，可写在 intro 中）：{_one_line(old.intro)}")
        if old is not None and old.outro:
            self.out.comment(2, f"上年度的结语（供参考，可写在 outro 中）：{_one_line(old.outro)}")

    def section(self, key: str, old: Section | None, what: str) -> None:
        o = self.out
        o.entry(0, key, comment=what)
        if old is not None and old.style != "（一）":
            o.entry(2, "style", old.style)
        self.intro_outro(old)
        o.entry(2, "items")
        if old is not None and old.items:
            o.comment(4, "各条沿用上年度的小标题和文字（年份已改）；请按本年度情况改写。")
            for point in old.items:
                self.point(4, point)
        else:
            o.entry(4, "heading", None, "小标题（一句话，不写序号）", item=True)
            o.entry(6, "text", None, "正文")
        o.blank()

    def plans_section(self) -> None:
        o, old = self.out, self.old.plans
        o.entry(0, "plans", comment=f"{self.year + 1}年度的主要安排（明年的报告会逐条核对这些安排的落实情况）")
        if old is not None and old.style != "（一）":
            o.entry(2, "style", old.style)
        o.entry(2, "items")
        if old is not None and self.plans:
            o.comment(4, f"沿用{self.old_year}年报告中的安排（年份已后移一年），请按{self.year + 1}年的打算改写；已完成、不再延续的整条删去。")
            written = [p for p in old.items if p.heading or p.text] or [Point(text=old.intro)]  # or one paragraph
            for point in written:
                self.point(4, point, shift=1)
        else:
            o.entry(4, "heading", None, "小标题（一句话，不写序号）", item=True)
            o.entry(6, "text", None, "正文")
        o.blank()

    def last_year(self) -> None:
        o = self.out
        if not (self.plans or self.shortcomings):
            return
        o.comment(0, f"—— {self.old_year}年度报告中要在本年度逐条回应的内容（不会写入报告；validate 按编号核对 answers，请不要改动编号）——")
        o.entry(0, "last_year")
        for key, items, what in (
            ("plans", self.plans, f"{self.old_year}年报告中的“{self.year}年度主要安排”"),
            ("shortcomings", self.shortcomings, f"{self.old_year}年报告中的“存在的不足”"),
        ):
            if not items:
                continue
            o.entry(2, key, comment=what)
            for item in items:
                o.entry(4, "id", item.id, item=True)
                if item.heading:
                    o.entry(6, "heading", item.heading)
                if item.text:
                    o.entry(6, "text", item.text, block=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def carry_forward(previous: InputFile, year: int, out_file: Path) -> str:
    """The YAML text of ``year``'s input, to be written to ``out_file``,
    started from last year's."""
    return _Writer(previous, year, out_file).write()
