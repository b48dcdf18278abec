"""Inputs a clerk may really write that once crashed or misled the draft."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import build_document, check_file
from generator.render.writers.text import render as render_text
from tests.helpers import MINIMAL, write_yaml


def draft(tmp_path: Path, text: str) -> str:
    checked = check_file(write_yaml(tmp_path, text))
    assert not checked.errors, checked.errors
    return render_text(build_document(checked)).decode("utf-8")


def test_an_area_with_more_than_99_measures_is_numbered_on(tmp_path: Path) -> None:
    measures = "".join(f"  - area: 执法\n    heading: 第{i}项工作\n    text: 内容{i}。\n" for i in range(1, 102))
    text = draft(tmp_path, MINIMAL + "measures:\n" + measures)
    assert "（九十九）第99项工作" in text
    assert "（一百）第100项工作" in text and "（一百零一）第101项工作" in text


def test_invisible_characters_never_reach_the_draft(tmp_path: Path) -> None:
    text = MINIMAL.replace("某某镇\n", "某某\u200b镇\n", 1) + "measures:\n  - area: 执法\n    text: 办理案件\u202e12件\u200d。\n"
    checked = check_file(write_yaml(tmp_path, text))
    warned = [f for f in checked.warnings if "不可见的控制字符" in f.message]
    assert {f.line for f in warned} == {2, 9}
    draft_text = render_text(build_document(checked)).decode("utf-8")
    assert "某某镇2023年度" in draft_text and "办理案件12件。" in draft_text
    assert not set(draft_text) & {"\u200b", "\u202e", "\u200d"}


def test_no_year_over_year_from_an_approximate_value(tmp_path: Path) -> None:
    text = MINIMAL + (
        "metrics:\n  主动公开: {value: 800余, last_year: 700}\n"
        "measures:\n  - area: 监督\n    text: 主动公开信息{主动公开}，{主动公开.yoy}，{主动公开.change}。\n"
    )
    checked = check_file(write_yaml(tmp_path, text))
    assert [g.what for g in checked.gaps] == ["主动公开政府信息同比（本年数是约数，不能算同比：请填准确数或改写）"]
    draft_text = render_text(build_document(checked)).decode("utf-8")
    assert "14.3%" not in draft_text and "增加100" not in draft_text
    assert "主动公开信息800余条，【待填：主动公开政府信息同比" in draft_text


def test_the_automatic_sentence_says_none_for_a_zero_and_warns_of_a_group_it_makes(tmp_path: Path) -> None:
    text = MINIMAL + (
        "metrics:\n  行政诉讼败诉: 0\n  调解受理: {value: 12, last_year: 10}\n"
        "measures:\n  - area: 执法\n    text: 严格执法。\n"
    )
    checked = check_file(write_yaml(tmp_path, text))
    made = [f for f in checked.warnings if "单独新建了" in f.message]
    assert [(f.line, f.path) for f in made] == [(8, "metrics.行政诉讼败诉")]
    assert "“依法预防调处化解社会矛盾纠纷”小节" in made[0].message
    draft_text = render_text(build_document(checked)).decode("utf-8")
    assert "本年度，无行政诉讼败诉案件；受理矛盾纠纷12件，同比增长20%。" in draft_text
    assert "败诉案件0件" not in draft_text


def test_progress_on_last_years_shortcomings_is_not_listed_as_this_years(tmp_path: Path) -> None:
    """After init --from, an item answering last year's 不足 tells what became of
    it: it reads as a lead-in about last year's problems, not as 一是 of this year's."""
    text = draft(
        tmp_path,
        MINIMAL
        + "measures:\n  - area: 执法\n    text: 办理案件。\n"
        + "shortcomings:\n  items:\n"
        + "    - {answers: 不足1, text: 遗留的行政诉讼案件已审结1件}\n"
        + "    - {answers: 不足2, text: 创新项目已完成申报}\n"
        + "    - {text: 基层法治宣传的针对性不强}\n"
        + "last_year:\n  shortcomings:\n"
        + "    - {id: 不足1, text: 行政争议案件需进一步化解}\n    - {id: 不足2, text: 创新项目培育力度有待加强}\n",
    )
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.endswith("存在的不足和原因")) + 1
    part = lines[start : lines.index("", start)]
    assert part == [
        "上年度查摆问题整改情况：遗留的行政诉讼案件已审结1件。创新项目已完成申报。",
        "基层法治宣传的针对性不强。",  # one shortcoming of this year: not numbered
    ]
