"""One environment per search path: templates compile once per process, and
a template changed on disk between two renders is used as it is now."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from generator.errors import TemplateError
from generator.render.bytecode import CACHE_ENV
from generator.render.templating import _environment, render_markup

CONTEXT = {"report": {"locality": "某某镇", "year": 2023}}

BASE = """\
[title] {% block title %}{{ report.locality }}{{ report.year }}年度报告{% endblock %}
[body] {% block body %}正文。{% endblock %}
"""


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from now on."""
    names: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(str(name))
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setenv(CACHE_ENV, "")  # compiled here, not loaded from an earlier run's cache
    return names


def layers(tmp_path: Path) -> tuple[Path, Path]:
    """A county folder with a base report, and a town folder in front of it."""
    county, town = tmp_path / "county", tmp_path / "town"
    county.mkdir()
    town.mkdir()
    (county / "report.j2").write_text(BASE, encoding="utf-8")
    return town, county


def test_a_second_render_compiles_nothing(tmp_path: Path, compiled: list[str]) -> None:
    town, county = layers(tmp_path)
    first = render_markup(CONTEXT, [town, county])
    assert compiled == ["report.j2"]
    assert render_markup(CONTEXT, [town, county]) == first
    assert compiled == ["report.j2"]  # nothing compiled again


def test_an_edited_template_is_used_at_once(tmp_path: Path, compiled: list[str]) -> None:
    town, county = layers(tmp_path)
    assert "正文。" in render_markup(CONTEXT, [town, county])
    # Same size, written within the same clock tick: only the bytes tell it changed.
    (county / "report.j2").write_text(BASE.replace("正文。", "改文。"), encoding="utf-8")
    assert "改文。" in render_markup(CONTEXT, [town, county])
    assert compiled == ["report.j2", "report.j2"]


def test_a_template_added_in_a_nearer_layer_takes_over(tmp_path: Path) -> None:
    town, county = layers(tmp_path)
    assert "正文。" in render_markup(CONTEXT, [town, county])
    (town / "report.j2").write_text('{% extends "report.j2" %}{% block body %}镇里的正文。{% endblock %}', encoding="utf-8")
    assert "镇里的正文。" in render_markup(CONTEXT, [town, county])
    (town / "report.j2").unlink()
    assert "镇里的正文。" not in render_markup(CONTEXT, [town, county])


def test_an_override_made_wrong_after_a_render_is_refused(tmp_path: Path) -> None:
    town, county = layers(tmp_path)
    override = town / "report.j2"
    override.write_text('{% extends "report.j2" %}{% block body %}镇里的正文。{% endblock %}', encoding="utf-8")
    assert "镇里的正文。" in render_markup(CONTEXT, [town, county])
    override.write_text('{% extends "report.j2" %}{% block bdy %}镇里的正文。{% endblock %}', encoding="utf-8")
    with pytest.raises(TemplateError, match="不存在的块“bdy”"):
        render_markup(CONTEXT, [town, county])


def test_a_block_removed_from_the_parent_after_a_render_is_refused(tmp_path: Path) -> None:
    town, county = layers(tmp_path)
    (town / "report.j2").write_text('{% extends "report.j2" %}{% block body %}镇里的正文。{% endblock %}', encoding="utf-8")
    render_markup(CONTEXT, [town, county])
    (county / "report.j2").write_text(BASE.replace("block body", "block text"), encoding="utf-8")
    with pytest.raises(TemplateError, match="不存在的块“body”"):
        render_markup(CONTEXT, [town, county])


def test_messages_name_templates_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    town, county = layers(tmp_path)
    (county / "report.j2").write_text("[title] {{ report.localty }}\n", encoding="utf-8")
    for cwd, expected in ((tmp_path, "county/report.j2"), (county, "report.j2")):
        monkeypatch.chdir(cwd)
        with pytest.raises(TemplateError) as caught:
            render_markup(CONTEXT, [town, county])
        assert caught.value.finding.file == expected


# --- compiled templates kept on disk between processes ---------------------------


def new_process() -> None:
    """Forget the environments of this process, as a new run starts without them."""
    _environment.cache_clear()


def test_a_new_process_loads_the_compiled_templates(tmp_path: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    town, county = layers(tmp_path)
    new_process()
    first = render_markup(CONTEXT, [town, county])
    assert compiled == ["report.j2"] and list((tmp_path / "cache").rglob("*.cache"))
    new_process()
    assert render_markup(CONTEXT, [town, county]) == first
    assert compiled == ["report.j2"]  # loaded, not compiled


def test_a_template_edited_between_runs_is_compiled_again(tmp_path: Path, compiled: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    town, county = layers(tmp_path)
    new_process()
    render_markup(CONTEXT, [town, county])
    (county / "report.j2").write_text(BASE.replace("正文。", "改文。"), encoding="utf-8")
    new_process()
    assert "改文。" in render_markup(CONTEXT, [town, county])
    assert compiled == ["report.j2", "report.j2"]


@pytest.mark.parametrize("broken", ["a file, not a folder", "entries of garbage"])
def test_an_unusable_cache_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    town, county = layers(tmp_path)
    new_process()
    expected = render_markup(CONTEXT, [town, county])
    if broken == "a file, not a folder":
        shutil.rmtree(cache)
        cache.write_text("not a folder", encoding="utf-8")
    else:
        for entry in [*cache.rglob("*.cache"), *cache.rglob("*.json")]:
            entry.write_bytes(b"\x00garbage")
    new_process()
    assert render_markup(CONTEXT, [town, county]) == expected


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates the override check parses from now on."""
    from generator.render import layers as layer_module

    names: list[str] = []
    original = layer_module._parse

    def counting(env: object, name: str) -> object:
        names.append(name)
        return original(env, name)  # type: ignore[arg-type]

    monkeypatch.setattr(layer_module, "_parse", counting)
    return names


TOWN = '{% extends "report.j2" %}{% block body %}镇的正文。{% endblock %}'


def test_a_chain_checked_in_an_earlier_run_is_not_parsed_again(tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    town, county = layers(tmp_path)
    (town / "report.j2").write_text(TOWN, encoding="utf-8")
    new_process()
    first = render_markup(CONTEXT, [town, county])
    assert parsed == ["report.j2", "report.j2@1"]
    new_process()
    assert render_markup(CONTEXT, [town, county]) == first
    assert parsed == ["report.j2", "report.j2@1"]  # the record was trusted: nothing parsed


@pytest.mark.parametrize("change", ["edited", "shadowed"])
def test_a_chain_changed_since_it_passed_is_checked_again(tmp_path: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    town, county = layers(tmp_path)
    bad = '{% extends "report.j2" %}{% block boddy %}镇的正文。{% endblock %}'
    if change == "edited":  # the town's own template gets a misspelt block
        (town / "report.j2").write_text(TOWN, encoding="utf-8")
    new_process()
    render_markup(CONTEXT, [town, county])
    (town / "report.j2").write_text(bad, encoding="utf-8")  # edited, or new in front of the county's
    new_process()
    with pytest.raises(TemplateError, match="模板重写了不存在的块“boddy”"):
        render_markup(CONTEXT, [town, county])
