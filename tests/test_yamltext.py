"""One way to write the YAML a clerk reads and fills: the skeleton, next
year's file and a new locality's settings all go through ``yamltext``, so a
name YAML would misread is quoted and an example switched off comes back on
at the right indentation."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.input.yamltext import Wording, YamlText, same_words
from generator.scaffold import locality_settings
from generator.skeleton import skeleton

NAMES = ["某: 镇", "#1镇", "'某'镇", "某镇 # 新区", "[某]街道", "某镇: "]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_yaml_would_misread_is_written_so_it_reads_back(name: str) -> None:
    data = yaml.safe_load(skeleton(name, 2024))
    assert data["report"]["locality"] == name
    assert yaml.safe_load(locality_settings(name, None, "默认模板"))["name"] == name


def test_an_example_switched_off_comes_back_on_at_its_indentation() -> None:
    text = skeleton("某某镇", 2024)
    # what the skeleton tells the clerk: delete the "# " of the lines to use
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("# points:"))
    for i in range(start, start + 4):
        lines[i] = re.sub(r"^(\s*)# ", r"\1", lines[i], count=1)
    group = yaml.safe_load("\n".join(lines))["measures"][0]
    assert group["points"] == [{"heading": "小标题", "text": "正文"}] and group["points_style"] == "一是"
    settings = locality_settings("掌起镇", None, "默认模板")
    on = yaml.safe_load(re.sub(r"^# (?=[a-z_]+:|  )", "", settings, flags=re.M))
    assert on["issuers"] == ["掌起镇人民政府"] and on["headings"] == {"执法": "深化综合行政执法改革"}
    assert on["metric_definitions"] == [{"id": "法律服务坐诊", "label": "镇、村法律服务窗口坐诊", "unit": "天", "area": "化解"}]


def test_comments_align_and_blocks_keep_every_line() -> None:
    out = YamlText()
    out.entry(0, "text", "第一段\n第二段 # 不是注释", "正文")
    out.item(2, None)
    out.entry(2, "key", "值", "说明", off=2)
    assert out.text() == "text: |-" + " " * 20 + "# 正文\n  第一段\n  第二段 # 不是注释\n  -\n  # key: 值                 # 说明\n"


def test_wording_fills_its_names_and_keeps_the_clerks_braces() -> None:
    say = Wording("nextyear")
    assert say("value", new=2025) == "2025年的数值"
    assert "{指标}" in say("header", locality="某镇", old=2024, new=2025, source="a.yaml")
    assert any(p.fullmatch(same_words("2019年的报告中没有填写")) for p in say.patterns())
    assert not any(p.fullmatch(same_words("张律师、李律师")) for p in say.patterns())


@pytest.mark.parametrize("name", ["nextyear", "skeleton", "locality_scaffold/locality"])
def test_a_wording_file_names_each_comment_once(name: str) -> None:
    from importlib import resources

    from generator.input.loading import parse_yaml

    text = resources.files("generator").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    assert parse_yaml(text, name)[2] == []  # a key written twice: the later silently wins
