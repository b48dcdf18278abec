"""Never lose work: atomic writes, the manifest, folders that cannot be used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.output import MANIFEST, OutputDir, atomic_write


def test_interrupted_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.txt"
    target.write_bytes(b"old draft")

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new draft")
    assert target.read_bytes() == b"old draft"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.txt"]  # no temporary file left


def test_full_disk_is_a_clear_error_and_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = OutputDir(tmp_path)
    out.write({"a.txt": b"first"})

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match="写入失败") as caught:
        OutputDir(tmp_path).write({"a.txt": b"second"})
    assert "磁盘空间" in caught.value.finding.hint
    assert (tmp_path / "a.txt").read_bytes() == b"first"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "output"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="无法创建输出文件夹"):
        OutputDir(blocker)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_output_name_cannot_escape_the_folder(tmp_path: Path) -> None:
    out = OutputDir(tmp_path / "out")
    with pytest.raises(OutputError, match="输出文件夹之外"):
        out.write({"../escaped.txt": b"x"})
    assert not (tmp_path / "escaped.txt").exists()


def test_manifest_tells_generated_from_hand_edited(tmp_path: Path) -> None:
    out = OutputDir(tmp_path)
    out.write({"a.txt": b"generated"})
    assert (tmp_path / MANIFEST).exists()
    assert not OutputDir(tmp_path).edited_by_hand("a.txt")
    (tmp_path / "a.txt").write_bytes(b"generated, then edited")
    assert OutputDir(tmp_path).edited_by_hand("a.txt")
    (tmp_path / "b.txt").write_bytes(b"someone else's file")
    with pytest.raises(OutputError, match="a.txt、b.txt"):
        OutputDir(tmp_path).refuse_edited(["a.txt", "b.txt", "c.txt"])


# --- several writers, interrupted writers ---------------------------------------

WRITER = """
import sys
from pathlib import Path
from generator.output import OutputDir
n = sys.argv[2]
OutputDir(Path(sys.argv[1])).write({f"{n}.txt": f"draft {n}".encode() * 1000, f"{n}.docx": f"docx {n}".encode() * 1000})
"""


def test_concurrent_writers_into_one_folder_keep_a_complete_manifest(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.helpers import REPO

    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(n)], env=env) for n in range(12)
    ]
    assert [w.wait() for w in writers] == [0] * 12
    out = OutputDir(tmp_path)
    names = [f"{n}.{ext}" for n in range(12) for ext in ("txt", "docx")]
    assert sorted(out.manifest) == sorted(names)
    assert not [n for n in names if out.edited_by_hand(n)]


def test_a_write_interrupted_between_files_leaves_nothing_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    OutputDir(tmp_path).write({"a.txt": b"old a", "a.docx": b"old docx"})
    real_replace = os.replace
    calls: list[str] = []

    def interrupted_after_the_first(src: str, dst: str) -> None:
        calls.append(dst)
        if str(dst).endswith("a.docx"):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interrupted_after_the_first)
    with pytest.raises(KeyboardInterrupt):
        OutputDir(tmp_path).write({"a.txt": b"new a", "a.docx": b"new docx"})
    monkeypatch.setattr(os, "replace", real_replace)
    assert (tmp_path / "a.txt").read_bytes() == b"new a" and (tmp_path / "a.docx").read_bytes() == b"old docx"
    out = OutputDir(tmp_path)
    assert not out.edited_by_hand("a.txt") and not out.edited_by_hand("a.docx")


def test_a_killed_write_is_neither_refused_nor_left_behind(tmp_path: Path) -> None:
    """SIGKILL right after the first file is replaced: no finally runs, yet
    the next render overwrites without --force and removes the leftovers."""
    import subprocess
    import sys

    from tests.helpers import REPO

    OutputDir(tmp_path).write({"a.txt": b"old a", "a.docx": b"old docx"})
    killer = """
import os, signal, sys
from pathlib import Path
import generator.output as output
real = os.replace
def replace(src, dst):
    src, dst = str(src), str(dst)
    if dst.endswith("a.docx"):
        open(src + ".partial", "wb").close()  # what a killed write can leave
        os.rename(src + ".partial", os.path.join(os.path.dirname(src), ".a.docx.killed.tmp"))
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
os.replace = replace
output.OutputDir(Path(sys.argv[1])).write({"a.txt": b"new a", "a.docx": b"new docx"})
"""
    done = subprocess.run([sys.executable, "-c", killer, str(tmp_path)], env={"PYTHONPATH": str(REPO)}, check=False)
    assert done.returncode == -9
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert [p.name for p in tmp_path.glob(".a.docx.*.tmp")]
    out = OutputDir(tmp_path)
    assert not out.edited_by_hand("a.txt") and not out.edited_by_hand("a.docx")
    out.write({"a.txt": b"newer a", "a.docx": b"newer docx"})
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_output_name_taken_by_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").mkdir()
    for force in (False, True):
        with pytest.raises(OutputError, match="同名的文件夹"):
            OutputDir(tmp_path).write({"a.txt": b"x"}, force=force)


# The folder's lock, held by another process the way a second reportgen would.
_HOLDER = """
import sys
from pathlib import Path
from generator.output import LOCK, exclusive_lock
with exclusive_lock(Path(sys.argv[1]) / LOCK, timeout=5):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def held(tmp_path: Path):
    """A process holding ``tmp_path``'s lock until the test ends (or kills it)."""
    import subprocess
    import sys

    with subprocess.Popen([sys.executable, "-c", _HOLDER, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        yield holder
        holder.kill()


def test_a_second_writer_waits_for_the_lock_then_says_why(tmp_path: Path, held, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.output

    monkeypatch.setattr(generator.output, "LOCK_TIMEOUT_SECONDS", 0.3)
    with pytest.raises(OutputError, match="正被另一个 reportgen 使用") as caught:
        OutputDir(tmp_path).write({"a.txt": b"draft"})
    assert ".reportgen-manifest.lock" in caught.value.finding.hint
    assert not (tmp_path / "a.txt").exists()


def test_a_killed_writer_leaves_no_lock_behind(tmp_path: Path, held, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.output

    held.kill()
    held.wait()
    assert (tmp_path / ".reportgen-manifest.lock").exists()  # the file stays; the lock went with the process
    monkeypatch.setattr(generator.output, "LOCK_TIMEOUT_SECONDS", 0.3)
    OutputDir(tmp_path).write({"a.txt": b"draft"})
    assert (tmp_path / "a.txt").read_bytes() == b"draft"


def test_writers_in_threads_take_turns_and_the_manifest_keeps_all(tmp_path: Path) -> None:
    import json
    import threading

    def write(n: int) -> None:
        OutputDir(tmp_path).write({f"{n}.txt": str(n).encode()})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest) == sorted(f"{n}.txt" for n in range(8))


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW on this system")
def test_a_lock_file_planted_as_a_link_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("someone else's file", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".reportgen-manifest.lock").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="写入失败"):
        OutputDir(out).write({"a.txt": b"draft"})
    assert elsewhere.read_text(encoding="utf-8") == "someone else's file"
