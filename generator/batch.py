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
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Finding, UserError
from generator.output import OutputDir
from generator.pipeline import DEFAULT_FORMATS, Prepared, prepare_file, write_prepared

MANIFEST_EVERY = 1.0  # seconds between saves of the manifest during a batch
WINDOW = 4  # inputs in flight per worker: keeps workers busy, memory bounded


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
    workers and saves the manifest of what was written.
    """
    target: OutputDir | None = None
    saved = time.monotonic()
    workers = min(jobs, len(paths))
    pool = ProcessPoolExecutor(workers, initializer=_ignore_interrupt) if workers > 1 else None
    try:
        for path, result in _results(paths, formats, strict, pool, workers):
            if isinstance(result, list):
                yield Outcome(path, findings=result, failed=True)
                continue
            try:
                target = target or OutputDir(out_dir)
                with _interrupts_held():  # an input's files and their manifest entries: all or none
                    written = write_prepared(target, result, force=force, record=False)
            except UserError as error:
                yield Outcome(path, findings=error.findings, failed=True)
                continue
            if time.monotonic() - saved > MANIFEST_EVERY:
                with _interrupts_held():
                    target.save_manifest()
                saved = time.monotonic()
            yield Outcome(path, written=written, findings=result.findings, gaps=result.gaps)
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if target is not None:
            with _interrupts_held():
                target.save_manifest()


def _results(
    paths: Sequence[Path], formats: Sequence[str], strict: bool, pool: ProcessPoolExecutor | None, workers: int
) -> Iterator[tuple[Path, Prepared | list[Finding]]]:
    """Each input's rendering, in input order: here one by one, or from the
    workers with a bounded number in flight."""
    if pool is None:
        for path in paths:
            yield path, _prepare(path, formats, strict)
        return
    pending: deque[tuple[Path, Future[Prepared | list[Finding]]]] = deque()
    queue = iter(paths)
    for path in queue:
        pending.append((path, pool.submit(_prepare, path, formats, strict)))
        if len(pending) >= workers * WINDOW:
            break
    while pending:
        path, future = pending.popleft()
        result = future.result()
        following = next(queue, None)
        if following is not None:
            pending.append((following, pool.submit(_prepare, following, formats, strict)))
        yield path, result


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, then raise it: a file
    written but not yet in the manifest would pass for one edited by hand."""
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
    if caught:
        raise KeyboardInterrupt
