"""The template search path as ordered layers, and what each layer supplies.

Layers are folders, nearest first: a town's, the county's it extends, …,
then the defaults. An unqualified template name is the first layer's that
has it, as on any search path. One rule makes chains work without a
template ever naming a layer: a template that names *itself* (a town's
``report.j2`` saying ``{% extends "report.j2" %}``) gets the same file one
layer further down. Internally such a name is written ``report.j2@2``:
"report.j2, searching from layer 2 on".

This module also reads the chain of templates an entry extends, to refuse
an override of a block that does not exist (Jinja would silently ignore
it) and to tell a clerk which file of which layer supplies each block.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.loaders import split_template_path

from generator.errors import TemplateError, display_path, reason
from generator.render.bounds import BoundedSandbox
from generator.render.bytecode import chain_record, read_record, write_record

LAYER_MARK = "@"
MAX_TEMPLATE_BYTES = 1024 * 1024  # a report's templates are a few KB each


class OutsideLayer(jinja2.TemplateNotFound):
    """A template name whose file, links resolved, lies outside its layer's folder."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name)
        self.path = path

    def as_error(self, file: str, line: int | None) -> TemplateError:
        """The refusal as the clerk reads it, at the line that names the template."""
        return TemplateError(
            f"模板“{self.name}”是指向模板文件夹之外（{self.path.resolve()}）的链接，已拒绝读取",
            file=file,
            line=line,
            hint=f"模板只能使用自己文件夹中的文件；请把链接 {display_path(self.path)} 换成文件本身。",
        )


def split_name(name: str) -> tuple[str, int]:
    """``report.j2@2`` → (``report.j2``, 2); a plain name searches from layer 0."""
    base, mark, start = name.rpartition(LAYER_MARK)
    if mark and start.isdigit():
        return base, int(start)
    return name, 0


class LayeredLoader(jinja2.BaseLoader):
    """Loads a template from the first of ``folders`` (from a start layer on) that has it."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [Path(f) for f in folders]
        self._roots = [f.resolve() for f in self.folders]

    def locate(self, name: str) -> tuple[int, Path]:
        """The layer index and file of a (possibly layer-qualified) template name.

        Templates come from other people: a file that is a link to something
        outside its layer's folder (``/etc/passwd``, ``/proc/self/environ``)
        is refused, never read.
        """
        base, start = split_name(name)
        pieces = split_template_path(base)  # refuses names that climb out with ".."
        for index in range(start, len(self.folders)):
            candidate = self.folders[index].joinpath(*pieces)
            try:
                if not candidate.is_file():
                    continue
                inside = candidate.resolve().is_relative_to(self._roots[index])
            except (OSError, ValueError, RuntimeError):  # too long to look up, a link loop: not there
                continue
            if not inside:
                raise OutsideLayer(base, candidate)
            return index, candidate
        raise jinja2.TemplateNotFound(base)

    def read(self, name: str) -> tuple[Path, bytes, str]:
        """The file a template name resolves to, its bytes and its text."""
        _, path = self.locate(name)
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_TEMPLATE_BYTES + 1)
        except OSError as error:
            raise TemplateError(f"无法读取模板文件：{reason(error)}", file=display_path(path)) from None
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise TemplateError(
                f"模板文件过大（超过 {MAX_TEMPLATE_BYTES // 1024} KB），已拒绝读取",
                file=display_path(path),
                hint="报告的模板每个只有几 KB，请检查是否放错了文件。",
            )
        try:
            return path, raw, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise TemplateError(
                "模板文件不是 UTF-8 编码",
                file=display_path(path),
                hint="请用编辑器把模板“另存为” UTF-8 编码。",
            ) from error

    def current(self, name: str, path: Path, raw: bytes) -> bool:
        """Whether ``name`` still resolves to ``path`` holding ``raw``: a
        template edited, removed or newly shadowed by a nearer layer since it
        was read is stale. The bytes are compared, not the mtime, which is too
        coarse for a file saved twice within a few milliseconds."""
        return self.bytes_at(name, path) == raw

    def bytes_at(self, name: str, path: Path) -> bytes | None:
        """What ``path`` holds if ``name`` still resolves to it, else None."""
        try:
            return path.read_bytes() if self.locate(name)[1] == path else None
        except (jinja2.TemplateNotFound, OSError):
            return None

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path, raw, source = self.read(template)
        # Jinja calls this before reusing a compiled template (auto_reload).
        return source, display_path(path), lambda: self.current(template, path, raw)

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder, root in zip(self.folders, self._roots):
            for path in folder.rglob("*.j2"):
                if path.resolve().is_relative_to(root):
                    found.add(path.relative_to(folder).as_posix())
        return sorted(found)


class LayeredEnvironment(BoundedSandbox):
    """The sandboxed environment whose template names follow the layer rule."""

    loader: LayeredLoader

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # entry template → its checked extends chain (see check_overrides)
        self.checked_chains: dict[str, list[Link]] = {}

    def join_path(self, template: str, parent: str) -> str:
        """A template naming itself means the same file one layer down."""
        parent_base, _ = split_name(parent)
        if template == parent_base:
            index, _ = self.loader.locate(parent)
            return f"{template}{LAYER_MARK}{index + 1}"
        return template


@dataclass(frozen=True)
class Link:
    """One template of an extends chain."""

    name: str  # as the environment knows it, e.g. "report.j2@1"
    file: str  # for messages
    layer: int  # index in the search path
    tree: nodes.Template
    path: Path  # the file read, and its bytes: to tell when the link is stale
    raw: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class BlockSource:
    """Where the block that renders comes from."""

    block: str
    file: str
    line: int
    layer: int


def _parse(env: LayeredEnvironment, name: str) -> Link:
    layer, _ = env.loader.locate(name)
    path, raw, source = env.loader.read(name)
    filename = display_path(path)
    return Link(name=name, file=filename, layer=layer, tree=env.parse(source, name, filename), path=path, raw=raw)


def template_chain(env: LayeredEnvironment, entry: str) -> list[Link]:
    """The entry template and every template it extends, the entry first.

    A dynamic ``{% extends variable %}`` ends the chain (it cannot be
    followed without rendering).
    """
    links = [_parse(env, entry)]
    while True:
        extends = next(links[-1].tree.find_all(nodes.Extends), None)
        if extends is None or not isinstance(extends.template, nodes.Const):
            return links
        name = env.join_path(str(extends.template.value), links[-1].name)
        if any(link.name == name for link in links):
            raise TemplateError(
                f"模板的继承形成了循环：{' → '.join(link.file for link in links)} → {name}",
                file=links[-1].file,
                line=extends.lineno,
                hint="地方模板的 report.j2 应写 {% extends \"report.j2\" %}（在上级或默认模板的基础上修改）。",
            )
        try:
            links.append(_parse(env, name))
        except OutsideLayer as error:
            raise error.as_error(links[-1].file, extends.lineno) from None
        except jinja2.TemplateNotFound:
            raise TemplateError(
                f"找不到要继承的模板“{split_name(name)[0]}”",
                file=links[-1].file,
                line=extends.lineno,
                hint="地方模板的 report.j2 应写 {% extends \"report.j2\" %}（在上级或默认模板的基础上修改）。",
            ) from None


def _blocks(node: nodes.Node, nested: bool = False) -> Iterator[tuple[nodes.Block, bool]]:
    """Every block under ``node`` in document order, with whether it sits inside another block."""
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Block):
            yield child, nested
            yield from _blocks(child, True)
        else:
            yield from _blocks(child, nested)


def check_overrides(env: LayeredEnvironment, entry: str) -> list[Link]:
    """Refuse a template that overrides a block none of the templates it
    extends defines (Jinja would ignore it without a word); return the chain.

    A block at the top level of an extending template is an override; a
    block nested inside another is a new block the layers above may override.

    The environment remembers a chain that passed for as long as none of
    its files changes, so rendering many inputs reads the chain once.
    """
    remembered = env.checked_chains.get(entry)
    if remembered is not None and all(env.loader.current(link.name, link.path, link.raw) for link in remembered):
        return remembered
    env.checked_chains.pop(entry, None)
    chain = template_chain(env, entry)
    unknown = unknown_overrides(chain)
    if unknown:
        raise unknown[0]
    env.checked_chains[entry] = chain
    return chain


def overrides_checked(env: LayeredEnvironment, entry: str) -> None:
    """``check_overrides`` for rendering: a chain whose files, byte for byte
    and layer for layer, passed in an earlier run (recorded in the user's
    cache folder) is not parsed again; a cold render otherwise spent a
    third of its own time parsing templates Jinja loads compiled."""
    if entry in env.checked_chains:
        check_overrides(env, entry)
        return
    record = chain_record(env, _rules(), entry)
    entries = read_record(record) if record is not None else None
    if entries and all(len(e) == 3 and _digest(env.loader.bytes_at(e[0], Path(e[1]))) == e[2] for e in entries):
        return
    chain = check_overrides(env, entry)
    if record is not None:
        write_record(record, [[link.name, str(link.path), _digest(link.raw)] for link in chain])


@lru_cache(maxsize=1)
def _rules() -> bytes:
    """This module's source: what the check's verdict depends on besides the templates."""
    try:
        return Path(__file__).read_bytes()
    except OSError:
        return b""


def _digest(raw: bytes | None) -> str | None:
    return hashlib.sha256(raw).hexdigest() if raw is not None else None


def unknown_overrides(chain: Sequence[Link]) -> list[TemplateError]:
    """Every override in ``chain`` (entry first) of a block none of the
    templates it extends defines, as the error to show."""
    errors: list[TemplateError] = []
    known: list[str] = []
    for link in reversed(chain):
        for block, nested in _blocks(link.tree):
            if link is not chain[-1] and not nested and block.name not in known:
                guess = difflib.get_close_matches(block.name, known, n=1, cutoff=0.6)
                hint = f"是不是想写“{guess[0]}”？" if guess else "可以重写的块有：" + "、".join(known)
                errors.append(
                    TemplateError(
                        f"模板重写了不存在的块“{block.name}”，这一段不会出现在报告中",
                        file=link.file,
                        line=block.lineno,
                        hint=hint + "（运行 reportgen locality show 输入文件.yaml 可列出全部块及其来源）",
                    )
                )
                continue
            if block.name not in known:
                known.append(block.name)
    return errors


def block_sources(env: LayeredEnvironment, entry: str) -> list[BlockSource]:
    """Each block of the entry's chain and the template that supplies it
    (the nearest one defining it), in the order the base template lays them out."""
    chain = check_overrides(env, entry)
    order: list[str] = []
    for link in reversed(chain):
        order += [b.name for b, _ in _blocks(link.tree) if b.name not in order]
    found: dict[str, BlockSource] = {}
    for link in chain:
        for block, _ in _blocks(link.tree):
            found.setdefault(block.name, BlockSource(block.name, link.file, block.lineno, link.layer))
    return [found[name] for name in order]


def partials(env: LayeredEnvironment, chain: Sequence[Link]) -> list[tuple[str, str, int]]:
    """The partials the chain imports or includes by a fixed name: (name, file, layer)."""
    seen: dict[str, tuple[str, str, int]] = {}
    pending = list(chain)
    while pending:
        link = pending.pop(0)
        for node in link.tree.find_all((nodes.Import, nodes.FromImport, nodes.Include)):
            if not isinstance(node.template, nodes.Const):
                continue
            name = env.join_path(str(node.template.value), link.name)
            if name in seen:
                continue
            try:
                partial = _parse(env, name)
            except jinja2.TemplateNotFound:
                continue  # rendering reports it with the line
            seen[name] = (split_name(name)[0], partial.file, partial.layer)
            pending.append(partial)
    return list(seen.values())
