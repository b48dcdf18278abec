"""The reportgen_snapshot fixture, opted into as any project would."""

from importlib.metadata import entry_points

# An environment installed before the distribution was renamed (reportgen →
# reportgen-fazhi) still loads the plugin through the old entry point, and
# pytest refuses a plugin loaded twice. `pip uninstall reportgen` clears it.
STALE_ENTRY_POINT = any(ep.value == "generator.pytest_plugin" for ep in entry_points(group="pytest11"))

pytest_plugins = [] if STALE_ENTRY_POINT else ["generator.pytest_plugin"]
