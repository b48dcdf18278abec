"""Regression testing of rendered output: byte-for-byte determinism,
`reportgen snapshot` in a locality's own repository, the readable diffs,
and the pytest plugin's one-line assertion."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.pipeline import check_file, render_formats
from generator.snapshot import SNAPSHOT_FORMATS
from generator.xmldiff import docx_as_text
from tests.helpers import MINIMAL, REPO, run_cli

EXAMPLES = sorted((REPO / "inputs" / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_same_input_renders_the_same_bytes(example: Path) -> None:
    _, first = render_formats(check_file(example), SNAPSHOT_FORMATS)
    _, second = render_formats(check_file(example), SNAPSHOT_FORMATS)
    assert set(first) == {"txt", "md", "html", "docx"}
    assert first == second


def test_the_docx_snapshot_is_its_xml_pretty_printed() -> None:
    _, rendered = render_formats(check_file(EXAMPLES[0]), ["docx"])
    text = docx_as_text(rendered["docx"])
    assert "<!-- ===== word/document.xml ===== -->" in text and "<!-- ===== word/styles.xml ===== -->" in text
    body = text.split("<!-- ===== word/document.xml ===== -->")[1]
    assert "\n    <w:p>" in body or "\n    <w:p " in body  # one element a line, indented
    assert any(">一、" in line and "<w:t" in line for line in body.splitlines())  # text stays on its run's line


TOWN = MINIMAL.replace("  level: 镇\n", "  level: 镇\n  templates: town\n") + """\
measures:
  - area: 执法
    heading: 规范执法
    text: 推行行政执法事项清单。
"""


def _locality_repo(root: Path) -> Path:
    """A locality's own repository: its inputs and its templates, no reportgen source."""
    (root / "inputs").mkdir()
    (root / "inputs" / "town-2023.yaml").write_text(TOWN, encoding="utf-8")
    folder = root / "templates" / "localities" / "town"
    folder.mkdir(parents=True)
    (folder / "locality.yaml").write_text("name: 某某镇\n", encoding="utf-8")
    (folder / "report.j2").write_text(
        textwrap.dedent("""\
            {% extends "report.j2" %}
            {% block measures_heading %}
            {{ b.h1(numbers.measures ~ "、主要举措和成效") }}
            {% endblock %}
            """),
        encoding="utf-8",
    )
    return root


@pytest.fixture
def locality_repo(tmp_path: Path) -> Path:
    """A locality's own repository: its inputs and its templates, no reportgen source."""
    return _locality_repo(tmp_path)


def test_snapshot_passes_fails_with_a_diff_and_passes_after_update(locality_repo: Path) -> None:
    first = run_cli("snapshot", cwd=locality_repo)
    assert first.returncode == 1
    assert "tests/snapshots/town-2023/town-2023.txt：还没有快照" in first.stdout

    accepted = run_cli("snapshot", "--update", cwd=locality_repo)
    assert accepted.returncode == 0, accepted.stderr
    stored = locality_repo / "tests" / "snapshots" / "town-2023"
    assert sorted(p.name for p in stored.iterdir()) == [
        "town-2023.docx.xml", "town-2023.html", "town-2023.md", "town-2023.txt"
    ]
    assert "一、主要举措和成效" in (stored / "town-2023.txt").read_text(encoding="utf-8")

    unchanged = run_cli("snapshot", cwd=locality_repo)
    assert unchanged.returncode == 0, unchanged.stdout + unchanged.stderr
    assert "快照一致：1 个输入文件的 4 个快照文件" in unchanged.stdout

    template = locality_repo / "templates" / "localities" / "town" / "report.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("主要举措", "重点举措"), encoding="utf-8")
    changed = run_cli("snapshot", cwd=locality_repo)
    assert changed.returncode == 1
    out = changed.stdout
    assert "--- tests/snapshots/town-2023/town-2023.txt（快照）" in out
    assert "+++ tests/snapshots/town-2023/town-2023.txt（本次生成）" in out
    assert "\n-一、主要举措和成效\n+一、重点举措和成效\n" in out
    docx_diff = out.split("town-2023.docx.xml（本次生成）")[1]
    assert any(line.startswith("-") and "主要举措和成效" in line and "<w:t" in line for line in docx_diff.splitlines())
    assert any(line.startswith("+") and "重点举措和成效" in line and "<w:t" in line for line in docx_diff.splitlines())
    assert "4 个快照文件与本次生成的结果不同" in out and "reportgen snapshot --update" in out

    assert run_cli("snapshot", "--update", cwd=locality_repo).returncode == 0
    again = run_cli("snapshot", cwd=locality_repo)
    assert again.returncode == 0, again.stdout


def test_snapshot_options_files_folder_and_formats(locality_repo: Path) -> None:
    other = locality_repo / "checks"
    result = run_cli("snapshot", "inputs/town-2023.yaml", "--dir", str(other), "-f", "txt", "--update", cwd=locality_repo)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (other / "town-2023").iterdir()] == ["town-2023.txt"]
    assert run_cli("snapshot", "inputs/town-2023.yaml", "--dir", str(other), "-f", "txt", cwd=locality_repo).returncode == 0

    wrong = run_cli("snapshot", "-f", "pdf", cwd=locality_repo)
    assert wrong.returncode == 2 and "快照不支持的格式：pdf" in wrong.stderr

    (other / "gone-2020").mkdir()
    stale = run_cli("snapshot", "--dir", str(other), "-f", "txt", cwd=locality_repo)
    assert stale.returncode == 0 and "gone-2020: 警告：没有对应的输入文件" in stale.stderr


def test_snapshot_reports_an_input_it_cannot_render_and_checks_the_others(locality_repo: Path) -> None:
    assert run_cli("snapshot", "--update", cwd=locality_repo).returncode == 0
    (locality_repo / "inputs" / "broken.yaml").write_text(MINIMAL.replace("level: 镇", "level: 乡镇"), encoding="utf-8")
    result = run_cli("snapshot", cwd=locality_repo)
    assert result.returncode == 1
    assert "inputs/broken.yaml:3: 错误：“层级”只能填写" in result.stderr
    assert "Traceback" not in result.stderr

    empty = run_cli("snapshot", cwd=locality_repo / "templates")
    assert empty.returncode == 1 and "inputs/ 中没有 YAML 输入文件" in empty.stderr


def test_a_localitys_own_test_suite_asserts_its_output_in_one_line(pytester: pytest.Pytester) -> None:
    locality_repo = _locality_repo(pytester.path)
    tests = locality_repo / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "test_reports.py").write_text(
        'def test_town(reportgen_snapshot):\n    reportgen_snapshot("inputs/town-2023.yaml")\n', encoding="utf-8"
    )
    (locality_repo / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    from tests.conftest import STALE_ENTRY_POINT

    if not STALE_ENTRY_POINT:  # the one line a project adds to use the fixture
        (locality_repo / "conftest.py").write_text('pytest_plugins = ["generator.pytest_plugin"]\n', encoding="utf-8")

    def pytest_run(*args: str) -> pytest.RunResult:
        # In this process: the project's pytest session is a new one all the same.
        return pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", *args)

    missing = pytest_run()
    assert missing.ret == 1 and "还没有快照" in missing.stdout.str(), missing.stdout.str()
    assert pytest_run("--reportgen-update").ret == 0
    assert pytest_run().ret == 0
    template = locality_repo / "templates" / "localities" / "town" / "report.j2"
    template.write_text(template.read_text(encoding="utf-8").replace("主要举措", "重点举措"), encoding="utf-8")
    failed = pytest_run()
    assert failed.ret == 1
    assert "-一、主要举措和成效" in failed.stdout.str() and "+一、重点举措和成效" in failed.stdout.str()
    assert "Traceback" not in failed.stdout.str()


def test_pytest_starts_in_a_project_with_its_own_generator_module(tmp_path: Path) -> None:
    # reportgen installed must not break other projects: its plugin is opt-in,
    # so a project whose own module is called generator still runs its tests.
    from tests.conftest import STALE_ENTRY_POINT

    if STALE_ENTRY_POINT:
        pytest.skip("the environment still has the distribution under its old name: pip uninstall reportgen")
    (tmp_path / "generator.py").write_text("def make():\n    return 42\n", encoding="utf-8")
    (tmp_path / "test_own.py").write_text(
        "import generator\n\ndef test_own():\n    assert generator.make() == 42\n", encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_a_snapshot_folder_or_file_it_cannot_use_is_a_clear_error(tmp_path: Path) -> None:
    from generator.errors import UserError
    from generator.snapshot import run_snapshots

    source = tmp_path / "x.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "FILE").write_text("不是文件夹", encoding="utf-8")
    with pytest.raises(UserError, match="不是文件夹"):
        run_snapshots([source], tmp_path / "FILE", ["txt"], update=True)
    run_snapshots([source], tmp_path / "snaps", ["txt"], update=True)
    (tmp_path / "snaps" / "x" / "x.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(UserError, match="不是 UTF-8"):
        run_snapshots([source], tmp_path / "snaps", ["txt"])
    (tmp_path / "snaps" / "x" / "x.txt").unlink()
    (tmp_path / "snaps" / "x" / "x.txt").mkdir()
    with pytest.raises(UserError, match="同名的是一个文件夹"):
        run_snapshots([source], tmp_path / "snaps", ["txt"], update=True)
