"""The corpus of clerks' mistakes (tests/bad_inputs/, one file a mistake):
each is refused with exit status 1, a Chinese message with the line and
the hint, never a traceback; and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO, run_cli

CORPUS = REPO / "tests" / "bad_inputs"
EXPECTED: dict[str, dict] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.glob("*.yaml")} - {"expected.yaml"}
    assert files == set(EXPECTED)
    assert len(files) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_is_refused_in_chinese(name: str, tmp_path: Path) -> None:
    case = EXPECTED[name]
    result = run_cli("render", str(CORPUS / name), "-o", str(tmp_path / "out"), *case.get("args", []))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr
    where = f"{name}:{case['line']}:" if case["line"] is not None else f"{name}: "
    lines = [line for line in result.stderr.splitlines() if where in line and case["message"] in line]
    assert lines, f"expected a line with {where!r} and {case['message']!r} in:\n{result.stderr}"
    if case["hint"]:
        assert case["hint"] in result.stderr.split(lines[0], 1)[1].split("\n", 2)[1]  # the hint under it
    assert not list((tmp_path / "out").glob(f"{Path(name).stem}.*")) if (tmp_path / "out").exists() else True
