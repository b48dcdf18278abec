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
# Invisible characters a clerk pastes without seeing them: zero-width space and
# joiners, soft hyphen, direction marks and the right-to-left override, BOM.
INVISIBLE = "\u200b\u200c\u200d\u00ad\u200e\u200f\u202a\u202e\u2066\u2069\u2060\ufeff"
TEXT = st.text(alphabet=string.printable + "镇执法合同审查【】《》“”，。：；{}\u3000\u2016" + INVISIBLE, max_size=30)
NUMBERS = st.one_of(
    st.integers(-10, 10**6),
    st.floats(),  # NaN and both infinities included
    st.integers(min_value=-(10**40), max_value=10**40),  # beyond any report, beyond Decimal's 28 digits
    st.sampled_from([-0.0, 10**13, 10**13 + 1, 1e22, 9999999999999999999999.5, 5e-324]),
)
SCALARS = st.one_of(
    st.none(), st.booleans(), NUMBERS, TEXT, st.sampled_from(KEYS), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
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


# A metric's value as a clerk may type it: NaN, infinities, thousands of digits, a unit, an approximation.
TYPED_NUMBERS = st.one_of(
    st.sampled_from([".nan", ".NaN", ".inf", "-.inf", "+.inf", "-0.0", "'-0'", "1e400", "'1e400'"]),
    st.text(alphabet="0123456789", min_size=1, max_size=5000),
    st.builds(lambda d, u: f"'{d}{u}'", st.text(alphabet="0123456789.", min_size=1, max_size=40),
              st.sampled_from(["", "份", "%", "余", "多", "万元", "\u200b"])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TYPED_NUMBERS, last=TYPED_NUMBERS, cited=st.booleans())
def test_any_typed_number_never_crashes(tmp_path: Path, value: str, last: str, cited: bool) -> None:
    path = tmp_path / "numbers.yaml"
    text = "{合同审查}，{合同审查.yoy}，{合同审查.change}。" if cited else "无。"
    path.write_text(
        "report:\n  locality: 某镇\n  level: 镇\n  year: 2023\n  issuers: [某镇人民政府]\n"
        f"metrics:\n  合同审查:\n    value: {value}\n    last_year: {last}\n"
        f"measures:\n  - area: 执法\n    text: {text}\n",
        encoding="utf-8",
    )
    run_pipeline(path)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200), bom=st.sampled_from([b"\xff\xfe", b"\xfe\xff"]), cut=st.integers(0, 3))
def test_utf16_with_any_length_never_crashes(tmp_path: Path, raw: bytes, bom: bytes, cut: int) -> None:
    """A UTF-16 file cut short (an odd number of bytes, half a surrogate pair)."""
    encoding = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    valid = ("report:\n  locality: 某镇\n  level: 镇\n  year: 2023\n  text: 😀\n").encode(encoding)
    path = tmp_path / "utf16.yaml"
    path.write_bytes(bom + (valid + raw)[: len(valid + raw) - cut])
    run_pipeline(path)
