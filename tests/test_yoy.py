"""Year over year: the arithmetic (generator/yoy.py) and its wording in the
templates (templates/default/_yoy.j2), in the automatic metric sentence and
in {指标.yoy} / {指标.change} cited in the clerk's text."""

from pathlib import Path

import pytest

from generator.pipeline import build_document, check_file
from generator.report.yoy import compare
from tests.helpers import MINIMAL, write_yaml


@pytest.mark.parametrize(
    ("this", "last", "kind", "direction", "delta", "unit", "percent"),
    [
        (90, 80, "count", "up", "10", "件", "12.5"),
        (91, 100, "count", "down", "9", "件", "9"),  # trailing zero dropped: 9, not 9.0
        (50, 50, "count", "same", "0", "件", "0"),
        (5, 0, "count", "up", "5", "件", None),  # nothing to divide by
        (99.8, 97.5, "rate", "up", "2.3", "个百分点", None),  # points, never a percentage of a rate
        (97.4, 99.8, "rate", "down", "2.4", "个百分点", None),
        (1, 3, "count", "down", "2", "件", "66.7"),  # half up, one decimal
    ],
)
def test_compare(this: float, last: float, kind: str, direction: str, delta: str, unit: str, percent: str | None) -> None:
    change = compare(this, last, kind, "件")
    assert (change.direction, change.delta, change.unit, change.percent) == (direction, delta, unit, percent)


def test_zero_or_approximate_is_not_comparable() -> None:
    assert compare(5, 0, "count", "件").comparable is False
    assert compare(0.5, 0, "rate", "%").comparable is False
    assert compare(800, 700, "count", "条", approx=True).comparable is False
    assert compare(800, 700, "count", "条").comparable is True


def test_amount_delta_in_the_displayed_unit() -> None:
    change = compare(10872500, 9000000, "amount", "万元", divisor=10000)
    assert (change.delta, change.unit, change.percent) == ("187.25", "万元", "20.8")
    assert (change.signed_delta, change.signed_percent) == ("+187.25", "+20.8%")


def _group_text(tmp_path: Path, metrics: str, text: str | None = None, search_path: tuple[Path, ...] = ()) -> str:
    body = MINIMAL + "metrics:\n" + metrics
    if text is not None:
        body += f"measures:\n  - area: 决策\n    heading: 依法决策\n    text: \"{text}\"\n"
    checked = check_file(write_yaml(tmp_path, body), search_path)
    (group,) = [b for b in build_document(checked, search_path).blocks if b.role == "heading2"]
    return group.text


@pytest.mark.parametrize(
    ("metric", "sentence"),
    [
        ("合同审查: {value: 90, last_year: 80}", "本年度，合法性审查行政机关合同90份，同比增长12.5%。"),
        ("合同审查: {value: 91, last_year: 100}", "本年度，合法性审查行政机关合同91份，同比下降9%。"),
        ("合同审查: {value: 51, last_year: 51}", "本年度，合法性审查行政机关合同51份，与上年持平。"),
        ("合同审查: 51", "本年度，合法性审查行政机关合同51份。"),  # no last year: no comparison
        ("合同审查: {value: 51, last_year: 0}", "本年度，合法性审查行政机关合同51份。"),  # zero: no 增长∞
        ("合同审查: {value: 51余, last_year: 40}", "本年度，合法性审查行政机关合同51余份。"),  # approximate
    ],
)
def test_the_automatic_sentence_states_the_comparison(tmp_path: Path, metric: str, sentence: str) -> None:
    assert _group_text(tmp_path, f"  {metric}\n") == sentence


def test_rates_change_in_percentage_points(tmp_path: Path) -> None:
    metrics = "  调解受理: {value: 500, last_year: 400}\n  调解成功: {value: 499, last_year: 390}\n"
    text = _group_text(tmp_path, metrics)
    assert text == (
        "本年度，受理矛盾纠纷500件，同比增长25%；调解成功499件，同比增长27.9%；"
        "调解成功率达99.8%，同比提高2.3个百分点。"  # 97.5% last year, computed from last year's counts
    )


def test_citations_of_the_comparison_in_text(tmp_path: Path) -> None:
    metrics = "  合同审查: {value: 58, last_year: 51}\n  依申请公开: {value: 5, last_year: 0}\n"
    text = "合同{合同审查}，{合同审查.yoy}，{合同审查.change}，上年{合同审查.last_year}；依申请公开{依申请公开}，{依申请公开.yoy}"
    assert _group_text(tmp_path, metrics, text) == "合同58份，同比增长13.7%，增加7份，上年51份；依申请公开5件，较上年增加5件。"


def test_a_cited_comparison_without_last_year_is_a_gap(tmp_path: Path) -> None:
    body = MINIMAL + "metrics:\n  合同审查: 58\nmeasures:\n  - area: 决策\n    heading: 依法决策\n    text: 合同{合同审查}，{合同审查.yoy}\n"
    checked = check_file(write_yaml(tmp_path, body))
    assert [g.what for g in checked.gaps] == ["合法性审查行政机关合同上年度数值（份）"]
    (group,) = [b for b in build_document(checked).blocks if b.role == "heading2"]
    assert group.text == "合同58份，【待填：合法性审查行政机关合同上年度数值（份）】"


def test_last_year_in_yuan_is_stated_in_wan_like_this_year(tmp_path: Path) -> None:
    metrics = "  调解金额: {value: 10872500, unit: 元, last_year: 9000000}\n"
    text = "金额{调解金额}，上年{调解金额.last_year}，{调解金额.change}"
    assert _group_text(tmp_path, metrics, text) == "金额1087.25万元，上年900万元，增加187.25万元。"


def test_a_locality_words_the_comparison_its_own_way(tmp_path: Path) -> None:
    folder = tmp_path / "town"
    folder.mkdir()
    (folder / "_yoy.j2").write_text(
        '{% macro yoy(c) %}比上年{{ "多" if c.direction == "up" else "少" }}{{ c.delta }}{{ c.unit }}{% endmacro %}\n'
        '{% macro change(c) %}{{ yoy(c) }}{% endmacro %}\n',
        encoding="utf-8",
    )
    cited = _group_text(tmp_path, "  合同审查: {value: 58, last_year: 51}\n", "合同{合同审查}，{合同审查.yoy}", search_path=(folder,))
    assert cited == "合同58份，比上年多7份。"
    sentence = _group_text(tmp_path, "  主动公开: {value: 90, last_year: 100}\n", search_path=(folder,))
    assert sentence == "本年度，主动公开政府信息90条，比上年少10条。"
