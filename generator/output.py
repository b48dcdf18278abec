"""Writing outputs without losing work: atomic writes, and a manifest of
what reportgen wrote so a draft edited by hand is not overwritten."""

from __future__ import annotations

import glob
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.errors import OutputError, reason

MANIFEST = ".reportgen-manifest.json"
LOCK = ".reportgen-manifest.lock"
LOCK_TIMEOUT_SECONDS = 120


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


# An exclusive lock on a file, with the operating system's own locks (flock on
# POSIX, msvcrt on Windows), as filelock takes them: the system releases the
# lock when its process ends, however it ends, so a lock file left behind never
# blocks anyone. (filelock itself cost a fifth of a cold render to import.)
if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


LOCK_POLL_SECONDS = 0.05


class LockTimeout(Exception):
    """Another process held the lock for the whole wait."""


@contextmanager
def exclusive_lock(path: Path, *, timeout: float) -> Iterator[None]:
    """Hold the lock on ``path`` (created if missing, never followed if it is
    a link) against every other process and thread; raise ``LockTimeout``
    after waiting ``timeout`` seconds for it, ``OutputError`` if the file
    cannot be opened."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as error:
        raise _write_error(path, error) from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(str(path))
            time.sleep(LOCK_POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _write_error(path: Path, error: OSError) -> OutputError:
    return OutputError(
        f"写入失败：{reason(error)}",
        file=str(path),
        hint="请检查磁盘空间和文件夹权限，以及文件是否正在 Word/WPS 中打开；原有的文件没有被破坏。",
    )


class OutputDir:
    """An output folder and its manifest of the files reportgen wrote there.

    Several reportgen processes may write into one folder at once (a county
    rendering its towns, a clerk in two windows), so every write takes the
    folder's lock, re-reads the manifest and saves it before letting go.
    The new digests are recorded *before* the files are replaced: a write
    killed half-way leaves each file either old or new, and both are known
    as reportgen's, so the next render neither refuses them nor needs --force.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and not path.is_dir():
            raise OutputError("无法创建输出文件夹：已有同名文件，不是文件夹", file=str(path), hint="请换一个文件夹名（-o 文件夹）。")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(f"无法创建输出文件夹：{reason(error)}", file=str(path), hint="请换一个有写入权限的文件夹（-o 文件夹）。") from None
        if not os.access(path, os.W_OK):
            raise OutputError("输出文件夹不可写", file=str(path), hint="请换一个有写入权限的文件夹（-o 文件夹）。")
        self._manifest_path = path / MANIFEST
        self.manifest: dict[str, set[str]] = self._read_manifest()

    def _read_manifest(self) -> dict[str, set[str]]:
        """name → the digests reportgen may have left there (one; two while a write is under way)."""
        try:
            data = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): {str(d) for d in v} if isinstance(v, list) else {str(v)} for k, v in data.items()}

    def _save_manifest(self) -> None:
        entries = {k: sorted(v)[0] if len(v) == 1 else sorted(v) for k, v in sorted(self.manifest.items())}
        atomic_write(self._manifest_path, (json.dumps(entries, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the folder's lock, with the manifest as the other writers left it."""
        try:
            with exclusive_lock(self.path / LOCK, timeout=LOCK_TIMEOUT_SECONDS):
                self.manifest = self._read_manifest()
                yield
        except LockTimeout:
            raise OutputError(
                f"输出文件夹正被另一个 reportgen 使用，等待 {LOCK_TIMEOUT_SECONDS} 秒后仍未释放",
                file=str(self.path),
                hint=f"请等另一个生成结束后重试；如确认没有其他 reportgen 在运行，可删除 {LOCK}。",
            ) from None

    def edited_by_hand(self, name: str) -> bool:
        """Whether ``name`` exists but is not what reportgen last wrote there."""
        target = self.path / name
        if not target.exists():
            return False
        if not target.is_file():
            return True
        return digest(target.read_bytes()) not in self.manifest.get(name, set())

    def refuse_edited(self, names: list[str]) -> None:
        """Raise before writing anything if one of ``names`` was edited since reportgen wrote it."""
        folders = [n for n in names if (self.path / n).is_dir()]
        if folders:
            raise OutputError(
                "输出文件夹中已有与输出文件同名的文件夹：" + "、".join(folders),
                file=str(self.path),
                hint="请把这个文件夹改名或移走，或用 -o 指定另一个输出文件夹。",
            )
        edited = [n for n in names if self.edited_by_hand(n)]
        if edited:
            raise OutputError(
                "以下文件在上次生成后被修改过（或不是 reportgen 生成的），为免丢失修改，未覆盖：" + "、".join(edited),
                file=str(self.path),
                hint="如要保留修改，请先把文件另存为其他名字，或用 -o 指定另一个输出文件夹；确认可以覆盖时加 --force。",
            )

    def _remove_leftovers(self, name: str) -> None:
        """Temporary files a killed write of ``name`` left behind (under the lock, none is live)."""
        for stale in self.path.glob(f".{glob.escape(name)}.*.tmp"):
            stale.unlink(missing_ok=True)

    def write(self, outputs: dict[str, bytes], *, force: bool = False) -> list[Path]:
        """Write every output atomically and record it in the manifest;
        unless ``force``, refuse (writing nothing) if one was edited by hand."""
        result = self.write_many([outputs], force=force)[0]
        if isinstance(result, OutputError):
            raise result
        return result

    def write_many(self, groups: Sequence[dict[str, bytes]], *, force: bool = False) -> list[list[Path] | OutputError]:
        """``write`` for several inputs' outputs at once (a batch's towns), under
        one hold of the lock and two saves of the manifest; each group is
        refused or written on its own, and its result is its files or its error."""
        root = self.path.resolve()
        results: list[list[Path] | OutputError | None] = [None] * len(groups)
        for index, outputs in enumerate(groups):
            escaping = [name for name in outputs if (self.path / name).resolve().parent != root]
            if escaping:
                results[index] = OutputError(f"输出文件名“{escaping[0]}”会写到输出文件夹之外，已拒绝", file=str(self.path))
        with self._locked():
            accepted = []
            for index, outputs in enumerate(groups):
                if results[index] is not None:
                    continue
                try:
                    self.refuse_edited([n for n in outputs if (self.path / n).is_dir()] if force else list(outputs))
                except OutputError as error:
                    results[index] = error
                    continue
                accepted.append(index)
            final = {name: digest(data) for index in accepted for name, data in groups[index].items()}
            try:
                for name, new in final.items():  # old and new digest both known until every file is replaced
                    self.manifest[name] = self.manifest.get(name, set()) | {new}
                self._save_manifest()
            except OSError as error:
                raise _write_error(self._manifest_path, error) from None
            try:
                for index in accepted:
                    written: list[Path] = []
                    for name, data in groups[index].items():
                        self._remove_leftovers(name)
                        try:
                            atomic_write(self.path / name, data)
                        except OSError as error:
                            results[index] = _write_error(self.path / name, error)
                            break
                        self.manifest[name] = {final[name]}
                        written.append(self.path / name)
                    else:
                        results[index] = written
            finally:
                try:
                    self._save_manifest()
                except OSError:
                    pass  # the pending entries already saved still cover every file
        return [result if result is not None else [] for result in results]


def write_files(files: dict[Path, bytes], *, force: bool) -> None:
    """Write the files a command produces (atomically, recorded in their
    folder's manifest); unless ``force``, refuse to overwrite a file
    reportgen did not write, writing none. Raise ``OutputError`` saying why."""
    # A file already holding exactly these bytes needs no writing (and no --force).
    files = {p: d for p, d in files.items() if not (p.is_file() and p.read_bytes() == d)}
    folders: dict[Path, OutputDir] = {}
    for path in files:  # every refusal before any write
        target = folders.setdefault(path.parent, OutputDir(path.parent))
        if path.is_dir():
            raise OutputError("这是一个文件夹，不能写成文件", file=str(path), hint="请换一个文件名。")
        if not force and target.edited_by_hand(path.name):
            raise OutputError(
                "文件已存在，且不是 reportgen 写出的（或写出后被修改过），为免丢失内容，未覆盖",
                file=str(path),
                hint="请换一个文件名；确认可以覆盖时加 --force。",
            )
    for path, data in files.items():
        folders[path.parent].write({path.name: data}, force=force)
