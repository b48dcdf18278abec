"""A reference .docx whose styles replace the built-in ones, by name.

Like pandoc's ``--reference-doc``: a locality (or a clerk) restyles a
draft in Word, saves it, and hands it back as the reference; every style
in it whose name matches one of ours (公文正文, 公文一级标题, …, Normal)
replaces ours, keeping our style id so the paragraphs still point at it.
Styles the replaced ones are based on or linked to come along.
"""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from generator.errors import UserError
from generator.render.writers.docx_styles import w

_HINT = "参考样式文档应是用 Word 或 WPS 保存的 .docx 文件（可先用 reportgen 生成一份，修改样式后另存）。"
_REFERRING = ("basedOn", "next", "link")


MAX_STYLES_BYTES = 16 * 1024 * 1024  # Word's styles.xml is a few hundred KB at most


def read_reference_styles(reference: Path) -> etree._Element:
    """The ``word/styles.xml`` root of a reference .docx.

    A reference comes from other people, so it is read with limits: at most
    ``MAX_STYLES_BYTES`` inflated (a zip bomb is refused, not unpacked), and
    no DTD: a DOCTYPE or entity declaration is refused (Word never writes
    one, and entities would make a .docx Word cannot open).
    """
    try:
        with zipfile.ZipFile(reference) as package:
            info = package.getinfo("word/styles.xml")
            if info.file_size > MAX_STYLES_BYTES:
                raise _too_large(reference)
            with package.open(info) as member:
                data = member.read(MAX_STYLES_BYTES + 1)  # the header's size may lie
    except FileNotFoundError:
        raise UserError(f"找不到参考样式文档：{reference}", file=str(reference), hint=_HINT) from None
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UserError(
            f"参考样式文档不是有效的 .docx 文件（{exc.__class__.__name__}）",
            file=str(reference),
            hint=_HINT,
        ) from None
    if len(data) > MAX_STYLES_BYTES:
        raise _too_large(reference)
    if any(mark.encode(code) in data for mark in ("<!DOCTYPE", "<!ENTITY") for code in ("utf-8", "utf-16-le", "utf-16-be")):
        raise _doctype(reference)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UserError(f"参考样式文档的样式表无法解析：{exc}", file=str(reference), hint=_HINT) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or any(
        isinstance(node, etree._Entity) for node in root.iter()
    ):
        raise _doctype(reference)
    return root


def _doctype(reference: Path) -> UserError:
    return UserError(
        "参考样式文档的样式表含有 DOCTYPE 或实体声明，Word 不会这样写，已拒绝使用",
        file=str(reference),
        hint=_HINT,
    )


def _too_large(reference: Path) -> UserError:
    return UserError(
        f"参考样式文档的样式表解压后超过 {MAX_STYLES_BYTES // 1024 // 1024} MB，不像是 Word 保存的文件，已拒绝读取",
        file=str(reference),
        hint=_HINT,
    )


def _name(style: etree._Element) -> str:
    name = style.find(w("name"))
    return name.get(w("val"), "") if name is not None else ""


def apply_reference(ours: etree._Element, reference: Path) -> None:
    """Replace, in the styles root ``ours``, every style whose name and
    type match a style of ``reference``."""
    theirs = read_reference_styles(reference)
    their_by_id = {s.get(w("styleId")): s for s in theirs.iter(w("style"))}
    their_by_name = {(s.get(w("type")), _name(s)): s for s in theirs.iter(w("style"))}
    our_by_name = {_name(s): s for s in ours.iter(w("style"))}
    our_ids = {s.get(w("styleId")) for s in ours.iter(w("style"))}
    imported: dict[str, str] = {}  # their id -> id in ours
    clones: list[etree._Element] = []

    def resolve(their_id: str) -> str | None:
        """Our id for a style the reference refers to, importing it if new."""
        if their_id in imported:
            return imported[their_id]
        source = their_by_id.get(their_id)
        if source is None:
            return None
        if _name(source) in our_by_name:
            return our_by_name[_name(source)].get(w("styleId"))
        new_id = their_id if their_id not in our_ids else f"Ref{their_id}"
        imported[their_id] = new_id
        our_ids.add(new_id)
        clone = _clean_copy(source, new_id)
        ours.append(clone)
        clones.append(clone)
        return new_id

    for style in list(ours.iter(w("style"))):
        source = their_by_name.get((style.get(w("type")), _name(style)))
        if source is None:
            continue
        imported[source.get(w("styleId"))] = style.get(w("styleId"))
        clone = _clean_copy(source, style.get(w("styleId")), default=style.get(w("default")))
        style.getparent().replace(style, clone)
        clones.append(clone)
    done = 0
    while done < len(clones):  # resolving may import more styles
        _relink(clones[done], resolve)
        done += 1


def _clean_copy(source: etree._Element, style_id: str, default: str | None = None) -> etree._Element:
    """A copy of a reference style under our id, without list numbering
    (our package has no numbering part) and revision ids."""
    clone = copy.deepcopy(source)
    clone.set(w("styleId"), style_id)
    if default:
        clone.set(w("default"), default)
    elif w("default") in clone.attrib:
        del clone.attrib[w("default")]
    for tag in ("numPr", "rsid"):
        for found in list(clone.iter(w(tag))):
            found.getparent().remove(found)
    return clone


def _relink(style: etree._Element, resolve: Callable[[str], str | None]) -> None:
    """Point a copied style's basedOn/next/link (the reference's ids) at
    the matching ids in our styles."""
    for tag in _REFERRING:
        ref = style.find(w(tag))
        if ref is None:
            continue
        target = resolve(ref.get(w("val"), ""))
        if target is None:
            style.remove(ref)
        else:
            ref.set(w("val"), target)
