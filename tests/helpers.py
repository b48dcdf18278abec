"""Small helpers for tests: build an input YAML inline next to the assertion."""

from __future__ import annotations

import os
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
    """Run ``reportgen`` in this process (typer's test runner), as a clerk
    would run it in ``cwd``: the same exit status, standard output and
    error output as a new process, in a fraction of the time. A bug (an
    exception the CLI does not turn into a message) fails the test."""
    from typer.testing import CliRunner

    from generator import cli

    before = Path.cwd()
    os.chdir(cwd or REPO)
    try:
        result = CliRunner().invoke(cli.app, list(args), env=_CLI_ENV)
    finally:
        os.chdir(before)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(["reportgen", *args], result.exit_code, result.stdout, result.stderr)


def run_cli_process(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m generator`` in a new process: for what only a process
    shows (the entry point, signals, what is imported at start-up)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**PROCESS_ENV, **(env or {})},
    )


# A clerk's terminal, wide enough that no message is wrapped.
_CLI_ENV = {"COLUMNS": "200", "TERMINAL_WIDTH": "200"}
PROCESS_ENV = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **_CLI_ENV}
