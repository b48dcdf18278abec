"""Chinese numerals, number formatting, rates and dates (GB/T 15835:
Arabic digits for counts, amounts and dates; Chinese numerals for the
numbering of headings)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 101 → 一百零一,
    110 → 一百一十 (for heading numbers; a report may have a hundred items)."""
    if not 1 <= n <= 9999:
        raise ValueError(f"标题编号应在 1–9999 之间，现为 {n}")
    if n < 100:
        tens, ones = divmod(n, 10)
        if tens == 0:
            return _DIGITS[ones]
        head = "" if tens == 1 else _DIGITS[tens]
        return head + "十" + (_DIGITS[ones] if ones else "")
    words = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit == 0:
            zero = bool(words)
            continue
        words += ("零" if zero else "") + _DIGITS[digit] + name
        zero = False
    return words


def _decimal(value: float | int) -> Decimal:
    return Decimal(str(value))


def round_half_up(value: float | int, places: int) -> Decimal:
    """Round as a clerk does (97.45 → 97.5), not to even."""
    return _decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: float | int, *, places: int = 2) -> str:
    """51 → '51', 1087.250 → '1087.25', 120.0 → '120' (no thousands separator)."""
    text = format(round_half_up(value, places), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


# Where the clerk's qualifier of an approximate value goes: before the number
# (约120, 近100人, 超过3000件, 逾50场), between number and unit (800余条, 50多次),
# or after the unit (98%以上, 100人左右).
_BEFORE = ("约", "近", "超过", "逾")
_AFTER_UNIT = ("以上", "左右")


def approximate(number: str, approx: str | None, unit: str = "") -> str:
    """A number with its unit and the clerk's approximation: '约120万元',
    '800余条', '98%以上'; as it is without one."""
    if approx in _BEFORE:
        return approx + number + unit
    if approx in _AFTER_UNIT:
        return number + unit + approx
    return number + (approx or "") + unit


def yuan_to_wan(yuan: float | int) -> float:
    """An amount in 元 as 万元, two decimals: 10872500 → 1087.25."""
    return float(round_half_up(_decimal(yuan) / 10000, 2))


def format_rate(value: float | int) -> str:
    """A percentage to one decimal, trailing zero dropped: 97.457 → '97.5', 100 → '100'."""
    return format_number(value, places=1)


def rate(numerator: float | int, denominator: float | int) -> float | None:
    """numerator / denominator in percent, one decimal; None when the denominator is 0."""
    if not denominator:
        return None
    return float(round_half_up(_decimal(numerator) * 100 / _decimal(denominator), 1))


def format_date(date: dt.date) -> str:
    """2024-02-26 → '2024年2月26日' (Arabic digits, no zero padding)."""
    return f"{date.year}年{date.month}月{date.day}日"


_CN_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}


def cn_value(text: str) -> int | None:
    """The inverse of ``cn_numeral``: 一 → 1, 十 → 10, 十二 → 12, 二十 → 20; None if not a numeral."""
    if not text or any(c not in _CN_VALUES and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_VALUES[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)
