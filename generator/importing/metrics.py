"""Numbers with units in a report's text, as metrics the text cites.

"合法性审查行政机关合同51份" becomes the catalog's 合同审查 = 51 and the text
"合法性审查行政机关合同{合同审查}"; a number no catalog label matches becomes
a metric of the report's own (``metric_definitions``); "800余条" stays
approximate; "共调解案件236件，包括疑难复杂案件12件" or "…76件，其中…24件，…19件"
keeps its breakdown as the metric's parts. Whether the draft states each
value exactly as the report did is checked afterwards (``importer``): a
metric that would not is put back as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.input.catalog import standard_metrics
from generator.input.model import MetricDefinition

# Longest first: "人次" before "人", "万元" before "元".
UNITS = (
    "个百分点", "万元", "亿元", "人次", "件次", "场次", "户次", "批次", "元", "%", "％",
    "件", "次", "人", "份", "条", "起", "宗", "家", "项", "场", "天", "个", "名", "户", "篇", "期", "所", "处", "台", "小时",
)
COUNTERS = {"件", "次", "人", "份", "条", "起", "宗", "家", "项", "场", "天", "个", "名", "户", "篇", "期", "所", "处", "台",
            "人次", "件次", "场次", "户次", "批次", "小时"}
_NUMBER = re.compile(
    r"(?P<pre>约|近|超过|逾)?(?P<num>\d+(?:\.\d+)?)(?P<post>余|多)?(?P<unit>" + "|".join(map(re.escape, UNITS)) + r")(?P<tail>以上|左右)?"
)
_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"|〔[^〕]*〕")
_CLAUSE_BREAK = "，。；：,;:（）()！？"
MAX_LABEL = 20
# Words that start a clause but are not part of what was counted.
_LEAD = re.compile(r"^(?:其中|目前有|现有|截至目前|截止目前|截至\S{0,6}底|全年|今年以来|本年度|年内|目前|累计|共计|共|已|全镇|全区|全县|全街道|我镇|我区|我县|我街道|本单位|本镇|本街道|目前有|现有|并|同时|另外|此外)+")
_TRAIL = re.compile(r"(?:共计|累计|共|达到|达|为|约|近|超过|逾|有|计|了|均|分别|已)+$")
_YEAR_LEAD = re.compile(r"^(?:(?:19|20)\d{2}年度?|的)+")
_OTHER_NUMBER = re.compile(r"(?:约|近)?\d+(?:\.\d+)?(?:余|多)?(?:" + "|".join(map(re.escape, UNITS)) + r")?")
# Counters that name the same kind of thing: a catalog metric in 件 may be stated in 份 or 起.
_COMPATIBLE = ({"件", "份", "宗", "起", "条"}, {"人", "名"}, {"次", "场", "场次", "期"}, {"项", "个"}, {"人次"}, {"家"}, {"万元", "元"})
_ID_BAD = re.compile(r"[\s{}.：:，,。；;、“”\"《》（）()%/／\\\[\]【】〔〕]")
MAX_ID = 20
_YEAR_FIELDS = ("年度", "下一年度", "上一年度")  # {年度} is a year in a text, not a metric
CATALOG_MATCH = 0.75  # share of a catalog label's wording at which it is taken
CATALOG_SURE = 1.0  # below it the match is marked for checking


@dataclass
class Metric:
    """A metric found in the text."""

    id: str
    label: str
    unit: str
    value: float | int
    approx: str | None
    kind: str
    area: str
    standard: bool  # the catalog's
    sure: bool = True
    parts: dict[str, float | int] = field(default_factory=dict)
    source: str = ""  # the text it was read from, as the report wrote it
    parts_source: str = ""  # the breakdown after it, as the report wrote it
    line: int | None = None

    def entry(self) -> dict[str, object]:
        """The metric as written under ``metrics:``."""
        value = self.value
        written: object = value if self.approx is None else _approx_text(value, self.approx)
        data: dict[str, object] = {"value": written}
        catalog_unit = next((m.unit for m in standard_metrics() if m.id == self.id), None)
        if self.standard and catalog_unit != self.unit:
            data["unit"] = self.unit
        if self.parts:
            data["parts"] = dict(self.parts)
            if sum(self.parts.values()) == value:
                data["parts_complete"] = True
        return data if len(data) > 1 else {"value": written}

    def definition(self) -> dict[str, object]:
        """The report's own definition of the metric."""
        return {"id": self.id, "label": self.label, "unit": self.unit, "area": self.area, "kind": self.kind}


def _approx_text(value: float | int, approx: str) -> str:
    """"约120", "800余", "近100", "98以上": the qualifier where the report put it."""
    number = _num_text(value)
    return approx + number if approx in PREFIXES else number + approx


PREFIXES = ("约", "近", "超过", "逾")


def _num_text(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


@dataclass
class Found:
    """A number with its unit at a place in a text."""

    start: int
    end: int
    value: float | int
    unit: str
    approx: str | None
    label: str
    after: str  # what was counted, when the noun follows ("组织3场培训会")


def find_numbers(text: str) -> list[Found]:
    """Every number with a unit in ``text`` outside titles and quotations."""
    hidden = _QUOTED.sub(lambda m: "\0" * len(m.group(0)), text)
    found = []
    for match in _NUMBER.finditer(hidden):
        start, end = match.span()
        before = hidden[start - 1] if start else ""
        after_char = hidden[end] if end < len(hidden) else ""
        if before.isdigit() or before in ".第" or (after_char.isdigit()) or "\0" in match.group(0):
            continue
        raw = match.group("num")
        value: float | int = float(raw) if "." in raw else int(raw)
        approx = match.group("pre") or match.group("post") or match.group("tail")
        unit = "%" if match.group("unit") == "％" else match.group("unit")
        found.append(Found(start, end, value, unit, approx, _label_before(text, start, match.group("pre")), _noun_after(text, end)))
    return found


def _label_before(text: str, start: int, pre: str | None) -> str:
    clause_start = max(text.rfind(c, 0, start) for c in _CLAUSE_BREAK) + 1
    label = text[clause_start:start].strip()
    while True:  # "2023年度共…", "截至目前全年共…": every leading filler, in any order
        shorter = _YEAR_LEAD.sub("", _LEAD.sub("", label))
        if shorter == label:
            break
        label = shorter
    label = _OTHER_NUMBER.sub("", label).strip("、 ")
    label = _TRAIL.sub("", label)
    return label[-MAX_LABEL:]


def compatible(a: str, b: str) -> bool:
    """Whether two units count the same kind of thing (件 and 份, 人 and 名)."""
    return a == b or any(a in group and b in group for group in _COMPATIBLE)


def _noun_after(text: str, end: int) -> str:
    rest = text[end:]
    stop = min((i for i, c in enumerate(rest) if c in _CLAUSE_BREAK + "、"), default=len(rest))
    noun = rest[:stop]
    return noun if 0 < len(noun) <= 16 and not re.search(r"\d", noun) else ""


def kind_of(unit: str, value: float | int) -> str:
    """count, amount or rate, as the model has them."""
    if unit == "%":
        return "rate"
    if unit in COUNTERS and isinstance(value, int):
        return "count"
    return "amount"


def _bigrams(text: str) -> set[str]:
    return {text[i: i + 2] for i in range(len(text) - 1)}


def similarity(label: str, catalog_label: str) -> float:
    """How much of a catalog label the report's label says: 1.0 when it
    contains it, else the share of the catalog label's character pairs it
    has ("办理行政处罚案件" says too little of "办理行政复议案件")."""
    if not label:
        return 0.0
    if catalog_label in label:
        return 1.0
    wanted = _bigrams(catalog_label)
    return len(wanted & _bigrams(label)) / len(wanted) if wanted else 0.0


def catalog_match(label: str, unit: str, kind: str) -> tuple[MetricDefinition | None, float]:
    """The catalog metric whose label best matches, with how well; a metric
    of another kind (a rate for a count) or counted in other units never matches."""
    best, score = None, 0.0
    for definition in standard_metrics():
        if definition.kind != kind or not compatible(definition.unit, unit):
            continue
        s = similarity(label, definition.label)
        if s > score:
            best, score = definition, s
    return (best, score) if score >= CATALOG_MATCH else (None, score)


def metric_id(label: str, taken: set[str]) -> str:
    """A short id for a report's own metric, unique in the report."""
    base = _ID_BAD.sub("", label)[-MAX_ID:].lstrip("的") or "指标"
    candidate, n = base, 2
    while candidate in taken or candidate in {m.id for m in standard_metrics()} or candidate in _YEAR_FIELDS:
        candidate, n = f"{base}{n}", n + 1
    return candidate
