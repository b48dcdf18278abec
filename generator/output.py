"""Writing outputs without losing work: atomic writes, and a manifest of
what reportgen wrote so a draft edited by hand is not overwritten."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from generator.errors import OutputError, reason

MANIFEST = ".reportgen-manifest.json"


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or the default for a new one."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so an
    interrupted write leaves the previous file as it was."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); a draft is an ordinary file.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def digest(data: bytes) -> str:
    """The hash the manifest records."""
    return hashlib.sha256(data).hexdigest()


class OutputDir:
    """An output folder and its manifest of the files reportgen wrote there."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"无法创建输出文件夹：{reason(error)}", file=str(path), hint="请换一个有写入权限的文件夹（-o 文件夹）。") from None
        if not os.access(path, os.W_OK):
            raise OutputError("输出文件夹不可写", file=str(path), hint="请换一个有写入权限的文件夹（-o 文件夹）。")
        self._manifest_path = path / MANIFEST
        self.manifest: dict[str, str] = self._read_manifest()

    def _read_manifest(self) -> dict[str, str]:
        try:
            data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def edited_by_hand(self, name: str) -> bool:
        """Whether ``name`` exists but is not what reportgen last wrote there."""
        target = self.path / name
        if not target.exists():
            return False
        return self.manifest.get(name) != digest(target.read_bytes())

    def refuse_edited(self, names: list[str]) -> None:
        """Raise before writing anything if one of ``names`` was edited since reportgen wrote it."""
        edited = [n for n in names if self.edited_by_hand(n)]
        if edited:
            raise OutputError(
                "以下文件在上次生成后被修改过（或不是 reportgen 生成的），为免丢失修改，未覆盖：" + "、".join(edited),
                file=str(self.path),
                hint="如要保留修改，请先把文件另存为其他名字，或用 -o 指定另一个输出文件夹；确认可以覆盖时加 --force。",
            )

    def write(self, outputs: dict[str, bytes], *, record: bool = True) -> list[Path]:
        """Write every output atomically and note it in the manifest; the
        manifest file is saved too unless ``record`` is false (a batch saves
        it once in a while and at its end, see ``save_manifest``)."""
        root = self.path.resolve()
        for name in outputs:
            if (self.path / name).resolve().parent != root:
                raise OutputError(f"输出文件名“{name}”会写到输出文件夹之外，已拒绝", file=str(self.path))
        written: list[Path] = []
        failure: OutputError | None = None
        for name, data in outputs.items():
            try:
                atomic_write(self.path / name, data)
            except OSError as error:
                failure = OutputError(
                    f"写入失败：{reason(error)}",
                    file=str(self.path / name),
                    hint="请检查磁盘空间和文件夹权限，以及文件是否正在 Word/WPS 中打开；原有的文件没有被破坏。",
                )
                break
            self.manifest[name] = digest(data)
            written.append(self.path / name)
        if record or failure:
            try:
                self.save_manifest()
            except OutputError as error:
                failure = failure or error
        if failure:
            raise failure
        return written

    def save_manifest(self) -> None:
        """Save the manifest of every file written so far (atomically)."""
        manifest = json.dumps(dict(sorted(self.manifest.items())), ensure_ascii=False, indent=1) + "\n"
        try:
            atomic_write(self._manifest_path, manifest.encode("utf-8"))
        except OSError as error:
            raise OutputError(f"无法更新生成记录 {MANIFEST}：{reason(error)}", file=str(self.path)) from None
