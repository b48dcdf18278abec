"""A pytest plugin: one line asserts that an input still renders what its
stored snapshot says.

Opt-in, with one line in the project's top-level ``conftest.py``::

    pytest_plugins = ["generator.pytest_plugin"]

It is not an entry-point plugin: those load into every pytest run of the
environment, and a project with a ``generator.py`` of its own then cannot
start pytest at all ("'generator' is not a package").

    def test_zhangqi(reportgen_snapshot):
        reportgen_snapshot("inputs/zhangqi-2024.yaml")

Snapshots live in ``tests/snapshots`` under pytest's rootdir (ini option
``reportgen_snapshots``); ``pytest --reportgen-update`` accepts the new
output, as ``reportgen snapshot --update`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

# reportgen itself is imported only when a test asks for the fixture.
UPDATE_OPTION = "--reportgen-update"
DIR_INI = "reportgen_snapshots"


def pytest_addoption(parser: pytest.Parser) -> None:
    """The update switch and where snapshots live."""
    group = parser.getgroup("reportgen", "reportgen 快照")
    group.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="接受本次生成的结果，更新 reportgen 快照文件（同 reportgen snapshot --update）。",
    )
    parser.addini(DIR_INI, "reportgen 快照文件所在的文件夹（相对于 rootdir）。", default="tests/snapshots")


@pytest.fixture
def reportgen_snapshot(request: pytest.FixtureRequest) -> Callable[..., None]:
    """A function that renders an input (a path relative to the rootdir, or
    absolute) and fails the test with a readable diff unless every format
    matches its snapshot."""
    from generator.snapshot import SNAPSHOT_FORMATS, run_snapshots

    config = request.config
    root = Path(config.rootpath)
    directory = root / str(config.getini(DIR_INI))
    update = bool(config.getoption(UPDATE_OPTION))

    def check(input_file: str | Path, formats: Sequence[str] = SNAPSHOT_FORMATS) -> None:
        """Fail the test with the diff unless ``input_file`` renders its snapshots."""
        path = Path(input_file)
        run = run_snapshots([path if path.is_absolute() else root / path], directory, formats, update=update)
        if run.failed:
            pytest.fail("\n".join(str(error) for error in run.failed), pytrace=False)
        if run.differences:
            text = [
                f"{d.file}：还没有快照（运行 pytest {UPDATE_OPTION} 或 reportgen snapshot --update 生成）"
                if d.missing
                else d.diff
                for d in run.differences
            ]
            pytest.fail(
                f"{path} 的生成结果与快照不同：\n" + "\n".join(text)
                + f"\n确认改动无误后，运行 pytest {UPDATE_OPTION} 或 reportgen snapshot --update 接受新的结果。",
                pytrace=False,
            )

    return check
