"""Speed of ``reportgen serve``, measured (not asserted in tests).

    python benchmarks/serve.py [--repeat 30] [--towns 30]

- one live check while the clerk types, server side and warm: the form's
  YAML read with its comments, one metric changed, the text validated and
  checked, the draft rendered to the preview's HTML, the response page
  rendered (what ``POST /api/check`` does, without the network);
- the same request through the ASGI app (form parsing and HTTP framing
  included, still in-process);
- saving (the same, plus the atomic write);
- the dashboard over a county's towns, first (every input checked) and
  again (rows kept until a file changes).

Prints the median wall time of each.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.serve import live  # noqa: E402
from generator.serve.app import create_app  # noqa: E402
from generator.serve.form import apply_fields  # noqa: E402
from generator.serve.safety import TOKEN_HEADER  # noqa: E402
from generator.serve.yamledit import YamlDocument, read_for_edit  # noqa: E402

EXAMPLE = "zhangqi-2023.yaml"
FIELD = "number:" + json.dumps(["metrics", "合同审查", "value"], ensure_ascii=False)


def median_ms(action: Callable[[], object], repeat: int, warm: int = 3) -> float:
    """Median milliseconds of ``action`` after ``warm`` untimed runs."""
    for _ in range(warm):
        action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--towns", type=int, default=30)
    args = parser.parse_args()
    from starlette.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(REPO / "templates", folder / "templates")
        examples = sorted((REPO / "inputs" / "examples").glob("*.yaml"))
        for i in range(args.towns):
            source = examples[i % len(examples)]
            shutil.copy(source, folder / (EXAMPLE if i == 0 else f"{source.stem}-{i:03d}.yaml"))
        shutil.copy(REPO / "inputs" / "examples" / EXAMPLE, folder / EXAMPLE)
        path = folder / EXAMPLE
        text, token = read_for_edit(path)
        app = create_app(folder, token="bench")
        server = app.state.server
        client = TestClient(app, base_url="http://127.0.0.1", headers={TOKEN_HEADER: "bench"})
        values = iter(range(10**6))

        def check() -> str:
            doc = YamlDocument(text, EXAMPLE)
            apply_fields(doc, [(FIELD, str(next(values)))])
            result = live.check_text(path, doc.text())
            return server.pages.get_template("_checked.html").render(result=result)

        def check_http() -> None:
            response = client.post(f"/api/check/{EXAMPLE}", data={"yaml": text, "file_token": token, FIELD: str(next(values))})
            assert response.status_code == 200

        def save() -> None:
            current, current_token = read_for_edit(path)
            response = client.post(
                f"/api/save/{EXAMPLE}", data={"yaml": current, "file_token": current_token, FIELD: str(next(values))}
            )
            assert response.status_code == 200, response.text

        def dashboard_first() -> None:
            server.dashboard._cache.clear()
            assert client.get("/").status_code == 200

        def dashboard_again() -> None:
            assert client.get("/").status_code == 200

        rows = [
            ("live check + preview, server side (warm)", median_ms(check, args.repeat)),
            ("POST /api/check through the app (warm)", median_ms(check_http, args.repeat)),
            ("POST /api/save through the app (warm)", median_ms(save, max(5, args.repeat // 3))),
            (f"dashboard, {args.towns} towns, first", median_ms(dashboard_first, 3, warm=1)),
            (f"dashboard, {args.towns} towns, again", median_ms(dashboard_again, args.repeat)),
        ]
    width = max(len(name) for name, _ in rows)
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.1f} ms")


if __name__ == "__main__":
    main()
