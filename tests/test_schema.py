"""The JSON Schema an editor checks the YAML with accepts what `validate`
accepts: every example, the `init` skeleton, the README's snippets and each
documented short form; and it refuses what `validate` refuses."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from generator.input.model import Report
from generator.skeleton import LocalityDefaults, schema_json, skeleton
from tests.helpers import MINIMAL, REPO

EXAMPLES = sorted((REPO / "inputs" / "examples").glob("*.yaml"))
SCHEMA = json.loads(schema_json())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """YAML data as an editor's YAML server sees it: dates are strings."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def schema_errors(text: str) -> list[str]:
    """Every schema error in a YAML text, as "path: message"."""
    data = as_json(yaml.safe_load(text))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def model_accepts(text: str) -> bool:
    try:
        Report.model_validate(yaml.safe_load(text))
    except ValidationError:
        return False
    return True


def test_the_schema_is_itself_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert '"ge"' not in schema_json() and '"le"' not in schema_json()  # validators ignore those words


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_valid_against_the_schema(example: Path) -> None:
    assert schema_errors(example.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "defaults",
    [None, LocalityDefaults(slug="zhangqi", issuers=["掌起镇人民政府"], guidance=["《{年度}年度要点》"])],
    ids=["plain", "templates"],
)
@pytest.mark.parametrize("locality", ["掌起镇", "浒山街道", "马村区", "某某市司法局"])
def test_the_init_skeleton_is_valid_against_the_schema(locality: str, defaults: LocalityDefaults | None) -> None:
    assert schema_errors(skeleton(locality, 2024, defaults=defaults)) == []


def readme_yaml_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```yaml\n(.*?)^```", readme, flags=re.S | re.M)


def test_the_readmes_input_snippets_are_valid_against_the_schema() -> None:
    inputs = [block for block in readme_yaml_blocks() if block.startswith("report:")]
    assert len(inputs) >= 2
    for block in inputs:
        data = yaml.safe_load(block)
        # A snippet showing a few keys is read as added to a minimal input.
        merged = yaml.safe_load(MINIMAL) | data
        merged["report"] = yaml.safe_load(MINIMAL)["report"] | data["report"]
        errors = [e.message for e in VALIDATOR.iter_errors(as_json(merged))]
        assert errors == [], block


# Values a clerk writes, and whether reportgen's model accepts them; the
# schema must say the same of each.
METRIC_VALUES = [
    "51", '"51"', '"1,087"', "12.5", '"800余"', '"约120"', '"50多"', '"约 1.5 "', "",
    "{value: 74, parts: {交通领域: 67, 应急管理领域: 7}, parts_complete: true}",
    '{value: "800余", last_year: "700余"}', "{value: 58, last_year: 51}", "{value: null}",
    "-5", "{value: -5}", "{value: 3, last_year: -1}", "{value: 3, parts: {甲: -1}}",
    '"很多"', '"五十"', "yes", "[1, 2]", "{value: 3, isuers: 1}", '"800余件"', "{value: 3, approx: 大约}",
]


@pytest.mark.parametrize("value", METRIC_VALUES)
def test_the_schema_and_the_model_agree_on_a_metric(value: str) -> None:
    text = MINIMAL + f"metrics:\n  合同审查: {value}\n"
    assert (schema_errors(text) == []) == model_accepts(text)


REPORT_FIELDS = [
    "date: 2024-02-26", "date: 2024年2月26日", "date: 2024.2.26", "date: 2024/2/26", 'date: "2024-02-26"',
    "date: 二〇二四年二月", "date: 下个月",
    "issuers: 某某镇人民政府", "issuers: [中共某某镇委员会, 某某镇人民政府]", "issuers: {a: 1}",
    "level: 乡镇", "year: 2023年", "isuers: [某某镇人民政府]",
    "outline: 2015", "outline: 2015-2020", "outline: 2021—2025年", "outline: 2019", "outline: 新纲要",
    "opening: 无", "opening: false", "opening: true",
]


@pytest.mark.parametrize("line", REPORT_FIELDS)
def test_the_schema_and_the_model_agree_on_report_fields(line: str) -> None:
    key = line.split(":")[0]
    kept = "\n".join(row for row in MINIMAL.splitlines() if not row.strip().startswith(f"{key}:"))
    text = kept + f"\n  {line}\n"
    assert (schema_errors(text) == []) == model_accepts(text), text


SECTIONS = [
    "duties: [带头尊法学法守法用法]", "duties:\n  - heading: 带头学法\n    text: ……", "duties: 全年召开常务会议学法4次。",
    "duties: {intro: 引言, items: [一条], style: 一是}", "shortcomings: {items: [不足一], causes: [原因一]}",
    "plans: {items: [{heading: 一, txt: 错}]}", "duties: {style: 甲}", "duties: 5",
    "measures: [{area: 执法, points: [健全体系, {heading: 规范执法, text: 推行清单}], answers: 安排1}]",
    "measures: [{area: 法治, text: 正文}]", "measures: 执法", "measures: [{area: 执法, points_style: 1、}]",
    "parts: [举措, 不足, {heading: 自拟的部分, items: [一条]}, 安排]", "parts: [总结]", "parts: [5]",
]


@pytest.mark.parametrize("section", SECTIONS)
def test_the_schema_and_the_model_agree_on_sections(section: str) -> None:
    text = MINIMAL + section + "\n"
    assert (schema_errors(text) == []) == model_accepts(text), text


# Bad inputs whose mistake is one of shape or type: an editor flags them too.
SHAPE_MISTAKES = [
    "date-words", "measure-as-string", "measures-not-a-list", "metric-as-list", "missing-locality",
    "missing-report", "negative-count", "top-level-list", "typo-measure-field", "typo-metric-field",
    "typo-report-key", "typo-top-key", "words-as-number", "wrong-level",  # an area is checked later: a locality may add its own
    "wrong-points-style", "year-in-chinese", "year-with-suffix", "yes-as-number",
]


@pytest.mark.parametrize("name", SHAPE_MISTAKES)
def test_a_bad_input_fails_against_the_schema(name: str) -> None:
    assert schema_errors((REPO / "tests" / "bad_inputs" / f"{name}.yaml").read_text(encoding="utf-8")) != []
