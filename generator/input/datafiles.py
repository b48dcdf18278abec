"""The data files shipped in ``generator/data/`` (areas, the metric catalog,
wording, block labels), read with libyaml where PyYAML has it: the pure-Python
parser took ~15 ms of every start for the catalog alone."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_data(name: str) -> Any:
    """The YAML data file ``generator/data/<name>`` (safe YAML, as plain data)."""
    text = resources.files("generator").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python
