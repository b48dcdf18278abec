"""`reportgen init --from`: what carries over into next year's input, and
how validate follows up last year's plans and shortcomings."""

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.input.model import Report
from generator.input.entrance import read_input
from generator.nextyear import carry_forward, default_output, guess_area
from generator.report.carried import fingerprint
from generator.input.model import CarriedItem
from generator.input.yamltext import YamlText
from generator.pipeline import build_document, check_file
from tests.helpers import MINIMAL, REPO, run_cli, write_yaml

LAST_YEAR = """\
report:
  locality: 某某镇
  level: 镇
  year: 2023
  title: 某某镇2023年度法治政府建设情况
  issuers: [中共某某镇委员会, 某某镇人民政府]
  addressee: 某某县人民政府
  date: 2024-02-26
  guidance: [《2023年度法治某某建设工作要点》, 《某某县法治建设规划（2021—2023年）》]
  opening: 2023年，某某镇坚持依法行政。
metric_definitions:
  - {id: 坐诊, label: 法律服务窗口坐诊, unit: 天, area: 化解}
metrics:
  合同审查: 51
  调解受理: {value: 980, unit: 起}
  主动公开: 800余
  法律咨询:
  行政诉讼案件:
    value: 3
    parts: {已撤诉: 1, 正在审理: 2}
    parts_complete: true
  坐诊: 450
measures_order: 录入
measures:
  - area: 决策
    heading: 推进依法决策
    text: "{合同审查}：合同全部审查。\\n第二段 # 不是注释: 也不是键"
  - area: 执法
    heading: 2023年执法工作
    points:
      - heading: 健全执法体系
        text: 共向街道赋权29项
      - heading: 完成执法证换发
shortcomings:
  style: （一）
  items:
    - heading: 改革不够深入
      text: 统筹协同机制不健全。
    - 创新项目培育不足
  causes: [宣传力度不够]
duties:
  items:
    - heading: 带头学法
      text: 主要负责人带头学法4次。
plans:
  style: 一是分段
  items:
    - heading: 加强执法队伍管理
      text: 定期组织执法培训。
    - heading: 推动行政争议化解
      text: 跟进正在审理的行政诉讼案件。
    - heading: 持续深化法治政府建设
      text: 严格遵守宪法法律。
"""


@pytest.fixture
def carried(tmp_path: Path) -> tuple[Path, dict]:
    """Last year's input, and next year's as written by init --from (its text and its data)."""
    old = write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    new = tmp_path / "town-2024.yaml"
    text = carry_forward(read_input(old), 2024, new)
    new.write_text(text, encoding="utf-8")
    return new, yaml.safe_load(text)


def test_report_info_carries_over_and_the_date_is_left_empty(carried: tuple[Path, dict]) -> None:
    path, data = carried
    info = data["report"]
    assert info["locality"] == "某某镇" and info["level"] == "镇" and info["year"] == 2024
    assert info["issuers"] == ["中共某某镇委员会", "某某镇人民政府"]
    assert info["addressee"] == "某某县人民政府"
    assert info["date"] is None and info["opening"] is None
    # the title's year moves with the report; last year's yearly document goes to a comment
    assert info["title"] == "某某镇2024年度法治政府建设情况"
    assert info["guidance"] == ["《某某县法治建设规划（2021—2023年）》"]  # a title spanning years is no yearly plan
    assert "《2024年度法治某某建设工作要点》" in path.read_text(encoding="utf-8")  # offered, commented
    assert data["metric_definitions"] == [{"id": "坐诊", "label": "法律服务窗口坐诊", "unit": "天", "area": "化解"}]
    assert data.get("measures_order", "录入") == "录入"  # the default now: order as written


def test_values_move_to_last_year(carried: tuple[Path, dict]) -> None:
    metrics = carried[1]["metrics"]
    assert metrics["合同审查"] == {"value": None, "last_year": 51}
    assert metrics["调解受理"] == {"value": None, "unit": "起", "last_year": 980}
    assert metrics["主动公开"] == {"value": None, "last_year": None}  # "800余" is no base for a comparison
    assert metrics["法律咨询"] == {"value": None, "last_year": None}
    assert metrics["行政诉讼案件"] == {
        "value": None,
        "last_year": 3,
        "parts": {"已撤诉": None, "正在审理": None},
        "parts_complete": True,
    }
    assert metrics["坐诊"]["last_year"] == 450
    assert "      # 2023年：已撤诉1、正在审理2\n" in carried[0].read_text(encoding="utf-8")


def test_last_years_plans_become_stubs_linked_to_the_plan(carried: tuple[Path, dict]) -> None:
    data = carried[1]
    assert data["last_year"]["plans"] == [
        {"id": "安排1", "heading": "加强执法队伍管理", "text": "定期组织执法培训。"},
        {"id": "安排2", "heading": "推动行政争议化解", "text": "跟进正在审理的行政诉讼案件。"},
        {"id": "安排3", "heading": "持续深化法治政府建设", "text": "严格遵守宪法法律。"},
    ]
    stubs = [g for g in data["measures"] if "answers" in g]
    assert stubs == [
        {"answers": "安排1", "area": "执法", "heading": "加强执法队伍管理", "text": None},
        {"answers": "安排2", "area": "化解", "heading": "推动行政争议化解", "text": None},
        {"answers": "安排3", "area": "领导", "heading": "持续深化法治政府建设", "text": None},
    ]


def test_last_years_measures_are_carried_marked_with_their_fingerprint(carried: tuple[Path, dict]) -> None:
    groups = [g for g in carried[1]["measures"] if "answers" not in g]
    text = "{合同审查}：合同全部审查。\n第二段 # 不是注释: 也不是键"  # kept exactly, whatever it holds
    assert groups[0] == {"area": "决策", "heading": "推进依法决策", "text": text, "carried": fingerprint(text)}
    assert groups[1]["heading"] == "2024年执法工作"  # the report's year moves with the report
    assert groups[1]["points"] == [
        {"heading": "健全执法体系", "text": "共向街道赋权29项", "carried": fingerprint("共向街道赋权29项")},
        # a heading alone was a complete item last year: the heading is what was carried
        {"heading": "完成执法证换发", "carried": fingerprint("完成执法证换发")},
    ]


def test_shortcomings_become_items_to_report_progress_on(carried: tuple[Path, dict]) -> None:
    data = carried[1]
    assert data["last_year"]["shortcomings"] == [
        {"id": "不足1", "heading": "改革不够深入", "text": "统筹协同机制不健全。"},
        {"id": "不足2", "text": "创新项目培育不足"},
    ]
    section = data["shortcomings"]
    assert section["style"] == "（一）"
    assert section["items"] == [{"answers": "不足1", "text": None}, {"answers": "不足2", "text": None}]
    assert section["causes"] == [{"draft": "宣传力度不够", "text": None}]
    assert data["duties"]["items"] == [
        {"heading": "带头学法", "text": "主要负责人带头学法4次。", "carried": fingerprint("主要负责人带头学法4次。")}
    ]


def test_last_years_plans_are_carried_as_next_years_plans_not_as_measures(carried: tuple[Path, dict]) -> None:
    data = carried[1]
    assert data["plans"] == {
        "style": "一是分段",
        "items": [
            {"heading": h, "text": t, "carried": fingerprint(t)}
            for h, t in (("加强执法队伍管理", "定期组织执法培训。"), ("推动行政争议化解", "跟进正在审理的行政诉讼案件。"), ("持续深化法治政府建设", "严格遵守宪法法律。"))
        ],
    }
    measures = yaml.safe_dump(data["measures"], allow_unicode=True)
    assert "定期组织执法培训" not in measures  # what became of a plan is asked, not assumed


def test_every_key_has_a_chinese_comment_for_the_clerk(carried: tuple[Path, dict]) -> None:
    text = carried[0].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=report.schema.json\n")
    for key in ("metrics:", "measures:", "shortcomings:", "draft: |-", "text: |-", "carried:", "- answers: 安排1", "    value:"):
        line = next(line for line in text.splitlines() if key in line)
        assert "# " in line and any("\u4e00" <= ch <= "\u9fff" for ch in line.split("# ", 1)[1]), line


def test_the_new_input_validates_and_renders_without_last_years_text(carried: tuple[Path, dict]) -> None:
    path, _ = carried
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    checked = check_file(path)
    assert checked.errors == []
    Report.model_validate(carried[1])
    draft = "\n".join(b.full for b in build_document(checked).blocks)
    assert "2023" not in re.sub(r"《[^》]*》", "", draft)  # only a document's title may name it
    for old_text in ("统筹协同机制不健全", "宣传力度不够"):
        assert old_text not in draft  # shortcomings and their causes are answered, never carried as this year's
    assert "（一）加强执法队伍管理。【待填：上年度安排（安排1：加强执法队伍管理）的落实情况】" in draft
    # carried words are in the draft, their citations showing this year's values (a gap until filled)
    assert "【待填：合法性审查行政机关合同（份）】：合同全部审查。" in draft
    assert "一是健全执法体系。共向街道赋权29项。二是完成执法证换发。" in draft
    assert "主要负责人带头学法4次。" in draft


def _validate(path: Path) -> list[str]:
    return [f.format() for f in check_file(path).findings if "上年度" in f.message or "answers" in f.message or "draft" in f.message]


def test_validate_lists_last_years_plans_not_yet_covered(carried: tuple[Path, dict]) -> None:
    path, _ = carried
    text = path.read_text(encoding="utf-8")
    # the stubs are there, still empty: each is a gap naming the plan it answers
    gaps = [g.what for g in check_file(path).gaps]
    assert "上年度安排（安排2：推动行政争议化解）的落实情况" in gaps
    assert "上年度指出的不足（不足2：创新项目培育不足）的整改进展" in gaps
    # the stub of 安排2 deleted, nothing else answers it: a warning at the plan, with its line
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "- answers: 安排2" in line)
    path.write_text("\n".join(lines[:start] + lines[start + 4 :]) + "\n", encoding="utf-8")
    findings = _validate(path)
    plan_line = next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "id: 安排2" in line)
    assert findings == [
        f"{path}:{plan_line}: 警告：上年度安排（安排2：推动行政争议化解）的落实情况还没有写（位置：last_year.plans[2]）\n"
        "    提示：在本年度回应这一条的小节或条目下写 answers: 安排2，并在其 text 中写明落实情况。"
    ]


def test_a_plan_is_covered_by_any_written_part_that_answers_it(tmp_path: Path) -> None:
    body = LAST_YEAR.replace("year: 2023", "year: 2024").replace("date: 2024-02-26", "date: 2025-02-26")
    body += (
        "last_year:\n  plans:\n    - {id: 安排1, heading: 加强执法队伍管理}\n    - {id: 安排2, heading: 推动行政争议化解}\n"
        "  shortcomings:\n    - {id: 不足1, text: 改革不够深入}\n"
    )
    body = body.replace("      - heading: 健全执法体系\n", "      - heading: 健全执法体系\n        answers: 安排1\n")
    body = body.replace("    - 创新项目培育不足\n", "    - {answers: [不足1, 推动行政争议化解], text: 已整改}\n")
    findings = _validate(write_yaml(tmp_path, body))
    assert findings == []  # 安排1 by a point, 不足1 and 安排2 (by its heading) by a shortcoming item


def test_answers_naming_nothing_and_text_copied_from_the_draft_are_warned(tmp_path: Path) -> None:
    body = LAST_YEAR.replace("year: 2023", "year: 2024").replace("date: 2024-02-26", "date: 2025-02-26")
    body += "last_year:\n  plans:\n    - {id: 安排1, heading: 加强执法队伍管理}\n"
    body = body.replace("      - heading: 健全执法体系\n", "      - heading: 健全执法体系\n        answers: 按排1\n        draft: 共向街道赋权29项\n")
    findings = _validate(write_yaml(tmp_path, body))
    assert [f.split("（位置")[0].split(": ", 1)[1] for f in findings] == [
        "警告：answers 中的“按排1”不是上年度任何一条安排或不足",
        "警告：正文与上年度原文（draft）完全相同",
        "警告：上年度安排（安排1：加强执法队伍管理）的落实情况还没有写",
    ]
    assert "提示：是不是“安排1”？" in findings[0]


def test_a_chain_of_years(tmp_path: Path) -> None:
    first = write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    second = tmp_path / "town-2024.yaml"
    second.write_text(carry_forward(read_input(first), 2024, second), encoding="utf-8")
    # the clerk fills a value, answers a plan and writes next year's plans
    text = second.read_text(encoding="utf-8")
    text = text.replace("  合同审查:                 # 合法性审查行政机关合同（份）\n    value: ", "  合同审查:\n    value: 60")
    text = text.replace("    text:                   # 写明本年度落实这条安排的举措和成效", "    text: 组织执法培训6场。", 1)
    head, rest = text.split("\nplans:", 1)  # next year's plans replace the carried ones
    tail = rest[rest.index("\n# ——") :]
    text = head + "\nplans:\n  items:\n    - {heading: 深化执法改革, text: 健全协作机制。}\n" + tail
    second.write_text(text, encoding="utf-8")
    assert check_file(second).errors == []
    third = tmp_path / "town-2025.yaml"
    third.write_text(carry_forward(read_input(second), 2025, third), encoding="utf-8")
    data = yaml.safe_load(third.read_text(encoding="utf-8"))
    assert data["report"]["year"] == 2025
    assert data["metrics"]["合同审查"] == {"value": None, "last_year": 60}
    assert data["last_year"]["plans"] == [{"id": "安排1", "heading": "深化执法改革", "text": "健全协作机制。"}]
    # last year's answered stub is carried now, its link to the plans of two years ago gone
    stub = {"area": "执法", "heading": "加强执法队伍管理", "text": "组织执法培训6场。", "carried": fingerprint("组织执法培训6场。")}
    assert stub in data["measures"]
    assert run_cli("validate", str(third)).returncode == 0


@pytest.mark.parametrize(
    ("heading", "text", "area"),
    [
        ("加强执法队伍管理", "", "执法"),
        ("持续深化法治政府建设", "自觉接受人大监督。", "监督"),  # the heading says nothing: the text decides
        ("提高突发事件应对的法治化水平", "", "应急"),
        ("持续夯实法治基础", "", "领导"),  # nothing matches: the default
    ],
)
def test_the_area_of_a_plan_is_guessed_from_its_words(heading: str, text: str, area: str) -> None:
    assert guess_area(CarriedItem(id="安排1", heading=heading, text=text or None)) == area


def test_default_output_name() -> None:
    assert default_output(Path("in/zhangqi-2023.yaml"), 2023, 2024) == Path("in/zhangqi-2024.yaml")
    assert default_output(Path("report.yaml"), 2023, 2024) == Path("report-2024.yaml")


def test_cli_init_from(tmp_path: Path) -> None:
    write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    result = run_cli("init", "--from", "town-2023.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已生成 town-2024.yaml" in result.stdout
    assert (tmp_path / "report.schema.json").exists()
    assert run_cli("init", "--from", "town-2023.yaml", cwd=tmp_path).returncode == 1  # not overwritten
    result = run_cli("init", "next.yaml", "--from", "town-2023.yaml", "--year", "2025", cwd=tmp_path)
    assert result.returncode == 0 and "上年度文件是2023年的" in result.stderr
    assert "year: 2025" in (tmp_path / "next.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--year", "2023"], 2, "不晚于上年度文件的年度"),
        (["--locality", "别的镇"], 2, "不能同时使用 --locality"),
    ],
)
def test_cli_init_from_wrong_usage(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    result = run_cli("init", "x.yaml", "--from", "town-2023.yaml", *args, cwd=tmp_path)
    assert result.returncode == code and message in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_cli_init_from_a_bad_file_names_file_and_line(tmp_path: Path) -> None:
    write_yaml(tmp_path, LAST_YEAR.replace("level: 镇", "level: 乡镇"), name="bad.yaml")
    result = run_cli("init", "x.yaml", "--from", "bad.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:3: 错误：“层级”只能填写" in result.stderr and "Traceback" not in result.stderr


def test_the_example_pair_was_made_with_init_from() -> None:
    """zhangqi-2024 answers every plan and shortcoming of zhangqi-2023, states comparisons,
    and leaves two carried paragraphs untouched on purpose, to show them."""
    old, new = REPO / "inputs/examples/zhangqi-2023.yaml", REPO / "inputs/examples/zhangqi-2024.yaml"
    checked = check_file(new)
    assert [(f.path, f.message) for f in checked.findings] == [
        ("measures[7].text", "沿用去年文字，尚未修改"),
        ("plans.items[1].text", "沿用去年文字，尚未修改"),
    ]
    assert checked.gaps == []
    plans = read_input(old).report.plans
    assert plans is not None
    assert [p.heading for p in checked.source.report.last_year.plans] == [p.heading for p in plans.items]  # type: ignore[union-attr]
    draft = "\n".join(b.full for b in build_document(checked).blocks)
    for phrase in ("同比增长17.6%", "同比下降33.3%", "较上年增加1件", "同比提高0.9个百分点"):
        assert phrase in draft


def test_an_empty_plan_promised_nothing_and_is_not_carried(tmp_path: Path) -> None:
    body = LAST_YEAR.replace("    - heading: 加强执法队伍管理\n", "    - heading:\n      text:\n    - heading: 加强执法队伍管理\n")
    old = write_yaml(tmp_path, body, name="old.yaml")
    data = yaml.safe_load(carry_forward(read_input(old), 2024, tmp_path / "new.yaml"))
    assert [p["heading"] for p in data["last_year"]["plans"]] == ["加强执法队伍管理", "推动行政争议化解", "持续深化法治政府建设"]


def test_a_bare_input_carries_forward_to_a_valid_one(tmp_path: Path) -> None:
    old = write_yaml(tmp_path, MINIMAL, name="old.yaml")
    new = tmp_path / "new.yaml"
    new.write_text(carry_forward(read_input(old), 2024, new), encoding="utf-8")
    checked = check_file(new)
    assert checked.errors == [] and checked.source.report.measures == []


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=300, deadline=None)
@given(key=_TEXT, text=_TEXT, block=st.booleans(), item=st.booleans())
@example(key="next", text="正文", block=False, item=True)  # the sibling key's own name, drawn once at random in CI
def test_whatever_the_clerk_wrote_reads_back_the_same(key: str, text: str, block: bool, item: bool) -> None:
    """Texts carried into next year's file (drafts, plans, part names) come back exactly."""
    out = YamlText()
    out.entry(0, "items")
    out.entry(2, key, text, "注释", item=item, block=block)
    sibling = "next" if key != "next" else "after"  # a key of its own, so the entry is not overwritten
    out.entry(4 if item else 2, sibling, 1)
    data = yaml.safe_load(out.text())["items"]
    assert (data[0] if item else data)[key] == text


def test_a_locality_named_by_path_is_found_from_the_new_file(tmp_path: Path) -> None:
    (tmp_path / "loc").mkdir()
    (tmp_path / "loc" / "locality.yaml").write_text("name: 某地\n", encoding="utf-8")
    (tmp_path / "a").mkdir()
    old = write_yaml(tmp_path / "a", MINIMAL + "  templates: ../loc\n", name="old.yaml")
    new = tmp_path / "b" / "c" / "new.yaml"
    new.parent.mkdir(parents=True)
    new.write_text(carry_forward(read_input(old), 2024, new), encoding="utf-8")
    assert yaml.safe_load(new.read_text(encoding="utf-8"))["report"]["templates"] == "../../loc"
    assert check_file(new).errors == []


def test_a_group_answering_a_plan_by_its_points_needs_no_text_of_its_own(tmp_path: Path) -> None:
    body = MINIMAL + (
        "measures:\n  - area: 执法\n    answers: 安排1\n    points:\n      - {heading: 组织培训, text: 培训6场}\n"
        "last_year:\n  plans:\n    - {id: 安排1, heading: 加强执法队伍管理}\n"
    )
    checked = check_file(write_yaml(tmp_path, body))
    assert checked.gaps == [] and _validate(tmp_path / "input.yaml") == []


def test_the_clerks_own_comments_come_along_beside_what_they_were_about(tmp_path: Path) -> None:
    body = LAST_YEAR.replace("  合同审查: 51\n", "  合同审查: 51            # 张律师、李律师\n")
    body = body.replace("  - area: 执法\n", "  # 执法一节的数字问综合执法队\n  - area: 执法\n")
    body = body.replace("  causes: [宣传力度不够]\n", "  causes: [宣传力度不够]  # 原因去年是书记定的\n")
    body = body.replace("  坐诊: 450\n", "  坐诊: 450                # 去年：数字来自统计站\n")
    old = write_yaml(tmp_path, "# 王五填写，电话 1234\n" + body, name="town-2023.yaml")
    new = tmp_path / "town-2024.yaml"
    text = carry_forward(read_input(old), 2024, new)
    lines = text.splitlines()
    near = {c: lines[next(i for i, line in enumerate(lines) if f"# {c}" in line) + 1].strip() for c in (
        "张律师、李律师", "执法一节的数字问综合执法队", "原因去年是书记定的", "王五填写，电话 1234")}
    assert near == {
        "张律师、李律师": "合同审查:                 # 合法性审查行政机关合同（份）",
        "执法一节的数字问综合执法队": "- area: 执法              # 行政执法工作体系",
        "原因去年是书记定的": "shortcomings:               # 存在的不足和原因",  # not carried: above its part
        "王五填写，电话 1234": "report:                     # 报告的基本信息（沿用上年度，请核对）",
    }
    assert "  # 去年：数字来自统计站\n  坐诊:" in text  # like reportgen's wording, yet the clerk's
    assert "不是注释" not in text.replace("第二段 # 不是注释: 也不是键", "")  # a "#" inside a text is no comment
    new.write_text(text, encoding="utf-8")
    assert check_file(new).errors == []


def test_reportgens_own_comments_are_not_carried_twice(tmp_path: Path) -> None:
    first = write_yaml(tmp_path, LAST_YEAR, name="town-2023.yaml")
    second = tmp_path / "town-2024.yaml"
    second.write_text(carry_forward(read_input(first), 2024, second), encoding="utf-8")
    third = tmp_path / "town-2025.yaml"
    text = carry_forward(read_input(second), 2025, third)
    # the same as from the same input without a single comment
    bare = tmp_path / "bare" / "town-2024.yaml"
    bare.parent.mkdir()
    bare.write_text(yaml.safe_dump(yaml.safe_load(second.read_text(encoding="utf-8")), allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert text == carry_forward(read_input(bare), 2025, third)
    skeleton_made = tmp_path / "made.yaml"
    run = run_cli("init", str(skeleton_made), "--locality", "某某镇", "--year", "2023", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    filled = skeleton_made.read_text(encoding="utf-8").replace("  date:", "  date: 2024-02-26", 1)
    skeleton_made.write_text(filled, encoding="utf-8")
    assert "其他注释" not in carry_forward(read_input(skeleton_made), 2024, tmp_path / "next.yaml")


def test_the_clerks_own_parts_are_carried_with_their_words(tmp_path: Path) -> None:
    own = (
        "parts:\n  - heading: 2023年强化组织领导，夯实法治基础\n    intro: 一年来坚持党的领导。\n    measures:\n"
        "      - {area: 领导, heading: 健全制度, text: 2023年修订学法制度。}\n"
        "    items:\n      - {heading: 带头述法, text: 主要负责人述法。}\n  - 举措\n  - 不足\n  - 安排\n"
    )
    old = write_yaml(tmp_path, MINIMAL + own, name="town-2023.yaml")
    new = tmp_path / "town-2024.yaml"
    text = carry_forward(read_input(old), 2024, new)
    part = yaml.safe_load(text)["parts"][0]
    assert part == {
        "heading": "{年度}年强化组织领导，夯实法治基础",  # a typed year: the report year, computed from now on
        "measures": [{"area": "领导", "heading": "健全制度", "text": "2024年修订学法制度。", "carried": fingerprint("2024年修订学法制度。")}],
        "items": [{"heading": "带头述法", "text": "主要负责人述法。", "carried": fingerprint("主要负责人述法。")}],
    }
    assert "# 上年度的引言（供参考，可写在 intro 中）：一年来坚持党的领导。" in text
    new.write_text(text, encoding="utf-8")
    checked = check_file(new)
    assert checked.errors == []
    assert [f.path for f in checked.findings if f.message == "沿用去年文字，尚未修改"] == [
        "parts[1].measures[1].text",
        "parts[1].items[1].text",
    ]
