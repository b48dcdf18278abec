import pytest

from generator.report.punctuation import ensure_end, illegal_characters, normalize, strip_end


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("2023年,掌起镇在市委、市政府的正确领导下,落实要点:", "2023年，掌起镇在市委、市政府的正确领导下，落实要点："),
        ("无脱管失控现象;无重新犯罪现象", "无脱管失控现象；无重新犯罪现象"),
        ("推进过程中 ,法律", "推进过程中，法律"),
        ("抓住“ 关键少数”", "抓住“关键少数”"),
        ('"一网三联"基础上', "“一网三联”基础上"),
        ("(以下简称两平台)", "（以下简称两平台）"),
        ("涉及金额1087.25万元", "涉及金额1087.25万元"),
        ("“12·4”国家宪法日", "“12·4”国家宪法日"),
        ("发放1,000份", "发放1,000份"),
        ("control\x01char", "controlchar"),
    ],
)
def test_normalize(raw: str, clean: str) -> None:
    assert normalize(raw) == clean


def test_illegal_characters_are_located() -> None:
    assert illegal_characters("ab\x0bc\x1f") == [(2, "\x0b"), (4, "\x1f")]


def test_heading_and_sentence_ends() -> None:
    assert strip_end("强化党建统领法治建设。") == "强化党建统领法治建设"
    assert ensure_end("取得成效") == "取得成效。"
    assert ensure_end("报告如下：") == "报告如下："


def test_a_space_between_chinese_words_is_the_clerks_and_stays() -> None:
    assert normalize("中共中央办公厅 国务院办公厅印发") == "中共中央办公厅 国务院办公厅印发"
    assert normalize("深化简政放权 提升服务效能") == "深化简政放权 提升服务效能"
    assert normalize("过程中 ，“ 三项制度 ”，2023 年") == "过程中，“三项制度”，2023年"  # beside a mark or a digit: a slip
