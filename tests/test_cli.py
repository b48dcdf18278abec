"""The command line end to end, as a clerk runs it: exit codes, files, messages."""

import json
import re
from pathlib import Path

import pytest

from tests.helpers import MINIMAL, run_cli, run_cli_process, write_yaml

ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this|Error|Missing|Try '")


@pytest.mark.parametrize("command", [[], ["init"], ["validate"], ["render"], ["schema"]])
def test_help_is_in_chinese(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "用法：" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


def test_init_validate_render_round_trip(tmp_path: Path) -> None:
    result = run_cli("init", "my-2024.yaml", "--locality", "某某镇", "--year", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    skeleton = (tmp_path / "my-2024.yaml").read_text(encoding="utf-8")
    assert skeleton.startswith("# yaml-language-server: $schema=report.schema.json")
    assert "locality: 某某镇" in skeleton and "year: 2024" in skeleton
    # every key of the skeleton carries a Chinese comment
    for line in skeleton.splitlines():
        if re.match(r"^\s*(- )?[A-Za-z_]+:", line) or re.match(r"^  [\u4e00-\u9fff]+:", line):
            assert re.search(r"#\s*\S*[\u4e00-\u9fff]", line), line
    assert (tmp_path / "report.schema.json").exists()

    result = run_cli("validate", "my-2024.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"my-2024\.yaml:\d+: 待填：成文日期", result.stderr)

    result = run_cli("render", "my-2024.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "out" / "my-2024.txt").read_text(encoding="utf-8-sig")
    assert text.startswith("某某镇2024年度法治政府建设工作情况报告\n")
    assert "2025年度推进法治政府建设的主要安排" in text
    assert (tmp_path / "out" / "my-2024.docx").stat().st_size > 5000

    result = run_cli("render", "my-2024.yaml", "-o", "out", "--strict", cwd=tmp_path)
    assert result.returncode == 1
    assert "待填" in result.stderr and "Traceback" not in result.stderr


def test_init_does_not_overwrite(tmp_path: Path) -> None:
    target = write_yaml(tmp_path, MINIMAL, name="mine.yaml")
    result = run_cli("init", "mine.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "已存在" in result.stderr
    assert target.read_text(encoding="utf-8") == MINIMAL
    assert run_cli("init", "mine.yaml", "--force", cwd=tmp_path).returncode == 0


def test_bad_input_is_exit_1_with_chinese_message_and_line(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL.replace("issuers:", "isuers:") + "metrics:\n  合同审查: 多\n", name="bad.yaml")
    for command in (["validate", "bad.yaml"], ["render", "bad.yaml", "-o", "out"]):
        result = run_cli(*command, cwd=tmp_path)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "bad.yaml:5: 错误：不认识的键“isuers”" in result.stderr
        assert "是不是想写“issuers”" in result.stderr
        assert "bad.yaml:8: 错误：" in result.stderr
    assert not (tmp_path / "out").exists()


def test_wrong_usage_is_exit_2(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL)
    assert run_cli("render", "input.yaml", "--bogus", cwd=tmp_path).returncode == 2
    result = run_cli("render", "input.yaml", "-f", "pdf,doc", cwd=tmp_path)
    assert result.returncode == 2
    assert "不支持的输出格式：doc" in result.stderr
    assert run_cli("rendr", cwd=tmp_path).returncode == 2


def test_hand_edited_draft_is_not_overwritten(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL)
    assert run_cli("render", "input.yaml", "-o", "out", "-f", "txt", cwd=tmp_path).returncode == 0
    draft = tmp_path / "out" / "input.txt"
    draft.write_text(draft.read_text(encoding="utf-8") + "手工补充的一段。\n", encoding="utf-8")
    result = run_cli("render", "input.yaml", "-o", "out", "-f", "txt", cwd=tmp_path)
    assert result.returncode == 1
    assert "被修改过" in result.stderr and "--force" in result.stderr
    assert draft.read_text(encoding="utf-8").endswith("手工补充的一段。\n")
    assert run_cli("render", "input.yaml", "-o", "out", "-f", "txt", "--force", cwd=tmp_path).returncode == 0
    assert "手工补充" not in draft.read_text(encoding="utf-8")


def test_rendering_twice_without_edits_is_fine(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL)
    for _ in range(2):
        assert run_cli("render", "input.yaml", "-o", "out", cwd=tmp_path).returncode == 0


def test_schema_names_fields_and_metrics_in_chinese(tmp_path: Path) -> None:
    result = run_cli("schema", "-o", "s.json", cwd=tmp_path)
    assert result.returncode == 0
    schema = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    info = schema["$defs"]["ReportInfo"]["properties"]
    assert info["locality"]["description"].startswith("地方或单位名称")
    assert schema["properties"]["metrics"]["properties"]["合同审查"]["description"] == "合法性审查行政机关合同（份）"
    assert schema["$defs"]["ReportInfo"]["additionalProperties"] is False
    printed = run_cli("schema", cwd=tmp_path)
    assert json.loads(printed.stdout) == schema


def test_drafts_are_ordinary_files_not_private(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL)
    assert run_cli("render", "input.yaml", "-o", "out", "-f", "txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "input.txt").stat().st_mode & 0o044 == 0o044  # group and others may read


def test_init_with_a_locality_uses_its_defaults(tmp_path: Path) -> None:
    town = tmp_path / "templates" / "localities" / "town"
    town.mkdir(parents=True)
    (town / "locality.yaml").write_text(
        "name: 某某镇\nissuers: [中共某某镇委员会, 某某镇人民政府]\nguidance:\n  - 《{年度}年度法治建设工作要点》\nheadings:\n  执法: 深化综合行政执法改革\n",
        encoding="utf-8",
    )
    result = run_cli("init", "r.yaml", "--templates", "town", "--year", "2025", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r.yaml").read_text(encoding="utf-8")
    assert "  locality: 某某镇" in text and "  templates: town" in text
    assert "# issuers:" in text and "中共某某镇委员会、某某镇人民政府" in text
    assert "《2025年度法治建设工作要点》" in text
    assert "不写则为“深化综合行政执法改革”" in text
    assert run_cli("render", "r.yaml", "-o", "out", "-f", "txt", cwd=tmp_path).returncode == 0
    draft = (tmp_path / "out" / "r.txt").read_text(encoding="utf-8-sig")
    assert "深化综合行政执法改革。" in draft
    assert draft.rstrip().splitlines()[-3:-1] == ["中共某某镇委员会", "某某镇人民政府"]


def test_init_with_an_unknown_locality_or_year(tmp_path: Path) -> None:
    result = run_cli("init", "r.yaml", "--templates", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "找不到地方模板“nowhere”" in result.stderr
    result = run_cli("init", "r.yaml", "--year", "1900", cwd=tmp_path)
    assert result.returncode == 2 and "不是合理的报告年度" in result.stderr
    assert not (tmp_path / "r.yaml").exists()


@pytest.mark.parametrize(("arg", "quoted"), [
    ("某某镇-2024.yaml", "某某镇-2024.yaml"), ("inputs/a.yaml", "inputs/a.yaml"),
    ("某某镇 2024.yaml", '"某某镇 2024.yaml"'), ("D:\\报告 材料\\a.yaml", '"D:\\报告 材料\\a.yaml"'),
    ("a&b.yaml", '"a&b.yaml"'), ("$HOME.yaml", '"\\$HOME.yaml"'), ("", '""'),
])
def test_a_path_in_a_hint_is_one_argument_when_copied(arg: str, quoted: str) -> None:
    import shutil
    import subprocess

    from generator.errors import quote_arg

    assert quote_arg(arg) == quoted
    if "\\" not in arg and shutil.which("bash"):  # a POSIX shell reads it back as one word
        echoed = subprocess.run(["bash", "-c", f"printf '%s|' {quote_arg(arg)}"], capture_output=True, text=True)
        assert echoed.stdout == arg + "|"


def test_init_hint_quotes_a_file_name_with_spaces(tmp_path: Path) -> None:
    result = run_cli("init", "某某镇 2024.yaml", "--locality", "某某镇", "--year", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'reportgen validate "某某镇 2024.yaml"' in result.stdout


@pytest.mark.parametrize("columns", ["80", "60"])
@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (("render", "--help"), "定稿模式：有待填项、警告或缺少必备部分时一律视为错误"),
        (("--help",), "地方模板：新建本地的模板文件夹，查看各部分来自哪个文件。"),
    ],
)
def test_help_is_never_cut(args: tuple[str, ...], sentence: str, columns: str) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TERMINAL_WIDTH")} | {"COLUMNS": columns}
    result = subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                            text=True, encoding="utf-8", env=env)
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout
    shown = re.sub(r"[\s│╭╮╰╯─]", "", result.stdout)
    assert sentence in shown, result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("validate", "{bad}"),
        ("render", "{bad}", "-f", "xyz"),
        ("init", "--year", "1999"),
        ("render", "--jobs", "0", "{bad}"),
        ("schema", "--nope"),
        (),
    ],
)
def test_a_new_process_says_and_exits_as_the_tests_in_process_do(tmp_path: Path, args: tuple[str, ...]) -> None:
    """The entry point (python -m generator, the reportgen script) in a real
    process: the same exit status and the same words as ``run_cli`` in-process."""
    bad = write_yaml(tmp_path, MINIMAL + "metrics:\n  合同审核: 51\n")
    args = tuple(a.format(bad=bad) for a in args)
    in_process, process = run_cli(*args, cwd=tmp_path), run_cli_process(*args, cwd=tmp_path)

    def same(text: str) -> list[str]:  # the prog name aside (and the padding its length changes)
        return [line.rstrip() for line in text.replace("python -m generator", "reportgen").splitlines()]

    assert process.returncode == in_process.returncode
    assert (same(process.stdout), same(process.stderr)) == (same(in_process.stdout), same(in_process.stderr))
    assert process.returncode == {(): 2, ("--version",): 0}.get(args, 2 if "-f" in args or "--year" in args or "--jobs" in args or "--nope" in args else 1)


def test_file_names_are_printed_as_written(tmp_path: Path) -> None:
    """A name in square brackets is not read as rich markup (it once printed
    "已生成：out/.txt" for "[v2].yaml"), whether piped or on a terminal."""
    write_yaml(tmp_path, MINIMAL, name="[v2].yaml")
    write_yaml(tmp_path, MINIMAL, name="[bold]终稿.yaml")
    result = run_cli("render", "[v2].yaml", "[bold]终稿.yaml", "-o", "out", "-f", "txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已生成：out/[v2].txt\n" in result.stdout
    assert "已生成：out/[bold]终稿.txt\n" in result.stdout


def test_a_terminal_gets_colour_and_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from generator.terminal import Stream

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    Stream(stderr=True).print("错误：[v2].yaml 不存在", style="bold red")
    assert "\x1b[" in screen.getvalue()  # coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", screen.getvalue()) == "错误：[v2].yaml 不存在\n"
