"""Small helpers for tests: build an input YAML inline next to the assertion."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MINIMAL = """\
report:
  locality: 某某镇
  level: 镇
  year: 2023
  issuers: [某某镇人民政府]
  date: 2024-02-26
"""


def write_yaml(tmp_path: Path, text: str, name: str = "input.yaml", encoding: str = "utf-8") -> Path:
    """Write dedented YAML text to a file in ``tmp_path`` and return its path."""
    path = tmp_path / name
    path.write_bytes(textwrap.dedent(text).encode(encoding))
    return path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` as a clerk would run ``reportgen``."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "COLUMNS": "200", "TERMINAL_WIDTH": "200"},
    )
