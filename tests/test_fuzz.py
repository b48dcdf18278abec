"""Property: whatever a clerk types, reportgen answers with findings, never
with a traceback. Random YAML (structured and as raw text) goes through
the whole pipeline in-process; the only exception allowed is UserError."""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.pipeline import build_document, check_file
from generator.render.writers.text import render as render_text
from tests.helpers import REPO

KEYS = ["report", "locality", "level", "year", "issuers", "date", "metrics", "measures", "area", "heading", "text",
        "points", "plans", "items", "duties", "shortcomings", "causes", "value", "parts", "parts_complete",
        "合同审查", "调解受理", "调解成功", "主动公开", "镇", "执法", "2023", "style", "一是", "measures_order"]
TEXT = st.text(alphabet=string.printable + "镇执法合同审查【】《》“”，。：；{}\u3000\u2016", max_size=30)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    TEXT, st.sampled_from(KEYS), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT), children, max_size=5),
    ),
    max_leaves=25,
)
VALID = yaml.safe_load((REPO / "inputs" / "examples" / "zhangqi-2023.yaml").read_text(encoding="utf-8"))


def run_pipeline(path: Path) -> None:
    try:
        checked = check_file(path)
    except UserError:
        return
    if not checked.errors:
        render_text(build_document(checked))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=DATA)
def test_random_documents_never_crash(tmp_path: Path, data: object) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_pipeline(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=st.sampled_from(sorted(VALID)), value=DATA)
def test_a_valid_report_with_one_part_replaced_never_crashes(tmp_path: Path, section: str, value: object) -> None:
    data = dict(VALID, **{section: value})
    path = tmp_path / "mutated.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run_pipeline(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=string.printable + "：　：“”\t-#&*[]{}|>@`%!镇", max_size=200))
def test_random_text_never_crashes(tmp_path: Path, text: str) -> None:
    path = tmp_path / "typed.yaml"
    path.write_text("report:\n  locality: 某镇\n" + text, encoding="utf-8")
    run_pipeline(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_random_bytes_never_crash(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(raw)
    run_pipeline(path)
