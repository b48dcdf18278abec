"""Reading an input: bytes → text (encoding) → YAML with line numbers →
the pydantic ``Report``. Every problem becomes a ``Finding`` with file,
line and a Chinese hint; all of them are collected before raising."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from generator.errors import Finding, InputError, UserError, reason
from generator.input.model import Report
from generator.input.model_errors import YamlPath, dotted, translate

MAX_BYTES = 2 * 1024 * 1024  # a year's report is a few dozen KB
MAX_NODES = 200_000  # bounds alias expansion ("billion laughs")
MAX_DEPTH = 50

__all__ = [
    "MAX_BYTES", "Source", "YamlPath", "decode", "load", "load_text", "nested_too_deep", "parse_yaml", "read_limited",
    "validated",
]

M = TypeVar("M", bound=BaseModel)


@dataclass
class Source:
    """A loaded input: the validated report and where each value came from."""

    path: Path
    report: Report
    data: dict[str, Any]
    positions: dict[YamlPath, tuple[int, int]]
    notes: list[Finding] = field(default_factory=list)  # warnings from reading (encoding)
    text: str = field(default="", repr=False)  # the decoded text, comments and all

    def line_of(self, path: YamlPath) -> int | None:
        """The 1-based line of the value at ``path``, or of its nearest parent.

        A model path may name parts a short form leaves out (``plans: [...]``
        for ``plans: {items: [...]}``, ``合同审查: 51`` for ``{value: 51}``):
        those parts are skipped. The file as a whole (an empty path) has no line.
        """
        if not path:
            return None
        found: YamlPath = ()
        for part in path:
            if (*found, part) in self.positions:
                found = (*found, part)
        return self.positions[found][0] if found else None

    def finding(self, severity: str, message: str, path: YamlPath = (), hint: str = "") -> Finding:
        """A finding located at ``path`` in this input."""
        return Finding(
            severity,  # type: ignore[arg-type]
            message,
            file=str(self.path),
            line=self.line_of(path),
            path=dotted(path),
            hint=hint,
        )


_PLAIN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027\x20-\x7e\n\r\t]")


def _utf16_without_bom(raw: bytes) -> str | None:
    """Text saved as UTF-16 without a byte-order mark (some editors do): it
    decodes as UTF-16 into Chinese, ASCII and punctuation (GBK bytes or binary
    read that way turn into characters from all over the table). None when not."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and len(_PLAIN.findall(text)) >= 0.95 * len(text):
            return text
    return None


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(raw: bytes, file: str) -> tuple[str, list[Finding]]:
    """UTF-8 (with or without BOM), UTF-16 with BOM (or without, with a
    note), else GB18030 with a note."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError as error:
            raise UserError(
                f"文件按 UTF-16 编码保存，但内容不完整（第{error.start + 1}个字节处），无法读取",
                file=file,
                hint="文件可能没有保存完整或已损坏；请用记事本或 WPS 打开后“另存为” UTF-8 编码。",
            ) from None
    bomless = _utf16_without_bom(raw) if b"\x00" in raw or not _is_utf8(raw) else None
    if bomless is not None:
        return bomless, [
            Finding(
                "warning",
                "文件是不带 BOM 的 UTF-16 编码，已按 UTF-16 读取",
                file=file,
                hint="建议“另存为” UTF-8 编码，以免在其他电脑上出现乱码。",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as utf8_error:
        if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise UserError(
                "这是 Word、WPS 或压缩文件，不是 YAML 文本文件",
                file=file,
                hint="reportgen 读取的是 .yaml 文本文件；可用 reportgen init 生成一个填写模板。",
            ) from None
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise UserError(
                f"文件无法按 UTF-8 或 GBK 编码读取（第{utf8_error.start + 1}个字节处有无法识别的内容）",
                file=file,
                hint="请用记事本或 WPS “另存为”，编码选择 UTF-8 后重试。",
            ) from None
        note = Finding(
            "warning",
            "文件不是 UTF-8 编码，已按 GBK（GB18030）编码读取",
            file=file,
            hint="建议“另存为” UTF-8 编码，以免在其他电脑上出现乱码。",
        )
        return text, [note]


class _Builder:
    """Turns a composed YAML node tree into plain data plus positions."""

    def __init__(self, loader: yaml.SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.positions: dict[YamlPath, tuple[int, int]] = {}
        self.findings: list[Finding] = []
        self.nodes = 0

    def build(self, node: yaml.Node, path: YamlPath = ()) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or len(path) > MAX_DEPTH:
            raise UserError(
                "文件内容过于庞大或嵌套过深（可能是锚点/别名展开过多），已拒绝读取",
                file=self.file,
                line=node.start_mark.line + 1,
                hint="年度报告的输入不需要 & 锚点和 * 别名，请删除它们。",
            )
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node)
                if isinstance(key, (list, dict)):
                    key = str(key)
                if key in result:
                    self.findings.append(
                        Finding(
                            "error",
                            f"键“{key}”重复出现，后一处会覆盖前一处",
                            file=self.file,
                            line=key_node.start_mark.line + 1,
                            path=dotted(path + (str(key),)),
                            hint="同一层级中每个键只能写一次，请合并或删除重复的一处。",
                        )
                    )
                child = path + (key if isinstance(key, str) else str(key),)
                self.positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        if (
            node.tag == "tag:yaml.org,2002:str"
            and node.style in (None, "", '"', "'")  # plain (libyaml says "") or quoted
            and node.end_mark.line > node.start_mark.line
            and "\n" not in node.value
        ):
            # YAML joins the lines of a plain or quoted text into one; a clerk
            # who wrote them on lines of their own meant paragraphs.
            self.findings.append(
                Finding(
                    "warning",
                    "这段文字写成了多行，但会被连成一段",
                    file=self.file,
                    line=node.start_mark.line + 1,
                    path=dotted(path),
                    hint="要每行一段，请在冒号后写“|”（如“text: |”），下面各行再多缩进两格。",
                )
            )
        try:
            return self.loader.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError):
            # e.g. 2024-13-01 looks like a date but is none: keep the text and
            # let validation say what is wrong with it, in Chinese.
            return str(node.value)


def _refuse_full_width_indent(text: str, file: str) -> None:
    """YAML takes a full-width space for a letter, so a line indented with one
    silently becomes a key of its own: refuse it here, at its line."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\u3000" in indent:
            from generator.input import yaml_errors  # only on a mistake: its patterns are slow to compile

            raise UserError(
                f"YAML 格式错误，无法读取：{line.strip()[:60]}",
                file=file,
                line=number,
                hint=yaml_errors.HINTS["full_width_space"],
            )


# libyaml's parser is about ten times faster than PyYAML's pure-Python one;
# it is used where PyYAML was built with it. Both give the same nodes and marks.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def parse_yaml(text: str, file: str) -> tuple[Any, dict[YamlPath, tuple[int, int]], list[Finding]]:
    """Safe YAML with positions and duplicate-key findings.

    Read with libyaml where available; a text libyaml refuses is read again
    by the pure-Python loader, whose errors ``yaml_errors`` explains (its
    messages and marks are the ones every bad input's line is checked against).
    """
    _refuse_full_width_indent(text, file)
    if _FAST_LOADER is not None:
        try:
            return _compose(_FAST_LOADER, text, file)
        except yaml.YAMLError as error:
            if _stopped_at_nesting_limit(error, text):
                raise _too_deep(file) from None
        except RecursionError:
            pass
    try:
        return _compose(yaml.SafeLoader, text, file)
    except yaml.reader.ReaderError as error:
        from generator.input.yaml_errors import explain_reader_error  # only on a mistake (slow to import)

        raise explain_reader_error(error, text, file) from None
    except yaml.MarkedYAMLError as error:
        from generator.input.yaml_errors import explain

        raise explain(error, text, file) from None
    except yaml.YAMLError:
        raise UserError("YAML 格式错误，无法读取", file=file, hint="请对照 reportgen init 生成的模板检查格式。") from None
    except RecursionError:
        raise _too_deep(file) from None


def _too_deep(file: str) -> UserError:
    return UserError(
        f"文件嵌套过深（超过 {MAX_DEPTH} 层），已拒绝读取",
        file=file,
        hint="年度报告的输入最多嵌套四五层，请检查是否有多余的 [ 或 {。",
    )


def _stopped_at_nesting_limit(error: yaml.YAMLError, text: str) -> bool:
    """Whether libyaml refused ``text`` for nesting past its limit (1,000
    levels) and a pure-Python parser (PyYAML's, ruamel's) would refuse it
    too, only for its recursion, seconds later: their reader checks every
    character first, so a text with one they refuse is left to them."""
    return "exceeded maximum nesting depth" in str(getattr(error, "problem", "")) and not (
        yaml.reader.Reader.NON_PRINTABLE.search(text)
    )


def nested_too_deep(text: str) -> bool:
    """Whether ``text`` nests too deep for a pure-Python YAML parser, told
    by libyaml in milliseconds (False where PyYAML was built without it)."""
    if _FAST_LOADER is None:
        return False
    try:
        for _ in yaml.parse(text, Loader=_FAST_LOADER):
            pass
    except yaml.YAMLError as error:
        return _stopped_at_nesting_limit(error, text)
    return False


def _compose(
    loader_class: type[yaml.SafeLoader], text: str, file: str
) -> tuple[Any, dict[YamlPath, tuple[int, int]], list[Finding]]:
    """The text's single document as data, positions and findings, read by ``loader_class``."""
    loader = loader_class(text)  # the pure-Python reader checks every character at once
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, []
        builder = _Builder(loader, file)
        return builder.build(node), builder.positions, builder.findings
    finally:
        loader.dispose()


def _too_large(file: str, limit: int = MAX_BYTES, kind: str = "输入") -> UserError:
    return UserError(f"文件过大（超过 {limit // 1024 // 1024} MB），不像是年度报告的{kind}", file=file)


def validated(
    model: type[M], data: Any, positions: dict[YamlPath, tuple[int, int]], findings: list[Finding], file: str
) -> M:
    """``data`` validated against ``model`` (an input, a locality's settings);
    raise ``InputError`` with the reading's findings and every validation error, in Chinese."""
    try:
        result = model.model_validate(data)
    except ValidationError as error:
        raise InputError([f for f in findings if f.severity == "error"] + translate(error, file, positions, model)) from None
    if any(f.severity == "error" for f in findings):
        raise InputError([f for f in findings if f.severity == "error"])
    return result


def read_limited(path: Path, limit: int = MAX_BYTES, *, what: str = "YAML 文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Only a regular file is read, and never more than ``limit`` bytes of it:
    ``/dev/zero`` says its size is 0 and never ends, a FIFO blocks until a
    writer comes (it is opened without blocking, so it is refused instead).
    """
    file = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise UserError("找不到这个文件", file=file, hint="请检查文件名和所在文件夹。") from None
    except IsADirectoryError:
        raise UserError(f"这是一个文件夹，不是{what}", file=file) from None
    except OSError as error:
        raise UserError(f"无法读取文件：{reason(error)}", file=file) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise UserError(f"这是一个文件夹，不是{what}", file=file)
        raise UserError(
            "这不是普通文件（是设备、管道等），不能作为输入读取",
            file=file,
            hint=f"请给出保存在磁盘上的{what}。",
        )
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(limit + 1)
        except OSError as error:
            raise UserError(f"无法读取文件：{reason(error)}", file=file) from None
    if len(raw) > limit:
        raise _too_large(file, limit, "输入" if what == "YAML 文件" else what)
    return raw


def load(path: Path) -> Source:
    """Read, parse and validate one input file; raise ``InputError`` with every finding."""
    file = str(path)
    raw = read_limited(path)
    text, notes = decode(raw, file)
    return load_text(text, path, notes)


def load_text(text: str, path: Path, notes: list[Finding] | None = None) -> Source:
    """Parse and validate the text of an input as if read from ``path`` (its
    name in findings, its folder for localities): an edit not yet saved, as
    ``reportgen serve`` checks while the clerk types. Raises like ``load``."""
    file = str(path)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise _too_large(file)
    data, positions, findings = parse_yaml(text, file)
    if data is None:
        raise UserError("文件内容为空", file=file, hint="可用 reportgen init 生成一个填写模板。")
    if not isinstance(data, dict):
        shape = "列表（以“- ”开头的各项）" if isinstance(data, list) else "一段文字"
        raise UserError(
            f"文件的最外层是{shape}，不是“键: 值”形式的 YAML",
            file=file,
            line=positions.get((), (None,))[0],
            hint="第一行应是顶格的“report:”；可用 reportgen init 生成一个填写模板。",
        )
    report = validated(Report, data, positions, findings, file)
    warnings = [f for f in findings if f.severity == "warning"]
    return Source(path=path, report=report, data=data, positions=positions, notes=[*(notes or []), *warnings], text=text)
