"""Break a long 公文 title into balanced lines.

GB/T 9704-2012 7.3.2: a title that does not fit one line is broken so
that the words stay whole and the lines are symmetric ("梯形或菱形"),
never one long line with one or two characters left over. Here:

* lines are as even as possible; where that costs little, an upper line
  is not shorter than the one below it (an inverted trapezoid);
* breaks prefer to fall after 关于/年度/的 and before 关于 (issuer｜关于
  subject｜的报告), never inside 法治政府, 人民, 报告 and the like, never
  inside a number, and never put punctuation at the wrong end of a line.

Widths are in hundredths of an em: a Chinese character is 100, a Latin
letter or digit about 60 (Times New Roman and the free fonts' digits are
0.5–0.6 em), and Word and LibreOffice add a quarter em where Chinese text
meets Latin text ("2023" in "掌起镇2023年度" costs 2 × 25 more).
"""

from __future__ import annotations

from functools import lru_cache
from math import ceil

EM = 100
_LATIN = 60
_AUTOSPACE = 25

# Where a title breaks naturally, with a reward (in squared half-ems).
_GOOD_AFTER: dict[str, int] = {"关于": 40, "年度": 15, "年": 10, "的": 15, "和": 10, "及": 10}
_GOOD_BEFORE: dict[str, int] = {"关于": 30}
# Words a break must not split (年｜度, 法治｜政府, 情况｜的报告).
_WHOLE_WORDS: tuple[str, ...] = (
    "年度", "法治政府", "人民", "建设", "工作情况", "的报告", "关于", "委员会",
    "安排", "街道", "办事处", "推进", "依法", "行政", "政府",
)
# Never start a line with closing punctuation, never end one with opening.
_NO_LINE_START = set("，。、；：？！）》」』”’〉】·…—")
_NO_LINE_END = set("（《「『“‘〈【")

_OVER_CAPACITY = 1e6  # a line wider than the text area: chosen only if unavoidable
_LONGER_THAN_ABOVE = 3  # per half-em a lower line is longer than the one above
_SPLIT_WORD = 100  # breaking inside one of _WHOLE_WORDS
_EXTRA_LINE = 60  # one line more than the width needs
_MAX_LINES = 6  # longer is not a title; the word processor wraps it


def _gap(before: str, after: str) -> int:
    """The auto-spacing between two adjacent characters."""
    mixed = before.isascii() != after.isascii()
    return _AUTOSPACE if mixed and (before.isalnum() or after.isalnum()) else 0


def text_width(text: str, latin: int = _LATIN) -> int:
    """Width of ``text`` set on one line, in hundredths of an em; ``latin``
    is the width of a Latin letter or digit (the default errs wide)."""
    width = sum(latin if c.isascii() else EM for c in text)
    return width + sum(_gap(a, b) for a, b in zip(text, text[1:]))


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
    """Split ``title`` into balanced lines no wider than ``chars_per_line``
    Chinese characters.

    A title that fits one line is returned as one line; so is one with no
    allowed break or longer than six lines (the word processor then wraps
    it).
    """
    capacity = chars_per_line * EM
    total = text_width(title)
    if total <= capacity or len(title) < 2:
        return [title]
    breaks = tuple(i for i in range(1, len(title)) if _can_break(title, i))
    if not breaks:
        return [title]
    fewest = ceil(total / capacity)
    if fewest > _MAX_LINES:
        return [title]
    options = []
    for lines in range(fewest, min(fewest + 2, len(breaks) + 2)):
        cost, cuts = _best_split(title, breaks, lines, capacity)
        options.append((cost + _EXTRA_LINE * (lines - fewest), cuts))
    cost, cuts = min(options)
    if cost >= _OVER_CAPACITY:
        return [title]
    bounds = [0, *cuts, len(title)]
    return [title[a:b] for a, b in zip(bounds, bounds[1:])]


def _best_split(title: str, breaks: tuple[int, ...], lines: int, capacity: int) -> tuple[float, tuple[int, ...]]:
    """The cheapest cut of ``title`` into ``lines`` lines: dynamic
    programming over the allowed break positions, trying only lines
    between half the target width and the capacity."""
    half = EM / 2
    target = text_width(title) / lines
    # width(a, b) from prefix sums; the auto-spacing at a break belongs
    # to neither line.
    prefix = [0]
    for i, char in enumerate(title):
        prefix.append(prefix[-1] + text_width(char) + (_gap(title[i - 1], char) if i else 0))

    def width(a: int, b: int) -> int:
        return prefix[b] - prefix[a] - (_gap(title[a - 1], title[a]) if a else 0)

    def line_cost(w: int, above: int | None) -> float:
        cost = ((w - target) / half) ** 2
        if w > capacity:
            cost += _OVER_CAPACITY
        if above is not None and w > above:
            cost += _LONGER_THAN_ABOVE * (w - above) / half
        return cost

    @lru_cache(maxsize=None)
    def solve(start: int, left: int, above: int | None) -> tuple[float, tuple[int, ...]]:
        if left == 1:
            return line_cost(width(start, len(title)), above), ()
        best: tuple[float, tuple[int, ...]] = (_OVER_CAPACITY * 2, ())
        for cut in breaks:
            if cut <= start:
                continue
            w = width(start, cut)
            if w > capacity:
                break
            if w < target / 2:
                continue
            here = line_cost(w, above) - _break_bonus(title, cut)
            rest, cuts = solve(cut, left - 1, w)
            if here + rest < best[0]:
                best = (here + rest, (cut, *cuts))
        return best

    return solve(0, lines, None)
