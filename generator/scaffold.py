"""``reportgen locality new``: a locality folder that renders exactly what
its parent renders until edited, with a commented example, in Chinese, of
each kind of override. The templates are data (``data/locality_scaffold``);
locality.yaml is written like every YAML file reportgen writes for a clerk,
with ``yamltext``, its wording in ``data/locality_scaffold/locality.yaml``."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from generator.errors import UserError, display_path
from generator.input.areas import areas
from generator.input.yamltext import Wording, YamlText
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


say = Wording("locality_scaffold/locality")
"""A comment of a new locality.yaml, worded in data/locality_scaffold/locality.yaml."""


def locality_settings(name: str, extends: str | None, parent_label: str) -> str:
    """The text of a new locality.yaml: its name, its parent, and an example,
    commented out, of every default a locality may set."""
    o = YamlText()
    o.comment(0, say("header", name=name, parent=parent_label))
    o.blank()
    o.entry(0, "name", name, say("name"))
    o.entry(0, "extends", extends or say("extends_example"), say("extends"), off=None if extends else 0)
    o.blank()
    o.comment(0, say("issuers"))
    o.entry(0, "issuers", off=0)
    o.item(2, default_issuer(name, guess_level(name)), off=0)
    o.blank()
    o.comment(0, say("addressee"))
    o.entry(0, "addressee", say("addressee_example"), off=0)
    o.blank()
    o.comment(0, say("guidance"))
    o.entry(0, "guidance", off=0)
    o.item(2, say("guidance_example"), off=0)
    o.blank()
    o.comment(0, say("headings", areas=" ".join(area.id for area in areas())))
    o.entry(0, "headings", off=0)
    o.entry(2, say("headings_example_area"), say("headings_example"), off=0)
    o.blank()
    o.comment(0, say("metric_definitions"))
    o.entry(0, "metric_definitions", off=0)
    for n, key in enumerate(("id", "label", "unit", "area")):
        o.entry(4 if n else 2, key, say(f"metric_example_{key}"), item=n == 0, off=0)
    o.blank()
    o.comment(0, say("reference"))
    o.entry(0, "reference", say("reference_example"), off=0)
    return o.text()


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
    tokens = {"__NAME__": name, "__SLUG__": slug}
    texts = {LOCALITY_FILE: locality_settings(name, extends, parent_label)}
    for target, template in {"report.j2": "report.j2", f"_{slug}.j2": "_partial.j2"}.items():
        text = _scaffold_text(template)
        for token, value in tokens.items():
            text = text.replace(token, value)
        texts[target] = text
    written = []
    try:
        folder.mkdir(parents=True)
        for target, text in texts.items():
            atomic_write(folder / target, text.encode("utf-8"))
            written.append(folder / target)
    except OSError as error:
        raise UserError(f"无法新建地方模板文件夹：{error.strerror}", file=display_path(folder)) from None
    return written
