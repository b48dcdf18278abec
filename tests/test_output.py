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
