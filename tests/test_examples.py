"""The bundled examples: they validate, render what their snapshots in
tests/snapshots say (every format; `reportgen snapshot --update` accepts an
intended change), and keep every number and the section structure of the
published sample they re-express (../shared/samples, beside the repository in CI)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import build_document, check_file
from generator.render.writers.text import render as render_text
from tests.helpers import REPO

EXAMPLES = sorted((REPO / "inputs" / "examples").glob("*.yaml"))
SAMPLES = Path(os.environ.get("REPORTGEN_SAMPLES", REPO.parent / "shared" / "samples"))
# The examples that re-express a published sample (the others, such as a
# year made with init --from, have none to be compared with).
RE_EXPRESSED = ["dayong-2020", "dongan-2023", "macun-2023", "shaohai-2022", "zhangqi-2023"]

NUMBER = re.compile(r"\d+(?:\.\d+)?")
PART_HEADING = re.compile(r"^\s*([一二三四五六七八九十]、|存在的问题和工作难点)")
SUBSECTION = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]")


def rendered_text(example: Path) -> str:
    checked = check_file(example)
    assert checked.errors == [], [f.format() for f in checked.errors]
    return render_text(build_document(checked)).decode("utf-8-sig").replace("\r\n", "\n")


def sample_for(example: Path) -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"the published samples are not at {SAMPLES} (set REPORTGEN_SAMPLES)")
    return SAMPLES / f"{example.stem}.txt"


def test_every_sample_is_re_expressed() -> None:
    assert {p.stem for p in EXAMPLES} >= set(RE_EXPRESSED)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_matches_its_snapshot(example: Path, reportgen_snapshot: Callable[..., None]) -> None:
    reportgen_snapshot(example)


def _body_lines(sample: Path) -> list[str]:
    """The sample from its first part heading (一、) on: page clutter before it dropped."""
    lines = sample.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("一、"))
    return lines[start:]


@pytest.mark.parametrize("example", [REPO / "inputs" / "examples" / f"{s}.yaml" for s in RE_EXPRESSED], ids=lambda p: p.stem)
def test_every_number_of_the_sample_is_in_the_draft(example: Path) -> None:
    sample = sample_for(example)
    drafted = set(NUMBER.findall(rendered_text(example)))
    missing = []
    for line in _body_lines(sample):
        if PART_HEADING.match(line):
            continue  # part headings: their years are computed, and the samples' are sometimes wrong
        missing += [n for n in NUMBER.findall(line) if n not in drafted]
    assert missing == []


@pytest.mark.parametrize("example", [REPO / "inputs" / "examples" / f"{s}.yaml" for s in RE_EXPRESSED], ids=lambda p: p.stem)
def test_measures_keep_the_samples_subsections(example: Path) -> None:
    sample = sample_for(example)
    lines = _body_lines(sample)
    end = next(i for i, line in enumerate(lines[1:], 1) if PART_HEADING.match(line))
    in_sample = sum(1 for line in lines[:end] if SUBSECTION.match(line))
    blocks = build_document(check_file(example)).blocks
    first, second = [i for i, b in enumerate(blocks) if b.role == "heading1"][:2]
    in_draft = sum(1 for b in blocks[first:second] if b.role == "heading2")
    assert in_draft == in_sample
