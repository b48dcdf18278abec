"""``reportgen locality new``: a locality folder that renders exactly what
its parent renders until edited, with a commented example, in Chinese, of
each kind of override (the files are data: ``data/locality_scaffold``)."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from generator.errors import UserError, display_path
from generator.input.locality import LOCALITIES_DIR, LOCALITY_FILE, load_chain
from generator.output import atomic_write
from generator.skeleton import default_issuer, guess_level

_SLUG = re.compile(r"^[^\s/\\.:*?\"<>|][^\s/\\:*?\"<>|]*$")
SCAFFOLD = "data/locality_scaffold"


def _scaffold_text(name: str) -> str:
    return resources.files("generator").joinpath(f"{SCAFFOLD}/{name}").read_text(encoding="utf-8")


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # e.g. a name too long for the file system
        return False


def check_slug(slug: str) -> str:
    """A folder name: no spaces, path separators or characters Windows forbids."""
    if not _SLUG.match(slug):
        raise ValueError(f"“{slug}”不能用作文件夹名：不能含空格、/、\\、冒号等符号，也不能以“.”开头")
    return slug


def new_locality(slug: str, name: str, extends: str | None = None, root: Path = LOCALITIES_DIR) -> list[Path]:
    """Create ``root/slug`` with locality.yaml, report.j2 and _<slug>.j2; return the files written.

    ``extends`` is a sibling folder in ``root``; it must exist (and its own
    chain must resolve), so the new folder renders from the first run.
    """
    check_slug(slug)
    folder = root / slug
    if _exists(folder):
        raise UserError("地方模板文件夹已存在，未改动", file=display_path(folder), hint="换一个文件夹名，或直接编辑其中的文件。")
    parent_label = "默认模板"
    if extends:
        check_slug(extends)
        parent = root / extends
        if not _exists(parent):
            known = sorted(p.name for p in root.iterdir() if p.is_dir()) if _exists(root) else []
            raise UserError(
                f"找不到上级地方模板“{extends}”",
                file=display_path(root),
                hint=(f"现有的地方模板：{'、'.join(known)}。" if known else "") + "请先新建上级地方的模板。",
            )
        parent_label = f"上级地方（{load_chain(parent).label}）模板"
    tokens = {
        "__NAME__": name,
        "__PARENT__": parent_label,
        "__ISSUER__": default_issuer(name, guess_level(name)),
        "__SLUG__": slug,
        "__EXTENDS__": (
            f"extends: {extends}             # 上级地方模板（与本文件夹并列的文件夹名）：本地没写的沿用上级的"
            if extends
            else "# extends: 上级文件夹名     # 上级地方模板（与本文件夹并列）：本地没写的沿用上级的"
        ),
    }
    files = {LOCALITY_FILE: "locality.yaml", "report.j2": "report.j2", f"_{slug}.j2": "_partial.j2"}
    written = []
    try:
        folder.mkdir(parents=True)
        for target, template in files.items():
            text = _scaffold_text(template)
            for token, value in tokens.items():
                text = text.replace(token, value)
            atomic_write(folder / target, text.encode("utf-8"))
            written.append(folder / target)
    except OSError as error:
        raise UserError(f"无法新建地方模板文件夹：{error.strerror}", file=display_path(folder)) from None
    return written
