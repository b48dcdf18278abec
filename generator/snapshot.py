"""Regression tests of rendered output: what every input renders today,
compared with stored snapshot files, shown as a readable diff.

Each input ``<stem>.yaml`` has a folder ``<dir>/<stem>/`` holding one file
per format: ``<stem>.txt``, ``.md``, ``.html`` as rendered, and
``<stem>.docx.xml``, every XML part of the .docx pretty-printed, so a
change shows as a unified diff of text or of document XML. The same
function serves ``reportgen snapshot`` and the pytest plugin, in this
repository or in a locality's own.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import UserError, display_path, reason
from generator.output import atomic_write
from generator.pipeline import check_file, refuse_if_not_ready, render_formats
from generator.xmldiff import docx_as_text

SNAPSHOT_FORMATS = ("txt", "md", "html", "docx")  # deterministic and cheap; pdf depends on LibreOffice
DEFAULT_DIR = Path("tests") / "snapshots"
DEFAULT_INPUTS = Path("inputs")
_SUFFIX = {"docx": "docx.xml"}


def default_inputs(root: Path = DEFAULT_INPUTS) -> list[Path]:
    """Every YAML input under ``root`` (its subfolders included), in a stable order."""
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def snapshot_texts(path: Path, formats: Sequence[str] = SNAPSHOT_FORMATS) -> dict[str, str]:
    """What one input renders, as the text of each snapshot file, by file name.

    Raises ``UserError`` if the input has errors (a draft with gaps and
    warnings is fine: it is what the clerk would get).
    """
    checked = check_file(path)
    refuse_if_not_ready(checked, strict=False)
    _, rendered = render_formats(checked, formats)
    texts = {}
    for fmt, data in rendered.items():
        name = f"{path.stem}.{_SUFFIX.get(fmt, fmt)}"
        texts[name] = docx_as_text(data) if fmt == "docx" else data.decode("utf-8")
    return texts


@dataclass(frozen=True)
class Difference:
    """One snapshot file that is not what the input renders now."""

    input: Path
    file: Path
    diff: str  # unified diff, stored → now; "" when there is no stored file yet

    @property
    def missing(self) -> bool:
        """Whether there was no stored snapshot at all."""
        return not self.diff


@dataclass
class SnapshotRun:
    """The outcome of comparing (or updating) a set of inputs."""

    checked: list[Path] = field(default_factory=list)  # snapshot files compared
    differences: list[Difference] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    failed: list[UserError] = field(default_factory=list)  # inputs that could not be rendered
    unused: list[Path] = field(default_factory=list)  # snapshot folders no input renders

    @property
    def ok(self) -> bool:
        """Whether everything rendered and matched (or was updated)."""
        return not self.differences and not self.failed


def unified_diff(stored: str, now: str, file: Path) -> str:
    """A unified diff of a stored snapshot and the text rendered now."""
    lines = difflib.unified_diff(
        stored.splitlines(keepends=True),
        now.splitlines(keepends=True),
        fromfile=f"{display_path(file)}（快照）",
        tofile=f"{display_path(file)}（本次生成）",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _check_stems(inputs: Sequence[Path]) -> None:
    seen: dict[str, Path] = {}
    for path in inputs:
        if path.stem in seen:
            raise UserError(
                f"两个输入文件同名（{path.stem}），快照会互相覆盖：{seen[path.stem]} 和 {path}",
                file=str(path),
                hint="请给其中一个改名。",
            )
        seen[path.stem] = path


def _stored(file: Path) -> str | None:
    """A snapshot file's text (no newline translation), or None if there is none."""
    try:
        if not file.is_file():
            return None
        data = file.read_bytes()
    except OSError as error:
        raise UserError(f"无法读取快照文件：{reason(error)}", file=str(file)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(
            "快照文件不是 UTF-8 编码（可能被其他程序改过）",
            file=str(file),
            hint="快照文件只应由 reportgen snapshot --update 写出；删除它后运行 reportgen snapshot --update 重新生成。",
        ) from None


def run_snapshots(
    inputs: Sequence[Path],
    directory: Path = DEFAULT_DIR,
    formats: Sequence[str] = SNAPSHOT_FORMATS,
    *,
    update: bool = False,
    report_unused: bool = False,
) -> SnapshotRun:
    """Compare what each input renders with its snapshot files in
    ``directory``; with ``update``, write the new output instead.

    An input that cannot be rendered is recorded in ``failed`` and the
    others still run. With ``report_unused`` (all inputs were given),
    snapshot folders no input renders are listed.
    """
    _check_stems(inputs)
    if directory.exists() and not directory.is_dir():
        raise UserError("快照文件夹的位置已有同名文件，不是文件夹", file=str(directory), hint="请用 --dir 指定一个文件夹。")
    run = SnapshotRun()
    for path in inputs:
        try:
            texts = snapshot_texts(path, formats)
        except UserError as error:
            run.failed.append(error)
            continue
        folder = directory / path.stem
        for name, now in texts.items():
            file = folder / name
            run.checked.append(file)
            stored = _stored(file)
            if stored == now:
                continue
            if update:
                try:
                    folder.mkdir(parents=True, exist_ok=True)
                    atomic_write(file, now.encode("utf-8"))
                except OSError as error:
                    raise UserError(f"无法写入快照文件：{reason(error)}", file=str(file)) from None
                run.updated.append(file)
            else:
                run.differences.append(Difference(path, file, "" if stored is None else unified_diff(stored, now, file)))
    if report_unused and directory.is_dir():
        stems = {p.stem for p in inputs}
        run.unused = sorted(p for p in directory.iterdir() if p.is_dir() and p.name not in stems)
    return run


@dataclass(frozen=True)
class Line:
    """One line of ``reportgen snapshot``'s report: its text, its colour, and
    whether it goes to the error stream."""

    text: str
    style: str = ""
    stderr: bool = False


_DIFF_STYLE = {"+": "green", "-": "red", "@": "cyan"}


def run_report(run: SnapshotRun, *, inputs: int, update: bool) -> list[Line]:
    """What ``reportgen snapshot`` says after a run (the findings of inputs
    that failed are printed before it): each difference as a coloured diff,
    unused folders, updated files, and a summary."""
    lines: list[Line] = []
    for difference in run.differences:
        if difference.missing:
            lines.append(Line(f"{difference.file}：还没有快照。", "yellow"))
            continue
        lines.append(Line(f"{difference.file} 与本次生成的结果不同：", "bold"))
        lines += [Line(line, _DIFF_STYLE.get(line[:1], "")) for line in difference.diff.splitlines()]
    for folder in run.unused:
        lines.append(Line(f"{folder}: 警告：没有对应的输入文件，这个快照文件夹不再使用，可以删除。", "yellow", stderr=True))
    if run.updated:
        lines.append(Line(f"已更新 {len(run.updated)} 个快照文件（请用 git diff 复查）："))
        lines += [Line(f"  {path}") for path in run.updated]
    elif update and not run.failed:
        lines.append(Line("快照已是最新，没有需要更新的文件。"))
    if run.differences:
        lines.append(Line(f"{len(run.differences)} 个快照文件与本次生成的结果不同（见上）。确认改动无误后，运行 reportgen snapshot --update 接受新的结果。"))
    elif not update and not run.failed:
        lines.append(Line(f"快照一致：{inputs} 个输入文件的 {len(run.checked)} 个快照文件与本次生成的结果完全相同。"))
    return lines
