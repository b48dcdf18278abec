"""The comments of a YAML file and the entry each belongs to (what init --from carries along)."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.input.comments import Notes, comments
from generator.input.loading import parse_yaml

TEXT = """\
# 文件开头的说明
report:   # 基本信息
  locality: 某镇  # 全称
metrics:
  公职律师: 2   # 张律师、李律师
  合同审查:
    value: 3 # 问司法所
    parts: {甲: 1,   # 流式写法中的注释
            乙: 2}
measures:
  # 这一节问综合执法队
  - area: 执法
    text: |-
      第一段 # 不是注释
      第二段
    # 块后的注释
    heading: "标题 # 也不是注释"  # 是注释
# 文件末尾
"""


def test_each_comment_belongs_to_the_entry_it_was_written_about() -> None:
    _, positions, _ = parse_yaml(TEXT, "x.yaml")
    found = [(c.line, c.text, c.trailing, c.path) for c in comments(TEXT, positions)]
    assert found == [
        (1, "文件开头的说明", False, ("report",)),
        (2, "基本信息", True, ("report",)),
        (3, "全称", True, ("report", "locality")),
        (5, "张律师、李律师", True, ("metrics", "公职律师")),
        (7, "问司法所", True, ("metrics", "合同审查", "value")),
        (8, "流式写法中的注释", True, ("metrics", "合同审查", "parts")),
        (11, "这一节问综合执法队", False, ("measures", 0)),
        (16, "块后的注释", False, ("measures", 0, "heading")),
        (17, "是注释", True, ("measures", 0, "heading")),
        (18, "文件末尾", False, ()),
    ]
    notes = Notes(comments(TEXT, positions))
    assert notes.take(("measures", 0), exclude=(("measures", 0, "heading"),)) == ["这一节问综合执法队"]
    assert notes.take(("metrics",), deep=False) == []
    assert len(notes.rest()) == 9 and notes.rest() == []


_LINE = st.one_of(
    st.sampled_from(["a: 1", "b:", "  - x", "  c: '# q'", "d: |-", "  # e", "f: [1, 2]  # g", "#", "h: \"#\"", "  i: 2 # j"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(lambda t: "# " + t),
)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_LINE, max_size=12))
def test_any_file_that_parses_has_its_comments_found_without_error(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    try:
        yaml.safe_load(text)
        _, positions, _ = parse_yaml(text, "x.yaml")
    except Exception:
        return  # not YAML: refused where it is read, before comments are looked for
    for comment in comments(text, positions):
        assert "#" in text.splitlines()[comment.line - 1]
