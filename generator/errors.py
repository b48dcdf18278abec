"""The exception root. Exceptions carry data and format their own message;
only the CLI prints them (in Chinese, for the clerk)."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "note"]  # a note informs and never blocks, even with --strict

SEVERITY_WORDS = {"error": "错误", "warning": "警告", "note": "说明"}  # as the clerk reads each severity


@dataclass(frozen=True)
class Finding:
    """One problem found in an input: where it is, what it is, what to do."""

    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""  # YAML path, e.g. "metrics.合同审查.value"
    hint: str = ""
    rule: str = ""  # the lint rule that found it, e.g. "编号跳号"

    def as_dict(self) -> dict[str, object]:
        """The finding for scripts (``lint --format json``)."""
        return {
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": self.hint,
        }

    def format(self) -> str:
        """The finding as the clerk reads it: ``file:line: 错误：message``."""
        where = self.file or "<输入>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {SEVERITY_WORDS[self.severity]}：{self.message}"
        if self.path:
            text += f"（位置：{self.path}）"
        if self.rule:
            text += f"［{self.rule}］"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


class ReportgenError(Exception):
    """Root of every error reportgen raises on purpose."""


class UserError(ReportgenError):
    """A problem the user can fix; the CLI prints it and exits 1."""

    def __init__(
        self,
        message: str,
        *,
        file: str = "",
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.finding = Finding("error", message, file=file, line=line, column=column, hint=hint)

    @property
    def findings(self) -> list[Finding]:
        """The findings this error stands for (one, for a plain UserError)."""
        return [self.finding]

    def __str__(self) -> str:
        return "\n".join(f.format() for f in self.findings)


class WrongUsage(ReportgenError):
    """A command used the wrong way (options that do not go together, a year
    out of range); the CLI prints ``错误：message`` and exits 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(UserError):
    """An input file with one or more error findings (all collected)."""

    def __init__(self, findings: list[Finding]) -> None:
        first = findings[0]
        super().__init__(first.message, file=first.file, line=first.line, hint=first.hint)
        self._findings = list(findings)

    @property
    def findings(self) -> list[Finding]:
        return self._findings


class TemplateError(UserError):
    """A template that does not parse or render (names template and line)."""


class OutputError(UserError):
    """An output that cannot be written safely."""


def display_path(path: Path) -> str:
    """A path as a clerk reads it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


# Characters that split or change an argument in cmd.exe, PowerShell or a Unix shell.
_NEEDS_QUOTES = re.compile(r"""[\s"'`$&|;<>()^%!*?{}\[\]#~,]""")


def quote_arg(arg: str | Path) -> str:
    """A file name or word as one argument of a command a hint asks the
    clerk to run: unchanged when safe, else in double quotes (the quoting
    cmd.exe, PowerShell and POSIX shells share; single quotes mean nothing
    to cmd.exe), with " $ ` escaped for the POSIX shells."""
    text = str(arg)
    if text and not _NEEDS_QUOTES.search(text):
        return text
    return '"' + re.sub(r'(["$`])', r"\\\1", text) + '"'


_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "磁盘为只读",
    errno.ENOENT: "文件夹不存在",
    errno.ENOTDIR: "路径中有同名文件，不是文件夹",
    errno.EEXIST: "已有同名文件",
    errno.EISDIR: "同名的是一个文件夹，不是文件",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ELOOP: "链接形成了循环",
}


def reason(error: OSError) -> str:
    """An OSError in words a clerk understands."""
    return _REASONS.get(error.errno or 0, error.strerror or str(error))
