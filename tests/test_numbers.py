import datetime as dt

import pytest

from generator.report.numbers import cn_numeral, format_date, format_number, format_rate, rate


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九"),
     (100, "一百"), (101, "一百零一"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十"), (2305, "二千三百零五")],
)
def test_cn_numeral(n: int, words: str) -> None:
    assert cn_numeral(n) == words


@pytest.mark.parametrize("n", [0, 10000, -1])
def test_cn_numeral_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        cn_numeral(n)


def test_rate_rounds_half_up_to_one_decimal() -> None:
    assert rate(230, 236) == 97.5  # the 马村区 sample: 调解成功率达97.5%
    assert rate(96, 96) == 100.0
    assert rate(1, 8) == 12.5
    assert rate(1, 16) == 6.3  # 6.25 rounds up, not to even
    assert rate(3, 0) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(51, "51"), (1087.25, "1087.25"), (120.0, "120"), (0.5, "0.5"), (1087.255, "1087.26")],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_format_rate() -> None:
    assert format_rate(100.0) == "100"
    assert format_rate(97.45) == "97.5"


def test_format_date_has_no_zero_padding() -> None:
    assert format_date(dt.date(2024, 2, 6)) == "2024年2月6日"


def test_yuan_to_wan() -> None:
    from generator.report.numbers import yuan_to_wan

    assert yuan_to_wan(10872500) == 1087.25
    assert yuan_to_wan(5890050) == 589.01  # 589.005 rounds up
