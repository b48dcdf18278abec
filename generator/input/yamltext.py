"""YAML text written line by line, for files a clerk reads and fills:
keys with aligned Chinese comments, scalars quoted only where YAML needs it,
paragraphs as literal blocks. (PyYAML's dumper drops comments and folds
long Chinese lines, so these files are written by hand.)
"""

from __future__ import annotations

import unicodedata

import yaml

COMMENT_COLUMN = 28
_BREAKS = "\r\x0b\x0c\x85\u2028\u2029"  # line breaks to YAML or to str.splitlines, besides \n


def width(text: str) -> int:
    """Columns the text takes in an editor: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def scalar(value: object) -> str:
    """A one-line YAML scalar: plain where YAML reads it back unchanged, quoted otherwise."""
    if value is None:
        return ""
    style = None
    if isinstance(value, str) and ("\n" in value or not _block_safe(value)):
        style = '"'  # escapes what a plain or single-quoted scalar would fold or lose
    text = yaml.safe_dump(value, allow_unicode=True, width=float("inf"), default_flow_style=True, default_style=style)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _block_safe(text: str) -> bool:
    """Whether a literal block can hold the text (printable characters only)."""
    return all(ch in "\n\t" or (ch.isprintable() and ch not in _BREAKS) for ch in text)


class YamlText:
    """Lines of a YAML file being written."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, indent: int, text: str) -> None:
        """One comment line per line of ``text``."""
        for line in text.splitlines() or [""]:
            self.lines.append(" " * indent + ("# " + line).rstrip())

    def blank(self) -> None:
        """An empty line between parts."""
        self.lines.append("")

    def entry(
        self, indent: int, key: str, value: object = None, comment: str = "", *, item: bool = False, block: bool = False
    ) -> None:
        """``key: value  # comment`` at ``indent``; ``item`` starts a list item
        (``- key: value``). A text of several lines, or any text with ``block``,
        becomes a literal block below the key (and its comment)."""
        lead = " " * indent + ("- " if item else "") + scalar(key) + ":"
        if isinstance(value, str) and (block or "\n" in value.strip()) and value.strip() and _block_safe(value):
            self._line(lead + " |-", comment)
            pad = " " * (indent + (4 if item else 2))
            self.lines += [pad + line if line else "" for line in value.strip().split("\n")]
            return
        text = scalar(value)
        self._line(lead + (" " + text if text else ""), comment)

    def item(self, indent: int, value: object, comment: str = "") -> None:
        """``- value`` at ``indent``: a scalar item of a list."""
        self._line(" " * indent + "- " + scalar(value), comment)

    def _line(self, head: str, comment: str) -> None:
        if comment:
            # YAML needs a space before a comment; align comments where the line is short.
            head += " " * max(2, COMMENT_COLUMN - width(head)) + "# " + comment.replace("\n", " ")
        self.lines.append(head)

    def text(self) -> str:
        """The file's text, ending with a newline."""
        return "\n".join(self.lines).rstrip("\n") + "\n"
