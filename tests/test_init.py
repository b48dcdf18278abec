"""`reportgen init` as a library call: what it writes and when it refuses."""

from pathlib import Path

import pytest

from generator.errors import OutputError, WrongUsage
from generator.init import new_input, write_new_input
from tests.helpers import MINIMAL, write_yaml


def test_a_skeleton_for_a_named_locality_and_year(tmp_path: Path) -> None:
    new = new_input(tmp_path / "r.yaml", locality="掌起镇", year=2024)
    assert new.path == tmp_path / "r.yaml" and new.notes == []
    assert "掌起镇2024年度" in new.text
    write_new_input(new)
    assert new.path.read_text(encoding="utf-8") == new.text
    assert (tmp_path / "report.schema.json").is_file()
    with pytest.raises(OutputError, match="文件已存在，未覆盖。"):
        write_new_input(new)
    write_new_input(new, force=True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"year": 1999}, "--year 1999 不是合理的报告年度（2000–2100）。"),
        ({"locality": "某镇", "from_file": Path("x.yaml")}, "用 --from 时地方名称取自上年度文件，不能同时使用 --locality。"),
    ],
)
def test_options_that_do_not_go_together(options: dict, message: str) -> None:
    with pytest.raises(WrongUsage) as caught:
        new_input(**options)
    assert caught.value.message == message


def test_next_years_file_from_last_years(tmp_path: Path) -> None:
    old = write_yaml(tmp_path, MINIMAL, name="zhen-2023.yaml")
    new = new_input(from_file=old)
    assert new.path == tmp_path / "zhen-2024.yaml" and new.notes == []
    later = new_input(from_file=old, year=2025)
    assert later.notes == ["注意：上年度文件是2023年的，新文件是2025年的；“上年”数值和同比将按2023年计算。"]
    with pytest.raises(WrongUsage, match="不晚于上年度文件的年度（2023年）"):
        new_input(from_file=old, year=2023)
