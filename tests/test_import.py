"""reportgen import: a published report read into an input YAML.

The readers (.docx with styles and run-in headings, a saved page with a site
around the report, GBK and UTF-16 text, Markdown), the outline, numbers as
cited metrics, what is marked for the clerk, and files it cannot read.
Test files beyond the five samples are in tests/import_files (see its README).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.errors import UserError
from generator.importing.clutter import drop_clutter, is_clutter
from generator.importing.importer import import_report
from generator.importing.mapping import level_of, parse_date, split_points
from generator.importing.metrics import catalog_match, find_numbers
from generator.importing.outline import marker_of, read_outline
from generator.importing.reading import Paragraph, read_source
from tests.helpers import REPO, run_cli

FILES = REPO / "tests" / "import_files"
SAMPLES = Path(os.environ.get("REPORTGEN_SAMPLES", REPO.parent / "shared" / "samples"))


def _data(path: Path) -> dict:
    return yaml.safe_load(import_report(path).text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("首页 |", True),
        ("时间:2024-01-05 09:50 来源:", True),
        ("分享到:", True),
        ("发布时间：2023-03-01 浏览次数：1234", True),
        ("无障碍 | 简体 | 繁体", True),
        ("【字体：大 中 小】", True),
        ("天津市静海区人民政府 2019年12月3日星期二", True),
        ("一、主要举措和成效", False),
        ("2024年1月5日", False),
        ("（二）依法行政，积极防范化解社会矛盾。来源于群众的诉求分享给各部门办理。", False),
    ],
)
def test_site_clutter(line: str, expected: bool) -> None:
    assert is_clutter(line) is expected


def test_a_title_shown_twice_on_a_page_is_read_once() -> None:
    paragraphs = [Paragraph(t, i) for i, t in enumerate(["某镇2023年度报告", "分享到:", "某镇2023年度报告", "正文"], 1)]
    kept, dropped = drop_clutter(paragraphs)
    assert [p.text for p in kept] == ["某镇2023年度报告", "正文"]
    assert len(dropped) == 2


@pytest.mark.parametrize(
    ("text", "rank", "number", "style"),
    [
        ("一、主要举措", 1, 1, "一、"),
        ("（十二）规范执法", 2, 12, "（一）"),
        ("(二)规范执法", 2, 2, "（一）"),
        ("2、加强行政应诉", 3, 2, "1、"),
        ("3.进一步加强", 3, 3, "1."),
        ("（1）培训", 4, 1, "（1）"),
    ],
)
def test_markers(text: str, rank: int, number: int, style: str) -> None:
    marker = marker_of(text)
    assert marker is not None and (marker.rank, marker.number, marker.style) == (rank, number, style)


@pytest.mark.parametrize("text", ["2.5万元用于", "2023年，全镇", "一是加强", "十分重视", "1087.25万"])
def test_not_markers(text: str) -> None:
    assert marker_of(text) is None


def test_points_one_two_three_in_order() -> None:
    intro, points = split_points("为此：一是健全体系。推行清单。二是优化方式，推进改革；三是提高水平。")  # type: ignore[misc]
    assert intro == "为此："
    assert points == [("健全体系", "推行清单。"), ("", "优化方式，推进改革；"), ("", "提高水平。")]
    assert split_points("统一是关键，一是加强。") is None  # a lone 一是 is not a list


def test_numbers_with_units_and_their_labels() -> None:
    found = find_numbers("合法性审查行政机关合同51份，主动公开政府信息800余条，《规定》第3条，负责人出庭率达到100%，组织3场培训会")
    assert [(f.value, f.unit, f.approx, f.label) for f in found] == [
        (51, "份", None, "合法性审查行政机关合同"),
        (800, "条", "余", "主动公开政府信息"),
        (100, "%", None, "负责人出庭率"),
        (3, "场", None, "组织"),
    ]
    assert found[-1].after == "培训会"


def test_catalog_labels_match_and_lookalikes_do_not() -> None:
    match, _ = catalog_match("合法性审查行政机关合同", "份", "count")
    assert match is not None and match.id == "合同审查"
    assert catalog_match("办理行政处罚案件", "件", "count")[0] is None or catalog_match("办理行政处罚案件", "件", "count")[0].id != "行政复议案件"  # type: ignore[union-attr]
    assert catalog_match("合法性审查行政机关合同", "人", "count")[0] is None  # 人 is not a count of contracts


@pytest.mark.parametrize(
    ("name", "level"),
    [("掌起镇", "镇"), ("少海街道", "街道"), ("马村区", "区"), ("某某乡", "乡"), ("青禾县", "县"), ("市市场监管局", "部门"), ("县司法局", "部门")],
)
def test_level_from_the_name(name: str, level: str) -> None:
    assert level_of(name) == level


def test_dates_in_arabic_and_chinese_numerals() -> None:
    assert str(parse_date("2024年1月5日")) == "2024-01-05"
    assert str(parse_date("二〇二三年二月十日")) == "2023-02-10"
    assert parse_date("2023年2月30日") is None


def test_samples_structure_and_metrics() -> None:
    path = SAMPLES / "zhangqi-2023.txt"
    if not path.exists():
        pytest.skip(f"the published samples are not at {SAMPLES}")
    data = _data(path)
    info = data["report"]
    assert (info["locality"], info["level"], info["year"], info["issuers"], str(info["date"])) == (
        "掌起镇", "镇", 2023, ["掌起镇人民政府"], "2024-02-26",
    )
    assert data["metrics"]["合同审查"] == 51
    assert "合法性审查行政机关合同{合同审查}" in data["measures"][1]["text"]
    assert [g["heading"] for g in data["measures"]] == [
        "强化党建统领法治建设", "打造最优法治化营商环境", "推进基层社会治理法治化", "加强各类争议预防和化解", "营造明德守法社会风尚",
    ]
    assert data["plans"]["style"] == "一是分段" and len(data["plans"]["items"]) == 3


def test_the_year_comes_from_the_title_not_the_page_clock() -> None:
    data = _data(FILES / "macun-page.html")
    assert data["report"]["year"] == 2023
    assert data["report"]["title"] == "马村区关于2023年度法治政府建设工作情况的报告"
    assert "静海" not in yaml.safe_dump(data, allow_unicode=True)


def test_a_page_in_gbk_with_a_site_around_it() -> None:
    data = _data(FILES / "macun-page.html")
    assert [g["heading"] for g in data["measures"]][:2] == [
        "把握正确政治方向，着力推动中央全面依法治国决策部署落地落实",
        "完善制度体系，行政执法规范化建设深入推进",
    ]
    assert data["metrics"]["主动公开"] == "800余"


def test_a_bureau_is_a_department_with_its_addressee_and_chinese_date() -> None:
    data = _data(FILES / "bureau-2022.md")
    info = data["report"]
    assert (info["locality"], info["level"], info["addressee"], str(info["date"])) == (
        "青禾县市场监督管理局", "部门", "县委、县政府", "2023-02-10",
    )
    assert data["metrics"]["处理投诉举报"] == {"value": 1560, "parts": {"食品类": 620, "价格类": 410, "质量类": 530}, "parts_complete": True}


def test_a_county_in_utf16_with_numbered_points() -> None:
    data = _data(FILES / "county-2021.txt")
    assert data["report"]["level"] == "县" and data["report"]["addressee"] == "市人民政府"
    group = data["measures"][0]
    assert group["points_style"] == "1." and [p["heading"] for p in group["points"]] == ["深化“放管服”改革", "优化法治化营商环境"]
    assert data["metrics"]["合同审查"] == 126


def test_uncertain_guesses_are_comments_at_their_line() -> None:
    text = import_report(FILES / "bureau-2022.md").text
    assert "level: 部门               # 层级按名称推测，请核对" in text
    assert "  - heading: 强化组织领导，夯实法治基础  # 自拟的部分，按位置视为“举措”的内容，请核对" in text


def test_a_docx_with_heading_styles_and_run_in_headings(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    title = document.add_paragraph("东湖街道法治政府建设年度工作总结")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("2024年，东湖街道坚持依法行政。现将有关情况报告如下：")
    document.add_paragraph("一、主要举措和成效", style="Heading 1")
    item = document.add_paragraph()
    item.add_run("（一）依法化解矛盾纠纷").bold = True
    item.add_run("共调处矛盾纠纷128起，调解成功122起。")
    document.add_paragraph("二、存在的不足", style="Heading 1")
    document.add_paragraph("一是队伍力量不足；二是宣传不够。")
    document.add_paragraph("三、下一步工作安排", style="Heading 1")
    document.add_paragraph("（一）加强队伍建设。充实基层力量。")
    path = tmp_path / "donghu.docx"
    document.save(str(path))
    paragraphs = read_source(path).paragraphs
    assert paragraphs[2].outline == 0 and paragraphs[0].centered
    assert paragraphs[3].lead == "（一）依法化解矛盾纠纷"
    outline = read_outline(paragraphs)
    assert outline.title is not None and outline.title.text == "东湖街道法治政府建设年度工作总结"
    data = _data(path)
    assert data["measures"][0]["heading"] == "依法化解矛盾纠纷"  # the bold run, though no 。 ends it
    assert data["measures"][0]["text"] == "共调处矛盾纠纷{调处矛盾纠纷}，调解成功{调解成功}。"  # 调处 is not the catalog's 受理
    assert data["metrics"]["调处矛盾纠纷"] == 128 and data["metrics"]["调解成功"] == {"value": 122, "unit": "起"}
    assert data["report"]["level"] == "街道" and data["report"]["year"] == 2024


def test_the_cli_writes_the_yaml_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "county.yaml"
    result = run_cli("import", str(FILES / "county-2021.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert f"已生成 {out}" in result.stdout and "reportgen validate" in result.stdout
    checked = run_cli("validate", str(out))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    again = run_cli("import", str(FILES / "county-2021.txt"), "-o", str(out))
    assert again.returncode == 0  # the same bytes: nothing to refuse
    out.write_text("# 手工修改\n", encoding="utf-8")
    refused = run_cli("import", str(FILES / "county-2021.txt"), "-o", str(out))
    assert refused.returncode == 1 and "未覆盖" in refused.stderr


def test_source_slips_are_reported_and_the_yaml_holds_the_corrected_structure() -> None:
    path = SAMPLES / "shaohai-2022.txt"
    if not path.exists():
        pytest.skip(f"the published samples are not at {SAMPLES}")
    imported = import_report(path)
    assert [(f.rule, f.line) for f in imported.slips] == [("编号跳号", 10)]
    assert len(yaml.safe_load(imported.text)["duties"]["items"]) == 5  # numbered from （一） by the templates


def test_a_file_without_parts_is_not_a_report(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("关于召开法治政府建设推进会的通知\n各单位：定于3月5日召开全镇法治工作会议，请准时参加。会议将总结去年依法行政工作，部署今年任务，请各单位负责人参加。会议地点在镇政府三楼会议室，请各单位提前十分钟到场签到，并准备好本单位去年法治建设工作的书面材料。\n", encoding="utf-8")
    with pytest.raises(UserError, match="没有找到报告的各部分"):
        import_report(path)


def test_a_gbk_text_is_read_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    sample = (FILES / "county-2021.txt").read_bytes().decode("utf-16")
    path.write_bytes(sample.encode("gbk"))
    assert read_source(path).notes[0].message.startswith("文件不是 UTF-8 编码")
    assert _data(path)["report"]["locality"] == "某某县"


@pytest.mark.parametrize("kind", ["empty", "corrupt", "doc", "wps", "pdf", "page", "encrypted"])
def test_import_refuses_files_it_cannot_read_in_chinese(tmp_path: Path, kind: str) -> None:
    from tests.test_lint import _bad_files

    path, message = _bad_files(tmp_path)[kind]
    result = run_cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_number_the_draft_would_state_otherwise_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "某某镇2023年度法治政府建设工作情况报告\n"
        "2023年，某某镇坚持依法行政，扎实推进法治政府建设。现将有关情况报告如下：\n"
        "一、主要举措和成效\n"
        "（一）化解矛盾纠纷。共受理矛盾纠纷200件，调解成功率达97.45%，收缴罚款2500000元，开展普法活动12场。\n"
        "二、存在的不足和原因\n"
        "一是力量不足；二是宣传不够。\n"
        "三、2024年度工作安排\n"
        "（一）加强队伍建设。充实力量。\n",
        encoding="utf-8",
    )
    imported = import_report(path)
    text = yaml.safe_load(imported.text)["measures"][0]["text"]
    # 97.45% would be stated to one decimal (97.5%), 2500000元 in 万元 (250万元): both stay as written.
    assert "调解成功率达97.45%" in text and "收缴罚款2500000元" in text
    assert "{调解受理}" in text and "{开展普法活动}" in text
    assert sorted(imported.reverted) == ["2500000元", "97.45%"]


def test_three_commands_from_last_years_published_report_to_this_years_draft(tmp_path: Path) -> None:
    last_year = tmp_path / "county-2021.yaml"
    assert run_cli("import", str(FILES / "county-2021.txt"), "-o", str(last_year)).returncode == 0
    started = run_cli("init", "--from", str(last_year))
    assert started.returncode == 0, started.stderr
    this_year = tmp_path / "county-2022.yaml"
    data = yaml.safe_load(this_year.read_text(encoding="utf-8"))
    assert data["report"]["year"] == 2022
    assert data["metrics"]["合同审查"]["last_year"] == 126  # last year's value, for 同比
    rendered = run_cli("render", str(this_year), "-o", str(tmp_path / "out"), "-f", "txt")
    assert rendered.returncode == 0, rendered.stderr
    draft = (tmp_path / "out" / "county-2022.txt").read_text(encoding="utf-8")
    assert "二、党政主要负责人履行推进法治建设第一责任人职责情况" in draft  # the report's own order kept
    assert "四、2023年度推进法治政府建设的主要安排" in draft


@pytest.mark.parametrize(
    ("title", "locality"),
    [
        ("马村区关于2023年度法治政府建设工作情况的报告", "马村区"),
        ("2023年度青禾县市场监督管理局法治政府建设工作报告", "青禾县市场监督管理局"),
        ("关于某某镇2021年法治政府建设情况的报告", "某某镇"),
        ("某某县人民政府关于2021年度法治政府建设情况的报告", "某某县"),
        ("中共某某乡委员会 某某乡人民政府2022年度法治政府建设工作报告", None),  # two issuers: taken from the opening or signature
    ],
)
def test_locality_from_the_title(title: str, locality: str | None) -> None:
    from generator.importing.mapping import _LOCALITY_IN_TITLE

    match = _LOCALITY_IN_TITLE.match(title)
    assert (match.group("name") or match.group("after") if match else None) == locality


def test_a_comparison_is_not_a_metric(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(
        "某某县2023年度法治政府建设工作情况报告\n"
        "2023年，某某县坚持依法行政，扎实推进法治政府建设各项工作，取得明显成效。现将有关情况报告如下：\n"
        "一、主要举措和成效\n"
        "（一）化解行政争议。办理行政复议案件58件，同比增长15%，结案率较上年提高3个百分点。\n"
        "二、存在的不足和原因\n"
        "一是力量不足；二是宣传不够。\n"
        "三、2024年度工作安排\n"
        "（一）加强队伍建设。充实基层执法力量。\n",
        encoding="utf-8",
    )
    text = yaml.safe_load(import_report(path).text)["measures"][0]["text"]
    assert text == "办理行政复议案件{行政复议案件}，同比增长15%，结案率较上年提高3个百分点。"


def test_a_docx_numbered_by_word_itself(tmp_path: Path) -> None:
    """Word's automatic numbering: "一、" and "（一）" are not in the text, Word shows them."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def add(text: str, level: int | None = None) -> None:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

    add("某某镇2023年度法治政府建设工作情况报告")
    add("2023年，某某镇坚持依法行政。现将有关情况报告如下：")
    add("主要举措和成效", 0)
    add("加强执法监督。全年开展检查12次。", 1)
    add("化解矛盾纠纷。调处纠纷30起。", 1)
    add("存在的不足和原因", 0)
    add("一是力量不足；二是宣传不够。")
    add("2024年度工作安排", 0)
    add("加强队伍建设。充实力量。", 1)
    path = tmp_path / "autonumbered.docx"
    document.save(str(path))
    paragraphs = read_source(path).paragraphs
    assert [p.text[:5] for p in paragraphs[2:5]] == ["一、主要举", "（一）加强", "（二）化解"]
    data = _data(path)
    assert [g["heading"] for g in data["measures"]] == ["加强执法监督", "化解矛盾纠纷"]
    assert [p.get("heading") for p in data["parts"]] == ["主要举措和成效", "存在的不足和原因", "{下一年度}年度工作安排"]


def test_a_folder_or_a_device_is_not_a_report(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="这是一个文件夹，不是报告文件"):
        read_source(tmp_path)
    with pytest.raises(UserError, match="这不是普通文件"):
        read_source(Path("/dev/zero"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    text = (FILES / "county-2021.txt").read_bytes().decode("utf-16")
    path = tmp_path / "nobom.txt"
    path.write_bytes(text.encode(encoding))
    source = read_source(path)
    assert source.notes[0].message == "文件是不带 BOM 的 UTF-16 编码，已按 UTF-16 读取"
    assert _data(path)["report"]["locality"] == "某某县"
    result = run_cli("import", str(path), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 0 and "不带 BOM 的 UTF-16" in result.stderr


def test_what_follows_the_date_is_said_not_written(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    text = (FILES / "street-2023.txt").read_text(encoding="utf-8") + "附件：2023年度行政执法数据统计表\n抄送：区司法局\n"
    path.write_text(text, encoding="utf-8")
    imported = import_report(path)
    assert imported.lost == ["成文日期之后的2段（“附件：2023年度行政执”、“抄送：区司法局”……）没有写入（如附件、抄送，请另行处理）"]
    assert "# - 成文日期之后的2段" in imported.text
