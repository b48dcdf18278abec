"""The CLI's one error boundary: a command raises, the boundary prints once
and sets the exit status (run in-process)."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator import cli


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_users_mistake_is_printed_once_and_exits_1(tmp_path: Path) -> None:
    code, stdout, stderr = invoke("diff", str(tmp_path / "无.yaml"), str(tmp_path / "有.yaml"))
    assert code == 1 and stdout == ""
    assert stderr == f"{tmp_path / '无.yaml'}: 错误：找不到这个文件\n    提示：请检查文件名和所在文件夹。\n"


def test_wrong_usage_from_the_library_exits_2() -> None:
    code, _, stderr = invoke("init", "--year", "1999")
    assert (code, stderr) == (2, "错误：--year 1999 不是合理的报告年度（2000–2100）。\n")


def test_ctrl_c_in_a_command_says_nothing_half_written_and_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.explain.explain", interrupted)
    code, _, stderr = invoke("locality", "show", "x.yaml")
    assert (code, stderr) == (130, "已中止，未写入的文件保持原样。\n")
