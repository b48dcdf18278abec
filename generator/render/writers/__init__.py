"""Writers: each turns a ``Document`` into the bytes of one file format.

Every writer module exposes ``render(document, *, reference=None) -> bytes``
and is imported only when its format is asked for (python-docx is slow to
import and not needed for a .txt).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from generator.render.document import Document

FORMATS: dict[str, str] = {
    "txt": "generator.render.writers.text",
    "md": "generator.render.writers.markdown",
    "html": "generator.render.writers.html",
    "docx": "generator.render.writers.docx",
    "pdf": "generator.render.writers.pdf",
}

Writer = Callable[..., bytes]


def writer_for(fmt: str) -> Writer:
    """The ``render`` function of one format (a key of ``FORMATS``)."""
    module = importlib.import_module(FORMATS[fmt])
    return module.render


def render(document: Document, fmt: str, *, reference: Path | None = None) -> bytes:
    """The document in one format, as bytes."""
    return writer_for(fmt)(document, reference=reference)
