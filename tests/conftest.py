"""Hypothesis explores new random inputs on a developer's machine, but runs
the same examples on every CI run (the CI environment variable set), so a
red CI is never a roll of the dice."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") else "dev")
