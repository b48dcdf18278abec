"""The one way reportgen writes YAML for a clerk to read and fill (``init``'s
skeleton, ``init --from``, ``locality new``): keys with aligned Chinese
comments, scalars quoted only where YAML needs it, paragraphs as literal
blocks, examples commented out so that deleting "# " switches them on, and
the comments' wording in a data file (``Wording``), not in code. (PyYAML's
dumper drops comments and folds long Chinese lines, so these files are
written line by line.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import yaml

from generator.input.datafiles import read_data

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
        self,
        indent: int,
        key: str,
        value: object = None,
        comment: str = "",
        *,
        item: bool = False,
        block: bool = False,
        off: int | None = None,
    ) -> None:
        """``key: value  # comment`` at ``indent``; ``item`` starts a list item
        (``- key: value``). A text of several lines, or any text with ``block``,
        becomes a literal block below the key (and its comment). ``off``: an
        example commented out, its "# " at that column (deleting it switches
        the entry on at the right indent)."""
        lead = " " * indent + ("- " if item else "") + scalar(key) + ":"
        if isinstance(value, str) and (block or "\n" in value.strip()) and value.strip() and _block_safe(value):
            self._line(lead + " |-", comment, off)
            pad = " " * (indent + (4 if item else 2))
            self.lines += [_off(pad + line, off) if line else "" for line in value.strip().split("\n")]
            return
        text = scalar(value)
        self._line(lead + (" " + text if text else ""), comment, off)

    def item(self, indent: int, value: object, comment: str = "", *, off: int | None = None) -> None:
        """``- value`` at ``indent``: a scalar item of a list (``-`` alone for none)."""
        self._line((" " * indent + "- " + scalar(value)).rstrip(), comment, off)

    def _line(self, head: str, comment: str, off: int | None = None) -> None:
        head = _off(head, off)
        if comment:
            # YAML needs a space before a comment; align comments where the line is short.
            head += " " * max(2, COMMENT_COLUMN - width(head)) + "# " + comment.replace("\n", " ")
        self.lines.append(head)

    def text(self) -> str:
        """The file's text, ending with a newline."""
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _off(line: str, at: int | None) -> str:
    """A line commented out with its "# " at column ``at`` (``None``: as it is)."""
    return line if at is None else line[:at] + "# " + line[at:]


class _Unfilled(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # {指标} in the wording is the clerk's syntax, not a value to fill


def same_words(text: str) -> str:
    """A comment as compared with a wording: years, numbers and spacing aside."""
    return " ".join(re.sub(r"\d+", "0", text).split())


class Wording:
    """The comments of one kind of file, in ``generator/data/<name>.yaml``:
    one entry a comment, its {names} filled in when written."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def entries(self) -> dict[str, str]:
        """The wording as the data file has it."""
        return _wording_file(self.name)

    def __call__(self, key: str, **values: object) -> str:
        """The comment ``key``, its {names} filled from ``values`` (an unknown one kept as written)."""
        return self.entries[key].format_map(_Unfilled(values))

    def patterns(self, wildcards: dict[str, str] | None = None) -> tuple[re.Pattern[str], ...]:
        """Every line of the wording as a pattern over ``same_words``: a {name}
        matches anything, or what ``wildcards`` says for it."""
        return _patterns(self.name, tuple(sorted((wildcards or {}).items())))


@cache
def _wording_file(name: str) -> dict[str, str]:
    return read_data(f"{name}.yaml")


@cache
def _patterns(name: str, wildcards: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], ...]:
    patterns = []
    for text in _wording_file(name).values():
        for line in text.splitlines():
            words = re.escape(same_words(line))
            for placeholder, regex in wildcards:
                words = words.replace(re.escape("{" + placeholder + "}"), regex)
            if words:
                patterns.append(re.compile(re.sub(r"\\\{[^{}]*\\\}", ".*", words)))
    return tuple(patterns)
