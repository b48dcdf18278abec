"""Rendering many inputs at once (a county's towns) on every core.

Worker processes check and render inputs in memory (``pipeline.prepare_file``);
this process alone writes the outputs and the manifest, in the order of the
inputs, so the files are the bytes a one-by-one run writes. One input's
failure is reported with the others going on. Interrupted (Ctrl-C), every
file written is whole (``output.atomic_write``) and the manifest lists
exactly what was written.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Finding, OutputError, UserError
from generator.output import OutputDir
from generator.pipeline import DEFAULT_FORMATS, Prepared, prepare_file

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext

WINDOW = 4  # inputs in flight per worker: keeps workers busy, memory bounded
GROUP_MAX = 32  # inputs written under one hold of the output folder's lock


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class Outcome:
    """What became of one input of a batch."""

    path: Path
    written: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # warnings of a rendered draft, or why it failed
    gaps: int = 0
    failed: bool = False


@dataclass
class Tally:
    """The batch's closing count."""

    rendered: int = 0
    with_gaps: int = 0
    failed: list[Path] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        if outcome.failed:
            self.failed.append(outcome.path)
        else:
            self.rendered += 1
            self.with_gaps += outcome.gaps > 0


def _prepare(path: Path, formats: Sequence[str], strict: bool) -> Prepared | list[Finding]:
    """In a worker: the rendered input, or the findings that stop it."""
    try:
        return prepare_file(path, formats, strict=strict)
    except UserError as error:
        return error.findings


def _start_method() -> BaseContext:
    """Fork where it is safe (workers start with every module imported and
    every template compiled); a process with other threads (a test runner, the
    browser form's server) starts its workers fresh instead."""
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _ignore_interrupt() -> None:
    # Ctrl-C reaches every process of the terminal's group; the parent alone
    # handles it, so a worker finishes (or is dropped with) its input quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def render_many(
    paths: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    strict: bool = False,
    force: bool = False,
    jobs: int = 1,
) -> Iterator[Outcome]:
    """Render every input, yielding each one's outcome in the order given,
    after its files are written. ``jobs`` > 1 renders in that many worker
    processes. The output folder is created at the first input rendered.

    Closing the iterator early (or an exception, Ctrl-C included) stops the
    workers; every file written is whole and in the manifest.
    """
    target: OutputDir | None = None
    workers = min(jobs, len(paths))
    pool = None
    if workers > 1:  # imported here: one input needs no pool (multiprocessing is slow to import)
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(workers, mp_context=_start_method(), initializer=_ignore_interrupt)
    try:
        for group in _groups(paths, formats, strict, pool, workers):
            rendered = [(path, result) for path, result in group if not isinstance(result, list)]
            written: dict[Path, list[Path] | OutputError] = {}
            if rendered:
                try:
                    target = target or OutputDir(out_dir)
                    with _interrupts_held():  # a group's files and their manifest entries: all or none
                        results = target.write_many([result.outputs for _, result in rendered], force=force)
                except OutputError as error:
                    results = [error] * len(rendered)
                written = {path: result for (path, _), result in zip(rendered, results)}
            for path, result in group:
                if isinstance(result, list):
                    yield Outcome(path, findings=result, failed=True)
                elif isinstance(written[path], OutputError):
                    yield Outcome(path, findings=written[path].findings, failed=True)  # type: ignore[union-attr]
                else:
                    yield Outcome(path, written=written[path], findings=result.findings, gaps=result.gaps)  # type: ignore[arg-type]
    finally:
        if pool is not None:
            # Waits for the inputs the workers are on (they ignore Ctrl-C), at
            # most one each: not waiting makes Python 3.11's exit hook write to
            # a closed pipe and print a traceback.
            pool.shutdown(wait=True, cancel_futures=True)


Result = Prepared | list[Finding]


def _groups(
    paths: Sequence[Path], formats: Sequence[str], strict: bool, pool: ProcessPoolExecutor | None, workers: int
) -> Iterator[list[tuple[Path, Result]]]:
    """The inputs' renderings in input order, in groups to write at once:
    here one by one; from the workers, the next one and those after it that
    are done already (the more the writer falls behind, the fewer times it
    saves the manifest), with a bounded number in flight."""
    if pool is None:
        for path in paths:
            yield [(path, _prepare(path, formats, strict))]
        return
    pending: deque[tuple[Path, Future[Result]]] = deque()
    queue = iter(paths)

    def refill() -> None:
        for path in queue:
            pending.append((path, pool.submit(_prepare, path, formats, strict)))
            if len(pending) >= workers * WINDOW:
                return

    refill()
    while pending:
        group = [(pending[0][0], pending.popleft()[1].result())]
        while pending and pending[0][1].done() and len(group) < GROUP_MAX:
            path, future = pending.popleft()
            group.append((path, future.result()))
        refill()
        yield group


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, then deliver it."""
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    except ValueError:  # not the main thread, where signals never arrive
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and previous is not signal.SIG_IGN:
        if callable(previous):
            previous(signal.SIGINT, None)  # the CLI's handler, or Python's: raises
        raise KeyboardInterrupt
