"""Chinese for the words typer and click print themselves (help headings,
usage lines, usage errors), so everything a clerk reads is in Chinese.

Recent typer ships its own copy of click (``typer._click``) with English
literals; older typer uses click, which wraps messages in gettext. Both are
handled: panel titles are set, the usage prefix and the help option's text
are given in Chinese, and usage-error messages are translated by pattern
just before typer prints them. A message with no pattern passes unchanged.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

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
        (r"Got unexpected extra arguments? \((.+)\)", r"多出了参数（\1）"),
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


def _click_modules() -> list[ModuleType]:
    modules = []
    for package in ("typer._click", "click"):
        try:
            modules.append(importlib.import_module(package))
        except ImportError:
            continue
    return modules


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


def install() -> None:
    """Make typer (and click) speak Chinese; safe to call more than once."""
    for package in _click_modules():
        name = package.__name__
        _wrap_write_usage(importlib.import_module(f"{name}.formatting"))
        _wrap_help_option(importlib.import_module(f"{name}.core"))
    rich_utils = importlib.import_module("typer.rich_utils")
    for constant, text in _TYPER_CONSTANTS.items():
        setattr(rich_utils, constant, text)
    _wrap_error_printer(rich_utils)
    rich_utils.Columns = _help_cell  # used for an option's help only
    core = importlib.import_module("typer.core")
    # Type names such as <bool> and <list[Path]> mean nothing to a clerk:
    # an argument shows its Chinese name only, an option its Chinese metavar.
    if hasattr(core, "TyperArgument"):
        core.TyperArgument.display_type_rich = lambda self, ctx: None
    if hasattr(core, "TyperOption"):
        core.TyperOption.display_type_rich = lambda self, ctx: self.metavar
