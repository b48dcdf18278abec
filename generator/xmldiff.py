"""A .docx as text a person can diff: each XML part of the package,
pretty-printed, under a line naming the part (as python-docx's own tests
compare XML, not zip bytes)."""

from __future__ import annotations

import hashlib
import io
import zipfile

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def pretty_xml(data: bytes) -> str:
    """One XML part, indented one element a line; text (and xml:space) untouched."""
    root = etree.fromstring(data, parser=_PARSER)
    # Indent only where the writer put no whitespace: text in w:t runs stays as it is.
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")


def docx_as_text(data: bytes) -> str:
    """Every part of a .docx in package order: XML parts pretty-printed, any
    other part by its size and SHA-256."""
    out: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            part = package.read(info)
            out.append(f"<!-- ===== {info.filename} ===== -->")
            if info.filename.endswith((".xml", ".rels")):
                out.append(pretty_xml(part))
            else:
                out.append(f"<!-- {len(part)} bytes, sha256 {hashlib.sha256(part).hexdigest()} -->")
    return "\n".join(out) + "\n"
