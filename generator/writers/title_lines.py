"""Break a long 公文 title into balanced lines.

GB/T 9704-2012 7.3.2: a title that does not fit one line is broken so
that the words stay whole and the lines are symmetric, "梯形或菱形" —
never one long line with one or two characters left on the next. Here the
upper lines are at least as long as the lower ones (an inverted
trapezoid) where that costs little balance, breaks prefer to fall after 关于/的/年度-style words, and
never split a number or separate punctuation from the word it belongs to.
"""

from __future__ import annotations

from functools import lru_cache
from math import ceil

# Where a title breaks naturally, with a reward in squared half-ems:
# the issuer｜关于｜the subject, …年度｜…, …的｜….
_GOOD_AFTER: dict[str, int] = {"关于": 30, "年度": 15, "年": 10, "的": 15, "和": 10, "及": 10}
_GOOD_BEFORE: dict[str, int] = {"关于": 20}
# Words of these titles that a break must not split (年｜度, 政｜府).
_WHOLE_WORDS: tuple[str, ...] = (
    "年度", "法治", "政府", "人民", "建设", "工作", "情况", "报告", "关于",
    "委员会", "安排", "街道", "办事处", "推进", "依法", "行政",
)
# Never start a line with closing punctuation, never end one with opening.
_NO_LINE_START = set("，。、；：？！）》」』”’〉】·…—")
_NO_LINE_END = set("（《「『“‘〈【")

_OVER_CAPACITY = 10_000  # a line wider than the text area: never chosen if avoidable
_LONGER_THAN_ABOVE = 3  # per half-em a lower line is longer than the one above
_SPLIT_WORD = 40  # breaking inside one of _WHOLE_WORDS


def char_width(char: str) -> int:
    """Width in half-em units: 1 for ASCII (half-width digits), 2 otherwise."""
    return 1 if ord(char) < 128 else 2


def text_width(text: str) -> int:
    """Width of ``text`` in half-em units."""
    return sum(char_width(c) for c in text)


def _can_break(text: str, i: int) -> bool:
    """Whether a line may end before ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if before.isascii() and before.isalnum():
        return False  # keep "2023年" and Latin words together
    return True


def _break_bonus(text: str, i: int) -> int:
    """Reward for a break before ``text[i]`` (negative: a penalty)."""
    for word in _WHOLE_WORDS:
        for k in range(1, len(word)):
            if text.startswith(word, i - k):
                return -_SPLIT_WORD
    head, tail = text[:i], text[i:]
    after = max((v for w, v in _GOOD_AFTER.items() if head.endswith(w)), default=0)
    before = max((v for w, v in _GOOD_BEFORE.items() if tail.startswith(w)), default=0)
    return max(after, before)


def balance_title(title: str, chars_per_line: int) -> list[str]:
    """Split ``title`` into lines of at most ``chars_per_line`` full-width
    characters, balanced in length with the longest line first.

    A title that fits one line is returned as one line. If no break is
    allowed anywhere, the title is returned whole (the word processor
    wraps it).
    """
    capacity = chars_per_line * 2
    total = text_width(title)
    if total <= capacity or len(title) < 2:
        return [title]
    breaks = [i for i in range(1, len(title)) if _can_break(title, i)]
    if not breaks:
        return [title]
    widths = [0]
    for c in title:
        widths.append(widths[-1] + char_width(c))

    for lines in range(ceil(total / capacity), ceil(total / capacity) + 3):
        cost, cuts = _best_split(title, tuple(breaks), tuple(widths), lines, capacity)
        if cost < _OVER_CAPACITY:
            bounds = [0, *cuts, len(title)]
            return [title[a:b] for a, b in zip(bounds, bounds[1:])]
    return [title]


def _best_split(
    title: str,
    breaks: tuple[int, ...],
    widths: tuple[int, ...],
    lines: int,
    capacity: int,
) -> tuple[float, tuple[int, ...]]:
    """The cheapest way to cut ``title`` into ``lines`` lines (dynamic
    programming over the allowed break positions)."""
    target = widths[-1] / lines
    end = len(title)

    def line_cost(a: int, b: int, above: int | None) -> float:
        w = widths[b] - widths[a]
        cost = (w - target) ** 2
        if w > capacity:
            cost += _OVER_CAPACITY
        if above is not None and w > above:
            cost += _LONGER_THAN_ABOVE * (w - above)
        return cost

    @lru_cache(maxsize=None)
    def solve(start: int, left: int, above: int | None) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            return line_cost(start, end, above), ()
        best: tuple[float, tuple[int, ...]] = (float("inf"), ())
        for cut in breaks:
            if cut <= start:
                continue
            here = line_cost(start, cut, above) - _break_bonus(title, cut)
            rest, cuts = solve(cut, left - 1, widths[cut] - widths[start])
            if here + rest < best[0]:
                best = (here + rest, (cut, *cuts))
        return best

    return solve(0, lines, None)
