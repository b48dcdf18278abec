"""Chinese for the words typer and click print themselves (help headings,
usage lines, usage errors), so everything a clerk reads is in Chinese.

typer has no translation hook, so this sets the words where typer keeps
them: the usage prefix and the help option's text in its copy of click
(``typer._click``, or click for older typer), panel titles in
``typer.rich_utils`` and usage-error messages translated by pattern just
before typer prints them (a message with no pattern passes unchanged).
``typer.rich_utils`` is translated when typer first imports it, to print
help or an error, so a command that succeeds does not load it.

These are typer's internals: pyproject.toml pins typer to the release
range tests/test_i18n.py checks (every command's help, every kind of usage
error); a typer that brings English back fails that test.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

USAGE_PREFIX = "用法："
HELP_TEXT = "显示本帮助并退出。"
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

# typer computes these once at import, so they are set rather than looked up.
_TYPER_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "ABORTED_TEXT": "已中止。",
    "RICH_HELP": "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。",
    "DEFAULT_STRING": "[默认：{}]",
    "REQUIRED_LONG_STRING": "[必填]",
}

# Usage-error messages, English pattern → Chinese replacement.
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), r)
    for p, r in [
        (r"Missing argument '(.+?)'\.?", r"缺少参数 \1。"),
        (r"Missing option '(.+?)'\.?", r"缺少选项 \1。"),
        (r"Missing parameter: (.+)", r"缺少参数：\1"),
        (r"No such option: (\S+)", r"没有这个选项：\1"),
        (r"No such command '(.+?)'\.?", r"没有这个命令：\1。"),
        (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", r"多出了参数（\1）"),
        (r" ?\(Possible options: (.+?)\)", r"（可用的选项：\1）"),
        (r"Input should be greater than or equal to (\S+)", r"应不小于 \1"),
        (r"Input should be less than or equal to (\S+)", r"应不大于 \1"),
        (r"Input should be greater than (\S+)", r"应大于 \1"),
        (r"Input should be less than (\S+)", r"应小于 \1"),
        (r"Option '(.+?)' requires an argument\.", r"选项 \1 后面需要一个值。"),
        (r"Option '(.+?)' does not take a value\.", r"选项 \1 后面不能带值。"),
        (r"Invalid value for (.+?): ", r"\1 的取值无效："),
        (r"Invalid value: ", r"取值无效："),
        (r"'(.+?)' is not a valid integer\.", r"“\1”不是整数。"),
        (r"Input should be a valid integer[^\n]*", r"应填写整数。"),
        (r"(\S+) is not in the range (.+)\.", r"\1 不在 \2 范围内。"),
        (r"\(?Did you mean one of: (.+?)\?\)?", r"（是不是想写以下之一：\1？）"),
        (r"Did you mean (.+?)\?", r"是不是想写 \1？"),
        (r"Missing command\.", r"缺少命令。"),
    ]
]


def translate_error(message: str) -> str:
    """The Chinese of a usage-error message (patterns applied in turn)."""
    for pattern, replacement in _ERRORS:
        message = pattern.sub(replacement, message)
    return message


def _click_module() -> ModuleType:
    """The click typer uses: its own copy in recent typer, else click."""
    try:
        return importlib.import_module("typer._click")
    except ImportError:
        return importlib.import_module("click")


def _wrap_write_usage(formatting: ModuleType) -> None:
    formatter = formatting.HelpFormatter
    original = formatter.write_usage
    if getattr(original, "_zh", False):
        return

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    write_usage._zh = True  # type: ignore[attr-defined]
    formatter.write_usage = write_usage


def _wrap_help_option(core: ModuleType) -> None:
    command = core.Command
    original = command.get_help_option
    if getattr(original, "_zh", False):
        return

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    get_help_option._zh = True  # type: ignore[attr-defined]
    command.get_help_option = get_help_option


def _wrap_error_printer(rich_utils: ModuleType) -> None:
    original = rich_utils.rich_format_error
    if getattr(original, "_zh", False):
        return

    def rich_format_error(error: Any) -> None:
        message = translate_error(error.format_message())
        error.format_message = lambda: message  # this instance only
        original(error)

    rich_format_error._zh = True  # type: ignore[attr-defined]
    rich_utils.rich_format_error = rich_format_error


def _help_cell(items: list[Any], *args: Any, **kwargs: Any) -> Any:
    """An option's help as one folding Text instead of typer's rich Columns,
    which cut an item wider than its column with "…": a Chinese sentence has
    no spaces to wrap at, so at 80 columns most help was cut."""
    from rich.columns import Columns
    from rich.text import Text

    if items and all(isinstance(item, Text) for item in items):
        cell = Text(" ").join(items)
        cell.overflow = "fold"
        return cell
    return Columns(items, *args, **kwargs)


def _folding_command_help(make: Any) -> Any:
    """typer's one-line summary of a command in the command list, folding
    instead of cut with "…" where the terminal is narrower than the sentence."""

    def make_command_help(*args: Any, **kwargs: Any) -> Any:
        text = make(*args, **kwargs)
        if hasattr(text, "overflow"):
            text.overflow = "fold"
        return text

    return make_command_help


def _translate_rich_utils(rich_utils: ModuleType) -> None:
    for constant, text in _TYPER_CONSTANTS.items():
        setattr(rich_utils, constant, text)
    _wrap_error_printer(rich_utils)
    rich_utils.Columns = _help_cell  # typer uses it for an option's help only
    rich_utils._make_command_help = _folding_command_help(rich_utils._make_command_help)


class _WhenImported:
    """Translates typer's help and error printer (``typer.rich_utils``, which
    pulls in rich.markdown and more) when typer first imports it, which it
    does only to print help or an error: a command that succeeds never loads it.

    A finder on ``sys.meta_path`` needs only ``find_spec`` (importlib.abc's
    base class would load importlib.resources at every start)."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if name != RICH_UTILS:
            return None
        sys.meta_path.remove(self)  # the real finders locate the module
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        run = spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            _translate_rich_utils(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


RICH_UTILS = "typer.rich_utils"


def install() -> None:
    """Make typer (and click) speak Chinese; safe to call more than once."""
    click = _click_module()
    _wrap_write_usage(importlib.import_module(f"{click.__name__}.formatting"))
    _wrap_help_option(importlib.import_module(f"{click.__name__}.core"))
    if RICH_UTILS in sys.modules:
        _translate_rich_utils(sys.modules[RICH_UTILS])
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())
    core = importlib.import_module("typer.core")
    # Type names such as <bool> and <list[Path]> mean nothing to a clerk:
    # an argument shows its Chinese name only, an option its Chinese metavar.
    if hasattr(core, "TyperArgument"):
        core.TyperArgument.display_type_rich = lambda self, ctx: None
    if hasattr(core, "TyperOption"):
        core.TyperOption.display_type_rich = lambda self, ctx: self.metavar
