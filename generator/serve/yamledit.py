"""Changing an input's YAML the way a clerk would by hand: values replaced
where they stand, comments, order, quoting and block styles kept.

ruamel.yaml's round-trip mode reads the text into a tree that remembers its
comments and layout; this module reads and writes values in that tree by
their model path, knowing the model's short forms (``合同审查: 51`` is
``{value: 51}``, a bare string in ``points`` is ``{text: …}``, a list under
``plans`` is ``{items: […]}``), and dumps it back. Saving is atomic and
refuses to overwrite a file that changed on disk since it was read.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import re
from collections import OrderedDict
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, ScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from generator.errors import UserError
from generator.input.loading import decode, nested_too_deep, read_limited
from generator.input.model_errors import YamlPath, model_at
from generator.output import atomic_write

MISSING: Any = object()  # a value the YAML does not write


class ConflictError(UserError):
    """The file changed on disk since the form read it."""


def token_of(data: bytes) -> str:
    """What a form remembers of the file it was opened from (its content hash)."""
    return hashlib.sha256(data).hexdigest()[:32]


@cache
def _probes(model: type[BaseModel]) -> dict[type, str]:
    """The field a bare (non-mapping) value stands for in ``model``, by the
    value's type, learnt from the model's own "before" validators: a string
    in a ``Point`` is its ``text``, a list in a ``Section`` its ``items``."""
    found: dict[type, str] = {}
    validators = [d.func for d in model.__pydantic_decorators__.model_validators.values() if d.info.mode == "before"]
    for sample in ("样例", 7, ["样例"]):
        for validator in validators:
            try:
                result = validator(sample)
            except Exception:  # a validator that refuses the sample: no short form of that type
                continue
            if isinstance(result, dict):
                for key, value in result.items():
                    if value == sample and key in model.model_fields:
                        found[type(sample)] = key
    return found


def bare_field(model: type[BaseModel] | None, node: Any) -> str | None:
    """The field of ``model`` that a node written without its keys stands for."""
    if model is None or isinstance(node, dict):
        return None
    kind = list if isinstance(node, list) else str if isinstance(node, str) or node is None else int
    return _probes(model).get(kind)


def _read(yaml: YAML, text: str) -> tuple[Any, tuple[int, int, int]]:
    """The tree of ``text`` and the clerk's indentation, so an edit does not
    re-indent the file: a nested key's indent, and a list's (ruamel's
    sequence indent and dash offset, which ruamel guesses while reading)."""
    tree, guessed, dash = load_yaml_guess_indent(text, yaml=yaml)
    mapping = 2
    for match in re.finditer(r"^[^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\n( +)[^\s#-]", text, re.M):
        mapping = len(match.group(1))
        break
    sequence, offset = (guessed, dash or 0) if guessed else (mapping + 2, 2)
    return tree, (mapping, max(sequence, offset + 2), offset)


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, except that a date that is none
    (2024-02-30) stays text: the model then says what is wrong with it."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


# Trees already read, by the text's hash: the form posts the same text with
# every keystroke's check, and copying a tree is ten times faster than parsing it.
_PARSED: OrderedDict[bytes, tuple[Any, tuple[int, int, int]]] = OrderedDict()
_PARSED_KEPT = 16


def _too_deep(file: str) -> UserError:
    return UserError(
        "文件嵌套过深，表单无法打开",
        file=file,
        hint="年度报告的输入最多嵌套四五层，请用文本编辑器检查是否有多余的 [ 或 {。",
    )


class YamlDocument:
    """One input's YAML as a round-trip tree."""

    def __init__(self, text: str, file: str = "") -> None:
        self._yaml = YAML(typ="rt")
        self._yaml.Constructor = _Constructor
        self._yaml.width = 1_000_000  # never re-wrap a clerk's long lines
        self._yaml.preserve_quotes = True
        try:
            key = hashlib.sha256(text.encode("utf-8")).digest()
            if key not in _PARSED:
                if nested_too_deep(text):  # ruamel would take seconds to reach the recursion limit
                    raise _too_deep(file)
                _PARSED[key] = _read(self._yaml, text)
                while len(_PARSED) > _PARSED_KEPT:
                    _PARSED.popitem(last=False)
            _PARSED.move_to_end(key)
            tree, indent = _PARSED[key]
            self._yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
            self.data = copy.deepcopy(tree)  # the cached tree stays as read
        except ValueError as error:  # a value ruamel cannot build (an integer of thousands of digits)
            raise UserError(
                f"文件中有表单无法读取的值（{str(error)[:60]}）",
                file=file,
                hint="请先用文本编辑器改正（reportgen validate 会指出位置），再在表单中打开。",
            ) from None
        except RecursionError:
            raise _too_deep(file) from None
        except YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            raise UserError(
                "YAML 格式错误，表单无法打开这个文件",
                file=file,
                line=mark.line + 1 if mark else None,
                hint="请先用文本编辑器改正（reportgen validate 会指出原因），再在表单中打开。",
            ) from None
        if self.data is None:
            self.data = CommentedMap()
        if not isinstance(self.data, dict):
            raise UserError("文件内容不是“键: 值”形式的 YAML，表单无法打开", file=file, hint="可用 reportgen init 生成一个填写模板。")

    def text(self) -> str:
        """The tree as YAML text again."""
        out = io.StringIO()
        self._yaml.dump(self.data, out)
        return out.getvalue()

    # --- reading ------------------------------------------------------------
    def get(self, path: YamlPath) -> Any:
        """The value written at the model path ``path``, or ``MISSING``."""
        node: Any = self.data
        for depth, part in enumerate(path):
            if isinstance(node, dict):
                if part not in node:
                    return MISSING
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int):
                if not 0 <= part < len(node):
                    return MISSING
                node = node[part]
            elif bare_field(model_at(path[:depth]), node) == part:
                continue  # the short form: the node is this field itself
            else:
                return MISSING
        return node

    # --- writing ------------------------------------------------------------
    def _put(self, at: YamlPath, value: Any) -> None:
        """Replace the node at ``at`` (a short form's field is the node itself)."""
        if not at:
            self.data = value
            return
        parent = self.get(at[:-1])
        if isinstance(parent, dict) or isinstance(parent, list) and isinstance(at[-1], int):
            parent[at[-1]] = value
        elif bare_field(model_at(at[:-1]), parent) == at[-1]:
            self._put(at[:-1], value)
        else:
            raise ValueError(f"cannot write at {at!r}")

    def _expand(self, at: YamlPath, node: Any, field: str | None) -> CommentedMap:
        """Replace the short form at ``at`` by its full form ``{field: node}``;
        the comment at the end of its line stays with the value."""
        if field is None:
            raise ValueError(f"cannot write under {at!r}")
        full = CommentedMap()
        if node is not None:
            full[field] = node
        parent = self.get(at[:-1]) if at else None
        comments = getattr(parent, "ca", None)
        if comments is not None and at[-1] in comments.items:
            slot = 0 if isinstance(parent, list) else 2  # where ruamel keeps an end-of-line comment
            entry = comments.items[at[-1]]
            if entry[slot] is not None and node is not None:
                full.ca.items[field] = [None, None, entry[slot], None]
                entry[slot] = None
        self._put(at, full)
        return full

    def _insert_key(self, mapping: CommentedMap, path: YamlPath, value: Any) -> None:
        """Add a key where the model lists it among the keys already written."""
        key = path[-1]
        model = model_at(path[:-1])
        order = list(model.model_fields) if model else []
        position = len(mapping)
        if key in order:
            later = set(order[order.index(key) + 1 :])
            for i, existing in enumerate(mapping):
                if existing in later:
                    position = i
                    break
        if position < len(mapping):
            mapping.insert(position, key, value)
            return
        following = _take_following_comment(mapping)
        mapping.insert(position, key, value)
        _give_following_comment(mapping, following)

    def set(self, path: YamlPath, value: Any) -> None:
        """Write ``value`` at ``path`` (``None`` empties it; an empty value
        not written before is not added). What is missing on the way is made
        as the model says, short forms expanded: ``{field: node}``."""
        old = self.get(path)
        if value is None and old is MISSING:
            return
        if old is not MISSING:
            self._put(path, _styled(value, old))
            return
        node: Any = self.data
        for depth, part in enumerate(path):
            at = path[:depth]
            if isinstance(node, list) and isinstance(part, int):
                node = node[part]
                continue
            if not isinstance(node, dict):
                field = bare_field(model_at(at), node)
                if field == part:
                    continue  # the node is this field itself
                node = self._expand(at, node, field)
            if node.get(part) is None:
                # Built whole, then added once: comments that follow the
                # mapping move past it in one step (see _insert_key).
                subtree = _styled(value, None)
                for later in reversed(path[depth + 1 :]):
                    subtree = CommentedSeq([subtree]) if isinstance(later, int) else CommentedMap([(later, subtree)])
                if part in node:
                    node[part] = subtree  # a key written empty keeps its place
                else:
                    self._insert_key(node, path[: depth + 1], subtree)
                return
            node = node[part]

    def append(self, path: YamlPath, item: Any) -> None:
        """Add ``item`` at the end of the list at ``path`` (made if missing)."""
        items = self.get(path)
        if items is MISSING or items is None:
            self.set(path, CommentedSeq())
            items = self.get(path)
        if not isinstance(items, list):
            raise ValueError(f"{path!r} is not a list")
        following = _take_following_comment(items)
        items.append(_to_tree(item))
        _give_following_comment(items, following)

    def remove(self, path: YamlPath) -> None:
        """Delete the list item at ``path``."""
        items = self.get(path[:-1])
        if isinstance(items, list) and isinstance(path[-1], int) and 0 <= path[-1] < len(items):
            del items[path[-1]]

    def move(self, path: YamlPath, step: int) -> None:
        """Move the list item at ``path`` by ``step`` places (its comments go with it)."""
        items = self.get(path[:-1])
        index = path[-1]
        if not isinstance(items, list) or not isinstance(index, int):
            return
        target = index + step
        if 0 <= index < len(items) and 0 <= target < len(items):
            item = items.pop(index)
            items.insert(target, item)


# ruamel keeps the comment lines that follow a mapping or list with its last
# value ("…\n\n# 下一部分的说明\n"). A value added at the end would come after
# them, under a comment about the next part; these two move them past it.


def _following_slot(node: Any, *, existing: bool) -> tuple[list[Any], int] | None:
    """The comment entry of ``node``'s deepest last value (one that holds a
    comment, with ``existing``; else where one would go, made if missing)."""
    if isinstance(node, dict) and node:
        key: Any = next(reversed(node))
        index = 2
    elif isinstance(node, list) and node:
        key, index = len(node) - 1, 0
    else:
        return None
    child = node[key]
    if isinstance(child, (dict, list)):
        found = _following_slot(child, existing=existing)
        if found:
            return found
    entry = node.ca.items.get(key)
    if existing:
        return (entry, index) if entry and entry[index] is not None else None
    if entry is None:
        entry = node.ca.items[key] = [None, None, None, None]
    return entry, index


def _take_following_comment(node: Any) -> Any:
    """Detach the comment lines after ``node``'s last line (an end-of-line
    comment stays where it is); returns them as a token, or None."""
    found = _following_slot(node, existing=True)
    if found is None:
        return None
    entry, index = found
    token = entry[index]
    text = token.value
    if text.startswith("#"):  # "# on the last line\n" then the lines after it
        first, _, rest = text.partition("\n")
        if not rest.strip():
            return None
        token.value = first + "\n"
        text = "\n" + rest
    else:
        entry[index] = None
    last = node
    while isinstance(last, (dict, list)) and last:
        last = last[next(reversed(last))] if isinstance(last, dict) else last[-1]
    if isinstance(last, (FoldedScalarString, LiteralScalarString)):
        text = "\n" + text  # a block took its own line break; a plain value needs one
    moved = copy.copy(token)
    moved.value = text
    return moved


def _give_following_comment(node: Any, token: Any) -> None:
    """Put comment lines detached by ``_take_following_comment`` after ``node``'s new last line."""
    if token is None:
        return
    found = _following_slot(node, existing=False)
    if found is not None:
        entry, index = found
        entry[index] = token


def _to_tree(value: Any) -> Any:
    if isinstance(value, dict):
        tree = CommentedMap()
        for key, item in value.items():
            tree[key] = _to_tree(item)
        return tree
    if isinstance(value, list):
        return CommentedSeq(_to_tree(v) for v in value)
    return _styled(value, None)


def _styled(value: Any, old: Any) -> Any:
    """A new text in the block style of the text it replaces; a text of
    several lines as a literal block (``|``), one line per paragraph."""
    if not isinstance(value, str):
        return _to_tree(value) if isinstance(value, (dict, list)) else value
    if isinstance(old, str) and old.endswith("\n") and not value.endswith("\n"):
        value += "\n"  # a block that ended its text with a line break ("|") keeps it
    if isinstance(old, (FoldedScalarString, LiteralScalarString)):
        return type(old)(value)
    if isinstance(old, ScalarString) and "\n" not in value:
        return type(old)(value)  # keep the clerk's quotes
    if "\n" in value:
        return LiteralScalarString(value)
    return value


def parse_date(text: str) -> dt.date | None:
    """An ISO date a clerk typed in the form, written unquoted in the YAML."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def read_for_edit(path: Path) -> tuple[str, str]:
    """The text of an input (read as ``reportgen validate`` reads it: a
    regular file within the size limit, UTF-8 or GBK) and its token.
    Saving writes UTF-8."""
    raw = read_limited(path)
    text, _ = decode(raw, path.name)
    return text, token_of(raw)


def save(path: Path, text: str, token: str) -> str:
    """Write ``text`` to ``path`` atomically, unless the file changed since
    the form read it (its token differs): then raise ``ConflictError`` and
    write nothing. Returns the new token."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        current = None
    if current is None or token_of(current) != token:
        raise ConflictError(
            "文件在表单打开之后被修改过（可能在其他窗口或编辑器中），为免覆盖别人的修改，未保存",
            file=path.name,
            hint="点“重新载入”读取磁盘上的最新内容（表单中未保存的修改会丢失，可先复制出来），再修改并保存。",
        )
    if b"\r\n" in current:  # written on Windows: its line ends stay
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    if current.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data  # a BOM the clerk's editor wrote stays
    atomic_write(path, data)
    return token_of(data)
