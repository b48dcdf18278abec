"""A report's outline into the input model's data: report information,
measures in groups with their points, the other parts as sections, and
the numbers of the year's measures as metrics the text cites.

What import is unsure of is noted at its YAML path (``Mapped.notes``),
to be written as a comment at that line and listed on screen; what the
model cannot hold is noted too, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from generator.importing.metrics import Found, Metric, catalog_match, find_numbers, kind_of, metric_id, CATALOG_SURE
from generator.importing.outline import Block, Outline, is_date, report_year, split_heading
from generator.input.areas import guess_area
from generator.report.numbers import cn_value
from generator.report.punctuation import normalize
from generator.report.wording import apply_fixes, text_slips

Path_ = tuple[str | int, ...]

_SELF = r"(?:我|全)?"
_UNIT_END = r"(?:街道办事处|街道|镇|乡|区|县|市|局|委员会|委|办公室|办|中心|厅|署|所)"
_LOCALITY_IN_TITLE = re.compile(rf"^(?:中共)?(?P<name>[\u4e00-\u9fff]{{2,20}}?{_UNIT_END})(?:人民政府)?(?:关于)?\s*(?:(?:19|20)\d{{2}}|[〇零一二三四五六七八九]{{4}})\s*年")
_LOCALITY_IN_OPENING = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年(?:以来|来|度)?\s*[,，]?\s*){_SELF}(?P<name>[\u4e00-\u9fff]{{2,14}}?{_UNIT_END})(?=[坚在深认全紧始按以围把积严扎着高切不持紧])")
_REPORTING_SENTENCE = re.compile(r"[^。：:]*现将[^。]*?(?:报告|汇报)如下[。：:]?\s*$")
_LEVELS = (("街道办事处", "街道"), ("街道", "街道"), ("镇", "镇"), ("乡", "乡"), ("区", "区"), ("县", "县"), ("市", "市"))
_ORDINAL = "一二三四五六七八九十"
_POINT = re.compile(rf"(?:(?<=^)|(?<=[。；;，,：:！]))([{_ORDINAL}]{{1,2}})是")
MAX_POINT_HEADING = 25


@dataclass
class Mapped:
    """The input data import found, with its notes by YAML path."""

    data: dict
    notes: dict[Path_, str] = field(default_factory=dict)  # unsure: a comment at the line
    lost: list[str] = field(default_factory=list)  # what the model could not hold
    metrics: list[Metric] = field(default_factory=list)


def level_of(locality: str) -> str:
    """乡 镇 街道 县 区 市, or 部门 for a body such as 市市场监管局."""
    for ending, level in _LEVELS:
        if locality.endswith(ending):
            return level
    return "部门"


def parse_date(text: str) -> dt.date | None:
    """2024年1月5日, 二〇二四年一月五日 as a date."""
    plain = re.sub(r"\s", "", text)
    match = re.match(r"^(.+?)年(.+?)月(.+?)日$", plain)
    if not match:
        return None
    year_text = match.group(1)
    year = int(year_text) if year_text.isdigit() else int("".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in year_text))
    month = int(match.group(2)) if match.group(2).isdigit() else cn_value(match.group(2))
    day = int(match.group(3)) if match.group(3).isdigit() else cn_value(match.group(3))
    try:
        return dt.date(year, month or 0, day or 0)
    except ValueError:
        return None


def split_points(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """"…一是A。……二是B…" as the text before, and each point's heading and
    text; None unless 一是, 二是, … come in order (two at least)."""
    starts: list[tuple[int, int]] = []  # (start of 一是, start of its text)
    want = 1
    for match in _POINT.finditer(text):
        if cn_value(match.group(1)) == want:
            starts.append((match.start(), match.end()))
            want += 1
    if len(starts) < 2:
        return None
    intro = text[: starts[0][0]]
    points = []
    for i, (_, body_start) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        body = text[body_start:end]
        sentence = re.match(r"^([^。；;，,！？]{1,%d})。" % MAX_POINT_HEADING, body)
        if sentence and body[sentence.end():]:
            points.append((sentence.group(1), body[sentence.end():]))
        else:
            points.append(("", body))
    return intro, points


class _Mapper:
    def __init__(self, outline: Outline, title_hint: str) -> None:
        self.outline = outline
        self.title_hint = title_hint
        self.mapped = Mapped(data={})
        self.taken: set[str] = set()

    def note(self, path: Path_, text: str) -> None:
        self.mapped.notes[path] = text

    # --- the report's information -------------------------------------
    def info(self) -> dict:
        outline = self.outline
        info: dict = {}
        title = outline.title.text if outline.title else self.title_hint
        if title:
            info["title"] = title
        locality, how = self.locality(title)
        info["locality"] = locality
        if how:
            self.note(("report", "locality"), how)
        info["level"] = level_of(locality)
        if info["level"] == "部门" or how:
            self.note(("report", "level"), "层级按名称推测，请核对")
        year = report_year(outline)
        date = parse_date(outline.date.text) if outline.date else None
        if year is None:
            year = date.year - 1 if date else dt.date.today().year - 1
            self.note(("report", "year"), "标题和开头都没有写明年度，按成文日期推测，请核对")
        info["year"] = year
        if outline.issuers:
            info["issuers"] = [p.text for p in outline.issuers]
        if date:
            info["date"] = date
        if outline.addressee:
            info["addressee"] = outline.addressee.text.rstrip("：: ")
        opening = self.opening()
        if opening:
            info["opening"] = opening
        return info

    def locality(self, title: str) -> tuple[str, str]:
        match = _LOCALITY_IN_TITLE.match(title or "")
        if match:
            return match.group("name"), ""
        first = self.outline.opening[0].text if self.outline.opening else ""
        match = _LOCALITY_IN_OPENING.match(first)
        if match:
            return match.group("name"), "标题中没有地方名称，取自开头段落，请核对"
        for issuer in reversed(self.outline.issuers):
            name = re.sub(r"^中共|人民政府$|委员会$", "", issuer.text)
            if name:
                return name, "取自文末署名，请核对"
        return "某某镇", "没有找到地方名称，请填写"

    def opening(self) -> str:
        """The opening without its closing "现将……报告如下：" (the templates write it)."""
        paragraphs = [p.text for p in self.outline.opening]
        if not paragraphs:
            return ""
        last = _REPORTING_SENTENCE.sub("", paragraphs[-1]).rstrip()
        paragraphs[-1] = last
        paragraphs = [p for p in paragraphs if p]
        if len(paragraphs) > 1:
            self.mapped.lost.append("开头有多段，合成了一段（模型中开头只有一段）")
        return "".join(paragraphs)

    # --- metrics ------------------------------------------------------
    def cite(self, text: str, area: str, line: int | None) -> str:
        """The text with each number of the year's work as a {metric} citation."""
        out, pos = [], 0
        numbers = find_numbers(text)
        skip: set[int] = set()
        for i, found in enumerate(numbers):
            if i in skip:
                continue
            metric = self.metric(found, area, line)
            if metric is None:
                continue
            metric.source = text[found.start: found.end]
            end = found.end
            parts = self.breakdown(text, found, numbers[i + 1:])
            tail = ""
            if parts:
                metric.parts = {name: f.value for name, f in parts}
                skip |= {numbers.index(f) for _, f in parts}
                tail_end = parts[-1][1].end
                lead = re.match(r"^\s*[，,]?\s*(其中|包括)", text[found.end:])
                if lead:
                    tail = text[found.end: found.end + lead.end()] + "{" + metric.id + ".parts}"
                    metric.parts_source = text[found.end + lead.end(): tail_end]
                    end = tail_end
                else:
                    metric.parts = {}
            out += [text[pos: found.start], "{" + metric.id + "}" + tail]
            pos = end
            self.mapped.metrics.append(metric)
        return "".join(out) + text[pos:]

    def breakdown(self, text: str, whole: Found, after: list[Found]) -> list[tuple[str, Found]]:
        """"…76件，其中A24件，B19件" or "…236件，包括A12件": the parts right after a total."""
        lead = re.match(r"^\s*[，,]?\s*(其中|包括)", text[whole.end:])
        if not lead:
            return []
        parts: list[tuple[str, Found]] = []
        pos = whole.end + lead.end()
        for found in after:
            between = text[pos: found.start]
            if re.search(r"[。；;]", between) or found.unit != whole.unit or found.approx:
                break
            name = re.sub(r"^[，,、]", "", between).strip()
            if not name or len(name) > 20 or re.search(r"[，,。；]", name):
                break
            parts.append((name, found))
            pos = found.end
            nxt = text[pos: pos + 1]
            if nxt not in ("，", ",", "、"):
                break
        return parts if sum(f.value for _, f in parts) <= whole.value else []

    def metric(self, found: Found, area: str, line: int | None) -> Metric | None:
        kind = kind_of(found.unit, found.value)
        # "组织3场培训会": the verb before the number, what was counted after it.
        label = found.label + found.after if len(found.label) <= 3 and found.after else found.label
        if len(label) < 2:
            return None  # too little said of what was counted: the number stays text
        definition, score = catalog_match(label, found.unit, kind)
        if definition is not None and definition.id not in self.taken:
            self.taken.add(definition.id)
            return Metric(definition.id, definition.label, found.unit, found.value, found.approx, kind, definition.area,
                          standard=True, sure=score >= CATALOG_SURE, line=line)
        new_id = metric_id(label, self.taken)
        self.taken.add(new_id)
        return Metric(new_id, label, found.unit, found.value, found.approx, kind, area, standard=False, line=line)

    # --- parts --------------------------------------------------------
    def measures(self, parts: list[Block]) -> list[dict]:
        groups: list[dict] = []
        for part in parts:
            if part.text:
                self.mapped.lost.append(f"“{part.heading}”下、第一个小节之前的{len(part.text)}段文字（放在了第一个小节的正文前，请调整）")
            children = part.children or ([Block(rank=2, heading="", line=part.line, text=part.text)] if part.text else [])
            for k, child in enumerate(children):
                group = self.group(child, len(groups))
                if k == 0 and part.text and part.children:
                    group["text"] = "\n".join([*(self.cite(t, group["area"], part.line) for t in part.text), *([group["text"]] if group.get("text") else [])])
                groups.append(group)
        return groups

    def group(self, block: Block, index: int) -> dict:
        area, sure = guess_area(block.heading, " ".join(block.text[:1]))
        group: dict = {"area": area}
        path: Path_ = ("measures", index, "area")
        if not sure:
            self.note(path, "领域为推测，请核对")
        if block.heading:
            group["heading"] = block.heading
        else:
            self.note(("measures", index, "heading"), "原文这一小节没有标题，生成时将使用该领域的默认标题")
        texts = [self.cite(t, area, block.line) for t in block.text]
        numbered = [c for c in block.children if c.rank >= 3]
        if numbered:
            group["points_style"] = "1."
            group["points"] = [self.point(c, area) for c in numbered]
        elif texts:
            split = split_points(texts[-1])
            if split is not None:
                intro, points = split
                texts[-1] = intro
                group["points"] = [{"heading": h, "text": t} if h else {"text": t} for h, t in points]
        texts = [t for t in texts if t]
        if texts:
            group["text"] = "\n".join(texts)
        return group

    def point(self, block: Block, area: str) -> dict:
        lines = [self.cite(t, area, block.line) for t in block.text]
        for child in block.children:  # （1） under 1.: kept as paragraphs, numbered as written
            lines.append((child.marker.text if child.marker else "") + child.heading + (child.ended or "") + "".join(child.text))
        point: dict = {}
        if block.heading:
            point["heading"] = block.heading
        if lines:
            point["text"] = "\n".join(lines)
        return point

    def section(self, key: str, parts: list[Block]) -> dict:
        cite = key in ("duties", "other")
        section: dict = {}
        intro: list[str] = []
        items: list[dict] = []
        styles: set[str] = set()
        for part in parts:
            for text in part.text:
                intro.append(self.cite(text, "领导", part.line) if cite else text)
            for child in part.children:
                styles.add("（一）" if child.rank == 2 else "1.")
                for item in self._items(child, cite):
                    items.append(item)
        if not items and intro:
            paired = [split_points(t) for t in intro]
            if len(intro) == 1 and paired[0] is not None:
                head, points = paired[0]
                section["style"] = "一是"
                intro = [head] if head else []
                items = [{"heading": h, "text": t} if h else {"text": t} for h, t in points]
            elif len(intro) > 1 and all(re.match(rf"^[{_ORDINAL}]{{1,2}}是", t) for t in intro[-2:]):
                first = next(i for i, t in enumerate(intro) if re.match(rf"^[{_ORDINAL}]{{1,2}}是", t))
                section["style"] = "一是分段"
                rest = intro[first:]
                intro = intro[:first]
                items = []
                for text in rest:
                    body = re.sub(rf"^[{_ORDINAL}]{{1,2}}是", "", text)
                    sentence = re.match(r"^([^。；;，,！？]{1,%d})。" % MAX_POINT_HEADING, body)
                    items.append({"heading": sentence.group(1), "text": body[sentence.end():]} if sentence and body[sentence.end():] else {"text": body})
        elif items:
            section["style"] = "（一）"
            if "1." in styles:
                self.mapped.lost.append(f"{key} 中以“1.”编号的条目改为“（一）”编号（模型中这一部分没有“1.”的写法）")
        if intro:
            section["intro"] = "".join(intro)
            if len(intro) > 1:
                self.mapped.lost.append(f"{key} 的引言有{len(intro)}段，合成了一段")
        if items:
            section["items"] = items
        return section

    def _items(self, block: Block, cite: bool) -> list[dict]:
        texts = [self.cite(t, "领导", block.line) if cite else t for t in block.text]
        if block.children:
            # A sub-heading with numbered items under it ("工作措施" then 1. 2. …):
            # the sub-heading stays an item, its items follow as items.
            first: dict = {"heading": block.heading} if block.heading else {}
            if texts:
                first["text"] = "\n".join(texts)
            self.mapped.lost.append(f"“{block.heading}”下的{len(block.children)}条与它排在同一层级")
            return [first, *(item for child in block.children for item in self._items(child, cite))]
        item: dict = {"heading": block.heading} if block.heading else {}
        if texts:
            item["text"] = "\n".join(texts)
        return [item]


def clean(outline: Outline) -> None:
    """Full-width punctuation and the mechanical wording fixes (〔〕, 万元,
    dates) in every heading and paragraph: the YAML holds the corrected text."""
    year = report_year(outline)
    paragraphs = [*(p.text for p in outline.opening), *(t for b in outline.blocks() for t in b.text)]
    writes_wanyuan = any("万元" in t for t in paragraphs)

    def fixed(text: str) -> str:
        text = normalize(text)
        return apply_fixes(text, text_slips(text, year, writes_wanyuan=writes_wanyuan))

    for block in outline.blocks():
        block.heading = normalize(block.heading)
        block.text = [fixed(t) for t in block.text]
    outline.opening = [replace(p, text=fixed(p.text)) for p in outline.opening]


def map_outline(outline: Outline, title_hint: str = "") -> Mapped:
    """The input data of a report's outline (its texts cleaned first)."""
    clean(outline)
    mapper = _Mapper(outline, title_hint)
    data: dict = {"report": mapper.info()}
    by_part: dict[str, list[Block]] = {}
    for part in outline.parts:
        by_part.setdefault(part.part, []).append(part)
    order = [p.part for p in outline.parts]
    measures = mapper.measures(by_part.get("measures", []))
    if len(by_part.get("measures", [])) > 1:
        mapper.mapped.lost.append(f"{len(by_part['measures'])}个主题式的一级部分合并为“主要举措和成效”中的小节")
    sections = {key: mapper.section(key, by_part[key]) for key in ("shortcomings", "duties", "plans", "other") if key in by_part}
    for key, blocks in by_part.items():
        if any(b.part_guessed for b in blocks):
            mapper.note((key,) if key != "measures" else ("measures",), f"“{blocks[0].heading}”按位置归入这一部分，请核对")
    metrics = mapper.mapped.metrics
    definitions = [m.definition() for m in metrics if not m.standard]
    if definitions:
        data["metric_definitions"] = definitions
    if metrics:
        data["metrics"] = {m.id: m.entry() for m in metrics}
        for m in metrics:
            if m.standard and not m.sure:
                mapper.note(("metrics", m.id), f"按原文“{m.source}”前的说法归入标准指标，请核对")
    if measures:
        data["measures_order"] = "录入"
        data["measures"] = measures
    for key in ("shortcomings", "duties", "plans", "other"):
        if key in sections:
            data[key] = sections[key]
    expected = [k for k in ("measures", "shortcomings", "duties", "plans", "other") if k in order]
    written = list(dict.fromkeys(order))
    if written != expected:
        mapper.mapped.lost.append("各部分的顺序与标准顺序不同：" + "、".join(written) + "（生成时按标准顺序排列）")
    mapper.mapped.data = data
    return mapper.mapped
