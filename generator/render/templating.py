"""The one Jinja environment: search path, sandbox, strict undefined, filters.

Templates render in Jinja's ``SandboxedEnvironment`` with ``StrictUndefined``:
a template cannot reach Python internals, and a misspelt variable is an
error naming the template and line instead of an empty string.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import TemplateError
from generator.render.bounds import MAX_CHARS, Exceeded, bounded
from generator.render.bytecode import bytecode_cache
from generator.render.layers import LayeredEnvironment, LayeredLoader, OutsideLayer, overrides_checked
from generator.report.numbers import cn_numeral, format_number, format_rate
from generator.report.yoy import Change, Wording

ENTRY_TEMPLATE = "report.j2"
YOY_TEMPLATE = "_yoy.j2"  # the wording of year-over-year comparisons, also used for {指标.yoy} in text


def default_templates_dir() -> Path:
    """The default templates: shipped inside the installed package, or the
    repository's templates/default in a source checkout."""
    packaged = Path(__file__).parents[1] / "_templates" / "default"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates" / "default"


def make_environment(search_path: Sequence[Path]) -> LayeredEnvironment:
    """The environment every rendering uses: the search path first to last
    (a locality, the ones it extends), then the defaults, as layers
    (``generator.render.layers``); every filter registered here.

    One environment per search path for the whole process, so each template
    is compiled once however many inputs and commands use it; Jinja checks
    before reusing a compiled template that its file is unchanged. The
    current folder is part of the key because messages name templates
    relative to it.
    """
    try:
        cwd = os.getcwd()
    except OSError:  # the folder was removed under us: names stay absolute
        cwd = ""
    return _environment((*(Path(p) for p in search_path), default_templates_dir()), cwd)


@lru_cache(maxsize=32)  # a county's batch names a few search paths; bounded so memory stays flat
def _environment(folders: tuple[Path, ...], cwd: str) -> LayeredEnvironment:
    env = LayeredEnvironment(
        loader=LayeredLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is line markup, not HTML; writers escape
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,  # the default, relied on: an edited template is compiled anew
    )
    register_filters(env)
    env.bytecode_cache = bytecode_cache(env)  # compiled templates kept between runs
    return env


def register_filters(env: jinja2.Environment) -> None:
    """Every filter the templates may use."""
    env.filters["cn"] = cn_numeral
    env.filters["number"] = format_number
    env.filters["rate"] = format_rate


def _template_location(error: BaseException) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (Jinja rewrites
    tracebacks so template frames carry the template file and line).

    A locality's template that passes a misspelt variable to a default
    macro fails inside the macro; the clerk's own line is the one to show,
    so the innermost frame outside the default templates is preferred.
    """
    frames: list[tuple[str, int | None]] = []
    tb = error.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            frames.append((name, tb.tb_lineno))
        tb = tb.tb_next
    defaults = default_templates_dir().resolve()
    own = [f for f in frames if not Path(f[0]).resolve().is_relative_to(defaults)]
    return (own or frames or [("", None)])[-1]


# Jinja's syntax errors in Chinese, English pattern → Chinese (an unknown one passes unchanged).
_SYNTAX: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.S), r)
    for p, r in [
        (r"Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: (.+?)\..*", r"不认识的标签“\1”（这里应为 \2）"),
        (r"Encountered unknown tag '(\w+)'\.", r"不认识的标签“\1”"),
        (r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. The innermost block that needs to be closed is '(\w+)'\.",
         r"模板在“\2”结束之前就结束了，缺少 \1"),
        (r"unexpected '(.+?)', expected '(.+?)'", r"这里多了“\1”，应为“\2”"),
        (r"expected token '(.+?)', got '(.+?)'", r"这里应为“\1”，却是“\2”"),
        (r"Expected an expression, got '(.+?)'", r"这里缺少表达式（遇到了“\1”）"),
        (r"unexpected char '(.+?)' at \d+", r"这里不应有字符“\1”（引号是否成对？）"),
        (r"unexpected '(.+?)'", r"这里不应有“\1”"),
        (r"No filter named '(.+?)'\.", r"没有名为“\1”的过滤器"),
        (r"block '(.+?)' defined twice", r"块“\1”定义了两次"),
    ]
]


def _syntax_message(message: str) -> str:
    """A Jinja syntax error message in Chinese, where its pattern is known."""
    for pattern, replacement in _SYNTAX:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message).replace("' or '", "、").replace("'", "")
    return message


def _undefined_name(error: jinja2.UndefinedError, file: str, line: int | None) -> str:
    """The variable as the template wrote it: Jinja says "'x' is undefined",
    but for an attribute only "'dict object' has no attribute 'y'", so the
    attribute is looked up on the template's line to show "report.y"."""
    message = error.message or ""
    match = re.fullmatch(r"'(.+)' is undefined", message)
    if match:
        return match.group(1)
    match = re.search(r"has no attribute '(.+)'", message)
    if not match:
        return message
    return variable_as_written(match.group(1), file, line)


def variable_as_written(attribute: str, file: str, line: int | None) -> str:
    """An undefined attribute as the template's line writes it ("report.localty"), else the attribute alone."""
    try:
        source = Path(file).read_text(encoding="utf-8").splitlines()[line - 1] if file and line else ""
    except (OSError, IndexError, UnicodeDecodeError):
        source = ""
    written = re.search(rf"[A-Za-z_][\w.]*\.{re.escape(attribute)}\b", source)
    return written.group(0) if written else attribute


def render_markup(context: dict[str, Any], search_path: Sequence[Path] = (), entry: str = ENTRY_TEMPLATE) -> str:
    """Render the entry template to the document line markup.

    Raises ``TemplateError`` naming the template file and line for a syntax
    error, an undefined variable or a sandbox violation.
    """
    env = make_environment(search_path)
    with template_errors(entry), bounded():
        overrides_checked(env, entry)
        size = 0
        chunks: list[str] = []
        for chunk in env.get_template(entry).generate(context):
            size += len(chunk)
            # {{ … }} output is counted at its line (bounds.count_output); this
            # also catches plain text repeated by a loop, before it fills memory.
            if size > 2 * MAX_CHARS:
                raise Exceeded(f"生成的内容超过 {2 * MAX_CHARS} 个字符")
            chunks.append(chunk)
        return "".join(chunks)


def load_macros(template: str, search_path: Sequence[Path] = ()) -> Callable[..., str]:
    """A caller of the macros of one template on the search path:
    ``call("yoy", change)`` renders macro ``yoy`` and returns its text, stripped."""
    env = make_environment(search_path)
    with template_errors(template), bounded():
        module = env.get_template(template).module

    def call(name: str, *args: Any) -> str:
        macro = getattr(module, name, None)
        if macro is None:
            raise TemplateError(f"模板“{template}”中没有名为“{name}”的宏", file=template, hint="地方模板覆盖这个文件时，请保留原有的各个宏。")
        with template_errors(template), bounded():
            return str(macro(*args)).strip()

    return call


def yoy_wording(search_path: Sequence[Path] = ()) -> Wording:
    """How {指标.yoy} and {指标.change} in the clerk's text are worded: by the
    macros of _yoy.j2 on the search path, loaded on first use (most texts cite none)."""
    macros: Callable[..., str] | None = None

    def word(macro: str, change: Change) -> str:
        nonlocal macros
        if macros is None:
            macros = load_macros(YOY_TEMPLATE, search_path)
        return macros(macro, change)

    return word


@contextmanager
def template_errors(entry: str) -> Iterator[None]:
    """Turn Jinja's errors raised inside the block into ``TemplateError``."""
    try:
        yield
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"模板语法错误：{_syntax_message(error.message or '')}",
            file=error.filename or error.name or entry,
            line=error.lineno,
            hint="请检查 {% %} 和 {{ }} 是否成对、块名是否拼写正确。",
        ) from None
    except OutsideLayer as error:
        file, line = _template_location(error)
        raise error.as_error(file or entry, line) from None
    except jinja2.TemplateNotFound as error:
        file, line = _template_location(error)
        raise TemplateError(
            f"找不到模板“{error.name}”", file=file or entry, line=line, hint="请检查模板文件名和地方模板文件夹。"
        ) from None
    except jinja2.UndefinedError as error:
        file, line = _template_location(error)
        raise TemplateError(
            f"模板使用了不存在的变量“{_undefined_name(error, file, line)}”",
            file=file or entry,
            line=line,
            hint="请检查变量名拼写；可用的变量见 README 的“模板变量”一节。",
        ) from None
    except jinja2.exceptions.SecurityError as error:
        file, line = _template_location(error)
        raise TemplateError(
            f"模板试图执行不允许的操作：{error}",
            file=file or entry,
            line=line,
            hint="模板只能使用报告数据和提供的过滤器，不能访问 Python 内部对象。",
        ) from None
    except Exceeded as error:
        file, line = _template_location(error)
        raise TemplateError(
            f"模板{error.what}，已停止生成",
            file=file or entry,
            line=line,
            hint="请检查这一行的循环（range）、乘法和宏：报告的模板不需要这么多次循环或这么长的内容。",
        ) from None
    except RecursionError as error:
        file, line = _template_location(error)
        raise TemplateError(
            "模板的宏调用自身或层层 super() 过深，已停止生成",
            file=file or entry,
            line=line,
            hint="请检查宏是否无条件地调用了自己，或地方模板的继承层数是否过多。",
        ) from None
    except MemoryError:
        raise TemplateError(
            "模板生成的内容过多，内存不足，已停止生成", file=entry, hint="请检查模板中的循环和乘法。"
        ) from None
    except (TypeError, ValueError, ArithmeticError) as error:
        file, line = _template_location(error)
        if not file:
            raise
        what = "除数为零" if isinstance(error, ZeroDivisionError) else str(error)
        raise TemplateError(f"模板运行出错：{what}", file=file, line=line) from None
