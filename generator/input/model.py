"""The pydantic input model: what a clerk writes in the YAML.

Every field carries a Chinese docstring; ``field_doc`` reads them (from
the source, when first asked: pydantic's ``use_attribute_docstrings`` read
them at every start, a tenth of a cold render) for the JSON Schema's
descriptions that editors show while the clerk types (``reportgen
schema``) and the labels of error messages.
Keys are English; values the clerk chooses from (level, area, …) are Chinese.

The schema describes what the clerk may write, not only what validation
produces: the short forms the before-validators read (``合同审查: 51``,
``"800余"``, one issuer as a bare string, a point as a bare string, a
section as a bare list, ``2024年2月26日``) are added beside each type by
``AlsoAccepts`` (a type's annotation) and ``short_forms`` (a model's
``json_schema_extra``), from the same patterns the validators use; every
title is the Chinese label an error message uses (``label``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StrictFloat,
    StrictInt,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema

from generator.input.areas import EDITION_IDS, area_field_doc, common_areas, editions
from generator.input.parts import PART_IDS

Level = Literal["乡", "镇", "街道", "县", "区", "市", "部门"]
# The ids an editor offers (every edition's and the common ones); a locality's own are accepted too.
_AREA_CHOICES = list(dict.fromkeys([a.id for e in editions() for a in e.areas] + [a.id for a in common_areas()]))
AreaId = Annotated[
    str, Field(min_length=1, max_length=20, pattern=r"^[^\s{}.：:]+$", json_schema_extra={"examples": _AREA_CHOICES})
]
"""An area id: one of the report's 纲要 edition, a common one (普法), or one
defined by the locality or the input (checked against them by ``checks``)."""
PartId = Literal[PART_IDS]  # type: ignore[valid-type]  # built from data/parts.yaml


def _edition(value: Any) -> Any:
    """2015, "2015" and "2015—2020" name the edition "2015-2020"."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    if text:
        text = re.sub(r"\s*[-–—－~至]+\s*", "-", text.replace("年", ""))
        for edition in EDITION_IDS:
            if text in (edition, edition.split("-")[0]):
                return edition
    return value


Approx = Literal["余", "多", "约", "近", "超过", "逾", "以上", "左右"]
Layout = Literal["接排", "单独一行"]
PointsStyle = Literal["一是", "一是分段", "1.", "分段"]
ItemsStyle = Literal["（一）", "一是", "一是分段", "1.", "分段"]

MAX_NUMBER = 10**13  # 十万亿: no count or amount (even in 元) of a year's report comes near it
TOO_LARGE = f"数值过大（最大为 {MAX_NUMBER}）"
TOO_LARGE_HINT = "请检查是否多写了几位数字。"
_NUMBER_WITH_UNIT = re.compile(r"(?:约)?\d+(?:\.\d+)?\s*(?:余|多)?\s*([%％‰]|[^\d\s.,，:：]{1,4})")
# The clerk's ways of writing a number and a date, for validators and schema alike.
# "约120" "近100" "超过3000" "逾50" / "800余" "50多" "98以上" "100左右" (a unit may follow: "98%以上" "近100人")
APPROX_NUMBER = r"\s*(约|近|超过|逾)?\s*(\d+(?:\.\d+)?)\s*(余|多)?\s*(?P<unit>%|[^\d\s余多以左]{0,3}?)\s*(以上|左右)?\s*"
QUOTED_NUMBER = r"\s*\d[\d,，]*(?:\.\d+)?\s*"  # "51", "1,087.25"
CHINESE_DATE = r"\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*"  # 2024年2月26日, 2024.2.26


def string_matching(pattern: str) -> dict[str, str]:
    """The JSON Schema of a string ``pattern`` matches whole."""
    # Group names dropped: Python writes them (?P<name>...), JavaScript (the editors) (?<name>...).
    return {"type": "string", "pattern": "^(?:" + re.sub(r"\(\?P<\w+>", "(", pattern) + ")$"}


def label(description: str | None, fallback: str = "") -> str:
    """A field's or model's Chinese label: its docstring's first phrase
    (“层级：乡、镇……” → “层级”). Error messages and schema titles use it."""
    return re.split(r"[。，（(，,：]", description or "")[0].strip() or fallback


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated metadata
class AlsoAccepts:
    """Annotation: the JSON Schema accepts ``forms`` beside the type's own.

    pydantic's schema describes a type as validated; what a before-validator
    turns into it (a quoted number, a bare string for a list) is invisible
    to it, and an editor would flag the clerk's documented short forms."""

    forms: tuple[dict[str, Any], ...]

    def __get_pydantic_json_schema__(self, core: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """The type's schema as the last alternative after the short forms."""
        return {"anyOf": [*self.forms, handler(core)]}


def _edition_forms() -> tuple[dict[str, Any], ...]:
    """What ``_edition`` reads, as JSON Schema: a start year, or the years written with a dash or 至."""
    pairs = [edition.split("-") for edition in EDITION_IDS]
    dash = r"\s*[-–—－~至]+\s*"
    written = "|".join(f"{start}年?(?:{dash}{end}年?)?" for start, end in pairs)
    return {"enum": [int(start) for start, _ in pairs]}, {"type": "string", "pattern": f"^\\s*(?:{written})\\s*$"}


Outline = Annotated[Literal[EDITION_IDS], BeforeValidator(_edition), AlsoAccepts(_edition_forms())]  # type: ignore[valid-type]  # data/areas.yaml


ShortForm = Union[dict[str, Any], Callable[[dict[str, Any]], dict[str, Any]]]


def short_forms(*forms: ShortForm) -> Callable[[dict[str, Any], type[BaseModel]], None]:
    """A model's ``json_schema_extra``: the model may also be written as one
    of ``forms`` (what its ``mode="before"`` validator reads); a callable
    form is derived from the model's own schema (a section as its items)."""

    def extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
        _titled(schema, model)
        whole = dict(schema)
        schema.clear()
        schema.update({k: whole.pop(k) for k in ("title", "description") if k in whole})
        schema["anyOf"] = [form(whole) if callable(form) else form for form in forms] + [whole]

    return extra


def _titled(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """A model's ``json_schema_extra``: each field described by its
    docstring and titled by its Chinese label."""
    for name, prop in schema.get("properties", {}).items():
        description = prop.get("description") or field_doc(model, name)
        if description and "description" not in prop:
            prop["description"] = description
        prop["title"] = label(description, name)


def field_doc(model: type[BaseModel], name: str) -> str | None:
    """The Chinese description of ``model``'s field ``name``: its
    ``Field(description=…)``, or else the docstring under it in the class
    (or in the base class that declares it)."""
    field = model.model_fields.get(name)
    if field is not None and field.description:
        return field.description
    for cls in model.__mro__:
        doc = _attribute_docstrings(cls.__module__).get(cls.__qualname__, {}).get(name)
        if doc:
            return doc
    return None


@lru_cache(maxsize=None)
def _attribute_docstrings(module_name: str) -> dict[str, dict[str, str]]:
    """Class → field → the string literal right under the field's annotation,
    read from the module's source as pydantic's ``use_attribute_docstrings``
    reads it (cleaned of indentation); empty for a module without source."""
    import ast
    import inspect

    module = sys.modules.get(module_name)
    try:
        tree = ast.parse(inspect.getsource(module)) if module is not None else None
    except (OSError, TypeError):
        return {}
    docs: dict[str, dict[str, str]] = {}
    for node in tree.body if tree is not None else ():
        if isinstance(node, ast.ClassDef):
            body = node.body
            docs[node.name] = {
                field.target.id: inspect.cleandoc(doc.value.value)
                for field, doc in zip(body, body[1:])
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    return docs


def _model_title(model: type) -> str:
    return label(model.__doc__, model.__name__)


class InputJsonSchema(GenerateJsonSchema):
    """pydantic's schema generator, naming bounds as JSON Schema does.

    A bound pydantic cannot push into a union (``Field(ge=0)`` on int or
    float) comes out as ``"ge": 0``, which validators ignore; here it is
    ``"minimum": 0``."""

    _BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}

    def generate(self, schema: Any, mode: Any = "validation") -> JsonSchemaValue:
        """The whole schema, every sub-schema's bounds renamed."""
        out = super().generate(schema, mode)
        self._rename_bounds(out)
        return out

    def _rename_bounds(self, node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                self._rename_bounds(item)
        elif isinstance(node, dict):
            for pydantic_name, json_name in self._BOUNDS.items():
                if pydantic_name in node and isinstance(node[pydantic_name], (int, float)):
                    node[json_name] = node.pop(pydantic_name)
            for value in node.values():  # a property named "ge" is a dict: left alone above
                self._rename_bounds(value)


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        model_title_generator=_model_title,
        json_schema_extra=_titled,
    )


def _plain_number(value: Any) -> Any:
    """A number the clerk quoted ("51", "1,087.25") is still a number; yes/no is not."""
    if isinstance(value, bool):
        raise ValueError("应填写数字，不能填写“是/否”")
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if re.fullmatch(r"\d+(\.\d+)?", text) and len(text.split(".")[0]) > len(str(MAX_NUMBER)):
            raise ValueError(TOO_LARGE)
        unit = _NUMBER_WITH_UNIT.fullmatch(text)
        if unit:
            raise ValueError(f"只填数字，不要写单位“{unit.group(1)}”（单位由 reportgen 按指标自动加上）")
        if re.fullmatch(QUOTED_NUMBER, value):
            return float(text) if "." in text else int(text)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("应填写数字（.inf、.nan 不是数字）")
        if value == 0:
            return 0.0  # -0.0 would be written "-0"
    return value


def _chinese_date(value: Any) -> Any:
    """'2024年2月26日', '2024.2.26' and '2024/2/26' are dates as a clerk writes them."""
    if isinstance(value, str):
        match = re.fullmatch(CHINESE_DATE, value)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise ValueError("不是有效的日期（月份应在1–12之间，日期不超过当月天数）") from None
    return value


Number = Annotated[
    Union[StrictInt, StrictFloat],
    BeforeValidator(_plain_number),
    Field(ge=0, le=MAX_NUMBER),
    AlsoAccepts((string_matching(QUOTED_NUMBER),)),
]
"""A count or amount: non-negative; a quoted number is accepted, yes/no is not."""

ApproxNumber = Annotated[Union[Number, None], AlsoAccepts((string_matching(APPROX_NUMBER),))]
"""A value that may be approximate: "800余", "约120", "50多" (read by ``MetricValue``)."""

ChineseDate = Annotated[
    Union[dt.date, None], BeforeValidator(_chinese_date), AlsoAccepts((string_matching(CHINESE_DATE),))
]
"""A date as ISO or as a clerk writes it: 2024年2月26日, 2024.2.26, 2024/2/26."""


def _none_word(value: Any) -> Any:
    """“无” (or false) says there is none: an empty text, unlike an unwritten (None) one."""
    if value is False or (isinstance(value, str) and value.strip() in ("无", "没有", "不要")):
        return ""
    return value


OrNone = Annotated[str | None, BeforeValidator(_none_word), AlsoAccepts(({"const": False},))]
"""A text that may be left out (the default is used) or written “无” (there is none)."""


def _digits_as_text(value: Any) -> Any:
    """A fingerprint of digits only reads as a number once its quotes are lost: it is still the text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Fingerprint = Annotated[str, BeforeValidator(_digits_as_text), AlsoAccepts(({"type": "integer"},))]
"""The mark ``init --from`` writes beside a carried text (hex digits)."""


def _one_or_many(value: Any) -> Any:
    """A single entry may be written without the list: ``answers: 安排1``."""
    return [value] if isinstance(value, str) else value


OneOrMany = Annotated[list[str], BeforeValidator(_one_or_many), AlsoAccepts(({"type": "string"},))]
"""A list of short references; a single one may be written bare."""


class MetricDefinition(_Strict):
    """一项指标的定义（标准目录中的，或本地补充的）。"""

    id: Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[^\s{}.：:]+$")]
    """指标名称，在 metrics 中作键使用，正文中写作 {名称} 引用，如“合同审查”。"""
    label: Annotated[str, Field(min_length=1)]
    """指标说明，也是自动成句时的措辞，如“合法性审查行政机关合同”。"""
    unit: Annotated[str, Field(min_length=1)]
    """单位，如“件”“份”“人次”“万元”“%”。"""
    area: Annotated[AreaId, Field(description=area_field_doc(older=False))]  # the area ids from data/areas.yaml
    kind: Literal["count", "amount", "rate"] = "count"
    """类型：count 计数（非负整数），amount 金额，rate 比率（0–100）。"""
    numerator: str | None = None
    """比率的分子指标名称（仅由计算得出的比率填写）。"""
    denominator: str | None = None
    """比率的分母指标名称（仅由计算得出的比率填写）。"""

    @property
    def derived(self) -> bool:
        """Whether the value is computed from two other metrics."""
        return self.numerator is not None and self.denominator is not None


class MetricValue(_Strict):
    """一项指标本年度的数值。可只写数值（如 51、"800余"、"约120"），也可写成含下列各项的形式。"""

    model_config = ConfigDict(
        json_schema_extra=short_forms(
            {"type": "number", "minimum": 0, "maximum": MAX_NUMBER},
            string_matching(APPROX_NUMBER),
            string_matching(QUOTED_NUMBER),
            {"type": "null"},
        )
    )

    value: ApproxNumber = None
    """本年度数值。不知道时留空，草稿中显示为【待填】。可写约数：“800余”“约120”“50多”“近100人”“超过3000件”“98%以上”。"""
    approx: Approx | None = None
    """约数写法：余（800余条）、多（50多次）、约（约120万元）、近（近100人）、超过（超过3000件）、逾（逾50场）、以上（98%以上、100人以上）、左右（100人左右）。约数不参与同比和合计的核对。"""
    unit: str | None = None
    """单位，不填则用指标目录中的单位（如把“件”改为“起”“宗”）。金额可填“元”，1万元以上按万元写出。"""
    last_year: Number | None = None
    """上年度数值，用于同比。"""
    parts: dict[str, Number | None] = {}
    """构成（“其中”），如 {公告公示: 289, 政务活动: 300}。"""
    parts_complete: bool = False
    """构成是否完整：是（true）时各项之和必须等于本年度数值。"""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """Accept a bare value: ``51``, ``"800余"``, ``"约120"``, ``"近100人"``, ``"98%以上"`` or empty."""
        if data is None or isinstance(data, (int, float, str)):
            data = {"value": data}
        if isinstance(data, dict) and isinstance(data.get("value"), str):
            match = re.fullmatch(APPROX_NUMBER, data["value"])
            qualifier = match and (match.group(1) or match.group(3) or match.group(5))
            # A unit is taken as written only with a qualifier, as a report has it ("近100人", "98%以上");
            # a plain "51件" is left to the number's own rule (units come from the catalog).
            if match and (qualifier or not match.group("unit")) and len(match.group(2)) <= len(str(MAX_NUMBER)) + 3:
                number = float(match.group(2))
                data = dict(data)
                data["value"] = int(number) if "." not in match.group(2) else number
                if qualifier:
                    data.setdefault("approx", qualifier)
                if match.group("unit") and match.group("unit") != "%":
                    data.setdefault("unit", match.group("unit"))
        return data


class Point(_Strict):
    """一条内容：可带一句小标题（如“一是健全行政执法体系。”中的“健全行政执法体系”）。也可只写一段文字。"""

    model_config = ConfigDict(json_schema_extra=short_forms({"type": "string"}, {"type": "null"}))

    heading: str | None = None
    """小标题（一句话，不写序号和句号，序号由模板生成）。"""
    text: str | None = None
    """正文。可用 {指标名称} 引用指标数值，如“合法性审查行政机关合同{合同审查}”。留空则显示为【待填】。"""
    answers: OneOrMany = []
    """本条回应的上年度安排或不足的编号（如“安排1”“不足2”，见 last_year），可写多个。"""
    draft: str | None = None
    """上年度的原文，仅供改写参考，不会写入报告；改写后的文字写在 text 中。"""
    carried: Fingerprint | None = None
    """沿用标记（reportgen init --from 写入）：text 是从上年度报告沿用的文字。text 未改动时，草稿中以浅蓝色底纹标出，validate 提示“沿用去年文字，尚未修改”；改写 text 后标记自动失效。确认上年度的文字本年度仍然适用、不必改写时，删去本行。"""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """A bare string is a point of text only."""
        return {"text": data} if isinstance(data, str) or data is None else data


class MeasureGroup(_Strict):
    """主要举措和成效中的一个小节，即“（一）……”，归入一个领域。"""

    area: Annotated[AreaId, Field(description=area_field_doc(older=True, defined_where="在 area_definitions 中"))]
    heading: str | None = None
    """小节标题（一句话，不写序号），不填则用该领域的默认标题。"""
    text: str | None = None
    """紧接小节标题的正文；每行一段。可用 {指标名称} 引用指标。"""
    points: list[Point] = []
    """分条内容，如“一是……二是……”或“1. ……”。"""
    points_style: PointsStyle | None = None
    """分条写法：“一是”接在同一段内；“一是分段”每条以“一是”“二是”开头各成一段；“1.”每条另起一段并编号；“分段”每条一段、不编号。不写则按 style.points（默认“一是”）。只有一条时不编号。"""
    layout: Layout | None = None
    """小节标题的排法：“接排”（“（一）标题。正文……”同在一段）或“单独一行”（标题独占一行，正文另起段落）。不写则按 style.subsections。"""
    answers: OneOrMany = []
    """本小节回应的上年度安排或不足的编号（如“安排1”，见 last_year），可写多个。"""
    draft: str | None = None
    """上年度的原文，仅供改写参考，不会写入报告；改写后的文字写在 text 中。"""
    carried: Fingerprint | None = None
    """沿用标记（reportgen init --from 写入）：text 是从上年度报告沿用的文字。text 未改动时，草稿中以浅蓝色底纹标出，validate 提示“沿用去年文字，尚未修改”；改写 text 后标记自动失效。确认上年度的文字本年度仍然适用、不必改写时，删去本行。"""


class Section(_Strict):
    """报告的一个部分（第一责任人职责、下一年度安排、其他事项）。可直接写成条目列表。"""

    model_config = ConfigDict(
        json_schema_extra=short_forms(lambda whole: whole["properties"]["items"], {"type": "string"})
    )

    intro: str | None = None
    """引言（条目前的话，可不写）；每行一段。"""
    items: list[Point] = []
    """条目，每条可带小标题。"""
    style: ItemsStyle | None = None
    """条目写法：“（一）”每条一段并编号；“一是”全部连成一段；“一是分段”每条以“一是”“二是”开头，各成一段；“1.”每条一段并编号“1.”；“分段”每条一段、不编号。不写时，存在的不足为“一是”，其他部分为“（一）”。只有一条时不编号。"""
    layout: Layout | None = None
    """“（一）”条目标题的排法：“接排”或“单独一行”。不写则按 style.subsections。"""
    outro: str | None = None
    """结语（条目后的话，可不写）；每行一段。"""

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """A bare list is the items; a bare string the intro."""
        if isinstance(data, list):
            return {"items": data}
        if isinstance(data, str):
            return {"intro": data}
        return data


class Shortcomings(Section):
    """存在的不足和原因。"""

    causes: list[Point] = []
    """原因（单独列出时填写；也可写在每条不足的正文中）。"""


class ReportInfo(_Strict):
    """报告的基本信息。"""

    locality: Annotated[str, Field(min_length=1)]
    """地方或单位名称，如“掌起镇”“马村区”。"""
    level: Level
    """层级：乡、镇、街道、县、区、市、部门。"""
    year: StrictInt
    """报告年度（四位数字，如 2023）。"""
    issuers: OneOrMany | None = None
    """发文机关署名，一行一个，如“中共某某镇委员会”“某某镇人民政府”。"""
    date: ChineseDate = None
    """成文日期，写作 2024-02-26（也可写 2024年2月26日）。"""
    addressee: str | None = None
    """主送机关，如“县人民政府”（可不写）。"""
    title: str | None = None
    """标题（可不写，默认为“某某镇2023年度法治政府建设工作情况报告”）。"""
    guidance: list[str] = []
    """开头段落引用的指导文件，如“《2023年度法治慈溪建设工作要点》”。"""
    opening: OrNone = None
    """开头段落（“现将……报告如下：”之前的文字），每行一段；以“——”开头的一行是亮点句，照原样保留。不写则按模板生成；写“无”则报告没有开头段落，直接从第一部分开始。"""
    opening_end: OrNone = None
    """开头的结束语，接在开头最后一段之后，如“现将有关情况报告如下：”。不写则为“现将{年度}年度法治政府建设工作情况报告如下：”（开头最后一段已以“如下：”结束时不再加）；写“无”则不加。可写 {年度}。"""
    outline: Outline | None = None
    """各小节所依据的纲要：2021-2025 或 2015-2020。不写时按报告年度：2020年及以前为 2015-2020，2021年起为 2021-2025。"""
    templates: Annotated[str, Field(min_length=1)] | None = None
    """地方模板：templates/localities 中的文件夹名（如 zhangqi），或相对本文件的文件夹路径。沿用其中的写法和默认值（署名、主送机关、指导文件等），本文件中写了的以本文件为准。"""


class CarriedItem(_Strict):
    """上年度报告中的一条安排或不足。"""

    id: Annotated[str, Field(min_length=1)]
    """编号，如“安排1”“不足2”。本年度回应这一条的小节或条目写 answers: 安排1。"""
    heading: str | None = None
    """小标题（原文）。"""
    text: str | None = None
    """正文（原文）。"""


class LastYear(_Strict):
    """上年度报告中要在本年度逐条回应的内容（由 reportgen init --from 生成）。不写入报告，供 validate 核对。"""

    plans: list[CarriedItem] = []
    """上年度报告的“下一年度主要安排”：本年度的举措应逐条说明落实情况。"""
    shortcomings: list[CarriedItem] = []
    """上年度报告的“存在的不足”：本年度应逐条说明整改进展。"""


class AreaDefinition(_Strict):
    """本地自定义的领域（纲要之外单列一节的，如“疫情防控”）。"""

    id: AreaId
    """领域名称，在 measures 的 area 中填写，如“疫情防控”。"""
    heading: Annotated[str, Field(min_length=1)]
    """该领域没有自拟标题时的默认小标题，如“依法做好疫情防控”。"""
    name: str | None = None
    """领域全称（可不写，默认同 heading）。"""
    takes: list[AreaId] = []
    """本领域兼收的领域：报告中没有那些领域的小节时，它们的指标写在本领域的小节中，如 [应急]。"""


class Style(_Strict):
    """本报告的排版写法（各部分、各小节没有单独写明时使用；不写则用地方模板的，再不写用默认）。"""

    subsections: Layout | None = None
    """“（一）”小节标题的排法：“接排”（默认，标题和正文同在一段）或“单独一行”。"""
    points: PointsStyle | None = None
    """主要举措和成效中分条内容的写法：“一是”（默认，接在同一段内）、“一是分段”、“1.”、“分段”。"""


class Part(_Strict):
    """报告的一个一级部分（“一、……”）：标准部分之一，或自拟的部分（如主题式的“一、强化组织领导，夯实法治基础”）。可只写标准部分的名称，如“- 不足”。"""

    part: PartId | None = None
    """标准部分：举措（主要举措和成效）、不足（存在的不足和原因）、职责（党政主要负责人履行第一责任人职责情况）、安排（下一年度主要安排）、其他（其他需要报告的情况）。不写则是自拟的部分，须写 heading。"""
    heading: str | None = None
    """标题（不写序号），可写 {年度}、{下一年度}，生成时换成年份，如“{下一年度}年法治政府建设工作计划”。不写则用默认标题。"""
    covers: list[PartId] = []
    """本部分还写了哪些标准部分的内容，如第一部分中写了第一责任人职责，写 [职责]（validate 据此不再提示缺少）。"""
    intro: str | None = None
    """本部分第一个“（一）”之前的话；每行一段。标准部分“不足”“职责”“安排”“其他”的引言写在该部分自己的 intro 中。"""
    measures: list[MeasureGroup] = []
    """自拟部分的“（一）”小节，写法同 measures（主题式报告的举措分在几个部分中时使用）。"""
    items: list[Point] = []
    """自拟部分的条目，写法同 duties 的条目。"""
    style: ItemsStyle | None = None
    """自拟部分条目的写法，同 duties 的 style。"""
    layout: Layout | None = None
    """本部分“（一）”小节标题的排法：“接排”或“单独一行”。"""
    outro: str | None = None
    """本部分最后一段之后的结语；每行一段。"""

    model_config = ConfigDict(json_schema_extra=short_forms(lambda whole: whole["properties"]["part"]["anyOf"][0]))

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        """A bare name is a standard part: ``- 不足``."""
        return {"part": data} if isinstance(data, str) else data


class Report(_Strict):
    """法治政府建设年度报告的全部输入。"""

    report: ReportInfo
    """报告的基本信息：地方、层级、年度、署名、日期等。"""
    metric_definitions: list[MetricDefinition] = []
    """本地补充的指标定义（标准目录之外的指标）。"""
    metrics: dict[str, MetricValue] = {}
    """本年度各项指标的数值，键为指标名称。"""
    parts: list[Part] | None = None
    """报告的一级部分及其顺序和标题，如 [举措, 不足, 安排]。不写则用地方模板的，再不写则为督察工作规定的五个部分（举措、不足、职责、安排、其他，写了内容的才出现）。列出的部分都会出现，没写内容的显示为【待填】。"""
    style: Style | None = None
    """本报告的排版写法：小节标题接排还是单独一行、分条内容的写法。"""
    area_definitions: list[AreaDefinition] = []
    """本报告自定义的领域（纲要之外单列一节的，如“疫情防控”）。"""
    measures: list[MeasureGroup] = []
    """主要举措和成效，每个领域一个“（一）”小节。"""
    measures_order: Literal["纲要", "录入"] = "录入"
    """小节排列顺序：“录入”按本文件中的顺序（默认）；“纲要”按纲要领域的顺序重新排列。"""
    shortcomings: Shortcomings | None = None
    """存在的不足和原因。"""
    duties: Section | None = None
    """党政主要负责人履行推进法治建设第一责任人职责情况。"""
    plans: Section | None = None
    """下一年度推进法治政府建设的主要安排。"""
    other: Section | None = None
    """其他需要报告的情况（可不写）。"""
    last_year: LastYear | None = None
    """上年度的安排和不足，供核对本年度是否逐条回应（由 reportgen init --from 生成，不写入报告）。"""
