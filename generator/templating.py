"""The one Jinja environment: search path, sandbox, strict undefined, filters.

Templates render in Jinja's ``SandboxedEnvironment`` with ``StrictUndefined``:
a template cannot reach Python internals, and a misspelt variable is an
error naming the template and line instead of an empty string.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from generator.errors import TemplateError
from generator.numbers import cn_numeral, format_number, format_rate

ENTRY_TEMPLATE = "report.j2"


def default_templates_dir() -> Path:
    """The default templates: shipped inside the installed package, or the
    repository's templates/default in a source checkout."""
    packaged = Path(__file__).parent / "_templates" / "default"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates" / "default"


def make_environment(search_path: Sequence[Path]) -> SandboxedEnvironment:
    """The environment every rendering uses: the search path first to last,
    then the defaults; every filter registered here."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in (*search_path, default_templates_dir())], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is line markup, not HTML; writers escape
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["cn"] = cn_numeral
    env.filters["number"] = format_number
    env.filters["rate"] = format_rate
    return env


def _template_location(error: BaseException) -> tuple[str, int | None]:
    """The innermost template frame of a rendering error (Jinja rewrites
    tracebacks so template frames carry the template file and line)."""
    where: tuple[str, int | None] = ("", None)
    tb = error.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            where = (name, tb.tb_lineno)
        tb = tb.tb_next
    return where


def render_markup(context: dict[str, Any], search_path: Sequence[Path] = (), entry: str = ENTRY_TEMPLATE) -> str:
    """Render the entry template to the document line markup.

    Raises ``TemplateError`` naming the template file and line for a syntax
    error, an undefined variable or a sandbox violation.
    """
    env = make_environment(search_path)
    try:
        template = env.get_template(entry)
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(
            f"模板语法错误：{error.message}",
            file=error.filename or error.name or entry,
            line=error.lineno,
            hint="请检查 {% %} 和 {{ }} 是否成对、块名是否拼写正确。",
        ) from None
    except jinja2.TemplateNotFound as error:
        raise TemplateError(f"找不到模板“{error.name}”", file=entry, hint="请检查模板文件名和地方模板文件夹。") from None
    except jinja2.UndefinedError as error:
        file, line = _template_location(error)
        raise TemplateError(
            f"模板使用了不存在的变量：{error.message}",
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
    except (TypeError, ValueError, ArithmeticError) as error:
        file, line = _template_location(error)
        if not file:
            raise
        raise TemplateError(f"模板运行出错：{error}", file=file, line=line) from None
