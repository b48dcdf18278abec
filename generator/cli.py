"""The command line: a thin typer app, one library call per command.

Exit status: 0 ok; 1 the input, a template or the output has problems the
user can fix (each printed in Chinese, never as a traceback); 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from generator import __version__, i18n
from generator.errors import Finding, UserError, reason

i18n.install()

app = typer.Typer(
    name="reportgen",
    help="reportgen：根据 YAML 输入文件，生成法治政府建设年度报告草稿（.txt、.docx 等）。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    options_metavar=i18n.OPTIONS_METAVAR,
    subcommand_metavar=i18n.SUBCOMMAND_METAVAR,
)

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

EXIT_PROBLEM = 1
EXIT_INTERNAL = 3

_STYLE = {"error": "bold red", "warning": "yellow"}


def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        err.print(Text(finding.format(), style=_STYLE[finding.severity]))


def _fail(error: UserError) -> None:
    _print_findings(error.findings)


def _version(value: bool) -> None:
    if value:
        out.print(f"reportgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", help="显示版本号并退出。", callback=_version, is_eager=True),
    ] = None,
) -> None:
    """reportgen：根据 YAML 输入文件，生成法治政府建设年度报告草稿。

    一般用法：先用 init 生成填写模板，填好后用 validate 检查，再用 render 生成草稿。
    """


FilesArg = Annotated[list[Path], typer.Argument(help="一个或多个 YAML 输入文件。", metavar="文件.yaml...", show_default=False)]
StrictOpt = Annotated[bool, typer.Option("--strict", help="定稿模式：有待填项、警告或缺少必备部分时一律视为错误。")]


@app.command(options_metavar=i18n.OPTIONS_METAVAR)
def init(
    out_file: Annotated[Path, typer.Argument(help="要生成的 YAML 文件。", metavar="输出.yaml")] = Path("report.yaml"),
    locality: Annotated[str, typer.Option("--locality", help="地方或单位名称，如“掌起镇”。")] = "某某镇",
    year: Annotated[Optional[int], typer.Option("--year", help="报告年度，默认为上一年（10月起为当年）。", min=2000, max=2100)] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一个空白的输入文件（每一项都有中文说明），并在同一文件夹写出供编辑器使用的 report.schema.json。"""
    from generator import skeleton
    from generator.output import atomic_write

    if out_file.exists() and not force:
        err.print(Text(f"{out_file}: 错误：文件已存在，未覆盖。\n    提示：换一个文件名，或加 --force 覆盖。", style="bold red"))
        raise typer.Exit(EXIT_PROBLEM)
    try:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(out_file, skeleton.skeleton(locality, year or skeleton.default_year()).encode("utf-8"))
        schema_path = out_file.parent / skeleton.SCHEMA_FILE
        atomic_write(schema_path, skeleton.schema_json().encode("utf-8"))
    except OSError as error:
        err.print(Text(f"{out_file}: 错误：无法写入：{reason(error)}", style="bold red"))
        raise typer.Exit(EXIT_PROBLEM) from None
    out.print(f"已生成 {out_file}（以及 {schema_path.name}）。请填写后运行：reportgen validate {out_file}")


@app.command(options_metavar=i18n.OPTIONS_METAVAR)
def validate(files: FilesArg, strict: StrictOpt = False) -> None:
    """检查输入文件：列出所有错误、警告和待填项（带行号）。有错误时退出码为 1。"""
    from generator.pipeline import check_file

    failed = False
    for path in files:
        try:
            checked = check_file(path)
        except UserError as error:
            _fail(error)
            failed = True
            continue
        _print_findings(checked.findings)
        gaps = checked.gap_findings()
        for gap in gaps:
            err.print(Text(gap.format().replace("警告：待填", "待填"), style="cyan"))
        problems = bool(checked.errors) or strict and (bool(checked.warnings) or bool(gaps))
        summary = f"{path}: 错误 {len(checked.errors)} 个，警告 {len(checked.warnings)} 个，待填 {len(gaps)} 处"
        out.print(summary + ("。" if problems else "，可以生成草稿。" if gaps or not strict else "，可以定稿。"))
        failed = failed or problems
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


@app.command(options_metavar=i18n.OPTIONS_METAVAR)
def render(
    files: FilesArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件夹。", metavar="文件夹")] = Path("output"),
    formats: Annotated[str, typer.Option("-f", "--formats", help="输出格式，用逗号分隔：txt,docx,md,html,pdf。", metavar="格式")] = "txt,docx",
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖在上次生成后被手工修改过的文件。")] = False,
) -> None:
    """生成报告草稿：每个输入文件生成 文件夹/<文件名>.<格式>。"""
    from generator.pipeline import render_file
    from generator.writers import FORMATS

    wanted = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        err.print(Text(f"错误：不支持的输出格式：{'、'.join(unknown) or '（空）'}。可用的格式：{','.join(FORMATS)}", style="bold red"))
        raise typer.Exit(2)
    failed = False
    for path in files:
        try:
            result = render_file(path, output, wanted, strict=strict, force=force)
        except UserError as error:
            _fail(error)
            failed = True
            continue
        _print_findings(result.checked.findings)
        names = "、".join(str(p) for p in result.written)
        out.print(f"已生成：{names}")
        if result.checked.gaps:
            out.print(f"  草稿中还有 {len(result.checked.gaps)} 处【待填】，运行 reportgen validate {path} 可逐条查看。")
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


@app.command(options_metavar=i18n.OPTIONS_METAVAR)
def schema(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="写入的文件；不写则输出到屏幕。", metavar="文件")] = None,
) -> None:
    """输出输入文件的 JSON Schema（含中文说明），供 VS Code 等编辑器在填写时提示和检查。"""
    from generator.output import atomic_write
    from generator.skeleton import schema_json

    text = schema_json()
    if output is None:
        sys.stdout.write(text)
        return
    try:
        atomic_write(output, text.encode("utf-8"))
    except OSError as error:
        err.print(Text(f"{output}: 错误：无法写入：{reason(error)}", style="bold red"))
        raise typer.Exit(EXIT_PROBLEM) from None
    out.print(f"已写出 {output}。在 YAML 文件第一行写上 # yaml-language-server: $schema={output.name} 即可在 VS Code 中使用。")


def main() -> None:
    """Console-script entry point: run the app; an unexpected bug is reported
    briefly (with the traceback only when REPORTGEN_DEBUG is set)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中止，未写入的文件保持原样。")
        sys.exit(130)
    except Exception as error:  # a bug, not a user mistake
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        err.print(Text(f"reportgen 内部错误：{type(error).__name__}: {error}\n请把输入文件和这条信息反馈给维护者（设置 REPORTGEN_DEBUG=1 可显示详细信息）。", style="bold red"))
        sys.exit(EXIT_INTERNAL)
