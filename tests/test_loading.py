"""Reading inputs: encodings, YAML mistakes and model errors, in Chinese with lines."""

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import InputError, UserError
from generator.input import loading
from generator.input.loading import load
from tests.helpers import MINIMAL, REPO, write_yaml


def messages(error: UserError) -> list[str]:
    return [f.format() for f in error.findings]


def test_minimal_input_loads(tmp_path: Path) -> None:
    source = load(write_yaml(tmp_path, MINIMAL))
    assert source.report.report.locality == "某某镇"
    assert source.report.report.year == 2023
    assert source.line_of(("report", "year")) == 4


def test_short_metric_forms(tmp_path: Path) -> None:
    source = load(
        write_yaml(
            tmp_path,
            MINIMAL
            + """\
metrics:
  合同审查: 51
  主动公开: "800余"
  调解金额: "约120"
  普法活动: "50多"
  依申请公开: "6"
  法律咨询:
""",
        )
    )
    metrics = source.report.metrics
    assert (metrics["合同审查"].value, metrics["合同审查"].approx) == (51, None)
    assert (metrics["主动公开"].value, metrics["主动公开"].approx) == (800, "余")
    assert (metrics["调解金额"].value, metrics["调解金额"].approx) == (120, "约")
    assert (metrics["普法活动"].value, metrics["普法活动"].approx) == (50, "多")
    assert metrics["依申请公开"].value == 6
    assert metrics["法律咨询"].value is None


def test_gbk_file_is_read_with_a_note(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, MINIMAL, encoding="gbk")
    source = load(path)
    assert source.report.report.locality == "某某镇"
    assert any("GBK" in note.message for note in source.notes)


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert load(path).notes == []


def test_typo_in_key_suggests_the_right_one(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, MINIMAL.replace("issuers:", "isuers:"))
    with pytest.raises(InputError) as caught:
        load(path)
    (finding,) = caught.value.findings
    assert finding.line == 5
    assert "不认识的键“isuers”" in finding.message
    assert "issuers" in finding.hint


def test_all_model_errors_are_collected_with_lines(tmp_path: Path) -> None:
    text = MINIMAL.replace("level: 镇", "level: 乡镇").replace("year: 2023", "year: 二〇二三") + "metrics:\n  合同审查: -1\n"
    with pytest.raises(InputError) as caught:
        load(write_yaml(tmp_path, text))
    found = {(f.line, f.message) for f in caught.value.findings}
    assert (3, "“层级”只能填写：乡、镇、街道、县、区、市、部门") in found
    assert (4, "“报告年度”应填写整数") in found
    assert (8, "“合同审查”的“本年度数值”不能是负数") in found


def test_yes_is_not_a_number(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不能填写“是/否”"):
        load(write_yaml(tmp_path, MINIMAL + "metrics:\n  合同审查: yes\n"))


def test_full_width_colon_gets_a_hint(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n  合同审查： 51\n  主动公开: 3\n"
    with pytest.raises(UserError) as caught:
        load(write_yaml(tmp_path, text))
    finding = caught.value.findings[0]
    assert finding.line == 8
    assert "全角冒号" in finding.hint


def test_tab_indentation_gets_a_hint(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n\t合同审查: 51\n"
    with pytest.raises(UserError) as caught:
        load(write_yaml(tmp_path, text))
    assert caught.value.findings[0].line == 8
    assert "Tab" in caught.value.findings[0].hint


def test_duplicate_key_is_an_error(tmp_path: Path) -> None:
    text = MINIMAL + "metrics:\n  合同审查: 51\n  合同审查: 52\n"
    with pytest.raises(InputError) as caught:
        load(write_yaml(tmp_path, text))
    assert caught.value.findings[0].line == 9
    assert "重复" in caught.value.findings[0].message


def test_impossible_date_is_explained(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(write_yaml(tmp_path, MINIMAL.replace("2024-02-26", "2024-13-01")))
    assert caught.value.findings[0].line == 6
    assert "不是有效的日期" in caught.value.findings[0].message


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到"):
        load(tmp_path / "nope.yaml")
    with pytest.raises(UserError, match="为空"):
        load(write_yaml(tmp_path, ""))


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i-1}"] * 10) + "]")
    with pytest.raises(UserError, match="过于庞大"):
        load(write_yaml(tmp_path, "\n".join(lines) + "\n"))


@pytest.mark.parametrize("written", ["2024年2月26日", "2024.2.26", "2024/02/26", "2024-2-26"])
def test_dates_as_a_clerk_writes_them(tmp_path: Path, written: str) -> None:
    source = load(write_yaml(tmp_path, MINIMAL.replace("2024-02-26", written)))
    assert source.report.report.date.isoformat() == "2024-02-26"


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    from generator.input.loading import MAX_BYTES

    path = tmp_path / "huge.yaml"
    path.write_bytes(MINIMAL.encode("utf-8") + b"#" * (MAX_BYTES + 1))
    with pytest.raises(UserError, match="文件过大"):
        load(path)


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = "metrics:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60)) + "  " * 61 + "v: 1\n"
    with pytest.raises(UserError, match="嵌套过深"):
        load(write_yaml(tmp_path, MINIMAL + deep))


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "too-large"])
def test_only_a_regular_file_up_to_the_limit_is_read(tmp_path: Path, kind: str) -> None:
    """/dev/zero says its size is 0 and never ends; a FIFO blocks forever."""
    import os

    from generator.input.loading import MAX_BYTES

    if kind == "dev-zero":
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero")
    elif kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
    else:
        path = tmp_path / "big.yaml"
        path.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    with pytest.raises(UserError) as caught:
        load(path)
    assert caught.value.finding.message.startswith("这不是普通文件" if kind != "too-large" else "文件过大")


def test_negative_zero_is_plain_zero(tmp_path: Path) -> None:
    """-0.0 would be written "-0份" in the draft."""
    import math

    source = load(write_yaml(tmp_path, MINIMAL + "metrics:\n  合同审查: -0.0\n"))
    value = source.report.metrics["合同审查"].value
    assert value == 0 and math.copysign(1, value) == 1


def test_a_folder_named_like_an_input_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "report.yaml").mkdir()
    with pytest.raises(UserError, match="这是一个文件夹"):
        load(tmp_path / "report.yaml")


# --- libyaml and the pure-Python loader agree -----------------------------------

def texts() -> list[tuple[str, str]]:
    """(name, text) of every example and bad input that decodes to text."""
    found = []
    for path in sorted([*(REPO / "inputs" / "examples").glob("*.yaml"), *(REPO / "tests" / "bad_inputs").glob("*.yaml")]):
        try:
            found.append((path.name, loading.decode(path.read_bytes(), path.name)[0]))
        except UserError:
            continue  # a Word file, bytes of no encoding: never reach YAML
    return found


def both_loaders(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What parse_yaml gives (or raises) with libyaml, and with the pure-Python loader only."""
    results = []
    for fast in (loading._FAST_LOADER, None):
        monkeypatch.setattr(loading, "_FAST_LOADER", fast)
        try:
            results.append(loading.parse_yaml(text, "x.yaml"))
        except UserError as error:
            results.append(error.findings)
    return results[0], results[1]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize(("name", "text"), texts(), ids=[name for name, _ in texts()])
def test_libyaml_gives_the_same_data_lines_and_messages(name: str, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = both_loaders(text, monkeypatch)
    assert fast == pure


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=string.printable + "：　“”\t-#&*[]{}|>@`%!镇\x85\u2028\ufeff", max_size=120))
def test_libyaml_agrees_on_any_text(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast, pure = both_loaders("report:\n  locality: 某镇\n" + text, monkeypatch)
    assert fast == pure


def test_a_value_with_its_unit_gets_one_message_saying_so(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(write_yaml(tmp_path, MINIMAL + "metrics:\n  合同审查: 57份\n  规范性文件备案率: 100%\n"))
    messages = [f.message for f in caught.value.findings]
    assert len(messages) == 2, messages
    assert "不要写单位“份”" in messages[0] and "不要写单位“%”" in messages[1]


@pytest.mark.parametrize("kind", ["dev-zero", "fifo"])
def test_import_and_lint_read_only_a_regular_file(tmp_path: Path, kind: str) -> None:
    import os

    from generator.importing.reading import read_source

    if kind == "dev-zero":
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero")
    else:
        path = tmp_path / "report.txt"
        os.mkfifo(path)
    with pytest.raises(UserError, match="这不是普通文件"):
        read_source(path)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_nesting_past_libyamls_limit_is_told_without_the_pure_parsers() -> None:
    deep = "report:\n  x: " + "[" * 1200
    assert loading.nested_too_deep(deep)
    assert not loading.nested_too_deep(deep + "\x01")  # the pure parsers' reader refuses that character first
    assert not loading.nested_too_deep("report:\n  x: " + "[" * 40 + "]" * 40)
    assert not loading.nested_too_deep("report: [\n")  # another mistake: the parsers say which
