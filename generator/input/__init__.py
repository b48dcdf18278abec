"""Reading an input: bytes and YAML with positions, YAML slips explained,
the pydantic model and its Chinese errors, the metric catalog, the 纲要
areas, and the locality chain (locality.yaml) an input belongs to.
``entrance.read_input`` is the one way in: every command reads an input there."""
