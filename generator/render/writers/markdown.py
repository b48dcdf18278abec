"""The Markdown writer: the report's structure in CommonMark.

The title is ``#``; whole-line headings are ``##``–``####``; a run-in
heading stays in its paragraph as ``**（一）…**。…``; every other block is
a paragraph of its own, the issuer and the date last (Markdown cannot
right-align them). 【待填：…】 gaps are kept as they are, to be found by
search. Characters Markdown would read as markup are backslash-escaped.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from generator.render.document import Block, Document

_HEADING_MARKS = {"title": "#", "heading1": "##", "heading2": "###", "heading3": "####"}
# Markup anywhere in a line: emphasis, code, links, raw HTML, tables, entities.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?[A-Za-z0-9]+;)")
# Markup at the start of a paragraph: headings, quotes, lists, rules.
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as UTF-8 Markdown (``reference`` is ignored)."""
    paragraphs = [paragraph(block) for block in document.blocks]
    return ("\n\n".join(paragraphs) + "\n").encode("utf-8")


def escape(text: str) -> str:
    """``text`` with the characters Markdown would take as markup escaped."""
    text = _INLINE_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    match = _LINE_START.match(text)
    if match:
        at = match.end()
        if match.group(2)[0].isdigit():
            return text[:at] + "\\" + text[at:]  # "1." or "1)" would start a list
        return text[: match.start(2)] + "\\" + text[match.start(2) :]
    return text


def paragraph(block: Block) -> str:
    """One block as one Markdown paragraph (or heading line)."""
    if block.role == "title" or (block.role in _HEADING_MARKS and not block.text):
        # "#" is escaped too: a trailing "#" would close the ATX heading.
        return f"{_HEADING_MARKS[block.role]} {_escape_inline(block.full).replace('#', chr(92) + '#')}"
    if block.role in _HEADING_MARKS and block.lead:
        return _run_in(block.lead, block.text)
    return escape(block.full)


def _escape_inline(text: str) -> str:
    """Escape for text that does not start a paragraph (inside a heading or
    after a run-in lead)."""
    return _INLINE_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)


def _run_in(lead: str, text: str) -> str:
    """``**lead**text``. Trailing punctuation (。) goes outside the ``**``:
    CommonMark does not close emphasis after punctuation that is followed
    by a letter, which is what every Chinese run-in heading would be. A
    lead ending in a 【待填：…】 gap keeps the gap whole inside an inline
    ``<strong>`` instead."""
    core, tail = lead, ""
    while core and _is_punctuation(core[-1]) and core[-1] != "】":
        core, tail = core[:-1], core[-1] + tail
    if not core:
        return escape(lead + text)
    if _is_punctuation(core[-1]):
        return f"<strong>{_escape_inline(core)}</strong>{_escape_inline(tail + text)}"
    return f"**{_escape_inline(core)}**{_escape_inline(tail + text)}"


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith("P")
