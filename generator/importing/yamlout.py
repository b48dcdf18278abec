"""The imported input as YAML text a clerk reads: the keys in the model's
order, paragraphs as literal blocks, and a comment at each line import is
unsure of."""

from __future__ import annotations

from generator.input.yamltext import YamlText

Path_ = tuple[str | int, ...]


def write_yaml(data: dict, notes: dict[Path_, str], header: list[str]) -> str:
    """``data`` as YAML, ``header`` as comment lines on top, each note as a
    comment on its key's line (a note on a list item on its first line)."""
    out = YamlText()
    for line in header:
        out.comment(0, line)
    for key, value in data.items():
        out.blank()
        _emit(out, 0, key, value, (key,), notes)
    return out.text()


def _is_flat(value: object) -> bool:
    return isinstance(value, dict) and len(value) <= 6 and all(isinstance(v, (str, int, float)) and (not isinstance(v, str) or len(v) <= 20) for v in value.values())


def _emit(out: YamlText, indent: int, key: str, value: object, path: Path_, notes: dict[Path_, str], *, item: bool = False) -> None:
    comment = notes.get(path, "")
    if isinstance(value, dict) and list(value) == ["value"]:
        value = value["value"]  # a metric with nothing but its value: the short form
    if isinstance(value, (dict, list)) and not value:
        out.entry(indent, key, value, comment, item=item)  # {} or []
        return
    if isinstance(value, dict):
        if _is_flat(value) and key == "parts":  # a metric's breakdown on one line, in the report's order
            out.lines.append(" " * indent + ("- " if item else "") + f"{key}: " + _flow(value))
            return
        out.entry(indent, key, None, comment, item=item)
        for k, v in value.items():
            _emit(out, indent + (4 if item else 2), k, v, (*path, k), notes)
        return
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            out.entry(indent, key, None, comment, item=item)
            for v in value:
                out.item(indent + (4 if item else 2), v)
            return
        out.entry(indent, key, None, comment, item=item)
        base = indent + (4 if item else 2)
        for i, element in enumerate(value):
            _emit_item(out, base, element, (*path, i), notes)
        return
    block = isinstance(value, str) and (len(value) > 40 or "\n" in value)
    out.entry(indent, key, value, comment, item=item, block=block)


def _emit_item(out: YamlText, indent: int, element: object, path: Path_, notes: dict[Path_, str]) -> None:
    if not isinstance(element, dict) or not element:
        out.item(indent, element, notes.get(path, ""))
        return
    if path[:1] == ("metric_definitions",):
        # One line a definition, its keys in the model's order.
        out.lines.append(" " * indent + "- " + _flow(element))
        return
    first = True
    for k, v in element.items():
        key_path = (*path, k)
        if first and path in notes and key_path not in notes:
            notes = {**notes, key_path: notes[path]}
        _emit(out, indent if first else indent + 2, k, v, key_path, notes, item=first)
        first = False


def _flow(mapping: dict) -> str:
    """A flow mapping keeping the keys' order, quoted where flow style needs it ([ ] { } ,)."""
    import yaml

    return yaml.safe_dump(mapping, allow_unicode=True, default_flow_style=True, sort_keys=False, width=float("inf")).strip()
