"""Everything typer and click print themselves is in Chinese: every
command's help and every kind of usage error. The words come from typer's
internals (generator/i18n.py), so this is what fails first when a typer
release brings English back: pyproject pins typer to the range tested here."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer

from generator import cli
from tests.helpers import PROCESS_ENV, REPO, run_cli

# What typer and click say in English: headings, usage lines, errors, hints.
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this|Error|Missing|Try '|Invalid|Input should|Possible options"
    r"|Did you mean|No such|Got unexpected|requires an argument|does not take|is not a valid|not in the range"
    r"|default:|required\]|Aborted|\bshould be\b|\bbetween\b"
)


def _commands(group: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the app, as the words a clerk types."""
    found = [path]
    for name, command in getattr(group, "commands", {}).items():
        found += _commands(command, (*path, name))
    return found


COMMANDS = _commands(typer.main.get_command(cli.app))


def test_every_command_is_found() -> None:
    assert {("init",), ("render",), ("locality", "show"), ("locality", "new")} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "reportgen")
def test_every_help_is_in_chinese(command: tuple[str, ...]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0
    assert "用法：" in result.stdout
    assert not ENGLISH.search(result.stdout), result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("validate",),  # a missing argument
        ("schema", "--nope"),  # an unknown option
        ("init", "--year", "abc"),  # not an integer
        ("render", "x.yaml", "-j", "0"),  # below an option's minimum
        ("rendr",),  # an unknown command, with a guess
        ("schema", "extra"),  # an argument too many
        ("render", "x.yaml", "-o"),  # an option without its value
        ("render", "x.yaml", "--strict=yes"),  # a switch given a value
        ("locality",),  # a group without its command
        ("locality", "new", "a b"),  # the command's own check (typer.BadParameter)
    ],
    ids=lambda a: " ".join(a),
)
def test_every_usage_error_is_in_chinese(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    said = result.stdout + result.stderr
    assert "用法：" in said or "错误" in said
    assert not ENGLISH.search(said), said


def test_typer_is_imported_but_its_help_printer_only_when_needed() -> None:
    """Start-up does not pay for typer's rich help and error printer (rich.markdown
    and friends): a command that succeeds never loads it."""
    code = "import sys, generator.cli; print('typer.rich_utils' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=PROCESS_ENV, cwd=REPO)
    assert loaded.stdout.strip() == "False", loaded.stderr
