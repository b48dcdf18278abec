"""What a command does not load: modules a piped render, validate or --help
need not import, each of which once cost a measurable share of a cold start
(benchmarks/run.py measures the time; no test asserts one)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "inputs" / "examples" / "zhangqi-2023.yaml"

# Run one command in a new interpreter, then report what it imported.
_PROBE = """
import json, os, sys
sys.argv = ["reportgen", *sys.argv[1:]]
from generator.cli import main
try:
    main()
except SystemExit:
    pass
model = sys.modules.get("generator.input.model")
docstrings = model._attribute_docstrings.cache_info().currsize if model else 0
with open(os.environ["PROBE_OUT"], "w", encoding="utf-8") as out:
    json.dump({"modules": sorted(sys.modules), "docstrings_read": docstrings}, out)
"""


def _loaded(tmp_path: Path, *args: str) -> tuple[set[str], int]:
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    report = tmp_path / "probe.json"
    env = {**os.environ, "PROBE_OUT": str(report), "REPORTGEN_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("FORCE_COLOR", None)
    subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=tmp_path, env=env, check=True, capture_output=True)
    found = json.loads(report.read_text(encoding="utf-8"))
    return {m.split(".")[0] for m in found["modules"]} | set(found["modules"]), found["docstrings_read"]


@pytest.mark.parametrize(
    "args",
    [["render", EXAMPLE.name, "-o", "out", "-f", "docx,txt"], ["validate", EXAMPLE.name]],
    ids=["render", "validate"],
)
def test_a_piped_command_loads_neither_rich_nor_python_docx(tmp_path: Path, args: list[str]) -> None:
    loaded, docstrings_read = _loaded(tmp_path, *args)
    assert "pydantic" in loaded and "jinja2" in loaded  # the probe saw the command run
    # rich: only a terminal's colours need it; python-docx: the template is shipped;
    # one input renders in this process, without a pool of workers.
    assert not {"rich", "docx", "typer.rich_utils", "multiprocessing", "concurrent.futures"} & loaded
    assert docstrings_read == 0  # field docstrings are read for schema, skeleton and errors only


def test_help_loads_no_validation_or_templates(tmp_path: Path) -> None:
    loaded, _ = _loaded(tmp_path, "--help")
    assert "typer.rich_utils" in loaded  # the help panels
    assert not {"pydantic", "jinja2", "yaml", "lxml", "docx"} & loaded


def test_an_error_message_still_names_the_field_in_chinese(tmp_path: Path) -> None:
    """The docstrings are read when a message needs a field's label."""
    from tests.helpers import run_cli

    (tmp_path / "bad.yaml").write_text(EXAMPLE.read_text(encoding="utf-8").replace("year: 2023", "year: 二〇二三"), encoding="utf-8")
    result = run_cli("validate", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "报告年度" in result.stderr, result.stderr
