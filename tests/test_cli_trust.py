"""The command line under accident: no file reportgen did not write is
overwritten, two drafts never share a name, Ctrl-C says what it left."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, REPO, run_cli, write_yaml

OTHER_YEAR = MINIMAL.replace("year: 2023", "year: 2024").replace("date: 2024-02-26", "date: 2025-02-26")


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "old.yaml", "new.yaml", "--format", "csv", "-o", "old.yaml"],
        ["diff", "old.yaml", "new.yaml", "-o", "notes.md"],
        ["schema", "-o", "notes.md"],
    ],
    ids=["diff-over-its-input", "diff-over-a-note", "schema-over-a-note"],
)
def test_a_file_reportgen_did_not_write_is_not_overwritten(tmp_path: Path, command: list[str]) -> None:
    write_yaml(tmp_path, MINIMAL, name="old.yaml")
    write_yaml(tmp_path, OTHER_YEAR, name="new.yaml")
    (tmp_path / "notes.md").write_text("镇里的笔记\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run_cli(*command, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "不是 reportgen 写出的" in result.stderr and "--force" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before} == before
    forced = run_cli(*command, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    if command[-1] != "old.yaml":  # (after --force old.yaml is a table, no longer an input)
        again = run_cli(*command, cwd=tmp_path)  # what reportgen wrote, it may write again
        assert again.returncode == 0, again.stderr


def test_init_does_not_overwrite_a_schema_file_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "report.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    result = run_cli("init", "a.yaml", "--locality", "掌起镇", cwd=tmp_path)
    assert result.returncode == 1
    assert "report.schema.json" in result.stderr and "不是 reportgen 写出的" in result.stderr
    assert not (tmp_path / "a.yaml").exists()  # nothing written
    assert (tmp_path / "report.schema.json").read_text(encoding="utf-8") == '{"mine": true}\n'
    assert run_cli("init", "a.yaml", "--locality", "掌起镇", "--force", cwd=tmp_path).returncode == 0
    assert run_cli("init", "b.yaml", "--locality", "掌起镇", cwd=tmp_path).returncode == 0


def test_two_inputs_with_one_name_are_not_rendered_over_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write_yaml(tmp_path / "a", MINIMAL, name="x.yaml")
    write_yaml(tmp_path / "b", MINIMAL.replace("某某镇", "另一镇"), name="x.yaml")
    result = run_cli("render", "a/x.yaml", "b/x.yaml", "-o", "out", "-f", "txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "b/x.yaml: 错误：与 a/x.yaml 同名" in result.stderr
    assert not (tmp_path / "out").exists()
    same = run_cli("render", "a/x.yaml", "./a/x.yaml", "-o", "out", "-f", "txt", cwd=tmp_path)
    assert same.returncode == 0, same.stderr  # one file named twice is one draft
    assert same.stdout.count("已生成") == 1


def test_ctrl_c_says_it_stopped_and_exits_130(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL, name="x.yaml")
    interrupted = (
        "import os, signal, sys, time\n"
        "import generator.pipeline as pipeline\n"
        "def check_file(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(30)\n"
        "pipeline.check_file = check_file\n"
        "sys.argv = ['reportgen', 'render', 'x.yaml', '-o', 'out']\n"
        "from generator.cli import main\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", interrupted], cwd=tmp_path, capture_output=True, text=True, env={"PYTHONPATH": str(REPO)}
    )
    assert result.returncode == 128 + signal.SIGINT
    assert "已中止" in result.stderr and "Traceback" not in result.stderr


def test_the_placeholder_name_init_writes_is_not_accepted_as_final(tmp_path: Path) -> None:
    assert run_cli("init", "r.yaml", "--year", "2024", cwd=tmp_path).returncode == 0
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    assert "locality: 某某镇" in text
    draft = run_cli("validate", "r.yaml", cwd=tmp_path)
    assert "“某某镇”是占位的名称" in draft.stderr and "“某某镇人民政府”是占位的名称" in draft.stderr
    final = run_cli("validate", "r.yaml", "--strict", cwd=tmp_path)
    assert final.returncode == 1 and "“某某镇”是占位的名称" in final.stderr


def test_diff_refuses_swapped_years_and_warns_of_two_localities(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL, name="old.yaml")
    write_yaml(tmp_path, OTHER_YEAR, name="new.yaml")
    swapped = run_cli("diff", "new.yaml", "old.yaml", cwd=tmp_path)
    assert swapped.returncode == 1
    assert "old.yaml: 错误：上年度文件是2024年的，本年度文件是2023年的：先后顺序反了" in swapped.stderr
    same = run_cli("diff", "old.yaml", "old.yaml", cwd=tmp_path)
    assert same.returncode == 1 and "同一年度" in same.stderr
    write_yaml(tmp_path, OTHER_YEAR.replace("某某镇", "另一镇"), name="other.yaml")
    other = run_cli("diff", "old.yaml", "other.yaml", cwd=tmp_path)
    assert other.returncode == 0
    assert "other.yaml: 警告：两个文件不是同一个地方的：上年度为“某某镇”，本年度为“另一镇”" in other.stderr
