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

from generator.importing.metrics import CATALOG_SURE, Found, Metric, catalog_match, find_numbers, kind_of, metric_id
from generator.importing.outline import Block, Outline, report_year
from generator.input.areas import area_set, edition_for, guess_area
from generator.input.parts import standard_parts
from generator.report.texts import YEAR, citation
from generator.report.numbers import cn_value
from generator.report.punctuation import normalize
from generator.report.wording import apply_fixes, text_slips

Path_ = tuple[str | int, ...]

_SELF = r"(?:我|全)?"
_UNIT_END = r"(?:街道办事处|街道|镇|乡|区|县|市|局|委员会|委|办公室|办|中心|厅|署|所)"
_TITLE_YEAR = r"(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年度?"
# "马村区关于2023年度……", "2023年度青禾县……局法治政府建设……", "关于某某镇2021年……"
_LOCALITY_IN_TITLE = re.compile(
    rf"^(?:关于)?(?:中共)?(?P<name>[\u4e00-\u9fff]{{2,20}}?{_UNIT_END})(?:人民政府)?(?:关于)?\s*{_TITLE_YEAR}"
    rf"|^{_TITLE_YEAR}\s*(?:中共)?(?P<after>[\u4e00-\u9fff]{{2,20}}?{_UNIT_END})(?:人民政府)?(?=法治|依法|推进|关于)"
)
_LOCALITY_IN_OPENING = re.compile(rf"^(?:(?:19|20)\d{{2}}\s*年(?:以来|来|度)?\s*[,，]?\s*){_SELF}(?P<name>[\u4e00-\u9fff]{{2,14}}?{_UNIT_END})(?=[坚在深认全紧始按以围把积严扎着高切不持紧])")
_REPORTING_SENTENCE = re.compile(r"现将[^。]*?(?:报告|汇报)如下[。：:]?\s*$")
_LEVELS = (("街道办事处", "街道"), ("街道", "街道"), ("镇", "镇"), ("乡", "乡"), ("区", "区"), ("县", "县"), ("市", "市"))
_ORDINAL = "一二三四五六七八九十"
_POINT = re.compile(rf"(?:(?<=^)|(?<=[。；;，,：:！]))([{_ORDINAL}]{{1,2}})是")
MAX_POINT_HEADING = 25
_CHANGE = re.compile(r"(同比|环比|比上年|较上年|增长|下降|提高|提升|减少|上升|增加|降低)$")
_BREAKDOWN = re.compile(r"^\s*[，,（(]?\s*(其中|包括)")  # what opens the parts of a total
PART_IDS = {p.key: p.id for p in standard_parts()}  # measures → 举措, …


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
    year_text = match.group(1).replace("零", "〇")
    if not year_text.isdigit() and any(c not in "〇一二三四五六七八九" for c in year_text):
        return None
    year = int(year_text) if year_text.isdigit() else int("".join(str("〇一二三四五六七八九".index(c)) for c in year_text))
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
        self.areas = area_set(dt.date.today().year)  # the report's, once its year is known

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
        if year is None and date is not None:
            year = date.year - 1
            self.note(("report", "year"), "标题和开头都没有写明年度，按成文日期推测，请核对")
        elif year is None:
            year = dt.date.today().year - 1
            self.note(("report", "year"), "没有找到报告年度，请填写")
        info["year"] = year
        if outline.issuers:
            info["issuers"] = [p.text for p in outline.issuers]
        if date:
            info["date"] = date
        if outline.addressee:
            info["addressee"] = outline.addressee.text.rstrip("：: ")
        self.opening(info, year)
        return info

    def locality(self, title: str) -> tuple[str, str]:
        match = _LOCALITY_IN_TITLE.match(title or "")
        if match:
            return match.group("name") or match.group("after"), ""
        first = self.outline.opening[0].text if self.outline.opening else ""
        match = _LOCALITY_IN_OPENING.match(first)
        if match:
            return match.group("name"), "标题中没有地方名称，取自开头段落，请核对"
        for issuer in reversed(self.outline.issuers):
            name = re.sub(r"^中共|人民政府$|委员会$", "", issuer.text)
            if name:
                return name, "取自文末署名，请核对"
        return "某某镇", "没有找到地方名称，请填写"

    def opening(self, info: dict, year: int) -> None:
        """The opening paragraphs as written (one a line); its closing
        "现将……报告如下：" as ``opening_end`` with the year as {年度}, so that
        next year's file says next year."""
        paragraphs = [p.text for p in self.outline.opening]
        if not paragraphs:
            info["opening"] = "无"
            info["opening_end"] = "无"
            return
        match = _REPORTING_SENTENCE.search(paragraphs[-1])
        end = "无"
        if match:
            end = year_fields(match.group(0).strip(), year, None)
            paragraphs[-1] = paragraphs[-1][: match.start()].rstrip()
        paragraphs = [p for p in paragraphs if p]
        info["opening"] = "\n".join(paragraphs) if paragraphs else "无"
        info["opening_end"] = end

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
                lead = _BREAKDOWN.match(text[found.end:])
                if lead:
                    tail = text[found.end: found.end + lead.end()] + citation(metric.id, "parts")
                    metric.parts_source = text[found.end + lead.end(): tail_end]
                    end = tail_end
                else:
                    metric.parts = {}
            out += [text[pos: found.start], citation(metric.id) + tail]
            pos = end
            self.mapped.metrics.append(metric)
        return "".join(out) + text[pos:]

    def breakdown(self, text: str, whole: Found, after: list[Found]) -> list[tuple[str, Found]]:
        """"…76件，其中A24件，B19件" or "…236件，包括A12件": the parts right after a total."""
        lead = _BREAKDOWN.match(text[whole.end:])
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
        if _CHANGE.search(found.label):
            return None  # "同比增长15%" is a comparison the templates compute, not a value of the year
        definition, score = catalog_match(label, found.unit, kind)
        if definition is not None and definition.id not in self.taken:
            self.taken.add(definition.id)
            return Metric(definition.id, definition.label, found.unit, found.value, found.approx, kind, definition.area,
                          standard=True, sure=score >= CATALOG_SURE, line=line)
        new_id = metric_id(label, self.taken)
        self.taken.add(new_id)
        return Metric(new_id, label, found.unit, found.value, found.approx, kind, area, standard=False, line=line)

    # --- parts --------------------------------------------------------
    def groups(self, part: Block, base: Path_) -> list[dict]:
        """The （一） subsections of a part holding measures."""
        children = part.children or ([Block(rank=2, heading="", line=part.line, text=part.text)] if part.text else [])
        return [self.group(child, (*base, i)) for i, child in enumerate(children)]

    def group(self, block: Block, path: Path_) -> dict:
        guess, sure = guess_area(block.heading, " ".join(block.text[:1]))
        area = self.areas.home(guess, ())  # an area the report's 纲要 edition has (2015–2020: no 应急)
        group: dict = {"area": area}
        if not sure:
            self.note((*path, "area"), "领域为推测，请核对")
        if block.heading:
            group["heading"] = block.heading
        else:
            self.note((*path, "heading"), "原文这一小节没有标题，生成时将使用该领域的默认标题")
        texts = [self.cite(t, area, block.line) for t in block.text]
        numbered = [c for c in block.children if c.rank == 3]
        if block.children and not numbered:
            # （1） right under （一）: the model numbers points "1.", so they stay paragraphs numbered as written.
            texts += [self.cite(line, area, c.line) for c in block.children for line in _as_paragraphs(c)]
        elif numbered:
            group["points_style"] = "1." if all(c.marker for c in numbered) else "分段"
            group["points"] = [self.point(c, area) for c in numbered]
        elif texts:
            points = self.paragraph_points(texts)
            if points is not None:
                texts, group["points"], style = points
                if style != "一是":
                    group["points_style"] = style
        texts = [t for t in texts if t]
        if texts:
            group["text"] = "\n".join(texts)
        if block.heading and not block.runin and texts:
            group["layout"] = "单独一行"
        return group

    def paragraph_points(self, texts: list[str]) -> tuple[list[str], list[dict], str] | None:
        """Points in the paragraphs: "一是……二是……" in the last one, or each of
        the last paragraphs starting 一是, 二是 …; the paragraphs before, the points, their style."""
        starts = [i for i, t in enumerate(texts) if re.match(rf"^[{_ORDINAL}]{{1,2}}是", t)]
        if len(starts) >= 2 and starts == list(range(starts[0], len(texts))):
            split = [split_points(t) for t in texts[starts[0]:]]
            if all(x is None for x in split):
                items = [_point_item(re.sub(rf"^[{_ORDINAL}]{{1,2}}是", "", t)) for t in texts[starts[0]:]]
                return texts[: starts[0]], items, "一是分段"
        split_last = split_points(texts[-1])
        if split_last is not None:
            intro, points = split_last
            return [*texts[:-1], intro], [{"heading": h, "text": t} if h else {"text": t} for h, t in points], "一是"
        return None

    def point(self, block: Block, area: str) -> dict:
        lines = [self.cite(t, area, block.line) for t in block.text]
        for child in block.children:  # （1） under 1.: kept as paragraphs, numbered as written
            lines += [self.cite(line, area, child.line) for line in _as_paragraphs(child)]
        point: dict = {}
        if block.heading:
            point["heading"] = block.heading
        if lines:
            point["text"] = "\n".join(lines)
        return point

    def section(self, key: str, part: Block) -> dict:
        """A part made of an intro, items and an outro."""
        cite = key in ("duties", "other")
        section: dict = {}
        intro = [self.cite(t, "领导", part.line) if cite else t for t in part.text]
        children = part.children
        items: list[dict] = []
        bare = [c for c in children if c.marker is None]
        if children and len(bare) == len(children) and children[-1].children and not any(c.children for c in children[:-1]):
            # "指导思想" (text) then "工作措施" with 1. 2. …: the unnumbered
            # sub-headings as paragraphs, the numbered items as items.
            for child in children:
                intro += [child.heading, *(self.cite(t, "领导", child.line) if cite else t for t in child.text)]
            self.mapped.lost.append(
                "不编号、单独成行的小标题（" + "、".join(f"“{c.heading}”" for c in children) + "）在草稿中是段落（句末加句号）"
            )
            children = children[-1].children
        if children:
            items = [self._item(child, cite) for child in children]
            numbered = [c for c in children if c.marker]
            if not numbered:
                section["style"], section["layout"] = "分段", "单独一行"
            elif all(c.rank >= 3 for c in numbered):
                section["style"] = "1."
            else:
                section["style"] = "（一）"
                if all(not c.runin and c.text for c in children):
                    section["layout"] = "单独一行"
        elif intro:
            points = self.paragraph_points(intro)
            if points is not None:
                intro, items, section["style"] = points
        elif key == "shortcomings":
            pass
        intro = [t for t in intro if t]
        if intro:
            section["intro"] = "\n".join(intro)
        if items:
            section["items"] = items
        if "style" not in section and items:
            section["style"] = "（一）"
        return section

    def _item(self, block: Block, cite: bool) -> dict:
        texts = [self.cite(t, "领导", block.line) if cite else t for t in block.text]
        for child in block.children:
            # Items under an item ("工作措施" then 1. 2. …): paragraphs numbered as written.
            lead = (child.marker.text if child.marker else "") + child.heading + (child.ended or "")
            rest = [self.cite(t, "领导", child.line) if cite else t for t in child.text]
            texts.append(lead + (rest[0] if rest else ""))
            texts += rest[1:]
        item: dict = {"heading": block.heading} if block.heading else {}
        if texts:
            item["text"] = "\n".join(texts)
        return item


def _as_paragraphs(block: Block) -> list[str]:
    """A block written back as the paragraphs it was: its number, heading and text."""
    lead = (block.marker.text if block.marker else "") + block.heading + (block.ended or "")
    lines = [lead + (block.text[0] if block.runin and block.text else ""), *block.text[1 if block.runin else 0:]]
    for child in block.children:
        lines += _as_paragraphs(child)
    return [line for line in lines if line]


def _point_item(body: str) -> dict:
    sentence = re.match(r"^([^。；;，,！？]{1,%d})。" % MAX_POINT_HEADING, body)
    if sentence and body[sentence.end():]:
        return {"heading": sentence.group(1), "text": body[sentence.end():]}
    return {"text": body}


def year_fields(text: str, year: int, part: str | None) -> str:
    """The report's years in ``text`` as {年度}, {下一年度}, {上一年度}. In a part
    heading the first year is the part's own, whatever was typed: the plans'
    is next year's ("2020年工作计划" in a 2020 report was a slip)."""
    own = {"plans": "{下一年度}", "measures": "{年度}", "shortcomings": "{年度}"}.get(part or "")
    fields = {year: "{年度}", year + 1: "{下一年度}", year - 1: "{上一年度}"}
    first = True

    def field(match: re.Match[str]) -> str:
        nonlocal first
        found = int(match.group(1))
        if first and own:
            first = False
            return own
        first = False
        return fields.get(found, match.group(1))

    # A document's title in 《》 names its own years (《纲要（2021—2025年）》): left as written.
    return "".join(part if part.startswith("《") else YEAR.sub(field, part) for part in re.split(r"(《[^》]*》)", text))


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
    """The input data of a report's outline (its texts cleaned first): the
    parts in the report's order with their own headings, measures in groups,
    the other parts as sections, the numbers of the year's work as metrics."""
    clean(outline)
    mapper = _Mapper(outline, title_hint)
    info = mapper.info()
    year = info["year"]
    mapper.areas = area_set(year)
    data: dict = {"report": info}
    if mapper.areas.edition.id != edition_for(year).id:
        info["outline"] = mapper.areas.edition.id
    specs: list[dict] = []
    measures: list[dict] = []
    sections: dict[str, dict] = {}
    used: set[str] = set()
    themed = [p for p in outline.parts if p.part == "measures" and p.part_guessed]
    if outline.parts and not outline.parts[0].heading and outline.parts[0].part_guessed:
        mapper.mapped.lost.append("原文没有“一、”这样的一级标题，草稿中的第一部分用了默认标题")
    for i, part in enumerate(outline.parts):
        spec: dict = {}
        standard = part.part not in used and not (part.part == "measures" and part.part_guessed)
        if standard:
            spec["part"] = PART_IDS[part.part]
            used.add(part.part)
        if part.heading:
            spec["heading"] = year_fields(part.heading, year, part.part if standard else None)
        elif not standard:
            spec["heading"] = PART_IDS[part.part]
        if part.part_guessed and standard:
            mapper.note(("parts", i), f"按位置归入“{PART_IDS[part.part]}”，请核对")
        elif part.part_guessed:
            mapper.note(("parts", i), f"自拟的部分，按位置视为“{PART_IDS[part.part]}”的内容，请核对")
        if standard and part.part == "measures":
            if part.text and part.children:
                spec["intro"] = "\n".join(mapper.cite(t, "领导", part.line) for t in part.text)
                part.text = []
            measures = mapper.groups(part, ("measures",))
        elif standard:
            sections[part.part] = mapper.section(part.part, part)
        elif part.part == "measures":
            if part.text and part.children:
                spec["intro"] = "\n".join(mapper.cite(t, "领导", part.line) for t in part.text)
                part.text = []
            spec["measures"] = mapper.groups(part, ("parts", i, "measures"))
            if themed and part is themed[0] and "measures" not in used and not any(p.part == "measures" and not p.part_guessed for p in outline.parts):
                spec["covers"] = ["举措"]
        else:
            section = mapper.section(part.part, part)
            spec.update({k: v for k, v in section.items() if k in ("intro", "items", "style", "layout")})
        specs.append(spec)
    data["parts"] = specs
    if outline.after:
        shown = "、".join(f"“{p.text[:12]}”" for p in outline.after[:3])
        mapper.mapped.lost.append(f"成文日期之后的{len(outline.after)}段（{shown}……）没有写入（如附件、抄送，请另行处理）")
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
        data["measures"] = measures
    for key in ("shortcomings", "duties", "plans", "other"):
        if key in sections:
            data[key] = sections[key]
    mapper.mapped.data = data
    return mapper.mapped
