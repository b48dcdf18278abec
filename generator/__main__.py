"""``python -m generator``: the same as the ``reportgen`` command."""

from generator.cli import main

main()
