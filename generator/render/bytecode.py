"""Compiled templates kept on disk between runs, as Python keeps __pycache__.

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
import os
import sys
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
