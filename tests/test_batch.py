"""A county's towns in one `render -j N`: the same bytes as one by one, one
bad input among good ones, the manifest after a parallel run, and Ctrl-C."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator import output
from generator.batch import render_many
from generator.output import MANIFEST
from tests.helpers import MINIMAL, REPO, run_cli, write_yaml

EXAMPLES = sorted((REPO / "inputs" / "examples").glob("*.yaml"))


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def drafts(folder: Path) -> dict[str, bytes]:
    """The drafts in ``folder``: every file but the manifest and its lock."""
    return {name: data for name, data in tree(folder).items() if not name.startswith(".reportgen-manifest")}


def assert_manifest_matches(folder: Path) -> None:
    """The manifest lists exactly the drafts in the folder, each with its bytes' hash; no temporary file is left."""
    files = drafts(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    assert not [name for name in files if name.endswith(".tmp")]


def assert_manifest_knows(folder: Path) -> None:
    """After an interruption: every draft in the folder is one the manifest
    knows as reportgen's (an entry may still list the digest a write was about
    to replace), so the next run neither refuses it nor needs --force; no temporary file is left."""
    files = drafts(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for name, data in files.items():
        known = manifest.get(name, [])
        assert hashlib.sha256(data).hexdigest() in ([known] if isinstance(known, str) else known), name
    assert not [name for name in files if name.endswith(".tmp")]


def towns(tmp_path: Path, count: int) -> list[Path]:
    """``count`` inputs named town-NNN.yaml, each a copy of one of the examples (with their templates)."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    paths = []
    for i in range(count):
        path = tmp_path / f"town-{i:03d}.yaml"
        shutil.copy(EXAMPLES[i % len(EXAMPLES)], path)
        paths.append(path)
    return paths


def test_two_workers_write_the_bytes_and_words_of_one(tmp_path: Path) -> None:
    inputs = [str(p.relative_to(REPO)) for p in EXAMPLES]
    runs = {}
    for jobs in ("1", "2"):
        result = run_cli("render", *inputs, "-o", str(tmp_path / jobs), "-f", "txt,docx,md,html", "-j", jobs)
        assert result.returncode == 0, result.stderr
        folder = tmp_path / jobs
        runs[jobs] = (drafts(folder), (folder / MANIFEST).read_bytes(), result.stdout.replace(str(folder), "OUT"), result.stderr)
    assert runs["1"][0].keys() == runs["2"][0].keys()
    assert runs["1"] == runs["2"]
    assert len(drafts(tmp_path / "2")) == 4 * len(EXAMPLES)
    assert f"共 {len(EXAMPLES)} 个输入文件：已生成 {len(EXAMPLES)} 个" in runs["2"][2]
    assert_manifest_matches(tmp_path / "2")


def test_one_bad_input_among_good_ones_stops_only_itself(tmp_path: Path) -> None:
    good = towns(tmp_path, 6)
    bad = write_yaml(tmp_path, MINIMAL.replace("  year: 2023", "  year: 二〇二三"), name="bad.yaml")
    gaps = write_yaml(tmp_path, MINIMAL.replace("  date: 2024-02-26\n", ""), name="gaps.yaml")
    inputs = [*good[:3], bad, *good[3:], gaps]
    outcomes = list(render_many(inputs, tmp_path / "out", ["txt"], jobs=2))
    assert [o.path for o in outcomes] == inputs  # in the order given
    assert [o.failed for o in outcomes] == [False] * 3 + [True] + [False] * 4
    assert outcomes[3].findings[0].file == str(bad) and outcomes[3].findings[0].line == 4
    assert outcomes[-1].gaps > 0
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == sorted(f"{p.stem}.txt" for p in [*good, gaps])
    assert_manifest_matches(tmp_path / "out")

    result = run_cli("render", *(str(p) for p in inputs), "-o", str(tmp_path / "cli"), "-j", "2", cwd=tmp_path)
    assert result.returncode == 1
    assert "bad.yaml:4: 错误：" in result.stderr and "Traceback" not in result.stderr
    with_gaps = sum(o.gaps > 0 for o in outcomes)
    assert f"共 8 个输入文件：已生成 7 个（其中 {with_gaps} 个还有【待填】），失败 1 个。" in result.stdout
    assert f"未能生成：{bad}" in result.stdout


def test_the_manifest_lists_every_file_of_a_parallel_run(tmp_path: Path) -> None:
    inputs = towns(tmp_path, 24)
    outcomes = list(render_many(inputs, tmp_path / "out", ["txt", "docx"], jobs=2))
    assert not any(o.failed for o in outcomes)
    assert len(drafts(tmp_path / "out")) == 2 * 24
    assert_manifest_matches(tmp_path / "out")
    # and a second run over it is not refused as if the drafts had been edited by hand
    assert not any(o.failed for o in render_many(inputs, tmp_path / "out", ["txt", "docx"], jobs=2))


def test_workers_started_fresh_beside_other_threads_write_the_same_bytes(tmp_path: Path) -> None:
    inputs = towns(tmp_path, 4)
    assert not any(o.failed for o in render_many(inputs, tmp_path / "serial", ["txt", "docx"], jobs=1))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # forking beside a thread can deadlock: workers are spawned
    other.start()
    try:
        assert not any(o.failed for o in render_many(inputs, tmp_path / "spawned", ["txt", "docx"], jobs=2))
    finally:
        stop.set()
        other.join()
    assert drafts(tmp_path / "spawned") == drafts(tmp_path / "serial")
    assert_manifest_matches(tmp_path / "spawned")


def test_a_batch_interrupted_while_writing_leaves_whole_files_and_a_true_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = towns(tmp_path, 12)
    original = output.atomic_write
    calls = []

    def interrupted(path: Path, data: bytes) -> None:
        if path.name != MANIFEST:
            calls.append(path.name)
        if len(calls) == 8 and path.name != MANIFEST:  # the 4th input's .docx, after its .txt was written
            temporary = path.with_name(f".{path.name}.partial.tmp")
            temporary.write_bytes(data[: len(data) // 2])
            temporary.unlink()  # as atomic_write cleans up its own
            raise KeyboardInterrupt
        original(path, data)

    monkeypatch.setattr(output, "atomic_write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        for _ in render_many(inputs, tmp_path / "out", ["txt", "docx"], jobs=2):
            pass
    written = drafts(tmp_path / "out")
    assert "town-003.txt" in written and "town-003.docx" not in written and "town-004.txt" not in written
    assert_manifest_knows(tmp_path / "out")
    # the next run takes up where this one stopped, refusing nothing as edited by hand
    monkeypatch.setattr(output, "atomic_write", original)
    assert not any(o.failed for o in render_many(inputs, tmp_path / "out", ["txt", "docx"], jobs=2))
    assert_manifest_matches(tmp_path / "out")


def test_ctrl_c_stops_a_parallel_batch_with_whole_files_and_a_true_manifest(tmp_path: Path) -> None:
    inputs = towns(tmp_path, 300)
    command = [sys.executable, "-m", "generator", "render", *(p.name for p in inputs), "-o", "out", "-f", "txt", "-j", "2"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    while not list((tmp_path / "out").glob("town-*.txt")) and process.poll() is None:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the terminal's group
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "已中止" in stderr and "Traceback" not in stderr
    written = drafts(tmp_path / "out")
    assert 0 < len(written) < len(inputs)
    for name in (min(written), max(written)):  # whole: what a run of that input alone writes
        alone = run_cli("render", f"{Path(name).stem}.yaml", "-o", "alone", "-f", "txt", cwd=tmp_path)
        assert alone.returncode == 0
        assert written[name] == (tmp_path / "alone" / name).read_bytes()
    assert_manifest_knows(tmp_path / "out")


def test_zero_workers_is_wrong_usage(tmp_path: Path) -> None:
    write_yaml(tmp_path, MINIMAL, name="x.yaml")
    result = run_cli("render", "x.yaml", "-j", "0", cwd=tmp_path)
    assert result.returncode == 2
    assert "-j 0：同时生成的份数至少为 1。" in result.stderr
    assert not (tmp_path / "output").exists()
