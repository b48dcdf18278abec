"""The county's dashboard: one row per input in the folder — who it is,
which year, what is still wrong or missing, how many paragraphs are still
last year's words, when it was last rendered —
and a summary line ("30个单位：已完成18，有错误3，待填9").

A row is computed with the same checks as ``reportgen validate`` and kept
until the file changes (its size and modification time), so the page
stays quick over a county's thirty towns.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from generator.errors import UserError
from generator.output import MANIFEST
from generator.pipeline import check_file
from generator.report.carried import carried_texts
from generator.report.followups import copied_drafts
from generator.serve.folder import Folder


@dataclass(frozen=True)
class Row:
    """One input's state."""

    name: str
    locality: str
    year: int | None
    errors: int
    warnings: int
    gaps: int
    copied: int  # paragraphs still last year's words (carried by init --from, or a copy of the draft)
    rendered: dt.datetime | None
    problem: str = ""  # the first error, when there are errors

    @property
    def state(self) -> str:
        """done (no errors, nothing to fill, nothing left in last year's
        words), errors, or gaps (something still to write)."""
        if self.errors:
            return "errors"
        return "gaps" if self.gaps or self.copied else "done"

    @property
    def state_label(self) -> str:
        """The state in Chinese."""
        return {"done": "已完成", "errors": "有错误", "gaps": "待填"}[self.state]


def summary(rows: list[Row]) -> str:
    """"30个单位：已完成18，有错误3，待填9"."""
    count = {state: sum(1 for r in rows if r.state == state) for state in ("done", "errors", "gaps")}
    return f"{len(rows)}个单位：已完成{count['done']}，有错误{count['errors']}，待填{count['gaps']}"


def last_rendered(folder: Folder, path: Path) -> dt.datetime | None:
    """When reportgen last wrote a draft of ``path`` into the folder's output
    (files its manifest records, so a copy put there by hand does not count)."""
    out = folder.output_for(path)
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    times = []
    for name in manifest if isinstance(manifest, dict) else ():
        if Path(name).stem == path.stem:
            try:
                times.append((out / name).stat().st_mtime)
            except OSError:
                continue
    return dt.datetime.fromtimestamp(max(times)) if times else None


class Dashboard:
    """The rows of a folder, each recomputed only when its file changed."""

    def __init__(self, folder: Folder) -> None:
        self.folder = folder
        self._cache: dict[Path, tuple[tuple[int, int], Row]] = {}
        self._lock = threading.Lock()

    def rows(self) -> list[Row]:
        """Every input's row, by name."""
        return [self.row(path) for path in self.folder.inputs()]

    def forget(self, path: Path) -> None:
        """Drop a row after the server changed its file or its drafts."""
        with self._lock:
            self._cache.pop(path, None)

    def row(self, path: Path) -> Row:
        """One input's row."""
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = (0, 0)
        with self._lock:
            cached = self._cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        row = self._compute(path)
        with self._lock:
            self._cache[path] = (stamp, row)
        return row

    def _compute(self, path: Path) -> Row:
        name = self.folder.name_of(path)
        rendered = last_rendered(self.folder, path)
        try:
            checked = check_file(path)
        except UserError as error:
            first = error.findings[0]
            return Row(name, "", None, len(error.findings), 0, 0, 0, rendered, problem=_where(first.line) + first.message)
        info = checked.source.report.report
        errors = checked.errors
        return Row(
            name=name,
            locality=info.locality,
            year=info.year,
            errors=len(errors),
            warnings=len(checked.warnings),
            gaps=len(checked.gaps),
            copied=len(list(carried_texts(checked.source.report))) + len(copied_drafts(checked.source.report)),
            rendered=rendered,
            problem=(_where(errors[0].line) + errors[0].message) if errors else "",
        )


def _where(line: int | None) -> str:
    return f"第{line}行：" if line else ""
