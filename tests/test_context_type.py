"""The templates' context is exactly what its type says: nothing smuggled
in beside it (the gaps and unplaced metrics travel outside it)."""

from pathlib import Path

from generator.input.loading import load
from generator.render.templating import yoy_wording
from generator.report.context import Derived, ReportView, TemplateContext, build_context
from tests.helpers import MINIMAL, REPO, write_yaml


def test_the_context_has_the_keys_of_its_type(tmp_path: Path) -> None:
    for source in (load(write_yaml(tmp_path, MINIMAL)), load(REPO / "inputs" / "examples" / "zhangqi-2023.yaml")):
        derived = build_context(source.report, wording=yoy_wording())
        assert isinstance(derived, Derived)
        assert set(derived.context) == TemplateContext.__required_keys__
        assert set(derived.context["report"]) == ReportView.__required_keys__
    assert "gaps" not in derived.context and all(gap.mark.startswith("【待填：") for gap in derived.gaps)
