"""YAML syntax errors explained in Chinese, with a hint for the slips a
clerk makes: a full-width colon or space, a tab, a missing space after
":", a half-width colon inside the text, uneven indentation, a value that
starts with a character YAML reserves, an unclosed quote.

YAML often notices a slip a line or two after it was made, so the lines
just above the reported one are searched too, and the finding points at
the line where the slip is.
"""

from __future__ import annotations

import re

import yaml

from generator.errors import UserError

_FULL_WIDTH_KEY = re.compile(r"^\s*(- )?[^\s#:：\"'][^#:：\"']*：")
_NO_SPACE_AFTER_COLON = re.compile(r"^\s*(- )?[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*:[^\s/]")
_COLON_IN_TEXT = re.compile(r"^\s*(- )?[\w\u4e00-\u9fff]+: [^\"'|>].*: ")
_RESERVED_START = re.compile(r"^\s*(- )?([\w\u4e00-\u9fff]+: )?([@`%!&*|>\[\]{}])")

GENERIC_HINT = "请检查这一行及上一行的格式：“键: 值”的冒号为半角并后跟空格，同级内容缩进一致。"

HINTS = {
    "full_width_colon": "这一行用了全角冒号“：”。键后面的冒号须为半角“:”，并在冒号后加一个空格。",
    "full_width_space": "这一行开头有全角空格。缩进须用半角空格（每级两个）。",
    "tab": "这一行用了 Tab 键缩进。请改用空格缩进（每级两个空格）。",
    "no_space": "键后面的冒号“:”之后要加一个空格，如“year: 2023”。",
    "colon_in_text": "正文里有半角冒号加空格“: ”，YAML 会把它当作键。请改为全角冒号“：”，或把整段文字用英文引号括起来。",
    "reserved": "以 @ ` % ! & * | > [ ] { } 等符号开头的内容，须用英文引号括起来，如 text: \"【重点】……\"。",
    "indent": "这一行的缩进与同级的其他行不一致。同一层级的键须对齐，每级缩进两个空格。",
    "quote": "引号没有配对：以引号开头的内容须以同样的引号结尾。",
    "bracket": "这一行的方括号“[ ]”或花括号“{ }”没有配对：如果是列表，请补上缺少的括号，如 issuers: [甲, 乙]；如果是正文，请把整段用英文引号括起来。",
}


def _content_indent(line: str) -> int:
    """Where a line's content starts: after its spaces and any "- " list marks."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    while stripped.startswith("- "):
        stripped = stripped[2:].lstrip(" ")
        indent = len(line) - len(stripped)
    return indent


def _unbalanced(text: str) -> bool:
    return text.count("[") != text.count("]") or text.count("{") != text.count("}")


def _strong_slip(line: str) -> str | None:
    """A slip that shows on the line itself, whatever YAML said."""
    code = line.split(" #")[0]
    indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
    if "\u3000" in indent:
        return "full_width_space"
    if "\t" in indent:
        return "tab"
    if _FULL_WIDTH_KEY.match(code):
        return "full_width_colon"
    if _NO_SPACE_AFTER_COLON.match(code) and not re.search(r"\d:\d", code):
        return "no_space"
    return None


def _weak_slip(line: str, previous: str) -> str | None:
    """A slip that is likely given a YAML error near this line."""
    code = line.split(" #")[0]
    if _COLON_IN_TEXT.match(code):
        return "colon_in_text"
    reserved = _RESERVED_START.match(code)
    # [ and { may open a list or mapping; then they close at the end of the line.
    if reserved and reserved.group(3) in "[{" and _unbalanced(code):
        return "bracket"  # a list or mapping left open, or text that opens with a bracket
    if reserved and (reserved.group(3) not in "[]{}" or _unbalanced(code) or not code.rstrip().endswith(("]", "}"))):
        return "reserved"
    if previous.strip() and not previous.rstrip().endswith(":") and line.strip():
        if len(line) - len(line.lstrip(" ")) > _content_indent(previous):
            return "indent"
    return None


def explain(error: yaml.MarkedYAMLError, text: str, file: str) -> UserError:
    """A YAML syntax error as a Chinese ``UserError`` at the line of the slip."""
    mark = error.problem_mark or error.context_mark
    lines = text.splitlines() or [""]
    line = min(mark.line, len(lines) - 1) if mark else 0
    column: int | None = mark.column + 1 if mark else None
    candidates = [i for i in range(line, max(line - 3, -1), -1) if 0 <= i < len(lines)]

    def previous_of(i: int) -> str:
        return next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")

    kind = None
    if "quoted scalar" in (error.context or "") and error.context_mark is not None:
        kind, found = "quote", error.context_mark.line  # the line where the quote opened
    else:
        found = next((i for i in candidates if _strong_slip(lines[i])), None)
        if found is not None:
            kind = _strong_slip(lines[found])
        else:
            found = next((i for i in candidates if _weak_slip(lines[i], previous_of(i))), None)
            if found is not None:
                kind = _weak_slip(lines[found], previous_of(found))
    if found is not None and found != line:
        line, column = found, None
    problem = error.problem or ""
    if kind is None and "mapping values are not allowed" in problem:
        kind = "colon_in_text"
    if kind is None and ("cannot start any token" in problem or "found undefined alias" in problem):
        kind = "reserved"
    source_line = lines[line].strip() if 0 <= line < len(lines) else ""
    message = "YAML 格式错误，无法读取" + (f"：{source_line[:60]}" if source_line else "")
    return UserError(message, file=file, line=line + 1 if mark else None, column=column, hint=HINTS.get(kind or "", GENERIC_HINT))


def explain_reader_error(error: yaml.reader.ReaderError, text: str, file: str) -> UserError:
    """A character YAML cannot read at all (NUL and other control characters)."""
    line = text[: error.position].count("\n") + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return UserError(
        f"第{line}行有不可见的控制字符（U+{code:04X}），无法读取",
        file=file,
        line=line,
        hint="这类字符常是从其他软件复制时带入的。请删除这一行中看不见的字符后重新输入。",
    )
