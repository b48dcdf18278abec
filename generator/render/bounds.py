"""Bounds on what one rendering may cost: time, size, loop steps.

Templates come from other people (a county's, a colleague's), and Jinja's
sandbox keeps them from Python's internals but not from running forever
(two nested ``range(99999)`` loops) or filling memory (``'a' * 10**10``).
Within ``bounded()`` every rendering gets a budget; the sandbox hooks
below spend it, and a template that exceeds it stops with ``Exceeded``,
which ``templating`` reports at the template's file and line.

The budget lives in a context variable, not on the environment: one
environment serves every rendering of a search path in the process.
"""

from __future__ import annotations

import math
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

MAX_SECONDS = 30  # a report renders in well under a second
MAX_CHARS = 5_000_000  # a long report is some 30 000 characters
MAX_STEPS = 2_000_000  # numbers every range() of a rendering may yield, together
MAX_POWER_BITS = 10_000  # 10**3000 is already no number a report holds
ALARM_AFTER = 1  # seconds past MAX_SECONDS: the timer comes after the hooks' own check


class Exceeded(Exception):
    """A template went past one of the bounds; ``what`` says which, in Chinese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


@dataclass
class Budget:
    """What is left of one rendering's bounds."""

    deadline: float
    steps: int = MAX_STEPS
    chars: int = MAX_CHARS

    def tick(self) -> None:
        """Stop a rendering that has run too long (checked at every call and lookup)."""
        if time.monotonic() > self.deadline:
            raise Exceeded(f"运行超过 {MAX_SECONDS} 秒")

    def write(self, chars: int) -> None:
        """Count the characters a rendering outputs."""
        self.chars -= chars
        if self.chars < 0:
            raise Exceeded(f"生成的内容超过 {MAX_CHARS} 个字符")

    def spend(self, steps: int) -> None:
        """Count loop steps a range() will yield."""
        self.steps -= steps
        if self.steps < 0:
            raise Exceeded(f"的循环次数超过 {MAX_STEPS} 次")


_budget: ContextVar[Budget | None] = ContextVar("reportgen_template_budget", default=None)


def _alarm(signum: int, frame: Any) -> None:
    raise Exceeded(f"运行超过 {MAX_SECONDS} 秒")


@contextmanager
def bounded() -> Iterator[None]:
    """Run templates inside with a fresh budget (a nested call shares the outer one).

    In the main thread a timer also interrupts a loop that calls nothing
    (``{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}``), which the
    sandbox hooks never see.
    """
    if _budget.get() is not None:
        yield
        return
    token = _budget.set(Budget(deadline=time.monotonic() + MAX_SECONDS))
    timer = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    previous: Any = None
    if timer:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS + ALARM_AFTER)
    try:
        yield
    finally:
        if timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
        _budget.reset(token)


def _tick() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.tick()


def check_size(value: Any) -> Any:
    """``value``, if it is not a text or list beyond ``MAX_CHARS``."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_CHARS:
        raise Exceeded(f"生成的内容超过 {MAX_CHARS} 个字符")
    return value


def _sequence_times(left: Any, right: Any) -> None:
    """Refuse ``'a' * 10**10`` before Python tries to build it."""
    for seq, times in ((left, right), (right, left)):
        if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_CHARS:
            raise Exceeded(f"生成的内容超过 {MAX_CHARS} 个字符")


def _power(base: Any, exponent: Any) -> None:
    """Refuse ``10**10**10`` (an integer of billions of digits) before computing it."""
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_POWER_BITS:
            raise Exceeded(f"计算的数字过大（超过 {MAX_POWER_BITS} 位二进制）")


def count_output(value: Any) -> Any:
    """Jinja's ``finalize``: every ``{{ … }}`` output counted where the template writes it."""
    budget = _budget.get()
    if budget is not None:
        budget.tick()
        budget.write(len(str(value)))
    return value


def bounded_range(*args: int) -> range:
    """``range`` for templates: its steps counted against the rendering's budget."""
    numbers = range(*args)
    try:
        steps = len(numbers)
    except OverflowError:  # more numbers than a machine word counts
        steps = MAX_STEPS + 1
    budget = _budget.get()
    if budget is not None:
        budget.spend(steps)
    elif steps > MAX_STEPS:
        raise Exceeded(f"的循环次数超过 {MAX_STEPS} 次")
    return numbers


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with the budget spent at every call, lookup and
    multiplication, and ``range`` counted."""

    intercepted_binops = frozenset({"*", "**", "+"})  # also keeps Jinja from folding them while compiling

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("finalize", count_output)
        super().__init__(*args, **kwargs)
        self.globals["range"] = bounded_range

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "*":
            _sequence_times(left, right)
        elif operator == "**":
            _power(left, right)
        return check_size(self.binop_table[operator](left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        _tick()
        return check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        return check_size(super().getattr(obj, attribute))

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return check_size(super().getitem(obj, argument))
