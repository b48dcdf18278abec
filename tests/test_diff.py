"""`reportgen diff OLD.yaml NEW.yaml`: every metric of the two years, the
plans not followed up, metrics that appeared or disappeared; as a table, CSV
and Markdown."""

import csv
import io
from pathlib import Path

import pytest

from generator.diffing import YearDiff, diff_files, to_csv, to_markdown
from tests.helpers import MINIMAL, run_cli, write_yaml

OLD = MINIMAL + """\
metrics:
  合同审查: 51
  调解受理: 400
  调解成功: 390
  依申请公开: 0
  主动公开: 800余
  调解金额: {value: 9000000, unit: 元}
  普法活动: 12
plans:
  items:
    - {heading: 加强执法队伍管理, text: 定期组织执法培训。}
    - {heading: 推动行政争议化解, text: 跟进案件。}
"""

NEW = """\
report:
  locality: 某某镇
  level: 镇
  year: 2024
metrics:
  合同审查: {value: 58, last_year: 51}
  调解受理: {value: 500, last_year: 400}
  调解成功: {value: 499, last_year: 390}
  依申请公开: {value: 5, last_year: 0}
  主动公开: {value: 900, last_year: 800}
  调解金额: {value: 1087.25, last_year: 900}
  行政复议案件: 2
measures:
  - area: 执法
    answers: 安排1
    text: 组织执法培训6场。
last_year:
  plans:
    - {id: 安排1, heading: 加强执法队伍管理}
    - {id: 安排2, heading: 推动行政争议化解}
"""


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write_yaml(tmp_path, OLD, name="town-2023.yaml"), write_yaml(tmp_path, NEW, name="town-2024.yaml")


@pytest.fixture
def diff(pair: tuple[Path, Path]) -> YearDiff:
    return diff_files(*pair)


def test_every_metric_with_change_and_percent(diff: YearDiff) -> None:
    rows = {row.label: row.cells()[1:] for row in diff.rows}
    assert rows["合法性审查行政机关合同"] == ("份", "51", "58", "+7", "+13.7%", "")
    assert rows["受理矛盾纠纷"] == ("件", "400", "500", "+100", "+25%", "")
    assert rows["调解成功率"] == ("%", "97.5", "99.8", "+2.3个百分点", "", "")  # points, computed from the counts
    assert rows["办理政府信息依申请公开"] == ("件", "0", "5", "+5", "", "上年为0，不计算增幅")
    assert rows["主动公开政府信息"] == ("条", "800余", "900", "+100", "+12.5%", "含约数，增减仅供参考")
    # last year in 元, this year in 万元: compared in 万元
    assert rows["调解涉及金额"] == ("万元", "900", "1087.25", "+187.25", "+20.8%", "")


def test_metrics_that_appeared_or_disappeared(diff: YearDiff) -> None:
    rows = {row.label: row.cells()[-1] for row in diff.rows}
    assert rows["办理行政复议案件"] == "新增指标"
    assert rows["开展普法宣传活动"] == "本年度文件中没有这项指标"
    assert diff.appeared == ["办理行政复议案件"]
    assert diff.disappeared == ["开展普法宣传活动"]


def test_plans_not_followed_up(diff: YearDiff) -> None:
    assert [(u.item.id, u.item.heading) for u in diff.not_answered] == [("安排2", "推动行政争议化解")]
    assert ("上年度安排中落实情况还没有写的", ["安排2：推动行政争议化解"]) in diff.remarks()


def test_a_new_input_not_made_by_init_from_lists_every_plan_unchecked(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    new = write_yaml(tmp_path, NEW.split("measures:")[0], name="plain.yaml")
    remarks = dict(diff_files(pair[0], new).remarks())
    assert remarks["上年度安排（本年度文件没有 last_year 记录，无法核对是否已回应）"] == [
        "安排1：加强执法队伍管理",
        "安排2：推动行政争议化解",
    ]


def test_last_year_stated_differently_in_the_new_input_is_noted(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    new = write_yaml(tmp_path, NEW.replace("{value: 58, last_year: 51}", "{value: 58, last_year: 50}"), name="n.yaml")
    (row,) = [r for r in diff_files(pair[0], new).rows if r.id == "合同审查"]
    assert row.cells()[2:] == ("51", "58", "+7", "+13.7%", "本年度文件中的上年数为50")


def test_csv(diff: YearDiff) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(diff))))
    assert rows[0] == ["指标", "单位", "上年", "本年", "增减", "增减幅度", "说明"]  # no title above the header
    assert rows[1] == ["合法性审查行政机关合同", "份", "51", "58", "+7", "+13.7%", ""]
    assert ["上年度安排中落实情况还没有写的"] in rows and ["安排2：推动行政争议化解"] in rows


def test_markdown(diff: YearDiff) -> None:
    lines = to_markdown(diff).splitlines()
    assert lines[:4] == [
        "## 某某镇指标对比：2023年 → 2024年",
        "",
        "| 指标 | 单位 | 上年 | 本年 | 增减 | 增减幅度 | 说明 |",
        "|---|---|---|---|---|---|---|",
    ]
    assert "| 调解成功率 | % | 97.5 | 99.8 | +2.3个百分点 |  |  |" in lines
    assert lines[lines.index("### 上年度安排中落实情况还没有写的") + 2] == "- 安排2：推动行政争议化解"


def test_cli_table_in_the_terminal(pair: tuple[Path, Path]) -> None:
    result = run_cli("diff", str(pair[0]), str(pair[1]))
    assert result.returncode == 0, result.stderr
    assert "某某镇指标对比：2023年 → 2024年" in result.stdout
    assert "合法性审查行政机关合同" in result.stdout and "+13.7%" in result.stdout
    assert "安排2：推动行政争议化解" in result.stdout


def test_cli_writes_csv_for_excel_and_markdown(pair: tuple[Path, Path], tmp_path: Path) -> None:
    result = run_cli("diff", str(pair[0]), str(pair[1]), "-o", "diff.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = (tmp_path / "diff.csv").read_bytes()
    assert data.startswith("\ufeff".encode()) and "合法性审查行政机关合同,份,51,58" in data.decode("utf-8-sig")
    result = run_cli("diff", str(pair[0]), str(pair[1]), "--format", "md", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("## 某某镇指标对比")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xls"], 2, "不支持的格式"),
        (["-o", "diff.txt"], 2, "表格只能显示在屏幕上"),
    ],
)
def test_cli_wrong_usage(pair: tuple[Path, Path], tmp_path: Path, args: list[str], code: int, message: str) -> None:
    result = run_cli("diff", str(pair[0]), str(pair[1]), *args, cwd=tmp_path)
    assert result.returncode == code and message in result.stderr


def test_cli_bad_input_is_exit_1_with_file_and_line(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    bad = write_yaml(tmp_path, NEW.replace("level: 镇", "level: 乡镇"), name="bad.yaml")
    result = run_cli("diff", str(pair[0]), str(bad))
    assert result.returncode == 1
    assert f"{bad}:3: 错误" in result.stderr and "Traceback" not in result.stderr


def test_the_example_pair() -> None:
    from tests.helpers import REPO

    result = run_cli("diff", "inputs/examples/zhangqi-2023.yaml", "inputs/examples/zhangqi-2024.yaml", "--format", "md", cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "| 合法性审查行政机关合同 | 份 | 51 | 60 | +9 | +17.6% |  |" in result.stdout
    assert "- 3条均已写明落实情况。" in result.stdout


def test_a_stub_still_empty_does_not_follow_up_its_plan(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    stub = "  - area: 化解\n    answers: 安排2\n    text:\nlast_year:\n"
    new = write_yaml(tmp_path, NEW.replace("\nlast_year:\n", "\n" + stub), name="stub.yaml")
    assert [u.item.id for u in diff_files(pair[0], new).not_answered] == ["安排2"]


def test_help_is_in_chinese() -> None:
    result = run_cli("diff", "--help")
    assert result.returncode == 0 and "用法：" in result.stdout and "上年度.yaml" in result.stdout
    assert not any(word in result.stdout for word in ("Usage", "Options", "Arguments", "Show this"))


def test_paragraphs_still_carried_are_counted_per_part(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    from generator.report.carried import fingerprint

    carried = (
        f"  - {{area: 监督, text: 主动公开政府信息。, carried: '{fingerprint('主动公开政府信息。')}'}}\n"
        f"  - {{area: 化解, text: 调处纠纷（已改写）。, carried: '{fingerprint('调处纠纷。')}'}}\n"  # edited: no longer carried
        f"plans:\n  items:\n    - {{heading: 深化改革, text: 健全机制。, carried: '{fingerprint('健全机制。')}'}}\n"
    )
    new = write_yaml(tmp_path, NEW.replace("last_year:\n  plans:", carried + "last_year:\n  plans:", 1), name="new.yaml")
    found = diff_files(pair[0], new)
    assert found.still_carried == {"主要举措和成效": 1, "下一年度推进法治政府建设的主要安排": 1}
    lines = ["主要举措和成效：1段", "下一年度推进法治政府建设的主要安排：1段"]
    assert ("沿用去年文字、尚未修改的段落（共2段）", lines) in found.remarks()
    assert "### 沿用去年文字、尚未修改的段落（共2段）\n\n- " + "\n- ".join(lines) in to_markdown(found)
    assert not any("沿用" in heading for heading, _ in diff_files(*pair).remarks())


def test_table_piped_to_a_file_keeps_every_cell_on_one_line(pair: tuple[Path, Path], tmp_path: Path) -> None:
    # A pipe has no width: the table is as wide as its cells, none cut mid-word
    # (rich folded them to 80 columns, or to a narrow COLUMNS).
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH")} | {"COLUMNS": "40"}
    new = write_yaml(tmp_path, NEW.replace("{value: 58, last_year: 51}", "{value: 58, last_year: 50}"), name="n.yaml")
    result = subprocess.run([sys.executable, "-m", "generator", "diff", str(pair[0]), str(new)],
                            capture_output=True, text=True, encoding="utf-8", env=env)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "合法性审查行政机关合同" in line)
    for cell in ("份", "51", "58", "+7", "+13.7%", "本年度文件中的上年数为50"):
        assert cell in row, row
    assert "\x1b[" not in result.stdout  # no colour codes in a file
