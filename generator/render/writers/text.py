"""The plain-text draft: UTF-8, one paragraph a line, a blank line after
the title and before the signature, as the published reports read."""

from __future__ import annotations

from pathlib import Path

from generator.render.document import Document


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as UTF-8 text (``reference`` is ignored)."""
    lines: list[str] = []
    previous = ""
    for block in document.blocks:
        if block.role == "signature" and previous != "signature":
            lines.append("")
        lines.append(block.full)
        if block.role == "title":
            lines.append("")
        previous = block.role
    return ("\n".join(lines) + "\n").encode("utf-8")
