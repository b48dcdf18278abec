"""Checking the templates an input renders with, for ``validate``: every
problem at once, not only the first that stops a rendering.

Rendering stops at the first template error; a clerk fixing a locality's
``report.j2`` wants the whole list, as for the input. So: every template
file of the locality's folders is parsed on its own (syntax), every
override of a block that does not exist is listed, and the report is
rendered once with an ``Undefined`` that notes each misspelt variable
(with its template and line) instead of stopping. Whatever still fails is
what a real rendering would say.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import Finding, TemplateError
from generator.render.bounds import bounded
from generator.render.layers import LAYER_MARK, LayeredEnvironment, LayeredLoader, template_chain, unknown_overrides
from generator.render.templating import (
    ENTRY_TEMPLATE,
    default_templates_dir,
    make_environment,
    register_filters,
    render_markup,
    template_errors,
    variable_as_written,
)


def template_findings(context: dict[str, Any], search_path: Sequence[Path]) -> list[Finding]:
    """Every error of the templates on ``search_path`` (before the defaults)
    that rendering ``context`` meets, each with its template file and line."""
    folders = [Path(f) for f in search_path]
    env = make_environment(folders)
    findings = list(_syntax_findings(env, len(folders)))
    if findings:
        return findings
    try:
        with template_errors(ENTRY_TEMPLATE):
            chain = template_chain(env, ENTRY_TEMPLATE)
    except TemplateError as error:
        return list(error.findings)
    findings = [f for error in unknown_overrides(chain) for f in error.findings]
    findings += _undefined_findings(context, folders)  # Jinja renders past an unknown block
    if findings:
        return findings
    try:
        render_markup(context, folders)
    except TemplateError as error:
        return list(error.findings)
    return []


def _syntax_findings(env: LayeredEnvironment, layers: int) -> Iterator[Finding]:
    """A syntax error of each template file in the first ``layers`` folders (the locality's)."""
    for index, folder in enumerate(env.loader.folders[:layers]):
        for path in sorted(folder.rglob("*.j2")):
            name = path.relative_to(folder).as_posix()
            try:
                with template_errors(name):
                    source, filename, _ = env.loader.get_source(env, f"{name}{LAYER_MARK}{index}")
                    env.parse(source, name, filename)
            except TemplateError as error:
                yield from error.findings


def _where() -> tuple[str, int | None]:
    """The template file and line running now: the innermost frame of a
    locality's template, else of a default one (as rendering errors show it)."""
    frames: list[tuple[str, int]] = []
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            frames.append((template.filename, template.get_corresponding_lineno(frame.f_lineno)))
        frame = frame.f_back
    defaults = default_templates_dir().resolve()
    own = [f for f in frames if not Path(f[0]).resolve().is_relative_to(defaults)]
    return (own or frames or [("", None)])[0]


def _undefined_findings(context: dict[str, Any], folders: list[Path]) -> list[Finding]:
    """Render once, noting each use of an undefined variable instead of stopping."""
    noted: dict[tuple[str, int | None, str], None] = {}

    class Noting(jinja2.Undefined):
        """An undefined value that notes where it is used and then acts as empty."""

        def _note(self) -> None:
            file, line = _where()
            name = self._undefined_name or ""
            if self._undefined_obj is not jinja2.utils.missing:  # an attribute: as the template wrote it
                name = variable_as_written(name, file, line)
            noted.setdefault((file, line, name), None)

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self) -> Iterator[Any]:
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

        def __len__(self) -> int:
            self._note()
            return 0

        def __getattr__(self, name: str) -> Any:
            if name.startswith("__"):
                raise AttributeError(name)
            self._note()
            return self

        __getitem__ = __getattr__  # type: ignore[assignment]

        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            self._note()
            return self

    env = LayeredEnvironment(
        loader=LayeredLoader([*folders, default_templates_dir()]),
        undefined=Noting,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    register_filters(env)
    try:
        with bounded():
            env.get_template(ENTRY_TEMPLATE).render(context)
    except Exception:  # noqa: BLE001 - an empty value may break what follows; the strict rendering says what
        pass
    return [
        Finding(
            "error",
            f"模板使用了不存在的变量“{name}”",
            file=file,
            line=line,
            hint="请检查变量名拼写；可用的变量见 README 的“模板变量”一节。",
        )
        for file, line, name in noted
    ]
