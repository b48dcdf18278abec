"""The rules shared by checks, the draft and next year's file, each defined
once: the clerk's texts and their paths, years in text, approximate values,
derived rates and gaps."""

from pathlib import Path

import pytest
import yaml

from generator.input.catalog import metric_catalog
from generator.input.loading import load
from generator.input.entrance import read_input
from generator.nextyear import carry_forward
from generator.render.document import pieces
from generator.report.checks import run_checks
from generator.report.numbers import approximate
from generator.report.texts import answering, iter_texts, move_year, names_year, stale_years
from generator.report.values import reported, stated_in_wan, unit_of
from tests.helpers import MINIMAL, write_yaml


@pytest.mark.parametrize(
    ("text", "stale"),
    [
        ("2021年全镇办理", [2021]),  # reads like last year's report copied
        ("2022年度示范单位", [2022]),
        # years of history: a final report may name them, --strict must not refuse them
        ("2021年以来累计办理", []),
        ("自2019年以来", []),
        ("自2019年起实行", []),
        ("从2020年开始", []),
        ("2019 年以来", []),
        ("2019年至2022年累计", []),  # a range, both ends
        ("2019—2022年累计", []),
        ("落实2021年出台的实施办法", []),  # an attribute of a document: history
        ("2021年出台了实施办法", [2021]),  # what was done that year: maybe copied
        ("贯彻《法治政府建设实施纲要（2015—2020年）》", []),
        ("2023年全镇……2024年将", []),
        ("2022 年度", [2022]),  # a space before 年
        ("受理案件2015件", []),  # a count, not a year
        ("依据〔2021〕12号文件", []),  # a document number
        ("贯彻《法治政府建设实施纲要（2015—2020年）》", []),  # a document's title
        ("12021年", []),  # part of a longer number
        ("", []),
    ],
)
def test_a_stale_year_is_a_year_of_work_other_than_this_and_next(text: str, stale: list[int]) -> None:
    assert stale_years(text, 2023) == stale


def test_checks_and_next_year_agree_on_what_a_stale_year_is(tmp_path: Path) -> None:
    """A heading with a count that looks like a year is neither warned about
    nor dropped from next year's file; one with a past year is both."""
    body = MINIMAL + (
        "plans:\n  items:\n    - {heading: 办理案件2015件, text: 继续推进}\n    - {heading: 巩固2021年成果, text: 继续推进}\n"
    )
    path = write_yaml(tmp_path, body)
    warned = [f.path for f in run_checks(load(path)) if "正文提到了" in f.message]
    assert warned == ["plans.items[2].heading"]  # paths count from 1
    carried = yaml.safe_load(carry_forward(read_input(path), 2024, tmp_path / "new.yaml"))
    assert [p.get("heading") for p in carried["last_year"]["plans"]] == ["办理案件2015件", "巩固2021年成果"]
    stub_headings = [g.get("heading") for g in carried["measures"] if g.get("answers")]
    assert stub_headings == ["办理案件2015件", None]  # the 2021 heading is not carried as a heading


def test_moving_a_year_leaves_ranges_alone() -> None:
    assert move_year("《2023年度法治建设工作要点》", 2023, 2024) == "《2024年度法治建设工作要点》"
    assert names_year("《2023年度法治建设工作要点》", 2023)
    assert not names_year("《纲要（2019—2023年）》", 2023)
    assert move_year("《纲要（2019—2023年）》", 2023, 2024) == "《纲要（2019—2023年）》"


def test_every_text_and_every_answering_part_with_its_path(tmp_path: Path) -> None:
    body = MINIMAL + """\
  opening: 开头
measures:
  - area: 执法
    heading: 小节
    points: [{heading: 一, text: 甲}]
shortcomings:
  intro: 引言
  items: [不足]
  causes: [原因]
other: 其他
"""
    report = load(write_yaml(tmp_path, body)).report
    assert list(iter_texts(report)) == [
        (("report", "opening"), "开头"),
        (("measures", 0, "heading"), "小节"),
        (("measures", 0, "points", 0, "heading"), "一"),
        (("measures", 0, "points", 0, "text"), "甲"),
        (("shortcomings", "intro"), "引言"),
        (("shortcomings", "items", 0, "text"), "不足"),
        (("shortcomings", "causes", 0, "text"), "原因"),
        (("other", "intro"), "其他"),
    ]
    assert [path for path, _ in answering(report)] == [
        ("measures", 0),
        ("measures", 0, "points", 0),
        ("shortcomings", "items", 0),
        ("shortcomings", "causes", 0),
    ]


def test_approximate_values_read_as_a_clerk_writes_them() -> None:
    assert approximate("120", "约") == "约120"
    assert approximate("800", "余") == "800余"
    assert approximate("300", "多") == "300多"
    assert approximate("51", None) == "51"


def test_a_derived_rate_and_an_amount_in_wan(tmp_path: Path) -> None:
    body = MINIMAL + "metrics:\n  调解受理: {value: 40, last_year: 50}\n  调解成功: {value: 39, last_year: 45}\n  调解金额: {value: 25000, unit: 元}\n"
    report = load(write_yaml(tmp_path, body)).report
    catalog = metric_catalog(report)
    rate = catalog["调解成功率"]
    assert reported(report, rate) == 97.5
    assert reported(report, rate, last_year=True) == 90.0
    money = catalog["调解金额"]
    assert unit_of(report, money) == "元" and stated_in_wan(money, "元", 25000)
    assert not stated_in_wan(money, "元", 9999) and not stated_in_wan(money, "万元", 25000)


def test_text_split_at_its_gaps() -> None:
    assert pieces("共【待填：合同审查（份）】，其中【待填：甲】") == [
        ("共", ""),
        ("【待填：合同审查（份）】", "gap"),
        ("，其中", ""),
        ("【待填：甲】", "gap"),
    ]
    assert pieces("") == []


def test_history_years_do_not_hold_back_the_final_version(tmp_path: Path) -> None:
    """--strict refuses every warning, so a year of history must not be one;
    a year that reads like last year's report copied still is."""
    body = MINIMAL + (
        "plans:\n  items:\n"
        "    - {heading: 巩固改革成果, text: 自2019年以来累计培训执法人员，2019年至2022年连续获评示范单位}\n"
        "    - {heading: 深化执法改革, text: 2022年全镇办理案件}\n"
    )
    warned = [(f.path, f.message) for f in run_checks(load(write_yaml(tmp_path, body))) if "正文提到了" in f.message]
    assert warned == [("plans.items[2].text", "正文提到了2022年（报告年度为2023年）")]


def test_a_stale_year_hint_never_says_ignore_what_strict_refuses(tmp_path: Path) -> None:
    """--strict refuses every warning, so the hint must not tell the clerk to
    ignore it; the wordings it suggests must themselves pass the check."""
    body = MINIMAL + "plans:\n  items:\n    - {heading: 深化执法改革, text: 2021年全镇办理案件}\n"
    (finding,) = [f for f in run_checks(load(write_yaml(tmp_path, body))) if "正文提到了" in f.message]
    assert "忽略" not in finding.hint and "--strict" in finding.hint
    for wording in ("上年度", "2021年以来", "自2021年起"):
        assert wording in finding.hint
        assert stale_years(f"{wording}全镇办理案件", 2023) == []
