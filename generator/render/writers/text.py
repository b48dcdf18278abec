"""The plain-text draft: one paragraph a line, a blank line after the
title and before the signature, as the published reports read.

Written for the Windows PCs clerks use: Windows line ends (CRLF), since
Notepad before Windows 10 (1809) shows a file of bare LF as one line, and
UTF-8 with a byte-order mark, since Notepad before Windows 10 (1903) reads
a Chinese file without one as GBK and garbles it. WPS, Word, the
government web systems it is pasted into and current editors read both."""

from __future__ import annotations

from pathlib import Path

from generator.render.document import Document


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as text, UTF-8 with a BOM and CRLF line ends
    (``reference`` is ignored)."""
    lines: list[str] = []
    previous = ""
    for block in document.blocks:
        if block.role == "signature" and previous != "signature":
            lines.append("")
        lines.append(block.full)
        if block.role == "title":
            lines.append("")
        previous = block.role
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")
