"""Last year's wording carried by `init --from`: highlighted in the draft,
listed by validate and refused by --strict until the clerk edits it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator.errors import InputError
from generator.input.entrance import read_input
from generator.nextyear import carry_forward
from generator.report.texts import move_years
from generator.pipeline import build_document, check_file, refuse_if_not_ready
from generator.render.document import Block, parse_markup, pieces
from generator.render.writers import render
from generator.report.carried import CARRIED_CLOSE, CARRIED_MESSAGE, CARRIED_OPEN, carried_counts, fingerprint
from tests.helpers import MINIMAL, write_yaml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LAST_YEAR = """\
report:
  locality: 掌起镇
  level: 镇
  year: 2023
  issuers: [掌起镇人民政府]
  date: 2024-02-26
metrics:
  合同审查: 51
  调解受理: {value: 980, unit: 起}
measures:
  - area: 职能
    heading: 优化法治化营商环境
    text: 2023年，合法性审查行政机关合同{合同审查}，{合同审查.yoy}。
  - area: 化解
    heading: 化解矛盾纠纷
    text: 按《2023年矛盾纠纷排查方案》，共调处各类矛盾纠纷{调解受理}。
shortcomings:
  items:
    - 基层法治宣传的针对性不强。
duties:
  items:
    - heading: 带头学法
      text: 主要负责人带头学法4次。
plans:
  items:
    - heading: 推进行政争议化解
      text: 2024年，跟进正在审理的行政诉讼案件。
"""

CARRIED = ("优化法治化营商环境", "化解矛盾纠纷", "带头学法", "推进行政争议化解")


def _carried_runs(docx: bytes) -> list[str]:
    """The text of every run of the .docx shaded as carried wording."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    return ["".join(r.itertext()) for r in body.iter(f"{W}r") if r.find(f"{W}rPr/{W}shd") is not None]


@pytest.fixture
def this_year(tmp_path: Path) -> Path:
    """Next year's input as init --from writes it, then two values filled (and the
    date, the plan's and the shortcoming's follow-ups, so that nothing else is left to fill)."""
    old = write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    new = tmp_path / "town-2024.yaml"
    text = carry_forward(read_input(old), 2024, new)
    for metric, value in (("合同审查", 60), ("调解受理", 1050)):
        start = text.index(f"  {metric}:")
        at = text.index("value:", start) + len("value:")
        text = text[:at] + f" {value}" + text[at:]
    text = text.replace("  date: ", "  date: 2025-02-20", 1)
    text = text.replace("      text:                 # 整改进展", "      text: 已开展以案释法10场。", 1)
    text = text.replace("    text:                   # 写明本年度落实这条安排的举措和成效", "    text: 行政诉讼案件已审结。", 1)
    new.write_text(text, encoding="utf-8")
    return new


def test_a_carried_draft_is_complete_with_this_years_numbers_and_last_years_words_marked(this_year: Path) -> None:
    checked = check_file(this_year)
    assert checked.errors == [] and checked.gaps == []  # complete from day one
    document = build_document(checked)
    text = "\n".join(b.full for b in document.blocks)
    # the two filled values, in last year's sentences, with the year moved and the comparison computed
    assert "2024年，合法性审查行政机关合同60份，同比增长17.6%。" in text
    assert "按《2023年矛盾纠纷排查方案》，共调处各类矛盾纠纷1050起。" in text  # a document's name keeps its year
    assert "2025年，跟进正在审理的行政诉讼案件。" in text  # a plan moves a year ahead, as next year's plan
    # every untouched paragraph highlighted, in the .docx and the .html
    shaded = "".join(_carried_runs(render(document, "docx")))
    html = render(document, "html").decode("utf-8")
    for words in ("合同60份，同比增长17.6%。", "矛盾纠纷1050起", "主要负责人带头学法4次。", "跟进正在审理的行政诉讼案件。"):
        assert words in shaded
        assert f"{words}" in html.split('<mark class="carried"', 1)[1]
    assert html.count('<mark class="carried"') == 4
    assert "已开展以案释法10场" not in shaded and "已审结" not in shaded  # the clerk's own words are not marked
    # ... and listed by validate with its line
    listed = [f for f in checked.findings if f.message == CARRIED_MESSAGE]
    lines = this_year.read_text(encoding="utf-8").splitlines()
    assert len(listed) == 4
    for finding in listed:
        assert lines[finding.line - 1].lstrip(" -").startswith("text:")  # type: ignore[operator]
    with pytest.raises(InputError) as refused:
        refuse_if_not_ready(checked, strict=True)
    assert [f.message for f in refused.value.findings] == [CARRIED_MESSAGE] * 4
    assert carried_counts(checked.source.report) == {
        "主要举措和成效": 2,
        "党政主要负责人履行推进法治建设第一责任人职责情况": 1,
        "下一年度推进法治政府建设的主要安排": 1,
    }


def test_editing_a_paragraph_ends_its_highlight_and_its_finding(this_year: Path) -> None:
    text = this_year.read_text(encoding="utf-8")
    this_year.write_text(text.replace("主要负责人带头学法4次。", "主要负责人带头学法6次。"), encoding="utf-8")
    checked = check_file(this_year)
    assert len([f for f in checked.findings if f.message == CARRIED_MESSAGE]) == 3
    shaded = "".join(_carried_runs(render(build_document(checked), "docx")))
    assert "带头学法" not in shaded and "矛盾纠纷1050起" in shaded


def test_strict_refuses_until_none_remain(this_year: Path) -> None:
    text = this_year.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("carried:")]
    lines = [line.replace("主要负责人带头学法4次。", "主要负责人带头学法6次。") for line in lines]
    this_year.write_text("\n".join(lines) + "\n", encoding="utf-8")  # one edited, the others accepted as they are
    checked = check_file(this_year)
    refuse_if_not_ready(checked, strict=True)  # nothing left: the final draft renders
    assert _carried_runs(render(build_document(checked), "docx")) == []


def test_whitespace_is_no_edit_and_a_changed_fingerprint_is_no_copy(tmp_path: Path) -> None:
    body = "measures:\n  - area: 执法\n    text: |-\n      组织执法培训6场，\n      覆盖全体执法人员。\n    carried: {fp}\n"
    base = MINIMAL.replace("year: 2023", "year: 2024").replace("2024-02-26", "2025-02-26")
    copy = write_yaml(tmp_path, base + body.format(fp=fingerprint("组织执法培训6场， 覆盖全体执法人员。")))
    assert [f.line for f in check_file(copy).findings if f.message == CARRIED_MESSAGE] == [9]  # the text's line
    other = write_yaml(tmp_path, base + body.format(fp=fingerprint("组织执法培训5场，覆盖全体执法人员。")), name="b.yaml")
    assert [f for f in check_file(other).findings if f.message == CARRIED_MESSAGE] == []


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("2023年，全镇共调处纠纷。", "2024年，全镇共调处纠纷。"),  # the report year
        ("为2024年工作打下基础。", "为2025年工作打下基础。"),  # the next year, a year ahead still
        ("自2019年以来逐年增长。", "自2019年以来逐年增长。"),  # history stays
        ("落实《2023年度法治建设工作要点》。", "落实《2023年度法治建设工作要点》。"),  # a document's title is its name
        ("完成“八五”普法规划（2021—2023年）中期评估。", "完成“八五”普法规划（2021—2023年）中期评估。"),  # a range
        ("办理2023件。", "办理2023件。"),  # a count, not a year
    ],
)
def test_years_move_with_the_report_as_the_stale_year_check_reads_them(text: str, moved: str) -> None:
    assert move_years(text, 2023, 2024) == moved


def test_markup_marks_become_spans_and_pieces_put_a_gap_over_carried_words() -> None:
    markup = f"[heading2] （一）标题。‖{CARRIED_OPEN}合同【待填：合同（份）】份。{CARRIED_CLOSE}本年度新增。"
    (block,) = parse_markup(markup)
    assert block == Block(role="heading2", lead="（一）标题。", text="合同【待填：合同（份）】份。本年度新增。", carried=((6, 20),))
    assert block.pieces("text") == [("合同", "carried"), ("【待填：合同（份）】", "gap"), ("份。", "carried"), ("本年度新增。", "")]
    assert pieces("没有标记") == [("没有标记", "")]


def test_a_fingerprint_of_digits_only_still_counts_without_its_quotes(tmp_path: Path) -> None:
    text = next(t for t in (f"第{n}段。" for n in range(1000)) if fingerprint(t).isdigit() and not fingerprint(t).startswith("0"))
    base = MINIMAL.replace("year: 2023", "year: 2024").replace("2024-02-26", "2025-02-26")
    path = write_yaml(tmp_path, base + f"measures:\n  - area: 执法\n    text: {text}\n    carried: {fingerprint(text)}\n")
    assert [f.message for f in check_file(path).findings].count(CARRIED_MESSAGE) == 1


def test_a_carried_paragraph_in_the_clerks_own_part_is_counted_under_its_heading(tmp_path: Path) -> None:
    text = "健全学法用法制度。"
    own = (
        "parts:\n  - heading: 强化组织领导，夯实法治基础\n    measures:\n      - area: 领导\n"
        f"        text: {text}\n        carried: '{fingerprint(text)}'\n  - 举措\n  - 不足\n  - 职责\n  - 安排\n"
    )
    base = LAST_YEAR.replace("year: 2023", "year: 2024").replace("2024-02-26", "2025-02-26")
    checked = check_file(write_yaml(tmp_path, base + own))
    assert checked.errors == []
    assert carried_counts(checked.source.report) == {"强化组织领导，夯实法治基础": 1}
    assert [f.path for f in checked.findings if f.message == CARRIED_MESSAGE] == ["parts[1].measures[1].text"]
    shaded = [b.full[a:e] for b in build_document(checked).blocks for a, e in b.carried]
    assert shaded == ["健全学法用法制度。"]
