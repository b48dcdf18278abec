"""reportgen lint: each sample's known slips found at their lines, the
wording rules, --format json, --fix beside the original, the GB/T 9704
page rules of a .docx, and files it cannot read."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.errors import UserError
from generator.lint.linting import lint_file
from generator.report.wording import apply_fixes, text_slips
from tests.helpers import REPO, run_cli

SAMPLES = Path(os.environ.get("REPORTGEN_SAMPLES", REPO.parent / "shared" / "samples"))

# Each sample's known slips (issue 11): rule and line in the published text.
KNOWN = {
    "dayong-2020": [("标题年份", 48), ("编号混用", 37), ("编号缺失", 46), ("半角标点", 1)],
    "shaohai-2022": [("编号跳号", 10), ("半角标点", 3)],
    "zhangqi-2023": [("半角标点", 2), ("万与万元", 7)],
    "macun-2023": [("半角标点", 12)],
    "dongan-2023": [("多余空格", 5)],
}


def _sample(name: str) -> Path:
    path = SAMPLES / f"{name}.txt"
    if not path.exists():
        pytest.skip(f"the published samples are not at {SAMPLES} (set REPORTGEN_SAMPLES)")
    return path


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_lint_finds_each_samples_known_slips(name: str) -> None:
    found = {(f.rule, f.line) for f in lint_file(_sample(name)).findings}
    for slip in KNOWN[name]:
        assert slip in found, f"{name}: {slip} not in {sorted(found)}"


def test_the_plan_headed_with_the_report_year_is_named_with_the_right_year() -> None:
    finding = next(f for f in lint_file(_sample("dayong-2020")).findings if f.rule == "标题年份")
    assert finding.message == "“2020年法治政府建设工作计划”写的是2020年，这一部分是下一年度的安排，应为2021年"
    assert finding.severity == "error"


def test_a_run_of_numbers_after_a_slip_is_reported_once() -> None:
    numbering = [f for f in lint_file(_sample("shaohai-2022")).findings if f.rule == "编号跳号"]
    assert [(f.line, f.message) for f in numbering] == [(10, "序号从“(二)”开始，前面没有“(一)”")]


def test_a_correct_report_has_no_numbering_or_year_findings() -> None:
    rules = {f.rule for f in lint_file(_sample("dongan-2023")).findings}
    assert not rules & {"编号跳号", "编号混用", "编号缺失", "标题年份", "年份不一致", "半角标点"}


@pytest.mark.parametrize(
    ("text", "year", "rule", "fixed"),
    [
        ("贯彻《法治政府建设实施纲要（2022—2025年）》", 2023, "纲要年份", "贯彻《法治政府建设实施纲要（2021—2025年）》"),
        ("依据国发[2015]10号文件", 2023, "发文字号括号", "依据国发〔2015〕10号文件"),
        ("于2024年01月05日召开", 2023, "日期补零", "于2024年1月5日召开"),
        ("涉及金额1087.25万。", 2023, "万与万元", "涉及金额1087.25万元。"),
        ("深入开展“七五”普法", 2021, "规划名称过时", None),
        ("落实“十三五”规划", 2022, "规划名称过时", None),
    ],
)
def test_wording_rules(text: str, year: int, rule: str, fixed: str | None) -> None:
    slips = text_slips(text, year)
    assert [s.rule for s in slips] == [rule]
    if fixed is not None:
        assert apply_fixes(text, slips) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "贯彻《法治政府建设实施纲要（2021—2025年）》",
        "《广东省法治政府建设实施纲要（2016—2020年）》",
        "深入开展“八五”普法",
        "全镇常住人口3.5万，",
        "2024年1月5日",
    ],
)
def test_wording_rules_leave_correct_text_alone(text: str) -> None:
    assert text_slips(text, 2023) == []


def test_json_format_lists_file_line_rule_severity_message_fix(tmp_path: Path) -> None:
    result = run_cli("lint", "--format", "json", str(_sample("shaohai-2022")))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {"file", "line", "rule", "severity", "message", "fix"} <= set(findings[0])
    assert {"file": str(_sample("shaohai-2022")), "line": 10, "rule": "编号跳号", "severity": "error"}.items() <= findings[
        next(i for i, f in enumerate(findings) if f["rule"] == "编号跳号")
    ].items()


def test_fix_writes_a_new_file_beside_the_original(tmp_path: Path) -> None:
    copy = tmp_path / "shaohai.txt"
    shutil.copy(_sample("shaohai-2022"), copy)
    before = copy.read_bytes()
    result = run_cli("lint", "--fix", str(copy))
    assert result.returncode == 1, result.stderr
    assert copy.read_bytes() == before
    fixed = tmp_path / "shaohai.fixed.txt"
    assert "已把可自动改正的问题改正后写入" in result.stdout
    rules = {f.rule for f in lint_file(fixed).findings}
    assert not rules & {"半角标点", "编号跳号"}
    lines = fixed.read_text(encoding="utf-8").splitlines()
    assert lines[9].startswith("（一）严守纪律规矩，重大决策按程序执行。")


def test_a_yaml_input_is_linted_through_its_draft() -> None:
    result = run_cli("lint", "inputs/examples/zhangqi-2023.yaml")
    assert result.returncode == 0, result.stderr
    assert "没有发现问题" in result.stdout


def _docx_of(sample: Path, path: Path) -> Path:
    import docx

    document = docx.Document()  # Word's defaults: Letter-ish margins, Calibri, no page numbers
    for line in sample.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(str(path))
    return path


def test_a_docx_in_words_defaults_breaks_the_page_rules(tmp_path: Path) -> None:
    path = _docx_of(_sample("dongan-2023"), tmp_path / "dongan.docx")
    rules = {f.rule for f in lint_file(path).findings}
    assert {"版面纸张", "版面页边距", "版面字体", "版面页码", "版面行数"} <= rules


def test_our_own_docx_keeps_the_page_rules(tmp_path: Path) -> None:
    result = run_cli("render", "inputs/examples/dongan-2023.yaml", "-o", str(tmp_path), "-f", "docx")
    assert result.returncode == 0, result.stderr
    findings = [f for f in lint_file(tmp_path / "dongan-2023.docx").findings if f.rule.startswith("版面")]
    assert findings == []


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import docx

    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    corrupt = tmp_path / "corrupt.docx"
    corrupt.write_bytes(empty.read_bytes()[:300])
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    doc = tmp_path / "old.doc"
    doc.write_bytes(ole)
    wps = tmp_path / "report.wps"
    wps.write_bytes(ole)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    page = tmp_path / "list.html"
    page.write_text("<html><body><div class='nav'>首页 | 政务公开</div></body></html>", encoding="utf-8")
    encrypted = tmp_path / "locked.docx"
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.docx"
    d = docx.Document()
    d.add_paragraph("某某镇2023年度法治政府建设工作情况报告")
    d.save(str(plain))
    with plain.open("rb") as source, encrypted.open("wb") as out:
        OOXMLFile(source).encrypt("secret", out)
    return {
        "empty": (empty, "Word 文档中没有任何文字"),
        "corrupt": (corrupt, "Word 文档已损坏或不完整"),
        "doc": (doc, "旧版 Word 文件（.doc）"),
        "wps": (wps, "WPS 文字文件（.wps）"),
        "pdf": (pdf, "这是 PDF 文件"),
        "page": (page, "网页上没有找到报告正文"),
        "encrypted": (encrypted, "设置了打开密码"),
    }


@pytest.mark.parametrize("kind", ["empty", "corrupt", "doc", "wps", "pdf", "page", "encrypted"])
def test_files_it_cannot_read_get_a_chinese_message_and_exit_1(tmp_path: Path, kind: str) -> None:
    path, message = _bad_files(tmp_path)[kind]
    with pytest.raises(UserError, match=message):
        lint_file(path)
    result = run_cli("lint", str(path))
    assert result.returncode == 1
    assert message in result.stderr and "提示：" in result.stderr and "Traceback" not in result.stderr


def test_fix_of_a_docx_keeps_the_run_in_heading_in_its_own_run(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in _sample("shaohai-2022").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        paragraph = document.add_paragraph()
        if line.startswith("(") and "。" in line:
            head, rest = line.split("。", 1)
            paragraph.add_run(head + "。").bold = True
            paragraph.add_run(rest)
        elif line:
            paragraph.add_run(line)
    path = tmp_path / "shaohai.docx"
    document.save(str(path))
    result = lint_file(path, fix=True)
    assert result.fixed_path == tmp_path / "shaohai.fixed.docx" and result.fixed is not None
    result.fixed_path.write_bytes(result.fixed)
    assert not {f.rule for f in lint_file(result.fixed_path).findings} & {"半角标点", "编号跳号"}
    fixed = docx.Document(str(result.fixed_path))
    runs = [(r.text, r.bold) for r in fixed.paragraphs[9].runs]
    assert runs[0] == ("（一）严守纪律规矩，重大决策按程序执行。", True)
    assert runs[1][0].startswith("少海街道认真贯彻民主集中制原则，") and not runs[1][1]


def test_an_invented_report_with_every_kind_of_slip(tmp_path: Path) -> None:
    path = tmp_path / "slips.txt"
    path.write_text(
        "某某乡2022年度法治政府建设工作情况报告\n"
        "2021年，某某乡坚持依法行政。现将2021年度法治政府建设工作情况报告如下：\n"
        "一、2021年推进法治政府建设的主要举措和成效\n"
        "（一）加强组织领导\n"
        "落实党政主要负责人履行推进法治建设第一责任人职责，深入开展“七五”普法，贯彻国发[2015]10号文件。\n"
        "（二）规范行政执法。\n"
        "于2022年03月08日开展执法检查，罚没款12万。\n"
        "（三）化解矛盾纠纷\n"
        "调处纠纷30起，涉及金额50万元。\n"
        "一、存在的不足和原因\n"
        "一是力量不足；二是宣传不够。\n"
        "三、2022年度工作安排\n"
        "（一）加强学习。认真学习《法治政府建设实施纲要（2022—2025年）》。\n",
        encoding="utf-8",
    )
    found = {(f.rule, f.line) for f in lint_file(path).findings}
    assert {
        ("年份不一致", 1),
        ("标题年份", 3),
        ("标题年份", 12),  # the plans of a 2022 report are 2023's (the title's year is taken)
        ("标题句号", 6),
        ("规划名称过时", 5),
        ("发文字号括号", 5),
        ("日期补零", 7),
        ("万与万元", 7),
        ("编号跳号", 10),
        ("纲要年份", 13),
    } <= found, sorted(found)
    assert not any(rule == "缺少部分" for rule, _ in found)  # duties are covered inside the first part


def test_a_reviewer_lints_a_folder_of_towns_reports(tmp_path: Path) -> None:
    towns = tmp_path / "各镇报告"
    (towns / "二组").mkdir(parents=True)
    shutil.copy(_sample("shaohai-2022"), towns / "shaohai.txt")
    shutil.copy(_sample("dongan-2023"), towns / "二组" / "dongan.txt")
    (towns / "说明.pdf").write_bytes(b"%PDF-1.7")  # not a report kind lint reads: left out
    result = run_cli("lint", "--format", "json", str(towns))
    assert result.returncode == 1  # shaohai has errors
    files = {Path(f["file"]).name for f in json.loads(result.stdout)}
    assert files == {"shaohai.txt", "dongan.txt"}
    empty = tmp_path / "空"
    empty.mkdir()
    nothing = run_cli("lint", str(empty))
    assert nothing.returncode == 1 and "没有可检查的报告" in nothing.stderr
