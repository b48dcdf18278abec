"""The command line: a thin typer app, one library call per command.

Exit status: 0 ok; 1 the input, a template or the output has problems the
user can fix (each printed in Chinese, never as a traceback); 2 wrong usage.

No ``from __future__ import annotations`` here: typer reads every command's
annotations at each start, and string annotations cost it a compile each.
"""

import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from typer.core import TyperGroup
from generator import __version__, i18n
from generator.errors import Finding, UserError, WrongUsage, quote_arg, reason
from generator.terminal import Stream

i18n.install()

err = Stream(stderr=True)
out = Stream(stderr=False)

EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3

_STYLE = {"error": "bold red", "warning": "yellow", "note": "green"}


class Interrupted(BaseException):
    """Ctrl-C. Not a KeyboardInterrupt, which typer turns into a silent exit 130
    before the message below could say that nothing half-written was left."""


INTERRUPTED_TEXT = "已中止，未写入的文件保持原样。"


class _Boundary(TyperGroup):
    """The one place an error a clerk can fix becomes a message and an exit
    status: every command raises, only this prints."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as error:
            _print_findings(error.findings)
            raise typer.Exit(EXIT_PROBLEM) from None
        except WrongUsage as error:
            _usage_error(error.message)
        except (KeyboardInterrupt, Interrupted):
            err.print(INTERRUPTED_TEXT)
            raise typer.Exit(EXIT_INTERRUPTED) from None


app = typer.Typer(
    cls=_Boundary,
    name="reportgen",
    help="reportgen：根据 YAML 输入文件，生成法治政府建设年度报告草稿（.txt、.docx 等）。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    options_metavar=i18n.OPTIONS_METAVAR,
    subcommand_metavar=i18n.SUBCOMMAND_METAVAR,
)

def _print_findings(findings: list[Finding]) -> None:
    for finding in findings:
        err.print(finding.format(), style=_STYLE[finding.severity])


def _usage_error(message: str) -> NoReturn:
    """Wrong use of a command: say so in Chinese and exit 2."""
    err.print(f"错误：{message}", style="bold red")
    raise typer.Exit(EXIT_USAGE)


def _write(files: dict[Path, bytes], *, force: bool) -> None:
    from generator.output import write_files

    write_files(files, force=force)


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


@app.command(short_help="生成一个带中文说明的输入文件，或从去年的输入文件开始。", options_metavar=i18n.OPTIONS_METAVAR)
def init(
    out_file: Annotated[Optional[Path], typer.Argument(help="要生成的 YAML 文件（默认为 report.yaml；用 --from 时为上年度文件名中的年份换成新年度）。", metavar="输出.yaml", show_default=False)] = None,
    locality: Annotated[Optional[str], typer.Option("--locality", help="地方或单位名称，如“掌起镇”（默认“某某镇”，用 --templates 时为地方模板中的名称）。", metavar="名称", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="报告年度，默认为上一年（10月起为当年）；用 --from 时默认为上年度文件的下一年。", metavar="年度", show_default=False)] = None,
    templates: Annotated[Optional[str], typer.Option("--templates", help="地方模板文件夹名，如 zhangqi：署名、指导文件和各小节标题沿用该文件夹的写法。", metavar="文件夹名", show_default=False)] = None,
    from_file: Annotated[Optional[Path], typer.Option("--from", help="从上年度的输入文件开始：沿用基本信息，指标数值移作上年数，上年度的安排和不足逐条列出待回应，举措原文留作改写参考。", metavar="上年度.yaml", show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一个输入文件（每一项都有中文说明），并在同一文件夹写出供编辑器使用的 report.schema.json。

    用 --from 时，根据上年度的输入文件生成本年度的输入文件。
    """
    from generator.init import new_input, write_new_input

    new = new_input(out_file, locality=locality, year=year, templates=templates, from_file=from_file)
    for note in new.notes:
        err.print(note, style="yellow")
    write_new_input(new, force=force)
    out.print(f"已生成 {new.path}（以及 {new.schema_path.name}）。请填写后运行：reportgen validate {quote_arg(new.path)}")


@app.command(short_help="检查输入文件，列出错误、警告和待填项（带行号）。", options_metavar=i18n.OPTIONS_METAVAR)
def validate(files: FilesArg, strict: StrictOpt = False) -> None:
    """检查输入文件：列出所有错误、警告和待填项（带行号）。有错误时退出码为 1。"""
    from generator.pipeline import check_file

    failed = False
    for path in files:
        try:
            checked = check_file(path)
        except UserError as error:
            _print_findings(error.findings)
            failed = True
            continue
        _print_findings(checked.findings)
        gaps = checked.gap_findings()
        for gap in gaps:
            err.print(gap.format().replace("警告：待填", "待填"), style="cyan")
        problems = bool(checked.errors) or strict and (bool(checked.warnings) or bool(gaps))
        summary = f"{path}: 错误 {len(checked.errors)} 个，警告 {len(checked.warnings)} 个，待填 {len(gaps)} 处"
        out.print(summary + ("。" if problems else "，可以生成草稿。" if gaps or not strict else "，可以定稿。"))
        failed = failed or problems
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


@app.command(short_help="生成报告草稿（.txt、.docx、.md、.html、.pdf）。", options_metavar=i18n.OPTIONS_METAVAR)
def render(
    files: FilesArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件夹。", metavar="文件夹")] = Path("output"),
    formats: Annotated[str, typer.Option("-f", "--formats", help="输出格式，用逗号分隔：txt,docx,md,html,pdf。", metavar="格式")] = "txt,docx",
    strict: StrictOpt = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖在上次生成后被手工修改过的文件。")] = False,
    jobs: Annotated[Optional[int], typer.Option("-j", "--jobs", help="同时生成的份数（一次生成多个乡镇时用），默认为本机的处理器核数。", metavar="份数", show_default=False)] = None,
) -> None:
    """生成报告草稿：每个输入文件生成 文件夹/<文件名>.<格式>。

    一次生成多个输入文件时（如全县各乡镇），在本机各处理器核上同时进行；某个文件出错不影响其他文件，最后汇总结果。"""
    from contextlib import closing

    from generator.batch import Tally, default_jobs, render_many
    from generator.pipeline import distinct_outputs
    from generator.render.writers import FORMATS

    wanted = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        _usage_error(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}。可用的格式：{','.join(FORMATS)}")
    if jobs is not None and jobs < 1:
        _usage_error(f"-j {jobs}：同时生成的份数至少为 1。")
    files = distinct_outputs(files)
    tally = Tally()
    outcomes = render_many(files, output, wanted, strict=strict, force=force, jobs=jobs or default_jobs())
    try:
        with closing(outcomes), _progress(len(files)) as advance:
            for outcome in outcomes:
                tally.add(outcome)
                _print_findings(outcome.findings)
                if not outcome.failed:
                    out.print(f"已生成：{'、'.join(str(p) for p in outcome.written)}")
                    if outcome.gaps:
                        out.print(f"  草稿中还有 {outcome.gaps} 处【待填】，运行 reportgen validate {quote_arg(outcome.path)} 可逐条查看。")
                advance()
    except (KeyboardInterrupt, Interrupted):
        done = tally.rendered + len(tally.failed)
        err.print(f"已中止：{len(files)} 个输入文件中已处理 {done} 个，其余未生成；已写出的文件都是完整的，生成记录已更新。")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if len(files) > 1:
        out.print(
            f"共 {len(files)} 个输入文件：已生成 {tally.rendered} 个（其中 {tally.with_gaps} 个还有【待填】），失败 {len(tally.failed)} 个。"
        )
        if tally.failed:
            out.print(f"未能生成：{'、'.join(str(p) for p in tally.failed)}")
    if tally.failed:
        raise typer.Exit(EXIT_PROBLEM)


PROGRESS_FROM = 5  # inputs: fewer finish before a bar would be worth drawing


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on the terminal while many inputs render (none when the
    output is piped, redirected or in CI); yields the function that advances it.
    While it shows, everything printed goes through its console, above the bar."""
    global out
    if total < PROGRESS_FROM or not err.is_terminal or os.environ.get("CI"):
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    printing = out
    bar = Progress(
        TextColumn("生成中"), BarColumn(), MofNCompleteColumn(), TextColumn("剩余"), TimeRemainingColumn(),
        console=err.console(), transient=True,
    )
    task = bar.add_task("", total=total)
    with bar:
        out = err
        try:
            yield lambda: bar.advance(task)
        finally:
            out = printing


@app.command(short_help="输出输入文件的 JSON Schema，供编辑器提示和检查。", options_metavar=i18n.OPTIONS_METAVAR)
def schema(
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="写入的文件；不写则输出到屏幕。", metavar="文件")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖不是 reportgen 写出的同名文件。")] = False,
) -> None:
    """输出输入文件的 JSON Schema（含中文说明），供 VS Code 等编辑器在填写时提示和检查。"""
    from generator.skeleton import schema_json

    text = schema_json()
    if output is None:
        sys.stdout.write(text)
        return
    _write({output: text.encode("utf-8")}, force=force)
    out.print(f"已写出 {output}。在 YAML 文件第一行写上 # yaml-language-server: $schema={output.name} 即可在 VS Code 中使用。")


locality_app = typer.Typer(
    help="地方模板：新建本地的模板文件夹，查看各部分来自哪个文件。",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=i18n.OPTIONS_METAVAR,
    subcommand_metavar=i18n.SUBCOMMAND_METAVAR,
)
app.add_typer(locality_app, name="locality")


@locality_app.command("new", options_metavar=i18n.OPTIONS_METAVAR)
def locality_new(
    slug: Annotated[str, typer.Argument(help="新文件夹的名称，建议用拼音，如 zhangqi。", metavar="文件夹名", show_default=False)],
    name: Annotated[Optional[str], typer.Option("--name", help="地方名称，如“掌起镇”；不写则用文件夹名。", metavar="名称")] = None,
    extends: Annotated[Optional[str], typer.Option("--extends", help="上级地方模板的文件夹名，如 cixi：本地没写的沿用上级的。", metavar="上级")] = None,
    directory: Annotated[Path, typer.Option("--dir", help="地方模板文件夹所在的位置。", metavar="文件夹")] = Path("templates/localities"),
) -> None:
    """新建地方模板文件夹（附中文示例）；不修改时，生成的报告与上级完全相同。

    文件夹中有 locality.yaml（本地的署名、指导文件等默认值）、report.j2（改写报告的某一块）和一个部分模板，
    各种改法都有注释掉的示例。"""
    from generator.scaffold import check_slug, new_locality

    try:
        check_slug(slug)
        if extends:
            check_slug(extends)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    written = new_locality(slug, name or slug, extends, directory)
    out.print(f"已新建地方模板 {directory / slug}：{'、'.join(p.name for p in written)}")
    out.print(f"在输入文件的 report 下写一行 templates: {slug} 即可使用；运行 reportgen locality show 输入文件.yaml 可查看各部分来自哪个文件。")


@locality_app.command("show", options_metavar=i18n.OPTIONS_METAVAR)
def locality_show(
    file: Annotated[Path, typer.Argument(help="YAML 输入文件。", metavar="文件.yaml", show_default=False)],
) -> None:
    """列出报告的每一块、每项默认值来自哪个模板文件，要改哪里一目了然。

    按输入文件使用的地方模板（本地、上级……默认模板）逐层查找，列出每一块、每个部分模板和每项默认值所在的文件和行号。"""
    from generator.explain import explain, explanation_lines

    for line in explanation_lines(explain(file), file):
        out.print(line)


@app.command(short_help="回归测试：生成结果与保存的快照比较。", options_metavar=i18n.OPTIONS_METAVAR)
def snapshot(
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(help="要检查的 YAML 输入文件；不写则检查 inputs/ 中（含子文件夹）的全部。", metavar="文件.yaml", show_default=False),
    ] = None,
    update: Annotated[bool, typer.Option("--update", help="接受本次生成的结果，更新快照文件。")] = False,
    directory: Annotated[Path, typer.Option("--dir", help="快照文件所在的文件夹。", metavar="文件夹")] = Path("tests/snapshots"),
    formats: Annotated[str, typer.Option("-f", "--formats", help="比较的格式，用逗号分隔：txt,md,html,docx。", metavar="格式")] = "txt,md,html,docx",
) -> None:
    """回归测试：重新生成每个输入文件，与保存的快照比较并显示差异。

    逐字比较 .txt、.md、.html 和 .docx（对比排版后的文档 XML）；有不同时逐行显示差异，退出码为 1。
    确认改动无误后加 --update 接受新的结果。"""
    from generator.snapshot import DEFAULT_INPUTS, SNAPSHOT_FORMATS, default_inputs, run_report, run_snapshots

    wanted = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in SNAPSHOT_FORMATS]
    if unknown or not wanted:
        _usage_error(f"快照不支持的格式：{'、'.join(unknown) or '（空）'}。可用的格式：{','.join(SNAPSHOT_FORMATS)}")
    inputs = list(files or default_inputs(DEFAULT_INPUTS))
    if not inputs:
        err.print(f"错误：{DEFAULT_INPUTS}/ 中没有 YAML 输入文件。\n    提示：请在仓库的根文件夹运行，或写明要检查的文件。", style="bold red")
        raise typer.Exit(EXIT_PROBLEM)
    run = run_snapshots(inputs, directory, wanted, update=update, report_unused=not files)
    for error in run.failed:
        _print_findings(error.findings)
    for line in run_report(run, inputs=len(inputs), update=update):
        (err if line.stderr else out).print(line.text, style=line.style)
    if not run.ok:
        raise typer.Exit(EXIT_PROBLEM)


@app.command(short_help="对比两个年度的指标，以及还没有回应的安排和不足。", options_metavar=i18n.OPTIONS_METAVAR)
def diff(
    old_file: Annotated[Path, typer.Argument(help="上年度的 YAML 输入文件。", metavar="上年度.yaml", show_default=False)],
    new_file: Annotated[Path, typer.Argument(help="本年度的 YAML 输入文件。", metavar="本年度.yaml", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="输出格式：table（屏幕上的表格）、csv（可用 Excel 打开）、md（Markdown）。写入文件时默认按文件扩展名选择。", metavar="格式")] = "table",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="写入的文件；不写则输出到屏幕。", metavar="文件")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖不是 reportgen 写出的同名文件。")] = False,
) -> None:
    """对比两个年度：每项指标的上年数、本年数、增减和增减幅度（比率按百分点），
    以及上年度安排和不足中还没有回应的条目、新增和不再填报的指标。"""
    from generator import diffing
    fmt = fmt.strip().lower()
    if fmt == "table" and output is not None:
        fmt = {".csv": "csv", ".md": "md"}.get(output.suffix.lower(), fmt)
    if fmt not in diffing.FORMATS:
        _usage_error(f"不支持的格式：{fmt}。可用的格式：{'、'.join(diffing.FORMATS)}")
    if fmt == "table" and output is not None:
        _usage_error("表格只能显示在屏幕上；写入文件请用 --format csv 或 --format md（或使用 .csv、.md 扩展名）。")
    result = diffing.diff_files(old_file, new_file)
    _print_findings(result.warnings)
    if fmt == "table":
        diffing.print_table(result, out.console())
        return
    text = diffing.render(result, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    # A byte-order mark lets Excel open a CSV of Chinese text without garbling it.
    data = ("\ufeff" if fmt == "csv" else "") + text
    _write({output: data.encode("utf-8")}, force=force)
    out.print(f"已写出 {output}。")


# What the imported YAML did about each kind of slip in the source.
_IMPORT_FIXED = {
    "编号跳号": "YAML 中已按正确的结构写入（序号由模板生成）。",
    "编号缺失": "YAML 中已按正确的结构写入（序号由模板生成）。",
    "编号混用": "YAML 中已按正确的结构写入（序号由模板生成）。",
    "单条编号": "YAML 中已按正确的结构写入（只有一条时不编号）。",
    "标题年份": "YAML 中标题的年份写作 {年度}、{下一年度}，由报告年度计算。",
    "纲要年份": "YAML 中已改正。",
    "发文字号括号": "YAML 中已改正。",
    "日期补零": "YAML 中已改正。",
    "万与万元": "YAML 中已改正。",
}


@app.command("import", short_help="从已发布的报告（.docx、网页、.txt）生成输入文件。", options_metavar=i18n.OPTIONS_METAVAR)
def import_(
    file: Annotated[Path, typer.Argument(help="已发布的报告：.docx、.html/.htm（网页另存的文件）、.txt 或 .md。", metavar="报告文件", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="要写出的 YAML 文件（默认与报告同名、扩展名为 .yaml）。", metavar="输出.yaml")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
) -> None:
    """从已发布的报告（如去年的 Word 文件或政府网站上的网页）生成输入文件：标题、署名、各部分和小节照原文写入，数字写成指标。

    推测的地方在 YAML 中标注“请核对”；原文中的疏漏（如序号重复、年份写错）列在屏幕上，YAML 中已按正确的结构写入。"""
    from generator.importing.importer import default_output, import_report

    imported = import_report(file)
    target = output or default_output(file)
    _write({target: imported.text.encode("utf-8")}, force=force)
    _print_findings(imported.notes)
    _print_findings([Finding("warning", f"原文疏漏：{f.message}", file=f.file, line=f.line, hint=_IMPORT_FIXED.get(f.rule, "请在 YAML 中核对这一处。")) for f in imported.slips])
    out.print(f"已生成 {target}：{imported.metrics} 项指标。")
    if imported.unsure:
        out.print(f"有 {len(imported.unsure)} 处是推测的，已在 YAML 中标注“请核对”：")
        for line in imported.unsure:
            out.print(f"  {line}")
    if imported.lost:
        out.print("与原文写法不同之处（已写在 YAML 开头的说明中）：")
        for line in imported.lost:
            out.print(f"  {line}")
    out.print(f"请核对后运行：reportgen validate {quote_arg(target)}；明年一月可用 reportgen init --from {quote_arg(target)} 开始下一年度的报告。")


@app.command(short_help="检查任何一份报告的序号、年份、标点和公文版面。", options_metavar=i18n.OPTIONS_METAVAR)
def lint(
    files: Annotated[list[Path], typer.Argument(help="一个或多个报告文件：.docx、.html、.txt、.md，或 YAML 输入文件（检查其生成的草稿）；也可以是文件夹（检查其中所有的报告）。", metavar="文件...", show_default=False)],
    fmt: Annotated[str, typer.Option("--format", help="输出格式：text（逐条中文说明）或 json（供脚本使用）。", metavar="格式")] = "text",
    fix: Annotated[bool, typer.Option("--fix", help="把可以自动改正的问题（标点、发文字号括号、序号等）改正后另存为“原文件名.fixed”，不改动原文件。")] = False,
) -> None:
    """检查任何一份报告（自己的或别人的）：序号、年份、标点、用语、必备部分，.docx 还检查公文版面。有错误时退出码为 1。"""
    import json

    from generator.lint.linting import lint_file, lint_targets

    fmt = fmt.strip().lower()
    if fmt not in ("text", "json"):
        _usage_error(f"不支持的格式：{fmt}。可用的格式：text、json")
    failed = False
    collected: list[Finding] = []
    targets = lint_targets(files)
    if not targets:
        err.print("错误：文件夹中没有可检查的报告（.docx、.html、.htm、.txt、.md 或 .yaml 文件）。", style="bold red")
        raise typer.Exit(EXIT_PROBLEM)
    for path in targets:
        try:
            result = lint_file(path, fix=fix)
        except UserError as error:
            failed = True
            collected += error.findings
            if fmt == "text":
                _print_findings(error.findings)
            continue
        failed = failed or bool(result.errors)
        collected += result.findings
        if fix and result.fixed is not None and result.fixed_path is not None:
            _write({result.fixed_path: result.fixed}, force=False)
        if fmt == "text":
            _print_findings(result.findings)
            warnings = len(result.findings) - len(result.errors)
            out.print(f"{path}: 错误 {len(result.errors)} 个，警告 {warnings} 个" + ("。" if result.findings else "，没有发现问题。"))
            if fix and result.fixed_path is not None:
                out.print(f"  已把可自动改正的问题改正后写入 {result.fixed_path}（原文件未改动）。")
    if fmt == "json":
        sys.stdout.write(json.dumps([f.as_dict() for f in collected], ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(EXIT_PROBLEM)


@app.command(short_help="在浏览器中填写、检查和预览报告。", options_metavar=i18n.OPTIONS_METAVAR)
def serve(
    folder: Annotated[Path, typer.Argument(help="放输入文件（.yaml）的文件夹，含子文件夹（默认为当前文件夹）。", metavar="文件夹")] = Path("."),
    host: Annotated[str, typer.Option("--host", help="监听的地址。默认只有本机能访问；写其他地址（如 0.0.0.0）时同一网络中的人都能访问，会显示警告。", metavar="地址")] = "127.0.0.1",
    port: Annotated[Optional[int], typer.Option("--port", help="端口（默认自动选一个空闲端口）。", metavar="端口", show_default=False)] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="不自动打开浏览器。")] = False,
) -> None:
    """在浏览器中填写和检查：全部报告一览，逐份用表单填写，边填边检查、预览，保存回 YAML 文件。"""
    from generator.serve.server import run

    if port is not None and not 1 <= port <= 65535:
        _usage_error(f"--port {port} 不是有效的端口（1–65535）。")
    try:
        run(folder, host, port, open_browser=not no_browser, say=out.print)
    except OSError as error:
        err.print(f"错误：无法在 {host}:{port or '（自动）'} 上启动：{reason(error)}\n    提示：换一个端口（--port）或地址（--host）。", style="bold red")
        raise typer.Exit(EXIT_PROBLEM) from None


def _interrupted(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    """Console-script entry point: run the app; an unexpected bug is reported
    briefly (with the traceback only when REPORTGEN_DEBUG is set)."""
    signal.signal(signal.SIGINT, _interrupted)
    # pydantic plugins (observability tools) are not loaded: finding them
    # reads every installed package's metadata at each start.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app()
    except (KeyboardInterrupt, Interrupted):  # before or after a command runs
        err.print(INTERRUPTED_TEXT)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as error:  # a bug, not a user mistake
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        err.print(f"reportgen 内部错误：{type(error).__name__}: {error}\n请把输入文件和这条信息反馈给维护者（设置 REPORTGEN_DEBUG=1 可显示详细信息）。", style="bold red")
        sys.exit(EXIT_INTERNAL)
