"""Speed of what a clerk and a county do, measured (not asserted in tests).

    python benchmarks/run.py [--repeat 5] [--towns 60]

- validate one input, as a clerk does dozens of times while filling it
  (a new process each time: start-up included);
- render one input to .txt and .docx;
- render many inputs in one command, as a county does for all its towns.

Prints the median wall time of each; compare before and after a change on
the same machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "inputs" / "examples" / "zhangqi-2023.yaml"


def timed(command: list[str], cwd: Path, repeat: int) -> float:
    """Median seconds of ``command`` over ``repeat`` runs (it must succeed)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--towns", type=int, default=60)
    args = parser.parse_args()
    cli = [sys.executable, "-m", "generator"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "templates", work / "templates")
        towns = work / "towns"
        towns.mkdir()
        examples = sorted((REPO / "inputs" / "examples").glob("*.yaml"))
        for i in range(args.towns):
            source = examples[i % len(examples)]
            shutil.copy(source, towns / f"{source.stem}-{i:03d}.yaml")
        shutil.copy(EXAMPLE, work / EXAMPLE.name)
        rows = [
            ("validate, one input (new process)", timed([*cli, "validate", EXAMPLE.name], work, args.repeat)),
            ("render txt, one input", timed([*cli, "render", EXAMPLE.name, "-o", "out1", "-f", "txt", "--force"], work, args.repeat)),
            ("render txt+docx, one input", timed([*cli, "render", EXAMPLE.name, "-o", "out2", "--force"], work, args.repeat)),
        ]
        inputs = [str(p.relative_to(work)) for p in sorted(towns.glob("*.yaml"))]
        total = timed([*cli, "render", *inputs, "-o", "county", "--force"], work, max(1, args.repeat // 2))
        rows.append((f"render txt+docx, {args.towns} towns in one command", total))
        rows.append(("  per town", total / args.towns))
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
