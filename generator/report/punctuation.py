"""Punctuation of the clerk's text, per GB/T 15834: full-width marks in
Chinese text, no stray spaces between Chinese characters, no characters
that are illegal in XML. Applied to every string from the YAML before it
reaches a template."""

from __future__ import annotations

import re

# CJK ideographs, full-width forms and CJK punctuation.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7"
_IS_CJK = re.compile(f"[{_CJK}]")

# C0 controls other than tab/newline, DEL, noncharacters, and U+2016 (the
# run-in marker of the document markup; U+FDD0/U+FDD1 mark carried wording
# there): never legal in the draft.
# Controls pasted from other software, and the invisible format characters
# (zero-width spaces and joiners, soft hyphen, direction marks and overrides
# such as U+202E) that would hide or reorder text in the draft.
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufdd0-\ufdef\ufffe\uffff\u2016"
    "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)

_SIMPLE = {",": "，", ";": "；", "!": "！", "?": "？"}
_TERMINAL = tuple("。！？；：…”’）】")


def illegal_characters(text: str) -> list[tuple[int, str]]:
    """Positions and characters that must not reach the draft (controls pasted from other software)."""
    return [(m.start(), m.group(0)) for m in _ILLEGAL.finditer(text)]


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _fix_marks(text: str) -> str:
    out = []
    for i, ch in enumerate(text):
        if ch in _SIMPLE and not (ch == "," and _between_digits(text, i)):
            out.append(_SIMPLE[ch])
        elif ch == ":" and not _between_digits(text, i):
            out.append("：")
        elif ch == "." and i > 0 and _IS_CJK.match(text[i - 1]) and (i == len(text) - 1 or _IS_CJK.match(text[i + 1])):
            out.append("。")
        else:
            out.append(ch)
    return "".join(out)


def _fix_parens(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else ""
        if _IS_CJK.search(m.group(1)) or (before and _IS_CJK.match(before)):
            return f"（{m.group(1)}）"
        return m.group(0)

    return re.sub(r"\(([^()]*)\)", repl, text)


def _fix_quotes(text: str) -> str:
    parts = text.split('"')
    if len(parts) % 2 == 0:  # unbalanced: leave for the clerk to see
        return text
    return "".join(p + ("“" if i % 2 == 0 else "”") if i < len(parts) - 1 else p for i, p in enumerate(parts))


_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _drop_spaces(text: str) -> str:
    # A space next to a Chinese mark, or between Chinese and a digit or letter,
    # is a typing slip ("过程中 ，", "“ 关键少数”", "2023 年"). A space between two
    # Chinese characters is the clerk's: it parts two issuers or the halves of a
    # slogan ("中共中央办公厅 国务院办公厅", "深化简政放权 提升服务效能") and stays.
    def slip(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return match.group(0) if _IDEOGRAPH.match(before) and _IDEOGRAPH.match(after) else ""

    return re.sub(f"(?<=[{_CJK}])[ \t\u3000]+|[ \t\u3000]+(?=[{_CJK}])", slip, text)


def normalize(text: str) -> str:
    """The clerk's text with full-width punctuation and without stray spaces or illegal characters."""
    text = _ILLEGAL.sub("", text)
    text = _drop_spaces(text)
    text = _fix_quotes(_fix_parens(_fix_marks(text)))
    return text.strip()


def one_line(text: str) -> str:
    """A text that makes one line of the draft (a title, heading, issuer):
    the line breaks a YAML block put in it joined, as the clerk meant one line."""
    return "".join(line.strip() for line in text.splitlines())


def strip_end(text: str) -> str:
    """A heading without its final 。 (the template adds it)."""
    return text.rstrip("。．.，,；; ")


def ensure_end(text: str, *, runs_on: bool = False) -> str:
    """A sentence that ends in a mark: a trailing ，、 becomes 。, and 。 is
    added when it ends in none. With ``runs_on`` (template words follow in
    the same paragraph) a trailing ，、 is the clerk's choice and stays."""
    if runs_on and text.endswith(("，", "、")):
        return text
    text = text.rstrip("，、,")
    return text if not text or text.endswith(_TERMINAL) else text + "。"
