"""Templates run with bounds on time, size and loop steps; going past one
stops the rendering with the template's file and line, never a hang, a
MemoryError or a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import TemplateError
from generator.render import bounds
from generator.render.templating import render_markup

CONTEXT = {"report": {"locality": "某某镇", "year": 2023}}


def refused(tmp_path: Path, body: str) -> TemplateError:
    (tmp_path / "report.j2").write_text("[title] 标题\n" + body + "\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        render_markup(CONTEXT, [tmp_path])
    finding = caught.value.finding
    assert finding.file.endswith("report.j2"), finding
    return caught.value


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "循环次数超过"),
        ("{{ range(10**30)|length }}", "循环次数超过"),
        ("{{ 'a' * 10**10 }}", "超过 5000000 个字符"),
        ("{{ [0] * 10**10 }}", "超过 5000000 个字符"),
        ("{{ 2 ** 99999999 }}", "数字过大"),
        ("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}", "超过 5000000 个字符"),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
            "超过 5000000 个字符",
        ),
        ("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(0) }}", "过深"),
    ],
    ids=["nested-ranges", "huge-range", "long-text", "long-list", "huge-power", "long-output", "doubling", "recursion"],
)
def test_a_template_past_a_bound_is_stopped_at_its_line(tmp_path: Path, body: str, message: str) -> None:
    error = refused(tmp_path, body)
    assert message in error.finding.message
    assert error.finding.line == 2


def test_a_loop_that_calls_nothing_is_stopped_by_the_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "MAX_SECONDS", 0.2)  # the real limit is 30 s
    monkeypatch.setattr(bounds, "ALARM_AFTER", 0.1)
    body = "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    error = refused(tmp_path, body)
    assert "运行超过 0.2 秒" in error.finding.message and error.finding.line == 2


def test_a_long_chain_of_super_is_stopped(tmp_path: Path) -> None:
    layers = []
    for n in range(400):
        if n == 399:
            (tmp_path / "base").mkdir()
            (tmp_path / "base" / "report.j2").write_text("[title] 标题\n{% block opening %}[body] 开头\n{% endblock %}", encoding="utf-8")
            layers.append(tmp_path / "base")
            break
        layer = tmp_path / f"l{n}"
        layer.mkdir()
        (layer / "report.j2").write_text(
            '{% extends "report.j2" %}{% block opening %}{{ super() }}{% endblock %}\n', encoding="utf-8"
        )
        layers.append(layer)
    with pytest.raises(TemplateError, match="过深") as caught:
        render_markup(CONTEXT, layers)
    assert caught.value.finding.file.endswith("report.j2")


def test_within_the_bounds_the_report_renders(tmp_path: Path) -> None:
    (tmp_path / "report.j2").write_text(
        "[title] 标题\n{% for i in range(3) %}[body] {{ '第' ~ i ~ '段' * 2 }}\n{% endfor %}", encoding="utf-8"
    )
    assert render_markup(CONTEXT, [tmp_path]).count("[body]") == 3


def test_compiled_templates_are_cached_apart_for_other_bounds() -> None:
    """The bounds are compiled into the template code (intercepted operators,
    finalize): code compiled without them must never be loaded from the cache."""
    from generator.render.bytecode import fingerprint
    from generator.render.templating import make_environment

    env = make_environment([])  # the process's cached environment: restored below
    before, finalize = fingerprint(env), env.finalize
    try:
        env.intercepted_binops = frozenset({"*"})
        assert fingerprint(env) != before
        env.intercepted_binops = type(env).intercepted_binops
        env.finalize = None
        assert fingerprint(env) != before
    finally:
        env.intercepted_binops = type(env).intercepted_binops
        env.finalize = finalize
    assert fingerprint(env) == before
