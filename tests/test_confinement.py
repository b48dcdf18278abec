"""A template cannot read a file outside its templates root: not by
include, import or extends, not through a locality chain (``extends: /``,
``../..``), not through a link to a file or a folder elsewhere."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.pipeline import build_document, check_file, render_formats
from tests.helpers import MINIMAL, write_yaml

SECRET = "机密内容-不应出现"


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    """tmp/secret/passwd (outside) and tmp/work/templates/localities/ (the root)."""
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passwd").write_text(f"[body] {SECRET}\n", encoding="utf-8")
    (tmp_path / "secret" / "report.j2").write_text(f"[title] {SECRET}\n", encoding="utf-8")
    (tmp_path / "work" / "templates" / "localities").mkdir(parents=True)
    return tmp_path


def locality(tree: Path, slug: str, **files: str) -> Path:
    folder = tree / "work" / "templates" / "localities" / slug
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = "locality.yaml" if name == "locality" else name.replace("__", ".")
        (folder / target).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def render_town(tree: Path, slug: str = "town") -> str:
    """Render an input naming ``slug``; the draft's text (to show no secret leaked)."""
    text = MINIMAL.replace("  level: 镇\n", f"  level: 镇\n  templates: {slug}\n", 1)
    checked = check_file(write_yaml(tree / "work", text))
    _, outputs = render_formats(checked, ["txt"])
    return outputs["txt"].decode("utf-8-sig").replace("\r\n", "\n")


def refused(tree: Path, slug: str = "town") -> UserError:
    with pytest.raises(UserError) as caught:
        draft = render_town(tree, slug)
        assert SECRET not in draft  # (never reached when refused)
    assert SECRET not in str(caught.value)
    return caught.value


INCLUDE_PASSWD = '{% extends "report.j2" %}\n{% block opening %}{% include "secret/passwd" %}{% endblock %}\n'


@pytest.mark.parametrize("extends", ["/", "../../../..", "../../../../secret/.."])
def test_a_chain_cannot_extend_a_folder_outside_the_root(tree: Path, extends: str) -> None:
    locality(tree, "town", locality=f"extends: {extends}\n", report__j2=INCLUDE_PASSWD)
    error = refused(tree)
    assert "不在模板根文件夹" in error.finding.message
    assert error.finding.file.endswith("locality.yaml") and error.finding.line == 1


def test_a_chain_cannot_extend_a_link_to_a_folder_outside(tree: Path) -> None:
    (tree / "work" / "templates" / "localities" / "county").symlink_to(tree)
    locality(tree, "town", locality="extends: county\n", report__j2=INCLUDE_PASSWD)
    assert "不在模板根文件夹" in refused(tree).finding.message


def test_the_named_locality_cannot_be_a_link_to_a_folder_outside(tree: Path) -> None:
    (tree / "work" / "templates" / "localities" / "town").symlink_to(tree / "secret")
    assert "不在模板根文件夹" in refused(tree).finding.message


@pytest.mark.parametrize(
    "report_j2",
    [
        '{% extends "report.j2" %}\n{% block opening %}{% include "leak.j2" %}{% endblock %}\n',
        '{% extends "report.j2" %}\n{% import "leak.j2" as leak %}\n{% block opening %}{% endblock %}\n',
        '{% extends "report.j2" %}\n{% from "leak.j2" import x %}\n{% block opening %}{% endblock %}\n',
        '{% extends "leak.j2" %}\n',
        '{% extends "report.j2" %}\n{% block opening %}{% include "etc/passwd" %}{% endblock %}\n',
    ],
    ids=["include", "import", "from-import", "extends", "linked-folder"],
)
def test_a_template_cannot_open_a_link_to_a_file_outside(tree: Path, report_j2: str) -> None:
    town = locality(tree, "town", report__j2=report_j2)
    (town / "leak.j2").symlink_to(tree / "secret" / "passwd")
    (town / "etc").symlink_to(tree / "secret")
    error = refused(tree)
    assert "模板文件夹之外" in error.finding.message
    assert error.finding.file.endswith("report.j2")
    assert error.finding.line in (1, 2)


def test_the_entry_template_cannot_be_a_link_to_a_file_outside(tree: Path) -> None:
    town = locality(tree, "town")
    (town / "report.j2").symlink_to(tree / "secret" / "report.j2")
    assert "模板文件夹之外" in refused(tree).finding.message


def test_a_link_inside_the_layer_still_works(tree: Path) -> None:
    town = locality(tree, "town", report__j2='{% extends "report.j2" %}\n{% block opening %}{% include "part.j2" %}{% endblock %}\n')
    (town / "real.j2").write_text("[body] 本地的开头。\n", encoding="utf-8")
    (town / "part.j2").symlink_to(town / "real.j2")
    assert "本地的开头。" in render_town(tree)


def test_a_reference_docx_linked_from_outside_is_refused(tree: Path) -> None:
    (tree / "secret" / "styles.docx").write_bytes(b"PK\x03\x04")
    town = locality(tree, "town", locality="reference: styles.docx\n")
    (town / "styles.docx").symlink_to(tree / "secret" / "styles.docx")
    text = MINIMAL.replace("  level: 镇\n", "  level: 镇\n  templates: town\n", 1)
    checked = check_file(write_yaml(tree / "work", text))
    with pytest.raises(UserError, match="不在地方模板文件夹"):
        render_formats(checked, ["docx"])


def test_the_proc_files_are_out_of_reach(tree: Path) -> None:
    town = locality(tree, "town", report__j2='{% extends "report.j2" %}\n{% block opening %}{% include "env" %}{% endblock %}\n')
    if not os.path.exists("/proc/self/environ"):
        pytest.skip("no /proc")
    (town / "env").symlink_to("/proc/self/environ")
    assert "模板文件夹之外" in refused(tree).finding.message


def test_locality_yaml_linked_from_outside_is_not_read(tree: Path) -> None:
    (tree / "secret" / "settings.yaml").write_text(f"{SECRET}: [\n", encoding="utf-8")
    town = locality(tree, "town")
    (town / "locality.yaml").symlink_to(tree / "secret" / "settings.yaml")
    assert "地方模板文件夹之外" in refused(tree).finding.message
