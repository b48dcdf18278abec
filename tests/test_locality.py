"""Locality folders: overrides block by block, chains of any depth, their
defaults, the clerk's template mistakes, the scaffold and `locality show`."""

from __future__ import annotations

import io
import re
import textwrap
import zipfile
from pathlib import Path

import pytest

from generator.errors import TemplateError, UserError
from generator.explain import explain
from generator.pipeline import build_document, check_file, render_formats
from generator.scaffold import new_locality
from generator.render.writers.text import render as render_text
from tests.helpers import MINIMAL, REPO, run_cli, write_yaml
from tests.test_render import FULL


def make_locality(tmp_path: Path, slug: str, **files: str) -> Path:
    """templates/localities/<slug>/ under tmp_path, with the files given (``locality`` → locality.yaml)."""
    folder = tmp_path / "templates" / "localities" / slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = "locality.yaml" if name == "locality" else name.replace("__", ".")
        (folder / target).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def with_templates(text: str, slug: str) -> str:
    """An input naming a locality."""
    return text.replace("  level: 镇\n", f"  level: 镇\n  templates: {slug}\n", 1)


def draft(tmp_path: Path, text: str, name: str = "input.yaml") -> list[str]:
    """The draft's lines as the .txt writer puts them."""
    checked = check_file(write_yaml(tmp_path, text, name=name))
    return render_text(build_document(checked)).decode("utf-8-sig").splitlines()


def raised(tmp_path: Path, text: str) -> UserError:
    with pytest.raises(UserError) as info:
        checked = check_file(write_yaml(tmp_path, text))
        build_document(checked)
    return info.value


# --- overrides and chains ------------------------------------------------------


def test_overriding_one_block_changes_only_that_block(tmp_path: Path) -> None:
    default = draft(tmp_path, FULL, "plain.yaml")
    make_locality(tmp_path, "town", report__j2="""\
        {% extends "report.j2" %}
        {% block measures_heading %}
        {{ b.h1(numbers.measures ~ "、主要举措和成效") }}
        {% endblock %}
        """)
    local = draft(tmp_path, with_templates(FULL, "town"))
    changed = [(a, b) for a, b in zip(default, local) if a != b]
    assert len(local) == len(default)
    assert changed == [("一、2023年度推进法治政府建设的主要举措和成效", "一、主要举措和成效")]


def test_a_three_level_chain_resolves_nearest_first(tmp_path: Path) -> None:
    make_locality(tmp_path, "province", locality="name: 某某省\naddressee: 省人民政府\nguidance: 《{年度}年度全省法治政府建设要点》\n",
                  report__j2="""\
        {% extends "report.j2" %}
        {% block measures_heading %}
        {{ b.h1(numbers.measures ~ "、省级写法") }}
        {% endblock %}
        {% block plans_heading %}
        {{ b.h1(numbers.plans ~ "、省级安排") }}
        {% endblock %}
        {% block signature %}
        {{ b.body("省级落款说明。") }}
        {{ super() }}
        {% endblock %}
        """)
    make_locality(tmp_path, "city", locality="name: 某某市\nextends: province\naddressee: 市人民政府\n", report__j2="""\
        {% extends "report.j2" %}
        {% block measures_heading %}
        {{ b.h1(numbers.measures ~ "、市级写法") }}
        {% endblock %}
        {% block signature %}
        {{ b.body("市级落款说明。") }}
        {{ super() }}
        {% endblock %}
        """)
    make_locality(tmp_path, "town", locality="name: 某某镇\nextends: city\n", report__j2="""\
        {% extends "report.j2" %}
        {% block measures_heading %}
        {{ b.h1(numbers.measures ~ "、镇级写法") }}
        {% endblock %}
        """)
    text = with_templates(FULL.replace("  issuers: [某某镇人民政府]\n", ""), "town")
    lines = draft(tmp_path, text)
    assert "一、镇级写法" in lines  # the nearest override wins
    assert "四、省级安排" in lines  # a block only the province overrides
    assert lines[2] == "市人民政府："  # the city's addressee over the province's
    assert "认真落实《2023年度全省法治政府建设要点》" in lines[3]  # the province's guidance, its year filled in
    assert lines[-5:-2] == ["市级落款说明。", "省级落款说明。", ""]  # super() goes town → city → province → default
    chain = check_file(write_yaml(tmp_path, text)).locality
    assert chain is not None and chain.label == "某某镇 → 某某市 → 某某省"
    shown = explain(write_yaml(tmp_path, text))
    assert [label for label, _ in shown.layers] == ["某某镇", "某某市", "某某省", "默认模板"]
    by_block = {row.what: row.layer for row in shown.blocks}
    assert (by_block["measures_heading"], by_block["signature"], by_block["plans_heading"], by_block["title"]) == (
        "某某镇", "某某市", "某某省", "默认模板"
    )


def test_a_loop_in_the_chain_is_reported_at_its_extends_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "a", locality="name: 甲镇\nextends: b\n")
    make_locality(tmp_path, "b", locality="# 乙\nname: 乙市\nextends: a\n")
    error = raised(tmp_path, with_templates(MINIMAL, "a"))
    assert "继承关系形成了循环：甲镇 → 乙市 → 甲镇" in error.finding.message
    assert error.finding.file.endswith("templates/localities/b/locality.yaml") and error.finding.line == 3


def test_a_missing_parent_is_reported_with_the_siblings(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", locality="name: 某某镇\nextends: ctiy\n")
    make_locality(tmp_path, "city", locality="name: 某某市\n")
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert error.finding.message == "找不到上级地方模板“ctiy”"
    assert error.finding.file.endswith("town/locality.yaml") and error.finding.line == 2
    assert "city" in error.finding.hint


def test_an_unknown_locality_is_reported_at_the_input_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "zhangqi")
    error = raised(tmp_path, with_templates(MINIMAL, "zhangqqi"))
    assert error.finding.message.startswith("找不到地方模板“zhangqqi”")
    assert error.finding.line == 4 and error.finding.file.endswith("input.yaml")
    assert "zhangqi" in error.finding.hint


def test_a_locality_named_by_path_and_a_new_block_a_town_overrides(tmp_path: Path) -> None:
    county = make_locality(tmp_path, "county", report__j2="""\
        {% extends "report.j2" %}
        {% import "_county.j2" as county %}
        {% block signature %}
        {% block contact %}{{ county.contact("县司法局") }}{% endblock %}
        {{ super() }}
        {% endblock %}
        """, _county__j2="""\
        {% import "_blocks.j2" as b %}
        {% macro contact(office) %}
        {{ b.body("联系单位：" ~ office ~ "。") }}
        {% endmacro %}
        """)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "locality.yaml").write_text(f"extends: {county.as_posix()}\n", encoding="utf-8")
    (tmp_path / "mine" / "report.j2").write_text(
        '{% extends "report.j2" %}\n{% block contact %}[body] 联系单位：镇司法所。\n{% endblock %}\n', encoding="utf-8"
    )
    county_only = draft(tmp_path, with_templates(MINIMAL, "county"), "a.yaml")
    assert "联系单位：县司法局。" in county_only
    town = draft(tmp_path, with_templates(MINIMAL, "./mine"), "b.yaml")
    assert "联系单位：镇司法所。" in town and "联系单位：县司法局。" not in town


# --- defaults -----------------------------------------------------------------


LOCAL_DEFAULTS = """\
    name: 某某镇
    issuers: [某某镇人民政府, 中共某某镇委员会]
    addressee: 某某县人民政府
    guidance:
      - 《{年度}年度法治某某建设工作要点》
    headings:
      执法: 深化综合行政执法改革
      领导: 本地的领导小节标题
    metric_definitions:
      - {id: 坐诊天数, label: 法律服务窗口坐诊, unit: 天, area: 化解}
      - {id: 合同审查, label: 本地的合同审查说法, unit: 份, area: 决策}
"""


def test_the_inputs_own_values_win_over_the_localitys_defaults(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", locality=LOCAL_DEFAULTS)
    text = with_templates(MINIMAL.replace("  issuers: [某某镇人民政府]\n", ""), "town") + """\
metrics:
  坐诊天数: 450
measures:
  - area: 执法
    text: 推行行政执法事项清单。
  - area: 领导
    heading: 自己写的标题
    text: 落实第一责任人职责。
"""
    lines = draft(tmp_path, text)
    assert lines[2] == "某某县人民政府："
    assert "认真落实《2023年度法治某某建设工作要点》" in lines[3]
    assert "（一）深化综合行政执法改革。推行行政执法事项清单。" in lines
    assert "（二）自己写的标题。落实第一责任人职责。" in lines
    assert "（三）依法预防调处化解社会矛盾纠纷。本年度，法律服务窗口坐诊450天。" in lines  # appended: input order
    assert any("法律服务窗口坐诊450天" in line for line in lines)
    assert lines[-3:-1] == ["某某镇人民政府", "中共某某镇委员会"]

    own = text.replace("  templates: town\n", "  templates: town\n  issuers: 自己的署名\n  addressee: 自己的主送机关\n")
    own += "metric_definitions:\n  - {id: 坐诊天数, label: 自己的坐诊说法, unit: 天, area: 化解}\n"
    lines = draft(tmp_path, own, "own.yaml")
    assert lines[2] == "自己的主送机关："
    assert lines[-2] == "自己的署名"
    assert any("自己的坐诊说法450天" in line for line in lines)


def test_a_reference_docx_of_the_locality_styles_the_docx(tmp_path: Path) -> None:
    checked = check_file(write_yaml(tmp_path, MINIMAL, name="plain.yaml"))
    _, plain = render_formats(checked, ["docx"])
    folder = make_locality(tmp_path, "town", locality="reference: 样式.docx\n")
    with zipfile.ZipFile(folder / "样式.docx", "w") as out, zipfile.ZipFile(io.BytesIO(plain["docx"])) as src:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                data = re.sub(rb'w:eastAsia="[^"]*"', 'w:eastAsia="本地字体"'.encode(), data)
            out.writestr(info, data)
    _, local = render_formats(check_file(write_yaml(tmp_path, with_templates(MINIMAL, "town"))), ["docx"])
    styles = zipfile.ZipFile(io.BytesIO(local["docx"])).read("word/styles.xml").decode("utf-8")
    assert "本地字体" in styles

    (folder / "locality.yaml").write_text("reference: 没有这个.docx\n", encoding="utf-8")
    with pytest.raises(UserError, match="找不到参考样式文档“没有这个.docx”"):
        render_formats(check_file(write_yaml(tmp_path, with_templates(MINIMAL, "town"))), ["docx"])


def test_a_mistake_in_locality_yaml_names_the_file_and_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", locality="name: 某某镇\nisuers: [某某镇人民政府]\nheadings:\n  执发: 标题\n")
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    messages = {(f.line, f.message, f.hint) for f in error.findings}
    assert (2, "不认识的键“isuers”", "是不是想写“issuers”？") in messages
    assert any(line == 4 and message.startswith("“执发”只能填写：职能、制度、决策、执法、应急、化解、监督、数字、领导") for line, message, _ in messages)
    assert all(f.file.endswith("town/locality.yaml") for f in error.findings)


# --- the clerk's template mistakes --------------------------------------------


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", report__j2='{% extends "report.j2" %}\n\n{% block opening %}\n{{ b.body("x" }}\n{% endblock %}\n')
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert isinstance(error, TemplateError)
    assert error.finding.message.startswith("模板语法错误")
    assert error.finding.file.endswith("templates/localities/town/report.j2") and error.finding.line == 4


def test_an_undefined_variable_names_the_variable_template_and_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", report__j2="""\
        {% extends "report.j2" %}
        {% block opening %}
        {{ b.body(report.locality ~ "现将情况报告如下：") }}
        {{ b.body(report.chief ~ "同志主持工作。") }}
        {% endblock %}
        """)
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert error.finding.message == "模板使用了不存在的变量“report.chief”"
    assert error.finding.file.endswith("templates/localities/town/report.j2") and error.finding.line == 4

    make_locality(tmp_path, "town", report__j2='{% extends "report.j2" %}\n{% block title %}\n{{ b.title(titel) }}\n{% endblock %}\n')
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert error.finding.message == "模板使用了不存在的变量“titel”" and error.finding.line == 3


def test_overriding_a_block_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", report__j2="""\
        {% extends "report.j2" %}

        {% block measure_heading %}
        {{ b.h1("一、主要举措和成效") }}
        {% endblock %}
        """)
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert isinstance(error, TemplateError)
    assert error.finding.message.startswith("模板重写了不存在的块“measure_heading”")
    assert error.finding.file.endswith("templates/localities/town/report.j2") and error.finding.line == 3
    assert "是不是想写“measures_heading”？" in error.finding.hint


def test_extending_a_template_that_does_not_exist_names_the_line(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", report__j2='{#- 本镇 -#}\n{% extends "repotr.j2" %}\n')
    error = raised(tmp_path, with_templates(MINIMAL, "town"))
    assert error.finding.message == "找不到要继承的模板“repotr.j2”"
    assert error.finding.file.endswith("templates/localities/town/report.j2") and error.finding.line == 2


def test_a_template_mistake_is_exit_1_with_file_and_line_not_a_traceback(tmp_path: Path) -> None:
    make_locality(tmp_path, "town", report__j2='{% extends "report.j2" %}\n{% block opening %}{% endblok %}\n')
    write_yaml(tmp_path, with_templates(MINIMAL, "town"))
    result = run_cli("render", "input.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 1
    assert re.search(r"templates/localities/town/report\.j2:2: 错误：模板语法错误", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


# --- the scaffold ----------------------------------------------------------------


@pytest.mark.parametrize("parent", [None, "county"])
def test_a_new_locality_renders_unchanged_until_edited(tmp_path: Path, parent: str | None) -> None:
    root = tmp_path / "templates" / "localities"
    make_locality(tmp_path, "county", report__j2='{% extends "report.j2" %}\n{% block title %}\n{{ b.title("县里的标题") }}\n{% endblock %}\n')
    before = draft(tmp_path, with_templates(FULL, parent) if parent else FULL, "before.yaml")
    written = new_locality("zhangqi", "掌起镇", parent, root)
    assert [p.name for p in written] == ["locality.yaml", "report.j2", "_zhangqi.j2"]
    assert draft(tmp_path, with_templates(FULL, "zhangqi"), "after.yaml") == before

    folder = root / "zhangqi"
    settings = (folder / "locality.yaml").read_text(encoding="utf-8")
    for key in ("name: 掌起镇", "issuers:", "掌起镇人民政府", "addressee:", "guidance:", "{年度}", "headings:",
                "metric_definitions:", "reference:"):
        assert key in settings
    assert (f"extends: {parent}" in settings) == bool(parent)
    template = (folder / "report.j2").read_text(encoding="utf-8")
    for example in ("{% block measures_heading %}", "super()", "{% block subsection %}", "{% block attachment %}",
                    '{% import "_zhangqi.j2" as local %}'):
        assert example in template


def test_the_scaffolds_examples_work_once_uncommented(tmp_path: Path) -> None:
    root = tmp_path / "templates" / "localities"
    new_locality("town", "某某镇", None, root)
    folder = root / "town"

    def uncomment(text: str) -> str:  # what the header tells the clerk to do
        return re.sub(r"\{#- 示例.*?\n(?=\{[%{])|^-#\}\n", "", text, flags=re.S | re.M)

    for name in ("report.j2", "_town.j2"):
        (folder / name).write_text(uncomment((folder / name).read_text(encoding="utf-8")), encoding="utf-8")
    settings = (folder / "locality.yaml").read_text(encoding="utf-8")
    (folder / "locality.yaml").write_text(re.sub(r"^# (?!extends)(?=[a-z_]+:|  )", "", settings, flags=re.M), encoding="utf-8")
    text = with_templates(FULL.replace("  issuers: [某某镇人民政府]\n", ""), "town") + "other:\n  - 其他情况。\n"
    lines = draft(tmp_path, text)
    assert "一、主要举措和成效" in lines
    assert lines[3].endswith("现将工作推进情况报告如下：")
    assert "本镇综合行政执法队伍坚持……。" in lines
    assert "附件：……" in lines and "联系人：张三，联系电话：0574-12345678。" in lines


def test_locality_new_from_the_command_line(tmp_path: Path) -> None:
    result = run_cli("locality", "new", "cixi", "--name", "慈溪市", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "templates: cixi" in result.stdout
    result = run_cli("locality", "new", "zhangqi", "--name", "掌起镇", "--extends", "cixi", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "templates" / "localities" / "zhangqi" / "report.j2").is_file()

    again = run_cli("locality", "new", "zhangqi", cwd=tmp_path)
    assert again.returncode == 1 and "已存在" in again.stderr
    orphan = run_cli("locality", "new", "x", "--extends", "nowhere", cwd=tmp_path)
    assert orphan.returncode == 1 and "找不到上级地方模板“nowhere”" in orphan.stderr and "cixi" in orphan.stderr
    bad = run_cli("locality", "new", "a/b", cwd=tmp_path)
    assert bad.returncode == 2 and "不能用作文件夹名" in bad.stderr
    assert not (tmp_path / "templates" / "localities" / "x").exists()


# --- the examples and `locality show` ---------------------------------------------


def test_the_example_localities_speak_like_the_sample() -> None:
    example = REPO / "inputs" / "examples" / "zhangqi-2023.yaml"
    checked = check_file(example)
    assert checked.locality is not None and checked.locality.label == "掌起镇 → 慈溪市"
    headings = [b.full for b in build_document(checked).blocks if b.role == "heading1"]
    assert headings == ["一、主要举措和成效", "二、存在的不足和原因", "三、2024年度推进法治建设的主要安排"]


def test_locality_show_tells_which_file_supplies_each_block() -> None:
    result = run_cli("locality", "show", "inputs/examples/zhangqi-2023.yaml")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines() if line.startswith("  ") and line.split()}
    assert "掌起镇" in rows["opening"] and "templates/localities/zhangqi/report.j2:" in rows["opening"]
    assert "慈溪市" in rows["measures_heading"] and "templates/localities/cixi/report.j2:" in rows["measures_heading"]
    assert "默认模板" in rows["title"] and "templates/default/base.j2:" in rows["title"]
    assert re.search(r"发文机关署名\s+掌起镇人民政府\s+掌起镇\s+templates/localities/zhangqi/locality\.yaml:\d+", result.stdout)
    assert re.search(r"《2023年度法治慈溪建设工作要点》\s+慈溪市", result.stdout)

    missing = run_cli("locality", "show", "nothing.yaml")
    assert missing.returncode == 1 and "找不到这个文件" in missing.stderr


@pytest.mark.parametrize("command", [["locality"], ["locality", "new"], ["locality", "show"], ["snapshot"]])
def test_help_of_the_new_commands_is_in_chinese(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "用法：" in result.stdout
    assert not re.search(r"Usage|Options|Arguments|Commands|Show this", result.stdout), result.stdout


def test_a_name_the_file_system_cannot_hold_is_a_message_not_a_crash(tmp_path: Path) -> None:
    error = raised(tmp_path, with_templates(MINIMAL, "镇" * 200))
    assert error.finding.message.startswith("找不到地方模板")
    result = run_cli("locality", "new", "z" * 300, cwd=tmp_path)
    assert result.returncode == 1 and "无法新建地方模板文件夹" in result.stderr and "内部错误" not in result.stderr
