"""Speed of what a clerk and a county do, measured against the tools they
would use instead (never asserted in a test).

    pip install -e '.[bench]'        # docxtpl and python-docx
    apt-get install pandoc           # optional: the county comparison
    python benchmarks/run.py [--repeat 5] [--towns 1000]

Every comparison runs both sides in the same run, on the same paragraphs (the
example's own: its title, headings and body, as reportgen's document has them),
alternating them so both meet the same machine load; each repetition gives a
ratio, and the script prints the median time of each side and the median
ratio with its min–max over the repetitions. Targets (issue 13):

- in one process, YAML → .docx: ≤ 0.6× python-docx writing the same paragraphs;
- a cold ``render`` of one input: ≤ 1.5× a cold docxtpl render;
- a cold ``validate`` and ``--help``: ≤ 1.2× importing the modules they need;
- a county, ``-j 2`` on 2 cores: ≥ 2× the throughput of pandoc run once per
  file on 2 cores; the largest process's memory flat in the number of towns;
- validate and render linear in the input's size (10× and 100× the example).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "inputs" / "examples" / "zhangqi-2023.yaml"
PY = sys.executable

# What validate and --help truly need: the CLI framework, and for validate the
# library code it runs (for --help, typer's rich help formatter, which needs rich.markdown).
NEEDED = {
    "validate": "import typer, generator.pipeline",
    "--help": "import typer, typer.rich_utils, generator",
}

# The floor of any cold render with the stack the brief names: importing the
# command line (typer), validation (pydantic, one model built), templates
# (Jinja's sandbox), YAML and lxml, and doing nothing else.
STACK = """
import typer, jinja2.sandbox, yaml, lxml.etree
from pydantic import BaseModel
class Input(BaseModel):
    year: int = 2023
"""


def paragraphs(path: Path) -> tuple[str, list[str]]:
    """The title and every other paragraph of the input's draft, as reportgen renders it."""
    from generator.pipeline import build_document, check_file

    document = build_document(check_file(path))
    title = next(b.full for b in document.blocks if b.role == "title")
    return title, [b.full for b in document.blocks if b.role != "title"]


def python_docx(title: str, body: list[str]) -> bytes:
    """The same paragraphs written with python-docx (heading style for the title)."""
    import io

    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for text in body:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_template(folder: Path) -> Path:
    """A docxtpl template: the title, then one paragraph per body paragraph."""
    import docx

    document = docx.Document()
    document.add_heading("{{ title }}", level=0)
    document.add_paragraph("{%p for text in body %}")
    document.add_paragraph("{{ text }}")
    document.add_paragraph("{%p endfor %}")
    path = folder / "template.docx"
    document.save(str(path))
    return path


DOCXTPL_SCRIPT = """
import json, sys
from docxtpl import DocxTemplate
context = json.load(open(sys.argv[2], encoding="utf-8"))
template = DocxTemplate(sys.argv[1])
template.render(context)
template.save(sys.argv[3])
"""

PYTHON_DOCX_SCRIPT = """
import json, sys, docx
context = json.load(open(sys.argv[1], encoding="utf-8"))
document = docx.Document()
document.add_heading(context["title"], level=0)
for text in context["body"]:
    document.add_paragraph(text)
document.save(sys.argv[2])
"""


PEAK_SCRIPT = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, capture_output=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


# Child processes write and use compiled bytecode, as on a clerk's machine
# (pip compiles on install): a shell with PYTHONDONTWRITEBYTECODE set would
# otherwise measure compiling every module from source on every run.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(command: list[str], cwd: Path) -> float:
    """Seconds one run of ``command`` takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True, env=CHILD_ENV)
    return time.perf_counter() - start


def best_of(function: Callable[[], object], runs: int) -> float:
    """The median seconds of ``runs`` calls of ``function``, after one to warm up."""
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


class Table:
    """Rows of name, our time, their time, ratios over repetitions."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def pair(self, name: str, ours: list[float], theirs: list[float], target: str, per: str = "ms", speedup: bool = False) -> None:
        """A paired comparison: ratio per repetition (ours over theirs, or
        theirs over ours for a ``speedup``), median and min–max."""
        ratios = sorted((t / o if speedup else o / t) for o, t in zip(ours, theirs))
        scale = 1000 if per == "ms" else 1
        self.rows.append(
            (
                name,
                f"{statistics.median(ours) * scale:8.1f} {per}",
                f"{statistics.median(theirs) * scale:8.1f} {per}",
                f"{statistics.median(ratios):5.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f})  target {target}",
            )
        )
        print(f"  {name}: {self.rows[-1][3]}", file=sys.stderr, flush=True)

    def note(self, name: str, text: str) -> None:
        """A line without a comparison."""
        self.rows.append((name, "", "", text))
        print(f"  {name}: {text}", file=sys.stderr, flush=True)

    def print(self) -> None:
        """The table, aligned."""
        width = max(len(r[0]) for r in self.rows)
        print(f"{'':<{width}}  {'reportgen':>11}  {'other':>11}  ratio, median (min–max over runs)")
        for name, ours, theirs, ratio in self.rows:
            print(f"{name:<{width}}  {ours:>11}  {theirs:>11}  {ratio}")


def in_process(table: Table, repeat: int, title: str, body: list[str]) -> None:
    """YAML → .docx in one process against python-docx writing the same paragraphs."""
    from generator.pipeline import check_file, render_formats

    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(best_of(lambda: render_formats(check_file(EXAMPLE), ["docx"]), 10))
        theirs.append(best_of(lambda: python_docx(title, body), 10))
    table.pair("in one process: YAML → .docx vs python-docx", ours, theirs, "≤ 0.60")


def cold(table: Table, repeat: int, work: Path) -> None:
    """New processes: render against docxtpl and python-docx; validate and --help against their imports."""
    cli = [PY, "-m", "generator"]
    render = [*cli, "render", EXAMPLE.name, "-o", "out", "-f", "docx", "--force"]
    docxtpl = [PY, "-c", DOCXTPL_SCRIPT, "template.docx", "context.json", "tpl.docx"]
    plain = [PY, "-c", PYTHON_DOCX_SCRIPT, "context.json", "plain.docx"]
    stack = [PY, "-c", STACK]
    runs: dict[str, list[float]] = {k: [] for k in ("render", "docxtpl", "python-docx", "stack", "validate", "--help", *NEEDED)}
    imports = {k: [PY, "-c", v] for k, v in NEEDED.items()}
    for command in (render, docxtpl, plain, stack, *imports.values()):  # warm the file and bytecode caches
        wall(command, work)
    for _ in range(repeat):
        runs["render"].append(wall(render, work))
        runs["docxtpl"].append(wall(docxtpl, work))
        runs["python-docx"].append(wall(plain, work))
        runs["stack"].append(wall(stack, work))
        runs["validate"].append(wall([*cli, "validate", EXAMPLE.name], work))
        runs["needed validate"] = runs.get("needed validate", []) + [wall(imports["validate"], work)]
        runs["--help"].append(wall([*cli, "--help"], work))
        runs["needed --help"] = runs.get("needed --help", []) + [wall(imports["--help"], work)]
    table.pair("cold render .docx vs cold docxtpl", runs["render"], runs["docxtpl"], "≤ 1.50")
    table.pair("cold render .docx vs cold python-docx script", runs["render"], runs["python-docx"], "(for reference)")
    table.pair("  floor: importing the stack vs cold docxtpl", runs["stack"], runs["docxtpl"], "(typer, pydantic, Jinja, PyYAML, lxml)")
    table.pair("  cold render .docx vs that floor", runs["render"], runs["stack"], "(reportgen's own share)")
    table.pair("cold validate vs importing what it needs", runs["validate"], runs["needed validate"], "≤ 1.20")
    table.pair("cold --help vs importing what it needs", runs["--help"], runs["needed --help"], "≤ 1.20")


def county(table: Table, repeat: int, work: Path, towns: int, jobs: int) -> None:
    """``render -j`` over many towns against pandoc once per file, both on ``jobs`` processes."""
    folder = work / "county"
    folder.mkdir()
    examples = sorted((REPO / "inputs" / "examples").glob("*.yaml"))
    subprocess.run(
        [PY, "-m", "generator", "render", *(str(p) for p in examples), "-o", str(work / "md"), "-f", "md"],
        cwd=work, check=True, capture_output=True, env=CHILD_ENV,
    )
    names = []
    for i in range(towns):
        source = examples[i % len(examples)]
        shutil.copy(source, folder / f"{source.stem}-{i:04d}.yaml")
        shutil.copy(work / "md" / f"{source.stem}.md", folder / f"{source.stem}-{i:04d}.md")
        names.append(f"{source.stem}-{i:04d}")
    ours_command = [PY, "-m", "generator", "render", *(f"county/{n}.yaml" for n in names), "-o", "county-out", "-f", "docx", "-j", str(jobs), "--force"]
    pandoc = shutil.which("pandoc")
    ours, theirs = [], []
    for _ in range(repeat):
        ours.append(wall(ours_command, work))
        if pandoc:
            listing = "\n".join(f"county/{n}.md" for n in names).encode()
            start = time.perf_counter()
            subprocess.run(
                ["xargs", "-P", str(jobs), "-I{}", pandoc, "{}", "-o", "{}.docx"], input=listing, cwd=work, check=True, capture_output=True
            )
            theirs.append(time.perf_counter() - start)
    rate = statistics.median(towns / t for t in ours)
    if pandoc:
        # throughput ratio: ours per second over theirs per second = their time over ours
        table.pair(f"{towns} towns -j {jobs}: throughput vs pandoc per file", ours, theirs, "≥ 2.00", per="s", speedup=True)
        table.note("", f"reportgen {rate:.0f} towns/s, pandoc {statistics.median(towns / t for t in theirs):.0f} files/s")
    else:
        table.note(f"{towns} towns -j {jobs}", f"reportgen {rate:.0f} towns/s; pandoc not installed, comparison skipped (apt-get install pandoc)")


def memory(table: Table, work: Path, jobs: int) -> None:
    """The largest process's resident memory rendering 100 and 1000 towns."""
    folder = work / "county"
    names = sorted(p.name for p in folder.glob("*.yaml"))
    peaks = []
    for count in sorted({min(100, len(names)), len(names)}):
        command = [PY, "-m", "generator", "render", *(f"county/{n}" for n in names[:count]), "-o", f"mem-{count}", "-f", "docx", "-j", str(jobs)]
        # a fresh process whose waited-for descendants are reportgen and its workers only
        result = subprocess.run([PY, "-c", PEAK_SCRIPT, *command], cwd=work, check=True, capture_output=True, text=True, env=CHILD_ENV)
        peaks.append((count, int(result.stdout) / 1024))
    table.note("largest process's memory", ", ".join(f"{mb:.0f} MB at {count} towns" for count, mb in peaks) + " (flat)")


def linear(table: Table, work: Path) -> None:
    """Validate and render of the example made 10× and 100× longer (more measures)."""
    import yaml

    from generator.pipeline import check_file, render_formats

    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    times = {}
    for factor in (1, 10, 100):
        grown = dict(data, measures=list(data["measures"]) * factor)  # each area's measures repeated
        path = work / f"x{factor}.yaml"
        path.write_text(yaml.safe_dump(grown, allow_unicode=True), encoding="utf-8")
        times[factor] = best_of(lambda: render_formats(check_file(path), ["txt", "docx"]), 3)
    table.note(
        "linear in size (validate+render)",
        ", ".join(f"{f}×: {times[f] / times[1]:.1f}× the time" for f in (10, 100)) + " (linear: 10×, 100×)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--towns", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-county", action="store_true")
    args = parser.parse_args()
    import json

    load = os.getloadavg()[0]
    print(f"load average at start {load:.2f} on {os.cpu_count()} cores", file=sys.stderr)
    table = Table()
    title, body = paragraphs(EXAMPLE)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "templates", work / "templates")
        shutil.copy(EXAMPLE, work / EXAMPLE.name)
        (work / "context.json").write_text(json.dumps({"title": title, "body": body}, ensure_ascii=False), encoding="utf-8")
        docxtpl_template(work)
        in_process(table, args.repeat, title, body)
        cold(table, args.repeat, work)
        if not args.skip_county:
            county(table, max(1, args.repeat // 2), work, args.towns, args.jobs)
            memory(table, work, args.jobs)
        linear(table, work)
    print(f"\nload average {load:.2f} → {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {len(body) + 1} paragraphs")
    table.print()


if __name__ == "__main__":
    main()
