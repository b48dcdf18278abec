"""The PDF writer, checked on the pages LibreOffice lays out.

Needs LibreOffice (skipped without ``soffice`` on PATH) and poppler's
``pdftotext`` and ``pdffonts``. One PDF of a three-page-plus report is
rendered per module; each test reads one property off its pages.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from generator.render.document import Block, Document
from generator.errors import UserError
from generator.render.writers import pdf

PT_PER_MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89
TEXT_LEFT = 28 * PT_PER_MM
TEXT_RIGHT = PAGE_WIDTH - 26 * PT_PER_MM
TEXT_TOP = 37 * PT_PER_MM
TEXT_BOTTOM = PAGE_HEIGHT - 35 * PT_PER_MM
LINE = 28.95  # pt
EM_4HAO = 14.0  # pt

# A paragraph of Chinese characters only: every full line shows exactly
# how many characters the grid holds.
PURE = "依法行政建设法治政府" * 30
PARAGRAPH = (
    "全面推进严格规范公正文明执法，落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，"
    "全年办理行政处罚案件128件，调解成功率达97.5%，“八五”普法规划中期评估顺利完成。"
) * 3
BLOCKS = (
    Block("title", "某某镇2023年度法治政府建设工作情况报告"),
    Block("body", "2023年，我镇坚持以习近平法治思想为指导。现将有关情况报告如下："),
    Block("heading1", "", "一、2023年度推进法治政府建设的主要举措和成效"),
    Block("heading2", PARAGRAPH, "（一）强化党建统领法治建设。"),
    Block("body", PURE),
    Block("heading3", PARAGRAPH, "1.严格规范执法。"),
    Block("body", PARAGRAPH),
    Block("heading1", "", "二、存在的不足和原因"),
    Block("body", PARAGRAPH),
    Block("body", PURE),
    Block("signature", "某某镇人民政府"),
    Block("date", "2024年2月26日"),
)
SAMPLE = Document(BLOCKS, title=BLOCKS[0].text, author="某某镇人民政府", year=2023, date="2024-02-26")

# Fonts the mapping in generator/writers/fonts.conf may put in the PDF.
ALLOWED_FONTS = re.compile(r"^(NotoSerifCJK\w*-(Regular|Bold)|NotoSansCJK\w*-Regular|UKaiCN|LiberationSerif)")


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(pdf.render(SAMPLE))
    return path


@pytest.fixture(scope="module")
def pages(pdf_file: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Each page's words as (xMin, yMin, xMax, yMax, text), from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf_file), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(out, parser=etree.XMLParser(recover=True))
    result = []
    for page in root.iter("{*}page"):
        words = [
            (float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
            for w in page.iter("{*}word")
        ]
        result.append(words)
    return result


def body_lines(words: list[tuple[float, float, float, float, str]]) -> list[float]:
    """The distinct line positions (bottom of the word boxes) in the text area."""
    bottoms = sorted({round(w[3], 1) for w in words if w[1] >= TEXT_TOP - 2 and w[3] <= TEXT_BOTTOM + 2})
    lines: list[float] = []
    for y in bottoms:
        if not lines or y - lines[-1] > 5:
            lines.append(y)
    return lines


def grid_rows(lines: list[float]) -> list[int]:
    """Which of the page's 22 grid lines (1-based) each text line sits on."""
    return [round((y - TEXT_TOP) / LINE + 0.5) for y in lines]


@pytest.mark.slow
def test_every_full_page_has_22_lines_on_the_grid(pages: list) -> None:
    assert len(pages) >= 3
    for number, words in enumerate(pages[1:-1], start=2):
        lines = body_lines(words)
        assert grid_rows(lines) == list(range(1, 23)), f"page {number}: {lines}"
        drift = max(abs(y - lines[0] - k * LINE) for k, y in enumerate(lines))
        assert drift < 1.5, f"page {number}: lines off the 28.95 pt grid by {drift:.1f} pt"
    # Page 1: the title on line 1, a blank line, then 20 lines of text.
    first = body_lines(pages[0])
    assert grid_rows(first[1:]) == list(range(3, 23)), first
    title = [w[4] for w in pages[0] if TEXT_TOP <= w[1] < TEXT_TOP + LINE]
    assert "".join(title) == BLOCKS[0].text  # on line 1


@pytest.mark.slow
def test_a_full_line_holds_28_characters(pdf_file: Path) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf_file), "-"], capture_output=True, check=True, text=True
    ).stdout
    pure_lines = [line.strip() for line in text.splitlines() if line.strip() and set(line.strip()) <= set(PURE)]
    counts = [len(line) for line in pure_lines]
    assert counts.count(28) >= 10, counts
    assert max(counts) == 28, counts
    assert 26 in counts, counts  # the first line, indented two characters


@pytest.mark.slow
def test_page_numbers_odd_right_even_left_7mm_below_the_text(pages: list) -> None:
    for number, words in enumerate(pages, start=1):
        footer = [w for w in words if w[1] > TEXT_BOTTOM]
        assert [w[4] for w in footer] == ["\u2014", str(number), "\u2014"], f"page {number}"
        left, right = min(w[0] for w in footer), max(w[2] for w in footer)
        if number % 2:
            assert abs((TEXT_RIGHT - right) - EM_4HAO) < 3, f"page {number} not one character in from the right"
        else:
            assert abs((left - TEXT_LEFT) - EM_4HAO) < 3, f"page {number} not one character in from the left"
        middle = (footer[0][1] + footer[0][3]) / 2
        assert abs(middle - TEXT_BOTTOM - 7 * PT_PER_MM) < 1.5 * PT_PER_MM, f"page {number} footer at {middle}"


@pytest.mark.slow
def test_fonts_are_the_mapped_free_fonts_all_embedded(pdf_file: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    names = [row[0].split("+", 1)[-1] for row in rows]
    assert names, out
    for name, row in zip(names, rows):
        assert ALLOWED_FONTS.match(name), f"unexpected (fallback) font {name}:\n{out}"
        assert "yes" in row[-5:-3][0], f"{name} not embedded:\n{out}"
    assert any(re.match(r"NotoSerifCJK\w*-Bold", n) for n in names), "title face 方正小标宋 → Noto Serif CJK Bold"
    assert any(n.startswith("NotoSansCJK") for n in names), "一、 face 黑体 → Noto Sans CJK"
    assert any(n.startswith("UKai") for n in names), "（一） face 楷体 → AR PL UKai"
    assert any(re.match(r"NotoSerifCJK\w*-Regular", n) for n in names), "body face 仿宋 → Noto Serif CJK"


@pytest.mark.slow
def test_text_survives_without_missing_glyphs(pdf_file: Path) -> None:
    text = subprocess.run(["pdftotext", str(pdf_file), "-"], capture_output=True, check=True, text=True).stdout
    shown = re.sub(r"\s+", "", text)
    shown = re.sub(r"\u2014\d+\u2014", "", shown)  # the page numbers
    assert shown == re.sub(r"\s+", "", "".join(b.full for b in BLOCKS))
    assert "\ufffd" not in text and "\u25a1" not in text


def test_missing_soffice_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UserError, match="LibreOffice") as caught:
        pdf.render(SAMPLE)
    assert "apt-get install libreoffice-writer-nogui" in caught.value.finding.hint


def test_missing_cjk_fonts_are_a_user_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig tools are not installed")
    monkeypatch.setattr(pdf, "REQUIRED_FAMILIES", ("No Such Font CJK",))
    with pytest.raises(UserError, match="中文字体未安装"):
        pdf._check_fonts(pdf.font_environment(tmp_path))


def _installed(family: str) -> bool:
    out = subprocess.run(["fc-list", family, "family"], capture_output=True, text=True).stdout
    return bool(out.strip())


def test_font_mapping_resolves_every_standard_face(tmp_path: Path) -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig tools are not installed")
    env = pdf.font_environment(tmp_path)
    expected = {
        "仿宋_GB2312": "Noto Serif CJK SC:Regular",
        "楷体_GB2312": "AR PL UKai CN",
        "黑体": "Noto Sans CJK SC",
        "方正小标宋简体": "Noto Serif CJK SC:Bold",
        "宋体": "Noto Serif CJK SC:Regular",
        "Times New Roman": "Liberation Serif" if _installed("Liberation Serif") else "Noto Serif CJK SC",
    }
    for face, want in expected.items():
        got = subprocess.run(
            ["fc-match", "-f", "%{family[0]}:%{style[0]}", face], env=env, capture_output=True, text=True
        ).stdout
        assert got.startswith(want), f"{face} → {got}"


@pytest.mark.slow
def test_same_document_same_pdf_bytes(pdf_file: Path) -> None:
    # Another LibreOffice run, laying out two copies at once as render_many
    # does for tests/test_docx_tools.py: the first is the PDF of a run of its
    # own, byte for byte; the second has every word in the same place.
    again = pdf.render_many({"again": SAMPLE, "copy": SAMPLE})
    assert again["again"] == pdf_file.read_bytes()
    assert b"/CreationDate(D:20240226000000" in again["again"]  # the report's date, not the clock

    def words(data: bytes) -> bytes:
        return subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True).stdout

    assert words(again["copy"]) == words(again["again"])


def test_fix_metadata_keeps_offsets_and_replaces_stamps() -> None:
    stamped = b"%PDF\n/CreationDate(D:20261124030518Z')>>\ntrailer\n<</ID [ <" + b"A" * 32 + b">\n<" + b"A" * 32 + b"> ]\n/DocChecksum /" + b"B" * 32 + b"\n"
    fixed = pdf.fix_metadata(stamped, "2024-02-26")
    assert len(fixed) == len(stamped)
    assert b"D:20240226000000Z'" in fixed
    assert b"A" * 32 not in fixed and b"B" * 32 not in fixed
    assert fixed == pdf.fix_metadata(stamped.replace(b"A" * 32, b"C" * 32), "2024-02-26")


def test_a_timeout_kills_libreoffices_children_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """soffice starts soffice.bin; on a timeout both must go, not only the first."""
    import os
    import time

    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pid_file}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(pdf, "_check_fonts", lambda env: None)
    with pytest.raises(UserError, match="超时"):
        pdf.convert_docx(b"PK", soffice=str(fake), timeout=1)
    child = int(pid_file.read_text(encoding="utf-8"))
    for _ in range(50):  # SIGKILL is delivered at once; the zombie is reaped by init
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if Path(f"/proc/{child}/stat").exists() and Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
            break
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        pytest.fail("LibreOffice's child process is still running after the timeout")


def test_soffice_found_in_its_windows_install_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # LibreOffice's Windows installer does not add itself to PATH.
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    with pytest.raises(UserError, match="LibreOffice"):
        pdf.find_soffice()
    soffice = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_bytes(b"")
    assert pdf.find_soffice() == str(soffice)
    monkeypatch.delenv("ProgramFiles")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData"))
    user = tmp_path / "AppData" / "Programs" / "LibreOffice" / "program" / "soffice.exe"
    user.parent.mkdir(parents=True)
    user.write_bytes(b"")
    assert pdf.find_soffice() == str(user)
