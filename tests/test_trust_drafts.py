"""Inputs a clerk may really write that once crashed or misled the draft."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import build_document, check_file
from generator.render.writers.text import render as render_text
from tests.helpers import MINIMAL, write_yaml


def draft(tmp_path: Path, text: str) -> str:
    checked = check_file(write_yaml(tmp_path, text))
    assert not checked.errors, checked.errors
    return render_text(build_document(checked)).decode("utf-8")


def test_an_area_with_more_than_99_measures_is_numbered_on(tmp_path: Path) -> None:
    measures = "".join(f"  - area: 执法\n    heading: 第{i}项工作\n    text: 内容{i}。\n" for i in range(1, 102))
    text = draft(tmp_path, MINIMAL + "measures:\n" + measures)
    assert "（九十九）第99项工作" in text
    assert "（一百）第100项工作" in text and "（一百零一）第101项工作" in text
