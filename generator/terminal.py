"""Where the command line's lines go: stdout or stderr, plain when piped or
redirected, in colour on a terminal.

rich draws the colours, the progress bar and the diff table, but importing
it costs about a quarter of a cold ``render``; a line written to a pipe, a
file or CI needs none of it, so rich is imported only when the stream is a
terminal (or colour is forced with FORCE_COLOR). Either way a line is
printed literally: no rich markup or emoji codes are read in it, so a file
named ``[v2].yaml`` is printed as it is.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


class Stream:
    """stdout or stderr, looked up at each print (tests swap them)."""

    def __init__(self, *, stderr: bool) -> None:
        self.stderr = stderr
        self._console: Console | None = None

    @property
    def file(self) -> TextIO:
        """The stream as it is now."""
        return sys.stderr if self.stderr else sys.stdout

    @property
    def is_terminal(self) -> bool:
        """Whether a person reads this stream as it is written."""
        isatty = getattr(self.file, "isatty", None)
        try:
            return bool(isatty and isatty())
        except ValueError:  # a closed stream
            return False

    def _coloured(self) -> bool:
        return self.is_terminal or bool(os.environ.get("FORCE_COLOR"))

    def console(self) -> Console:
        """A rich console on this stream (rich imported here, on first use)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self.stderr, highlight=False, soft_wrap=True)
        return self._console

    def print(self, text: str = "", style: str | None = None) -> None:
        """One line (or several), in ``style`` (a rich style such as
        "bold red") where colours show."""
        if self._coloured():
            from rich.text import Text

            self.console().print(Text(text, style=style or ""))
            return
        file = self.file
        file.write(text + "\n")
        file.flush()
