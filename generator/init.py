"""`reportgen init`: a new input file, either an empty skeleton (for a
locality's defaults with ``--templates``) or next year's file started from
last year's (``--from``), and the JSON Schema beside it for editors."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import OutputError, WrongUsage
from generator.output import write_files

DEFAULT_FILE = Path("report.yaml")
DEFAULT_LOCALITY = "某某镇"
YEARS = (2000, 2100)  # a report year outside these is a typing slip


@dataclass
class NewInput:
    """An input file about to be written, and what the clerk should know first."""

    path: Path
    text: str
    notes: list[str] = field(default_factory=list)  # said before writing, as warnings

    @property
    def schema_path(self) -> Path:
        """The JSON Schema written beside the input."""
        from generator.skeleton import SCHEMA_FILE

        return self.path.parent / SCHEMA_FILE


def new_input(
    out_file: Path | None = None,
    *,
    locality: str | None = None,
    year: int | None = None,
    templates: str | None = None,
    from_file: Path | None = None,
) -> NewInput:
    """The input ``reportgen init`` writes. Raise ``WrongUsage`` for options
    that do not go together, ``UserError`` for a locality or a previous
    file that cannot be read."""
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise WrongUsage(f"--year {year} 不是合理的报告年度（{YEARS[0]}–{YEARS[1]}）。")
    if from_file is None:
        return _skeleton(out_file or DEFAULT_FILE, locality, year, templates)
    if locality is not None:
        raise WrongUsage("用 --from 时地方名称取自上年度文件，不能同时使用 --locality。")
    return _next_year(from_file, out_file, year)


def _skeleton(out_file: Path, locality: str | None, year: int | None, templates: str | None) -> NewInput:
    from generator import skeleton

    defaults = skeleton.from_locality(templates, out_file.parent) if templates else None
    name = locality or (defaults.name if defaults else "") or DEFAULT_LOCALITY
    return NewInput(out_file, skeleton.skeleton(name, year or skeleton.default_year(), defaults=defaults))


def _next_year(from_file: Path, out_file: Path | None, year: int | None) -> NewInput:
    from generator import nextyear
    from generator.input.entrance import read_input

    previous = read_input(from_file)
    old_year = previous.written.report.year
    year = year or old_year + 1
    if year <= old_year:
        raise WrongUsage(f"--year {year} 不晚于上年度文件的年度（{old_year}年）。")
    notes = []
    if year != old_year + 1:
        notes.append(f"注意：上年度文件是{old_year}年的，新文件是{year}年的；“上年”数值和同比将按{old_year}年计算。")
    out_file = out_file or nextyear.default_output(from_file, old_year, year)
    return NewInput(out_file, nextyear.carry_forward(previous, year, out_file), notes)


def write_new_input(new: NewInput, *, force: bool = False) -> None:
    """Write the input and its schema; an existing input is not overwritten without ``force``."""
    from generator.skeleton import schema_json

    if new.path.exists() and not force:
        raise OutputError("文件已存在，未覆盖。", file=str(new.path), hint="换一个文件名，或加 --force 覆盖。")
    write_files({new.path: new.text.encode("utf-8"), new.schema_path: schema_json().encode("utf-8")}, force=force)
