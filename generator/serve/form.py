"""The report's form, generated from the input's JSON Schema.

Every field the schema describes becomes an input: its label is the first
phrase of its Chinese description, the whole description its help, its
kind (text, paragraph, number, choice, date, lines, a group or a list of
groups) read from the schema's types. A field the model gains appears in
the form without a change here. Values are shown as the YAML writes them
(``"800余"`` stays ``800余``), read through ``YamlDocument`` so short forms
are understood. The form's parts follow the report's (基本信息, 指标, …);
a top-level key no part names falls to the last one.

A field's HTML name carries its kind and model path, ``number:["metrics","合同审查","value"]``,
so a posted form is applied back to the YAML by ``apply_fields`` alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.input.areas import areas
from generator.input.model import MetricDefinition
from generator.input.model_errors import YamlPath, dotted, field_label
from generator.serve.yamledit import MISSING, YamlDocument, parse_date

# The report's parts, in the order of the report, each the top-level keys it edits.
PARTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("info", "基本信息", ("report",)),
    ("metrics", "指标", ("metrics", "metric_definitions")),
    ("measures", "主要举措", ("measures", "measures_order")),
    ("shortcomings", "不足", ("shortcomings",)),
    ("duties", "第一责任人", ("duties",)),
    ("plans", "安排", ("plans",)),
    ("other", "其他", ("other", "last_year")),
)
# Free texts that are paragraphs (a text area, one paragraph a line) rather than one line.
PARAGRAPHS = frozenset({"text", "opening", "intro", "outro", "draft"})


@dataclass
class Field:
    """One input of the form, or a group or list of them."""

    kind: str  # text, paragraph, number, choice, date, bool, lines, group, list, unsupported
    path: YamlPath
    label: str
    help: str = ""
    value: str = ""
    options: tuple[str, ...] = ()
    required: bool = False
    default: str = ""  # what the model takes when the YAML leaves the field out
    children: list[Field] = field(default_factory=list)  # a group's fields; a list's items (groups)
    new_item: dict[str, Any] | None = None  # what "add" appends to a list

    @property
    def name(self) -> str:
        """The HTML name: kind and model path."""
        return f"{self.kind}:{json.dumps(list(self.path), ensure_ascii=False)}"

    @property
    def slot(self) -> str:
        """Where findings about this field are shown (its dotted path)."""
        return dotted(self.path)

    @property
    def id(self) -> str:
        """The HTML id of its input."""
        return "f-" + hashlib.sha1(self.name.encode("utf-8")).hexdigest()[:12]

    @property
    def path_json(self) -> str:
        """The model path as JSON, for the list buttons."""
        return json.dumps(list(self.path), ensure_ascii=False)


@dataclass
class MetricRow:
    """One metric of the catalog in the metrics table."""

    id: str
    label: str
    unit: str
    value: Field
    last_year: Field

    @property
    def slot(self) -> str:
        """Findings about the metric as a whole (a gap, an unknown id)."""
        return dotted(("metrics", self.id))


@dataclass
class Part:
    """One tab of the form."""

    key: str
    label: str
    fields: list[Field]
    metrics: list[tuple[str, list[MetricRow]]] = field(default_factory=list)  # by area


class Schema:
    """The input's JSON Schema, with ``$ref`` resolved."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.root = schema
        self.defs = schema.get("$defs", {})

    def resolve(self, node: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
        """A property's schema without ``$ref`` and ``null`` alternatives, and whether it may be empty.

        Of several alternatives the form edits the last: the model puts the
        short forms a clerk may type (``"800余"``, one issuer as a string, a
        section as a bare list) first and the full form last."""
        node = dict(node)
        optional = False
        while "anyOf" in node or "$ref" in node:
            if "anyOf" in node:
                options = [o for o in node["anyOf"] if o.get("type") != "null"]
                optional = optional or len(options) < len(node["anyOf"])
                outer = {k: v for k, v in node.items() if k != "anyOf"}
                if options and all(o.get("type") in ("integer", "number") for o in options):
                    node = {**outer, "type": "number"}
                else:
                    node = {**(options[-1] if options else {}), **outer}
            if "$ref" in node:
                target = self.defs[node.pop("$ref").rsplit("/", 1)[-1]]
                node = {**target, **{k: v for k, v in node.items() if k == "description"}}
        return node, optional


@cache
def input_schema() -> Schema:
    """The schema ``reportgen schema`` writes (its descriptions are the model's docstrings)."""
    from generator.skeleton import schema_json

    return Schema(json.loads(schema_json()))


def _written(value: Any) -> str:
    """A value the form cannot edit, as a line of YAML-like text."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, dict):
        return "，".join(f"{k}: {_written(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "；".join(_written(v) for v in value)
    return display(value)


def display(value: Any) -> str:
    """A YAML value as the form shows it."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "\n".join(display(v) for v in value)
    return str(value)


def _field(schema: Schema, prop: Mapping[str, Any], path: YamlPath, doc: YamlDocument, required: bool) -> Field:
    node, _ = schema.resolve(prop)
    description = str(prop.get("description") or node.get("description") or "")
    key = str(path[-1])
    label = field_label(description, key)
    default = prop.get("default", node.get("default"))
    shown_default = display(default) if isinstance(default, (str, int, float, bool)) else ""
    base = {"path": path, "label": label, "help": description, "required": required, "default": shown_default}
    kind = node.get("type")
    choices = node.get("enum") or node.get("examples")  # examples: the usual values (an area), others allowed in the YAML
    if choices:
        return Field("choice", options=tuple(str(o) for o in choices), value=display(doc.get(path)), **base)
    if kind == "string" and node.get("format") == "date":
        return Field("date", value=display(doc.get(path)), **base)
    if kind == "string":
        return Field("paragraph" if key in PARAGRAPHS else "text", value=display(doc.get(path)), **base)
    if kind in ("integer", "number"):
        return Field("number", value=display(doc.get(path)), **base)
    if kind == "boolean":
        return Field("bool", options=("true", "false"), value=display(doc.get(path)), **base)
    if kind == "array":
        items, _ = schema.resolve(node.get("items", {}))
        if items.get("type") == "string":
            return Field("lines", value=display(doc.get(path)), **base)
        if items.get("type") == "object":
            written = doc.get(path)
            count = len(written) if isinstance(written, list) else 0
            children = [_group(schema, items, (*path, i), doc, f"第{i + 1}项") for i in range(count)]
            return Field("list", children=children, new_item=_new_item(schema, items), **base)
    if kind == "object" and "properties" in node and not node.get("additionalProperties"):
        return _group(schema, node, path, doc, label, description)
    # No input for this shape (a mapping of the clerk's own keys, a choice of
    # forms): the page says so, and shows what the YAML holds there.
    return Field("unsupported", value=_written(doc.get(path)), **base)


def _group(schema: Schema, node: Mapping[str, Any], path: YamlPath, doc: YamlDocument, label: str, help: str = "") -> Field:
    required = set(node.get("required", []))
    children = [
        _field(schema, prop, (*path, name), doc, name in required) for name, prop in node.get("properties", {}).items()
    ]
    return Field("group", path=path, label=label, help=help or str(node.get("description") or ""), children=children)


def _new_item(schema: Schema, items: Mapping[str, Any]) -> dict[str, Any]:
    """A new list item: its required fields, a choice set to its first option."""
    item: dict[str, Any] = {}
    for name in items.get("required", []):
        node, _ = schema.resolve(items["properties"][name])
        choices = node.get("enum") or node.get("examples")
        item[name] = choices[0] if choices else None
    return item


def new_item_at(schema: Schema, path: YamlPath) -> dict[str, Any]:
    """A new item for the list at the model path ``path``."""
    node: dict[str, Any] = dict(schema.root)
    for part in path:
        if isinstance(part, int):
            node, _ = schema.resolve(node.get("items", {}))
        else:
            node, _ = schema.resolve(node.get("properties", {}).get(part, {}))
    items, _ = schema.resolve(node.get("items", {}))
    if items.get("type") != "object":
        raise ValueError(f"no list of groups at {path!r}")
    return _new_item(schema, items)


def build_form(doc: YamlDocument, catalog: Mapping[str, MetricDefinition], schema: Schema | None = None) -> list[Part]:
    """The form's parts for the YAML in ``doc``; ``catalog`` is the metrics the
    report may use; ``schema`` the input's (``input_schema()`` unless given)."""
    schema = schema or input_schema()
    properties: dict[str, Any] = schema.root.get("properties", {})
    required = set(schema.root.get("required", []))
    placed = {key for _, _, keys in PARTS for key in keys}
    parts: list[Part] = []
    for key, label, keys in PARTS:
        names = [k for k in keys if k in properties]
        if key == PARTS[-1][0]:
            names += [k for k in properties if k not in placed]  # a new top-level key is not lost
        part = Part(key, label, [])
        for name in names:
            if name == "metrics":
                part.metrics = _metric_rows(schema, doc, catalog)
                continue
            part.fields.append(_field(schema, properties[name], (name,), doc, name in required))
        parts.append(part)
    return parts


def _metric_rows(schema: Schema, doc: YamlDocument, catalog: Mapping[str, MetricDefinition]) -> list[tuple[str, list[MetricRow]]]:
    """Every metric of the catalog (and any the YAML names that it does not), by area."""
    value_schema = schema.resolve(schema.defs["MetricValue"])[0]["properties"]
    written = doc.get(("metrics",))
    written_ids = list(written) if isinstance(written, dict) else []
    by_area: dict[str, list[MetricRow]] = {}
    for metric_id in [*catalog, *(m for m in written_ids if m not in catalog)]:
        definition = catalog.get(metric_id)
        unit = display(doc.get(("metrics", metric_id, "unit"))) or (definition.unit if definition else "")
        row = MetricRow(
            id=metric_id,
            label=definition.label if definition else metric_id,
            unit=unit,
            value=_field(schema, value_schema["value"], ("metrics", metric_id, "value"), doc, False),
            last_year=_field(schema, value_schema["last_year"], ("metrics", metric_id, "last_year"), doc, False),
        )
        by_area.setdefault(definition.area if definition else "", []).append(row)
    names = {a.id: f"{a.id}：{a.name}" for a in areas()}
    ordered = [(names[a.id], by_area[a.id]) for a in areas() if a.id in by_area]
    if "" in by_area:
        ordered.append(("不在指标目录中", by_area[""]))
    return ordered


# --- a posted form back into the YAML ------------------------------------------

_NAME = re.compile(r"^(text|paragraph|number|choice|date|bool|lines):(\[.*\])$", re.S)


def parse_value(kind: str, typed: str) -> Any:
    """What the clerk typed, as the YAML value to write (None for empty)."""
    typed = typed.replace("\r\n", "\n").replace("\r", "\n")
    if kind == "lines":
        lines = [line.strip() for line in typed.split("\n") if line.strip()]
        return lines or None
    typed = typed.strip() if kind != "paragraph" else typed.strip("\n ")
    if not typed:
        return None
    if kind == "number":
        plain = typed.replace(",", "").replace("，", "")
        if re.fullmatch(r"\d+", plain):
            return int(plain)
        if re.fullmatch(r"\d+\.\d+", plain):
            return float(plain)
        return typed  # "800余", or a mistake that validation will name
    if kind == "date":
        return parse_date(typed) or typed
    if kind == "bool":
        return {"true": True, "false": False}.get(typed, typed)
    return typed


def apply_fields(doc: YamlDocument, form: Iterable[tuple[str, str]]) -> int:
    """Write every posted field whose value differs from what the YAML shows;
    returns how many changed. Names that are not fields are ignored."""
    changed = 0
    for name, typed in form:
        match = _NAME.match(name)
        if not match:
            continue
        kind = match.group(1)
        try:
            path = tuple(json.loads(match.group(2)))
        except ValueError:
            continue
        if not path or not all(isinstance(p, (str, int)) and not isinstance(p, bool) for p in path):
            continue
        shown = display(doc.get(path))
        value = parse_value(kind, typed)
        # A paragraph compares as the form shows it: a block's closing line break is no edit.
        if display(value) == (shown.strip("\n ") if kind == "paragraph" else shown):
            continue
        if kind == "lines" and isinstance(doc.get(path), str) and value and len(value) == 1:
            value = value[0]  # a single entry written bare stays bare
        doc.set(path, value)
        changed += 1
    return changed
