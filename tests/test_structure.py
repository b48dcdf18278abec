"""The clerk's structure in the YAML: part list, order and headings, openings,
sub-section layouts, point styles, themed parts, areas per 纲要 edition, and
validate catching what render would fail on."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import build_document, check_file
from generator.render.document import Block
from tests.helpers import MINIMAL, write_yaml

BODY = """\
measures:
  - area: 执法
    heading: 规范执法
    text: 推行行政执法事项清单。
  - area: 化解
    heading: 化解矛盾
    text: 调解纠纷。
shortcomings:
  items: [改革还不够深入, 创新不足]
plans:
  items:
    - heading: 持续深化法治政府建设
      text: 严格遵守宪法法律。
"""


def blocks(tmp_path: Path, text: str) -> list[Block]:
    checked = check_file(write_yaml(tmp_path, text))
    assert checked.errors == [], [f.format() for f in checked.errors]
    return list(build_document(checked).blocks)


def heads(tmp_path: Path, text: str, role: str = "heading1") -> list[str]:
    return [b.full for b in blocks(tmp_path, text) if b.role == role]


def findings(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    checked = check_file(write_yaml(tmp_path, text))
    return [(f.severity, f.message) for f in checked.findings]


def test_part_headings_in_the_clerks_words_with_computed_years(tmp_path: Path) -> None:
    text = MINIMAL + BODY + """\
duties: [履行第一责任人职责。]
parts:
  - {part: 举措, heading: 法治政府建设履职情况}
  - {part: 不足, heading: 存在问题}
  - 职责
  - {part: 安排, heading: "{下一年度}年法治政府建设工作计划"}
"""
    assert heads(tmp_path, text) == [
        "一、法治政府建设履职情况",
        "二、存在问题",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2024年法治政府建设工作计划",
    ]


def test_parts_render_in_the_listed_order_and_a_listed_empty_part_is_a_gap(tmp_path: Path) -> None:
    text = MINIMAL + BODY + "parts: [职责, 举措, 安排, 不足]\n"
    checked = check_file(write_yaml(tmp_path, text))
    out = [b.full for b in build_document(checked).blocks if b.role == "heading1"]
    assert [h[:4] for h in out] == ["一、党政", "二、20", "三、20", "四、20"]
    assert "安排" in out[2] and "不足" in out[3]
    assert "【待填：党政主要负责人履行推进法治建设第一责任人职责情况】" in [g.mark for g in checked.gaps]


def test_a_typed_year_in_a_part_heading_is_flagged(tmp_path: Path) -> None:
    text = MINIMAL + BODY + 'parts: [举措, 不足, {part: 安排, heading: "2024年工作计划"}]\n'
    assert ("warning", "标题“2024年工作计划”中直接写了年份") in findings(tmp_path, text)
    fine = MINIMAL + BODY + 'parts: [举措, 不足, {part: 安排, heading: "{下一年度}年工作计划"}]\n'
    assert not any("直接写了年份" in m or "不是指标引用" in m for _, m in findings(tmp_path, fine))


def test_a_locality_gives_the_house_parts_and_the_input_its_own_order(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "localities" / "county"
    folder.mkdir(parents=True)
    (folder / "locality.yaml").write_text(
        "parts:\n  - {part: 举措, heading: 法治政府建设履职情况}\n  - {part: 不足, heading: 存在的主要问题}\n  - 安排\n"
        "style:\n  subsections: 单独一行\n",
        encoding="utf-8",
    )
    text = MINIMAL.replace("report:\n", "report:\n  templates: county\n") + BODY
    assert heads(tmp_path, text) == ["一、法治政府建设履职情况", "二、存在的主要问题", "三、2024年度推进法治政府建设的主要安排"]
    assert heads(tmp_path, text, "heading2")[:2] == ["（一）规范执法", "（二）化解矛盾"]  # on lines of their own
    own = text + "parts: [不足, 举措]\n"
    assert heads(tmp_path, own) == ["一、存在的主要问题", "二、法治政府建设履职情况"]


def test_multi_line_opening_with_highlights_and_own_closing(tmp_path: Path) -> None:
    opening = (
        "  opening: |\n    2023年，某某镇扎实推进法治政府建设，\n    ——成功创建国家食品安全示范城市\n"
        "    ——获评省级法治政府建设示范镇\n    全年工作取得新成效\n"
        "  opening_end: 现将有关情况报告如下：\n"
    )
    text = MINIMAL.replace("  date: 2024-02-26\n", "  date: 2024-02-26\n" + opening) + BODY
    body = [b.full for b in blocks(tmp_path, text) if b.role == "body"][:4]
    assert body == [
        "2023年，某某镇扎实推进法治政府建设。",
        "——成功创建国家食品安全示范城市",
        "——获评省级法治政府建设示范镇",
        "全年工作取得新成效。现将有关情况报告如下：",
    ]


def test_an_opening_ending_in_a_comma_keeps_it_before_the_closing(tmp_path: Path) -> None:
    text = MINIMAL.replace("  date: 2024-02-26\n", "  date: 2024-02-26\n  opening: 一年来，我镇稳步推进法治建设，\n") + BODY
    first = [b.full for b in blocks(tmp_path, text) if b.role == "body"][0]
    assert first == "一年来，我镇稳步推进法治建设，现将2023年度法治政府建设工作情况报告如下："


@pytest.mark.parametrize(
    ("extra", "first_body"),
    [
        ("  opening: 无\n", None),  # no opening at all: the report starts with 一、
        ("  opening: 无\n  opening_end: 现将马村区2023年度法治政府建设工作情况报告如下。\n", "现将马村区2023年度法治政府建设工作情况报告如下。"),
        ("  opening: 一年来成效明显。现将有关情况报告如下：\n", "一年来成效明显。现将有关情况报告如下："),
    ],
)
def test_opening_none_or_only_the_closing_or_closing_written_in(tmp_path: Path, extra: str, first_body: str | None) -> None:
    text = MINIMAL.replace("  date: 2024-02-26\n", "  date: 2024-02-26\n" + extra) + BODY
    out = blocks(tmp_path, text)
    assert out[0].role == "title"
    if first_body is None:
        assert out[1].role == "heading1"
    else:
        assert (out[1].role, out[1].full) == ("body", first_body)
        assert out[2].role == "heading1"


def test_standalone_subsection_headings_and_point_styles(tmp_path: Path) -> None:
    text = MINIMAL + """\
measures:
  - area: 执法
    heading: 规范执法
    layout: 单独一行
    text: |
      推行行政执法事项清单。
      开展执法监督。
  - area: 化解
    heading: 化解矛盾
    points_style: 一是分段
    points:
      - {heading: 完善调解机制, text: 调解纠纷。}
      - {heading: 做好复议应诉, text: 办理复议案件。}
  - area: 监督
    heading: 强化监督
    points_style: 分段
    points: [接受人大监督。, 推进政务公开。]
"""
    out = [(b.role, b.full) for b in blocks(tmp_path, text) if b.role in ("heading2", "body")][1:]
    assert out == [
        ("heading2", "（一）规范执法"),
        ("body", "推行行政执法事项清单。"),
        ("body", "开展执法监督。"),
        ("heading2", "（二）化解矛盾"),
        ("body", "一是完善调解机制。调解纠纷。"),
        ("body", "二是做好复议应诉。办理复议案件。"),
        ("heading2", "（三）强化监督"),
        ("body", "接受人大监督。"),
        ("body", "推进政务公开。"),
    ]


def test_a_lone_item_is_not_numbered(tmp_path: Path) -> None:
    text = MINIMAL + """\
measures:
  - area: 执法
    heading: 规范执法
    points: [{heading: 健全执法体系, text: 赋权29项。}]
plans:
  items: [{heading: 持续深化法治政府建设, text: 严格遵守宪法法律。}]
"""
    out = [(b.role, b.full) for b in blocks(tmp_path, text) if b.role in ("heading2", "heading3", "body")][1:]
    assert ("heading2", "规范执法。健全执法体系。赋权29项。") in out
    assert ("heading2", "持续深化法治政府建设。严格遵守宪法法律。") in out


def test_intro_and_outro_of_the_measures_part(tmp_path: Path) -> None:
    text = MINIMAL + BODY + "parts:\n  - {part: 举措, intro: 一年来，我镇主要做了以下工作：, outro: 各项工作取得明显成效。}\n  - 不足\n  - 安排\n"
    out = [(b.role, b.full) for b in blocks(tmp_path, text)]
    first = next(i for i, (role, _) in enumerate(out) if role == "heading1")
    assert out[first + 1] == ("body", "一年来，我镇主要做了以下工作：")
    assert out[first + 2][0] == "heading2"
    second = next(i for i, (role, _) in enumerate(out) if role == "heading1" and i > first)
    assert out[second - 1] == ("body", "各项工作取得明显成效。")


def test_themed_parts_hold_their_own_subsections(tmp_path: Path) -> None:
    text = MINIMAL + """\
metrics:
  合同审查: 51
parts:
  - heading: 强化组织领导，夯实法治基础
    covers: [职责]
    measures:
      - {area: 领导, heading: 压实第一责任人责任, text: 主要负责人带头述法。}
      - {area: 决策, heading: 规范重大决策, text: 落实合法性审查。}
  - heading: 强化依法行政，提升履职能力
    measures:
      - {area: 执法, heading: 规范执法, text: 推行清单。}
  - 不足
  - 安排
shortcomings: [改革还不够深入]
plans: [持续深化法治政府建设。]
"""
    assert heads(tmp_path, text) == [
        "一、强化组织领导，夯实法治基础",
        "二、强化依法行政，提升履职能力",
        "三、2023年度推进法治政府建设存在的不足和原因",
        "四、2024年度推进法治政府建设的主要安排",
    ]
    groups = heads(tmp_path, text, "heading2")
    assert groups[:2] == ["（一）压实第一责任人责任。主要负责人带头述法。", "（二）规范重大决策。落实合法性审查。本年度，合法性审查行政机关合同51份。"]
    assert groups[2] == "规范执法。推行清单。"  # the lone subsection of part two
    notes = [m for s, m in findings(tmp_path, text) if s == "note"]
    assert notes == ["党政主要负责人履行推进法治建设第一责任人职责情况没有单列一个部分，写在“强化组织领导，夯实法治基础”中"]
    assert not any(s == "warning" and "缺少" in m for s, m in findings(tmp_path, text))


def test_duties_written_inside_the_first_part_are_found_not_missing(tmp_path: Path) -> None:
    text = MINIMAL + BODY.replace("推行行政执法事项清单。", "党政主要负责人切实履行推进法治建设第一责任人职责。")
    found = findings(tmp_path, text)
    assert ("note", "党政主要负责人履行推进法治建设第一责任人职责情况没有单列一个部分，写在“主要举措和成效”中") in found
    assert not any("缺少" in m for _, m in found)
    missing = findings(tmp_path, MINIMAL + BODY)
    assert ("warning", "缺少报告必备的部分：党政主要负责人履行推进法治建设第一责任人职责情况（duties）") in missing


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ("[举措, 不足, 不足]", "“不足”部分在 parts 中写了两次"),
        ("[不足, 安排]", "写了 measures（主要举措和成效），但 parts 中没有“举措”部分"),
        ("[举措, {intro: 没有标题的部分}]", "自拟的部分须写标题（heading）"),
        ("[举措, {part: 不足, intro: 引言}]", "“不足”部分的内容不写在 parts 中"),
        ("[举措, 不组]", "“标准部分”只能填写：举措、不足、职责、安排、其他"),
    ],
)
def test_part_list_mistakes_are_errors(tmp_path: Path, parts: str, message: str) -> None:
    found = findings(tmp_path, MINIMAL + BODY + f"parts: {parts}\n") if "不组" not in parts else None
    if found is None:
        from generator.errors import InputError

        with pytest.raises(InputError) as error:
            check_file(write_yaml(tmp_path, MINIMAL + BODY + f"parts: {parts}\n"))
        assert message in [f.message for f in error.value.findings]
        return
    assert ("error", message) in found


def test_more_than_99_parts_and_items_validate_and_render(tmp_path: Path) -> None:
    many = "".join(f"  - {{heading: 部分{i}, items: [正文。]}}\n" for i in range(101))
    checked = check_file(write_yaml(tmp_path, MINIMAL + "parts:\n" + many))
    assert checked.errors == [] and checked.document is not None  # rendered while validating
    heads = [b.lead for b in checked.document.blocks if b.role == "heading1"]
    assert heads[99:] == ["一百、部分99", "一百零一、部分100"]


def test_metrics_with_no_part_to_take_them_are_warned(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n  合同审查: 51\nshortcomings: [不足]\nparts: [不足]\n"
    assert ("warning", "指标“合同审查”没有在正文中引用，报告中也没有“主要举措和成效”部分可以写它，它不会出现在报告中") in findings(tmp_path, text)


def test_init_from_carries_the_structure_choices(tmp_path: Path) -> None:
    import yaml

    from generator.input.entrance import read_input
    from generator.nextyear import carry_forward

    old = write_yaml(
        tmp_path,
        MINIMAL.replace("  date: 2024-02-26\n", "  date: 2024-02-26\n  opening: 无\n  opening_end: 现将有关情况报告如下：\n")
        + BODY.replace("    heading: 规范执法\n", "    heading: 规范执法\n    layout: 单独一行\n")
        + "parts:\n  - {part: 举措, heading: 法治政府建设履职情况, covers: [职责]}\n  - {part: 不足, heading: 存在问题}\n"
        + "  - {part: 安排, heading: 2024年工作计划}\nstyle: {subsections: 单独一行, points: 分段}\n"
        + "area_definitions:\n  - {id: 疫情防控, heading: 依法做好疫情防控, takes: [应急]}\n",
        name="town-2023.yaml",
    )
    data = yaml.safe_load(carry_forward(read_input(old), 2024, tmp_path / "town-2024.yaml"))
    assert data["report"]["opening"] == "无" and data["report"]["opening_end"] == "现将有关情况报告如下："
    assert data["parts"] == [
        {"part": "举措", "heading": "法治政府建设履职情况", "covers": ["职责"]},
        {"part": "不足", "heading": "存在问题"},
        {"part": "安排", "heading": "{下一年度}年工作计划"},  # a typed year carried as the year it stood for
    ]
    assert data["style"] == {"subsections": "单独一行", "points": "分段"}
    assert data["area_definitions"] == [{"id": "疫情防控", "heading": "依法做好疫情防控", "takes": ["应急"]}]
    assert [g.get("layout") for g in data["measures"] if g.get("heading") == "规范执法"] == ["单独一行"]


def test_a_report_up_to_2020_uses_the_2015_areas_and_metrics_find_the_area_taking_them(tmp_path: Path) -> None:
    old = MINIMAL.replace("year: 2023", "year: 2020").replace("2024-02-26", "2021-01-20")
    text = old + "metrics:\n  干部学法: 12\n  应急演练: 3\nmeasures:\n  - {area: 能力, heading: 提高依法行政能力, text: 学法。}\n"
    groups = heads(tmp_path, text, "heading2")
    assert groups[0] == "（一）提高依法行政能力。学法。本年度，组织干部职工学法12次。"  # 领导's metric, taken by 能力
    assert groups[1] == "（二）依法全面履行政府职能。本年度，组织应急演练3次。"  # 应急 has no area of its own before 2021
    wrong = old + "measures:\n  - {area: 应急, text: 演练。}\n"
    (error,) = [f for f in check_file(write_yaml(tmp_path, wrong)).errors]
    assert error.message.startswith("“所属领域”只能填写：职能、制度、决策、执法、监督、化解、能力、领导、普法")
    assert "outline: 2021-2025" in error.hint
    assert heads(tmp_path, wrong.replace("  year: 2020\n", "  year: 2020\n  outline: 2021-2025\n"), "heading2") == ["依法预防处置重大突发事件。演练。"]


def test_an_area_of_the_inputs_own(tmp_path: Path) -> None:
    text = MINIMAL + "area_definitions:\n  - {id: 疫情防控, heading: 依法做好疫情防控, takes: [应急]}\n" + (
        "metrics:\n  应急演练: 3\nmeasures:\n  - {area: 疫情防控, text: 依法防控。}\n  - {area: 执法, text: 执法。}\n"
    )
    assert heads(tmp_path, text, "heading2")[0] == "（一）依法做好疫情防控。依法防控。本年度，组织应急演练3次。"


def test_init_skeleton_offers_the_structure_and_the_years_areas() -> None:
    import re

    import yaml

    from generator.skeleton import skeleton

    text = skeleton("某某镇", 2024)
    assert "# opening_end:" in text and "# style:" in text
    block = re.search(r"^# parts:.*\n((?:  # - .*\n)+)", text, re.M)
    assert block is not None
    parts = yaml.safe_load(block.group(1).replace("  # - ", "- "))  # what uncommenting gives
    assert [p["part"] for p in parts] == ["举措", "不足", "职责", "安排", "其他"]
    assert parts[3]["heading"] == "{下一年度}年度推进法治政府建设的主要安排"
    assert "- area: 应急" in text and "- area: 能力" not in text and "- area: 普法" in text
    before = skeleton("某某乡", 2019)
    assert "- area: 能力" in before and "- area: 应急" not in before
    assert "本单位" in skeleton("某某局", 2024, level="部门")


def test_locality_show_says_where_the_house_structure_comes_from(tmp_path: Path) -> None:
    from generator.explain import explain

    folder = tmp_path / "templates" / "localities" / "county"
    folder.mkdir(parents=True)
    (folder / "locality.yaml").write_text(
        'parts:\n  - {part: 举措, heading: "{年度}年主要工作"}\n  - 不足\nstyle: {subsections: 单独一行}\n'
        "area_definitions:\n  - {id: 乡村振兴, heading: 依法推进乡村振兴}\n",
        encoding="utf-8",
    )
    path = write_yaml(tmp_path, MINIMAL.replace("report:\n", "report:\n  templates: county\n") + "measures:\n  - {area: 乡村振兴, text: 推进。}\n")
    rows = {row.what: row for row in explain(path).defaults}
    assert rows["parts"].value == "举措（2023年主要工作）、不足" and rows["parts"].file.endswith("locality.yaml:1")
    assert rows["style"].value == "subsections: 单独一行" and not rows["style"].overridden
    assert rows["area_definitions"].value == "乡村振兴：依法推进乡村振兴"


def test_line_breaks_in_one_line_fields_are_joined_not_a_template_error(tmp_path: Path) -> None:
    text = (
        "report:\n  locality: 某镇\n  level: 镇\n  year: 2023\n  title: |\n    某镇2023年度\n    法治政府建设报告\n"
        '  issuers: ["某镇\\n人民政府"]\n  date: 2024-02-26\n  opening_end: "现将情况\\n报告如下："\n'
        "measures:\n  - area: 执法\n    heading: |\n      规范\n      执法\n    text: 推进。\n"
        '    points: [{heading: "一\\n二", text: 正文。}, 第二条。]\nparts:\n  - {part: 举措, heading: "主要\\n工作"}\n'
    )
    out = [(b.role, b.full) for b in blocks(tmp_path, text)]
    assert out[0] == ("title", "某镇2023年度法治政府建设报告")
    assert out[1][1].endswith("现将情况报告如下：")
    assert ("heading1", "一、主要工作") in out and ("signature", "某镇人民政府") in out
    assert ("heading2", "规范执法。推进。一是一二。正文。二是第二条。") in out


def test_validate_reports_what_render_would_fail_on(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "localities" / "town"
    folder.mkdir(parents=True)
    (folder / "report.j2").write_text('{% extends "report.j2" %}\n{% block opening %}{{ report.no_such }}{% endblock %}\n', encoding="utf-8")
    checked = check_file(write_yaml(tmp_path, MINIMAL.replace("report:\n", "report:\n  templates: town\n") + BODY))
    assert [f.message for f in checked.errors] == ["模板使用了不存在的变量“report.no_such”"]
    assert checked.errors[0].file.endswith("report.j2") and checked.errors[0].line == 2


def test_an_area_guessed_for_an_earlier_year_is_one_of_its_edition() -> None:
    from generator.input.areas import guess_area

    assert guess_area("加强应急管理") == ("应急", True)
    assert guess_area("加强应急管理", year=2019) == ("职能", True)  # the 2015–2020 纲要 has no 应急: 职能 takes it
    assert guess_area("严格规范执法", year=2019) == ("执法", True)
