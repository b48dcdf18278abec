"""Templates cannot reach Python internals; mistakes name the template and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import TemplateError
from generator.render.templating import render_markup

CONTEXT = {"report": {"locality": "某某镇", "year": 2023}}


def render_with(tmp_path: Path, template: str) -> str:
    (tmp_path / "report.j2").write_text(template, encoding="utf-8")
    return render_markup(CONTEXT, [tmp_path])


@pytest.mark.parametrize(
    "attack",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ report.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.system('echo pwned') }}",
        "{{ (report.items|list)[0].__class__ }}",
    ],
)
def test_python_internals_are_out_of_reach(tmp_path: Path, attack: str) -> None:
    with pytest.raises(TemplateError) as caught:
        render_with(tmp_path, "[title] 标题\n" + attack + "\n")
    finding = caught.value.finding
    assert finding.file.endswith("report.j2")
    assert finding.line == 2
    assert not (tmp_path / "pwned").exists()


def test_undefined_variable_names_template_and_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="不存在的变量") as caught:
        render_with(tmp_path, "[title] {{ report.locality }}\n[body] {{ report.localty }}\n")
    assert caught.value.finding.line == 2
    assert caught.value.finding.file.endswith("report.j2")


def test_syntax_error_names_template_and_line(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="模板语法错误") as caught:
        render_with(tmp_path, "[title] 标题\n{% if report.year %}\n[body] 正文\n")
    assert caught.value.finding.file.endswith("report.j2")
    assert caught.value.finding.line is not None
