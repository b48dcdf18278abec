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


# --- headings: each draft carries its sample's own -------------------------------------------------

_WIDTH = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "!": "！", "?": "？", " ": "", "\u3000": ""})
_SAMPLE_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)(.*)$")

# The samples' own slips, corrected on purpose (each said in its example's header): sample heading → draft heading.
SLIPS: dict[str, dict[str, str]] = {
    "dayong-2020": {
        "三、2020年法治政府建设工作计划": "三、2021年法治政府建设工作计划",  # a plan headed with the report's year
        "存在的问题和工作难点": "二、存在的问题和工作难点",  # numbering that skips 二、
    },
    "shaohai-2022": {
        # the first-responsible-person part's items start at （二）: numbering that skips （一）
        **{f"（{a}）{h}": f"（{b}）{h}" for a, b, h in [
            ("二", "一", "严守纪律规矩，重大决策按程序执行"),
            ("三", "二", "增强群众知晓率，开展“一社区一法律顾问”工作"),
            ("四", "三", "强化领导，法治建设工作保障有力"),
            ("五", "四", "健全完善矛盾纠纷多元化解机制，使矛盾化解在根源"),
            ("六", "五", "加强宣传教育，落实普法责任"),
        ]},
    },
}
# What each example's header says of the slips it corrects.
SLIP_NOTES = {"dayong-2020": ("2020年法治政府建设工作计划", "存在的问题和工作难点"), "shaohai-2022": ("从“（二）”编起",)}
# Unnumbered part headings a sample has on a line of their own (its slips above number them).
_UNNUMBERED = {"dayong-2020": ("存在的问题和工作难点",)}


def sample_headings(sample: Path) -> list[str]:
    """The sample's 一、 and （一） headings in order, punctuation made full-width:
    a whole line for 一、, the heading sentence (up to its 。) for a run-in （一）."""
    out = []
    for raw in _body_lines(sample):
        line = raw.translate(_WIDTH).strip()
        match = _SAMPLE_HEADING.match(line)
        if match:
            number, rest = match.groups()
            out.append(number + (rest.split("。")[0] if number.startswith("（") else rest))
        elif line in _UNNUMBERED.get(sample.stem, ()):
            out.append(line)
    return out


def draft_headings(example: Path) -> list[str]:
    """The draft's 一、 and （一） headings in order, the same way."""
    blocks = build_document(check_file(example)).blocks
    return [b.lead.translate(_WIDTH).rstrip("。") for b in blocks if b.role in ("heading1", "heading2")]


@pytest.mark.parametrize("example", [REPO / "inputs" / "examples" / f"{s}.yaml" for s in RE_EXPRESSED], ids=lambda p: p.stem)
def test_the_draft_carries_the_samples_own_headings(example: Path) -> None:
    sample = sample_for(example)
    slips = SLIPS.get(example.stem, {})
    expected = [slips.get(h, h) for h in sample_headings(sample)]
    assert draft_headings(example) == expected
    header = example.read_text(encoding="utf-8").split("\n\n")[0].translate(_WIDTH)
    for words in SLIP_NOTES.get(example.stem, ()):  # every slip corrected is said in the example's header
        assert words in header, words
