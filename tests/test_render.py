"""From a report to the rendered draft: wording, numbering, years, metrics, gaps."""

from pathlib import Path

from generator.render.document import Block
from generator.pipeline import build_document, check_file
from generator.render.writers.text import render as render_text
from tests.helpers import MINIMAL, write_yaml

FULL = MINIMAL + """\
metrics:
  合同审查: 51
  调解受理: 236
  调解成功: 230
  调解金额: "589余"
  主动公开:
    value: 738
    parts: {公告公示: 289, 其他: 449}
    parts_complete: true
measures:
  - area: 领导
    heading: 强化党建统领法治建设
    text: 落实党政主要负责人履行法治建设第一责任人职责。
  - area: 决策
    heading: 打造法治化营商环境。
    text: 加强行政合同监管，合法性审查行政机关合同{合同审查}
  - area: 执法
    heading: 完善制度体系
    points:
      - heading: 健全行政执法体系
        text: 共向街道赋权29项
      - 优化行政执法方式
shortcomings:
  items:
    - 改革还不够深入
    - 创新项目培育力度有待加强
duties:
  - heading: 履行第一责任人职责
    text: 主要负责人带头学法。
plans:
  items:
    - heading: 持续深化法治政府建设
      text: 严格遵守宪法法律。
"""


def document(tmp_path: Path, text: str = FULL) -> list[Block]:
    return list(build_document(check_file(write_yaml(tmp_path, text))).blocks)


def lines(tmp_path: Path, text: str = FULL) -> list[str]:
    return [b.full for b in document(tmp_path, text)]


def test_title_opening_and_signature(tmp_path: Path) -> None:
    out = lines(tmp_path)
    assert out[0] == "某某镇2023年度法治政府建设工作情况报告"
    assert out[1].startswith("2023年，某某镇坚持以习近平新时代中国特色社会主义思想为指导")
    assert out[1].endswith("现将2023年度法治政府建设工作情况报告如下：")
    assert out[-2:] == ["某某镇人民政府", "2024年2月26日"]


def test_parts_are_numbered_in_order_and_years_computed(tmp_path: Path) -> None:
    headings = [b.lead for b in document(tmp_path) if b.role == "heading1"]
    assert headings == [
        "一、2023年度推进法治政府建设的主要举措和成效",
        "二、2023年度推进法治政府建设存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "四、2024年度推进法治政府建设的主要安排",
    ]


def test_numbering_stays_continuous_without_duties(tmp_path: Path) -> None:
    text = FULL.replace("duties:\n  - heading: 履行第一责任人职责\n    text: 主要负责人带头学法。\n", "")
    headings = [b.lead for b in document(tmp_path, text) if b.role == "heading1"]
    assert [h[:2] for h in headings] == ["一、", "二、", "三、"]
    assert headings[2] == "三、2024年度推进法治政府建设的主要安排"


def test_groups_follow_the_outline_order_when_asked_and_run_in(tmp_path: Path) -> None:
    groups = [b for b in document(tmp_path, FULL + "measures_order: 纲要\n") if b.role == "heading2"][:5]
    assert [g.lead for g in groups] == [
        "（一）打造法治化营商环境。",  # 决策 comes before 执法, 化解, 监督 and 领导 in the 纲要
        "（二）完善制度体系。",
        "（三）依法预防调处化解社会矛盾纠纷。",
        "（四）强化行政权力制约和监督，全面推进政务公开。",
        "（五）强化党建统领法治建设。",
    ]
    assert groups[0].text == "加强行政合同监管，合法性审查行政机关合同51份。"
    assert groups[1].text == "一是健全行政执法体系。共向街道赋权29项。二是优化行政执法方式。"


def test_input_order_is_kept_by_default(tmp_path: Path) -> None:
    for text in (FULL, FULL + "measures_order: 录入\n"):
        groups = [b.lead for b in document(tmp_path, text) if b.role == "heading2"]
        assert groups[:3] == ["（一）强化党建统领法治建设。", "（二）打造法治化营商环境。", "（三）完善制度体系。"]


def test_uncited_metrics_become_a_sentence_in_their_area(tmp_path: Path) -> None:
    blocks = {b.lead: b.text for b in document(tmp_path, FULL + "measures_order: 纲要\n")}
    assert blocks["（三）依法预防调处化解社会矛盾纠纷。"] == "本年度，受理矛盾纠纷236件，调解成功230件，调解成功率达97.5%，调解涉及金额589余万元。"
    assert blocks["（四）强化行政权力制约和监督，全面推进政务公开。"] == "本年度，主动公开政府信息738条，其中公告公示289条，其他449条。"
    assert "51份" not in blocks["（五）强化党建统领法治建设。"]  # cited once, not repeated


def test_points_style_numbered_paragraphs(tmp_path: Path) -> None:
    text = FULL.replace("    heading: 完善制度体系\n", "    heading: 完善制度体系\n    points_style: \"1.\"\n") + "measures_order: 纲要\n"
    blocks = document(tmp_path, text)
    third = [b for b in blocks if b.role == "heading3"]
    assert [(b.lead, b.text) for b in third] == [("1.健全行政执法体系。", "共向街道赋权29项。"), ("2.", "优化行政执法方式。")]
    assert any(b.role == "heading2" and b.lead == "（二）完善制度体系" and b.text == "" for b in blocks)


def test_gaps_render_as_placeholders_and_are_listed(tmp_path: Path) -> None:
    text = MINIMAL.replace("  date: 2024-02-26\n", "") + "metrics:\n  合同审查:\nmeasures:\n  - area: 执法\n    heading: 规范执法\n"
    checked = check_file(write_yaml(tmp_path, text))
    assert [g.mark for g in checked.gaps] == [
        "【待填：规范执法的具体举措和成效】",
        "【待填：合法性审查行政机关合同（份）】",
        "【待填：成文日期】",
    ]
    out = [b.full for b in build_document(checked).blocks]
    assert "（一）规范执法。【待填：规范执法的具体举措和成效】" in out
    assert "（二）推进行政决策科学化、民主化、法治化。本年度，【待填：合法性审查行政机关合同（份）】。" in out
    assert out[-1] == "【待填：成文日期】"


def test_text_from_the_yaml_is_never_template_code(tmp_path: Path) -> None:
    text = MINIMAL + "measures:\n  - area: 执法\n    heading: 规范执法\n    text: \"{{ 7*7 }} {% if true %}x{% endif %} ‖\"\n"
    (group,) = [b for b in document(tmp_path, text) if b.role == "heading2"]
    assert group.text == "{{ 7*7 }} {% if true %}x{% endif %}。"


def test_shortcomings_with_separate_causes(tmp_path: Path) -> None:
    text = MINIMAL + "shortcomings:\n  items: [依法决策意识有待提高]\n  causes: [宣传力度不够]\n"
    blocks = [b for b in document(tmp_path, text) if b.role == "heading2"]
    assert [(b.lead, b.text) for b in blocks] == [
        ("（一）存在的问题。", "依法决策意识有待提高。"),  # a lone item is not numbered
        ("（二）主要原因。", "宣传力度不够。"),
    ]


def test_plain_text_layout(tmp_path: Path) -> None:
    text = render_text(build_document(check_file(write_yaml(tmp_path, FULL)))).decode("utf-8-sig").replace("\r\n", "\n")
    rows = text.split("\n")
    assert rows[1] == ""  # a blank line after the title
    assert rows[-4:] == ["", "某某镇人民政府", "2024年2月26日", ""]
    assert "  " not in text and "," not in text


def test_items_one_paragraph_each_with_yishi(tmp_path: Path) -> None:
    text = MINIMAL + "plans:\n  style: 一是分段\n  items:\n    - {heading: 持续深化法治政府建设, text: 严格遵守宪法法律}\n    - 加强执法队伍管理，\n"
    body = [b.full for b in document(tmp_path, text) if b.role == "body"][1:]
    assert body == ["一是持续深化法治政府建设。严格遵守宪法法律。", "二是加强执法队伍管理。"]


def test_derived_rate_not_added_where_the_text_cites_its_counts(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n  调解受理: 12\n  调解成功: 12\nmeasures:\n  - area: 化解\n    heading: 创新调解\n    text: 受理纠纷{调解受理}，成功调处{调解成功}\n"
    (group,) = [b for b in document(tmp_path, text) if b.role == "heading2"]
    assert group.text == "受理纠纷12件，成功调处12件。"


def test_amount_given_in_yuan_is_stated_in_wan(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n  调解金额: {value: 10872500, unit: 元}\nmeasures:\n  - area: 化解\n    heading: 化解纠纷\n    text: 涉及金额{调解金额}\n"
    (group,) = [b for b in document(tmp_path, text) if b.role == "heading2"]
    assert group.text == "涉及金额1087.25万元。"


def test_gap_of_a_metric_only_cited_points_at_the_citing_text(tmp_path: Path) -> None:
    text = MINIMAL + "measures:\n  - area: 执法\n    heading: 规范执法\n    text: 全年作出处罚决定{行政处罚决定}\n"
    checked = check_file(write_yaml(tmp_path, text))
    (gap,) = [g for g in checked.gap_findings() if "行政处罚决定" in g.message]
    assert (gap.line, gap.path) == (10, "measures[1].text")


def test_txt_opens_in_old_notepad_crlf_and_bom(tmp_path: Path) -> None:
    data = render_text(build_document(check_file(write_yaml(tmp_path, FULL))))
    assert data.startswith("\ufeff".encode())  # Notepad before Windows 10 1903 guesses GBK without it
    body = data[3:]
    assert b"\r\n" in body and body.count(b"\n") == body.count(b"\r\n")  # no bare LF: one line in old Notepad
    assert body.endswith(b"\r\n") and b"\r\r" not in body
