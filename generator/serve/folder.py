"""The folder ``reportgen serve`` works over: which files it may open.

Every name a request carries is resolved here, links included, and must
stay inside the folder and name a YAML input; anything else is refused
before a byte is read.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.errors import UserError

SUFFIXES = (".yaml", ".yml")
# Folders that hold no inputs: locality templates, rendered drafts, tools' own.
SKIPPED_DIRS = frozenset({"templates", "output", "node_modules", "__pycache__"})
SKIPPED_FILES = frozenset({"locality.yaml", "expected.yaml"})
MAX_INPUTS = 2000  # a county has dozens of towns; a folder of thousands is a mistake
MAX_DEPTH = 4


class OutsideFolder(UserError):
    """A request for a file the server must not open."""


class Folder:
    """The folder of inputs, resolved once."""

    def __init__(self, path: Path) -> None:
        self.root = path.resolve()
        if not self.root.is_dir():
            raise UserError("不是一个文件夹", file=str(path), hint="reportgen serve 后面写放输入文件（.yaml）的文件夹。")

    @property
    def output(self) -> Path:
        """Where drafts rendered from the dashboard go."""
        return self.root / "output"

    def resolve(self, name: str) -> Path:
        """The input ``name`` (a path relative to the folder, as the pages
        link it); raise ``OutsideFolder`` for any other file."""
        pure = PurePosixPath(name)
        if not name or pure.is_absolute() or ".." in pure.parts or "\\" in name or "\x00" in name:
            raise OutsideFolder("只能打开本文件夹中的输入文件", file=name)
        path = (self.root / pure).resolve()  # links resolved: a link out of the folder is refused too
        if not path.is_relative_to(self.root) or path.suffix.lower() not in SUFFIXES or not path.is_file():
            raise OutsideFolder("只能打开本文件夹中的输入文件", file=name)
        return path

    def name_of(self, path: Path) -> str:
        """The name pages use for an input in the folder."""
        return path.relative_to(self.root).as_posix()

    def output_for(self, path: Path) -> Path:
        """The output folder of one input (mirroring its subfolder, so two
        towns' files of the same name do not overwrite each other)."""
        return self.output / path.relative_to(self.root).parent

    def inputs(self) -> list[Path]:
        """Every YAML input in the folder and its subfolders, by name."""
        found: list[Path] = []

        def walk(folder: Path, depth: int) -> None:
            try:
                entries = sorted(folder.iterdir())
            except OSError:
                return
            for entry in entries:
                if entry.name.startswith(".") or len(found) >= MAX_INPUTS:
                    continue
                try:
                    real = entry.resolve()
                except OSError:
                    continue
                if not real.is_relative_to(self.root):
                    continue
                if entry.is_dir() and entry.name not in SKIPPED_DIRS and depth < MAX_DEPTH:
                    walk(entry, depth + 1)
                elif entry.is_file() and entry.suffix.lower() in SUFFIXES and entry.name not in SKIPPED_FILES:
                    found.append(entry)

        walk(self.root, 0)
        return found
