"""The reportgen_snapshot fixture, opted into as any project would; and
hypothesis settings: new random inputs on a developer's machine, the same
examples on every CI run (the CI environment variable set), so a red CI is
never a roll of the dice."""

import os
import shutil
import tempfile
from importlib.metadata import entry_points

from hypothesis import settings

from generator.render.bytecode import CACHE_ENV

# An environment installed before the distribution was renamed (reportgen →
# reportgen-fazhi) still loads the plugin through the old entry point, and
# pytest refuses a plugin loaded twice. `pip uninstall reportgen` clears it.
STALE_ENTRY_POINT = any(ep.value == "generator.pytest_plugin" for ep in entry_points(group="pytest11"))

# pytester runs a locality's own test suite in this process (tests/test_snapshot.py).
pytest_plugins = ["pytester"] + ([] if STALE_ENTRY_POINT else ["generator.pytest_plugin"])

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Compiled templates go to a cache folder of this test run (of each xdist
# worker), not the user's ~/.cache/reportgen: a run neither loads what
# another run or a reportgen command left there nor leaves anything behind.
# Set before collection, so before any test module renders; processes the
# tests start inherit it.
_template_cache: list[str] = []


def pytest_configure() -> None:
    _template_cache.append(tempfile.mkdtemp(prefix="reportgen-test-cache-"))
    os.environ[CACHE_ENV] = _template_cache[-1]


def pytest_unconfigure() -> None:
    for folder in _template_cache:
        shutil.rmtree(folder, ignore_errors=True)
