"""Compiled templates kept on disk between runs, as Python keeps __pycache__,
and which template chains passed the override check (``chain_record``).

A cold ``render`` spends most of its own time compiling the templates; Jinja
can store the compiled code and load it the next time. The cache lives in
the user's cache folder (``$XDG_CACHE_HOME/reportgen`` or
``~/.cache/reportgen``, ``%LOCALAPPDATA%\\reportgen`` on Windows), one
subfolder per Jinja version, Python version and environment configuration,
so code compiled under other settings is never loaded. Jinja keys each entry
on the template's name and file and checks the template's source checksum
before using it: an edited template is compiled again. A cache that cannot
be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

CACHE_ENV = "REPORTGEN_CACHE_DIR"  # overrides the folder; empty turns the cache off


def cache_root() -> Path | None:
    """The user's cache folder for reportgen, or None when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "reportgen"
    base = os.environ.get("XDG_CACHE_HOME") or ""
    try:
        return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "reportgen"
    except RuntimeError:  # no home folder to be found
        return None


def fingerprint(env: jinja2.Environment) -> str:
    """What the compiled code depends on besides the template's source."""
    settings = (
        jinja2.__version__,
        sys.version,
        [f"{c.__module__}.{c.__qualname__}" for c in type(env).__mro__],
        f"{env.code_generator_class.__module__}.{env.code_generator_class.__qualname__}",
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        sorted(env.extensions), env.optimized, repr(env.autoescape),
        sorted(env.filters), sorted(env.tests),  # compiling checks that the filters a template names exist
        # The sandbox's bounds are compiled in: operators it intercepts, and finalize counting output.
        sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        getattr(env.finalize, "__qualname__", repr(env.finalize)),
    )
    return hashlib.sha256(repr(settings).encode("utf-8")).hexdigest()[:16]


class _QuietCache(FileSystemBytecodeCache):
    """Jinja's file cache, where a folder that cannot be written or an entry
    that cannot be read only means compiling the template again."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated or foreign file: compile anew
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache(env: jinja2.Environment) -> FileSystemBytecodeCache | None:
    """The on-disk cache for ``env``'s compiled templates, or None if there is no usable folder."""
    root = cache_root()
    if root is None:
        return None
    folder = root / f"templates-{fingerprint(env)}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return _QuietCache(str(folder))


def chain_record(env: jinja2.Environment, rules: bytes, entry: str) -> Path | None:
    """Where the files of ``entry``'s chain that last passed a check are
    recorded, for this environment's settings and search path and the
    check's ``rules`` (its source: changed rules check anew); None when
    there is no cache."""
    root = cache_root()
    if root is None:
        return None
    folders = [str(Path(f).resolve()) for f in getattr(env.loader, "folders", ())]
    key = hashlib.sha256(repr((fingerprint(env), hashlib.sha256(rules).hexdigest(), folders, entry)).encode("utf-8"))
    return root / "checked" / f"{key.hexdigest()[:32]}.json"


def read_record(path: Path) -> list[list[str]] | None:
    """A record's entries, or None if it is missing or unreadable."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if isinstance(data, list) and all(isinstance(e, list) and all(isinstance(v, str) for v in e) for e in data):
        return data
    return None


def write_record(path: Path, entries: list[list[str]]) -> None:
    """Save a record whole (a temporary file renamed), or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entries, handle, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)  # a full disk leaves no half record behind
