"""Consistency checks: every finding collected, each with its line."""

from pathlib import Path

from generator.report.checks import run_checks
from generator.input.loading import load
from tests.helpers import MINIMAL, write_yaml


def findings(tmp_path: Path, extra: str, base: str = MINIMAL) -> list[tuple[str, int | None, str]]:
    source = load(write_yaml(tmp_path, base + extra))
    return [(f.severity, f.line, f.message) for f in run_checks(source)]


def errors(tmp_path: Path, extra: str, base: str = MINIMAL) -> list[tuple[int | None, str]]:
    return [(line, message) for severity, line, message in findings(tmp_path, extra, base) if severity == "error"]


def test_unknown_metric_suggests_a_close_one(tmp_path: Path) -> None:
    source = load(write_yaml(tmp_path, MINIMAL + "metrics:\n  合同审核: 51\n"))
    (finding,) = [f for f in run_checks(source) if f.severity == "error"]
    assert finding.line == 8
    assert finding.message == "没有名为“合同审核”的指标"
    assert "合同审查" in finding.hint


def test_citation_of_unknown_metric(tmp_path: Path) -> None:
    extra = "measures:\n  - area: 决策\n    heading: 规范决策\n    text: 审查合同{合同数}\n"
    assert errors(tmp_path, extra) == [(10, "正文引用了不存在的指标“{合同数}”")]


def test_parts_must_add_up_when_complete(tmp_path: Path) -> None:
    extra = """\
metrics:
  主动公开:
    value: 738
    parts: {文件公开和政策解读: 25, 公告公示: 289, 政务活动: 300, 财政信息: 13, 重点领域公开: 15, 五公开: 95}
    parts_complete: true
"""
    (only,) = errors(tmp_path, extra)
    assert only[0] == 10
    assert "25+289+300+13+15+95 = 737，与总数 738 不符" in only[1]
    assert errors(tmp_path, extra.replace("五公开: 95", "五公开: 96")) == []
    assert errors(tmp_path, extra.replace("parts_complete: true", "parts_complete: false")) == []


def test_part_larger_than_whole(tmp_path: Path) -> None:
    extra = "metrics:\n  行政处罚决定:\n    value: 7\n    parts: {交通领域: 67}\n"
    assert errors(tmp_path, extra) == [(10, "“作出行政处罚决定”中的“交通领域”（67）大于总数（7）")]


def test_succeeded_not_above_received(tmp_path: Path) -> None:
    extra = "metrics:\n  调解受理: 96\n  调解成功: 97\n"
    assert errors(tmp_path, extra) == [(9, "“调解成功”（97）大于“受理矛盾纠纷”（96）")]


def test_stated_rate_must_match_its_counts(tmp_path: Path) -> None:
    extra = "metrics:\n  调解受理: 236\n  调解成功: 230\n  调解成功率: 98.5\n"
    (only,) = errors(tmp_path, extra)
    assert only == (10, "填写的“调解成功率”为 98.5%，按“调解成功”÷“受理矛盾纠纷”计算应为 97.5%")
    assert errors(tmp_path, extra.replace("98.5", "97.5")) == []


def test_rate_and_count_ranges(tmp_path: Path) -> None:
    extra = "metrics:\n  负责人出庭率: 120\n  合同审查: 5.5\n"
    assert [line for line, _ in errors(tmp_path, extra)] == [8, 9]


def test_date_must_follow_the_report_year(tmp_path: Path) -> None:
    (error,) = errors(tmp_path, "", MINIMAL.replace("2024-02-26", "2023-02-26"))
    assert error[0] == 6 and "早于报告年度 2023 年结束" in error[1]
    late = findings(tmp_path, "", MINIMAL.replace("2024-02-26", "2024-05-06"))
    assert ("warning", 6, "成文日期 2024-05-06 晚于 2024 年 4 月 1 日（年度报告的公开时限）") in late


def test_year_out_of_range(tmp_path: Path) -> None:
    (error,) = errors(tmp_path, "", MINIMAL.replace("year: 2023", "year: 1923"))
    assert error[0] == 4


def test_typed_numbering_in_a_heading_is_a_warning(tmp_path: Path) -> None:
    extra = "measures:\n  - area: 执法\n    heading: （一）规范执法\n    text: 落实三项制度。\n"
    warnings = [(line, m) for s, line, m in findings(tmp_path, extra) if s == "warning"]
    assert (9, "标题“（一）规范执法”自带了序号") in warnings


def test_missing_required_parts_are_warnings_not_errors(tmp_path: Path) -> None:
    result = findings(tmp_path, "")
    assert all(severity == "warning" for severity, _, _ in result)
    assert len([m for _, _, m in result if m.startswith("缺少报告必备的部分")]) == 4
