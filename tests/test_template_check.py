"""validate checks the templates too (check_file renders): every template
error at once, each at its template's line, where rendering would stop at
the first."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.pipeline import check_file
from tests.helpers import MINIMAL, write_yaml


def errors_of(tmp_path: Path, **files: str) -> list[tuple[str, int | None, str]]:
    town = tmp_path / "templates" / "localities" / "town"
    town.mkdir(parents=True)
    for name, text in files.items():
        (town / name.replace("__", ".")).write_text(textwrap.dedent(text), encoding="utf-8")
    text = MINIMAL.replace("  level: 镇\n", "  level: 镇\n  templates: town\n", 1)
    checked = check_file(write_yaml(tmp_path, text))
    return [(Path(f.file).name, f.line, f.message) for f in checked.errors]


def test_a_misspelt_block_and_every_undefined_variable_are_listed_together(tmp_path: Path) -> None:
    found = errors_of(tmp_path, report__j2="""\
        {% extends "report.j2" %}
        {% block measures_heding %}x{% endblock %}
        {% block opening %}[body] {{ report.localty }}和{{ nosuch }}。
        {{ super() }}{% endblock %}
        {% block signature %}{{ report.yeer }}{{ super() }}{% endblock %}
        """)
    assert found == [
        ("report.j2", 2, "模板重写了不存在的块“measures_heding”，这一段不会出现在报告中"),
        ("report.j2", 3, "模板使用了不存在的变量“report.localty”"),
        ("report.j2", 3, "模板使用了不存在的变量“nosuch”"),
        ("report.j2", 5, "模板使用了不存在的变量“report.yeer”"),
    ]


def test_a_syntax_error_in_each_file_is_listed(tmp_path: Path) -> None:
    found = errors_of(
        tmp_path,
        report__j2='{% extends "report.j2" %}\n{% block opening %}{% include "_a.j2" %}{% endblock %}\n',
        _a__j2="{% if %}\n",
        _b__j2="\n{{ a b }}\n",  # not used yet, but wrong all the same
    )
    assert [(name, line) for name, line, _ in found] == [("_a.j2", 1), ("_b.j2", 2)]
    assert found[1][2] == "模板语法错误：这里应为“end of print statement”，却是“b”"


def test_an_error_only_rendering_meets_is_listed(tmp_path: Path) -> None:
    found = errors_of(tmp_path, report__j2='{% extends "report.j2" %}\n{% block opening %}{{ 1 // 0 }}{% endblock %}\n')
    assert found == [("report.j2", 2, "模板运行出错：除数为零")]


def test_good_templates_have_nothing_to_say(tmp_path: Path) -> None:
    assert errors_of(tmp_path, report__j2='{% extends "report.j2" %}\n{% block opening %}[body] 本地开头。\n{% endblock %}\n') == []
