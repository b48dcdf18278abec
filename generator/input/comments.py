"""The comments of a YAML file, each with the YAML path it belongs to.

A clerk writes notes to self in the input ("# 张律师、李律师", "# 数字来自司法所"),
and ``init --from`` must not drop them. PyYAML's loader discards comments,
but its scanner's tokens cover every key, value and indicator: whatever lies
between two tokens is white space and comments, so each ``#`` found there
starts a comment (a ``#`` inside a scalar is inside a token). A comment
belongs to the path of the entry on its line (a comment at the end of a
line) or, for a comment on a line of its own, to the entry on the next line
that holds one; the shallowest path starting on that line wins, so a note
above ``- area: 执法`` belongs to the group, not to its ``area``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import yaml

from generator.input.model_errors import YamlPath


@dataclass(frozen=True)
class Comment:
    """One comment line of a YAML file."""

    line: int  # 1-based
    text: str  # without the "#" and the spaces around it
    indent: int  # spaces between "# " and the text: a quoted block or list is indented further
    trailing: bool  # after a key or value on the same line, not on a line of its own
    path: YamlPath  # the entry it belongs to; () before the first entry or after the last


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every comment: each "#" between two tokens, to the end of its line."""
    spans: list[tuple[int, int]] = []
    at = 0
    for token in yaml.scan(text):
        gap_end = token.start_mark.index
        while True:
            hash_at = text.find("#", at, gap_end)
            if hash_at < 0:
                break
            line_end = text.find("\n", hash_at)
            line_end = len(text) if line_end < 0 else line_end
            spans.append((hash_at, line_end))
            at = line_end
        at = max(at, token.end_mark.index)
    return spans


def comments(text: str, positions: dict[YamlPath, tuple[int, int]]) -> list[Comment]:
    """Every comment of ``text`` (already parsed, with ``positions`` from
    ``loading.parse_yaml``), in order, with the path it belongs to."""
    starts: dict[int, YamlPath] = {}
    for path, (line, _) in positions.items():
        if path and (line not in starts or len(path) < len(starts[line])):
            starts[line] = path
    lines = sorted(starts)
    found: list[Comment] = []
    for start, end in _comment_spans(text):
        line = text.count("\n", 0, start) + 1
        line_start = text.rfind("\n", 0, start) + 1
        trailing = bool(text[line_start:start].strip())
        raw = text[start:end].lstrip("#").rstrip()
        words = raw.strip()
        if not words:
            continue  # a bare "#", a spacer
        if trailing:  # the entry on its line, or the one it continues (a flow list over lines)
            before = bisect.bisect_right(lines, line) - 1
            path = starts[lines[before]] if before >= 0 else ()
        else:
            after = bisect.bisect_right(lines, line)
            path = starts[lines[after]] if after < len(lines) else ()
        indent = max(len(raw) - len(raw.lstrip(" ")) - 1, 0)
        found.append(Comment(line=line, text=words, indent=indent, trailing=trailing, path=path))
    return found


class Notes:
    """Comments waiting to be written again, taken by the path they belong to."""

    def __init__(self, found: list[Comment]) -> None:
        self.left = list(found)

    def take(self, path: YamlPath, *, deep: bool = True, exclude: tuple[YamlPath, ...] = ()) -> list[str]:
        """The texts of the comments of ``path`` (and, if ``deep``, of the entries
        under it, but not under any of ``exclude``), in file order; each once."""

        def mine(c: Comment) -> bool:
            if c.path[: len(path)] != path or (not deep and c.path != path):
                return False
            return not any(c.path[: len(x)] == x for x in exclude)

        taken = [c for c in self.left if mine(c)]
        self.left = [c for c in self.left if not mine(c)]
        return [c.text for c in taken]

    def rest(self) -> list[str]:
        """Every comment not taken yet, in file order."""
        taken, self.left = self.left, []
        return [c.text for c in taken]
