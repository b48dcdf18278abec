"""The HTML and Markdown writers: structure, escaping, gaps, determinism."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.render.document import Block, Document
from generator.render.writers import html as html_writer
from generator.render.writers import markdown as md_writer

HOSTILE = "注意<script>alert('x')</script> & *星号* _下划线_ [链接](http://x) `代码` | ~ \\ &amp;"
SAMPLE = Document(
    blocks=(
        Block("title", "某某镇2023年度法治政府建设工作情况报告"),
        Block("addressee", "区人民政府："),
        Block("body", "2023年，我镇坚持以习近平法治思想为指导。现将有关情况报告如下："),
        Block("heading1", "", "一、主要举措和成效"),
        Block("heading2", "全年审查合同【待填：合同数】份。", "（一）强化党建统领法治建设。"),
        Block("heading3", "", "1.严格规范执法"),
        Block("body", HOSTILE),
        Block("body", "# 不是标题"),
        Block("body", "1. 不是列表"),
        Block("body", "- 不是列表 > 不是引用"),
        Block("heading2", "说明。", "（二）【待填：举措标题】"),
        Block("signature", "中共某某镇委员会"),
        Block("signature", "某某镇人民政府"),
        Block("date", "2024年2月26日"),
    ),
    title="某某镇2023年度法治政府建设工作情况报告",
    author="某某镇人民政府",
    year=2023,
    date="2024-02-26",
)


class Outline(HTMLParser):
    """Collects the tags, the text of each top-level element, and asserts
    every element is closed in order."""

    VOID = {"meta", "br"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.elements: list[tuple[str, str, list[str]]] = []  # tag, text, inner tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        if len(self.stack) == 3:  # html > body > article > element
            self.elements.append((tag, "", []))
        elif len(self.stack) > 3:
            self.elements[-1][2].append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if len(self.stack) > 3:
            tag, text, inner = self.elements[-1]
            self.elements[-1] = (tag, text + data, inner)


@pytest.fixture(scope="module")
def page() -> str:
    return html_writer.render(SAMPLE).decode("utf-8")


@pytest.fixture(scope="module")
def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def test_html_is_a_complete_page(page: str, outline: Outline) -> None:
    assert page.startswith("<!DOCTYPE html>\n")
    assert ("meta", {"charset": "utf-8"}) in outline.tags
    assert "<title>某某镇2023年度法治政府建设工作情况报告</title>" in page
    assert [t for t, _ in outline.tags][:2] == ["html", "head"]


def test_html_structure_follows_the_blocks(outline: Outline) -> None:
    tags = [tag for tag, _, _ in outline.elements]
    assert tags == ["h1", "p", "p", "h2", "p", "h4", "p", "p", "p", "p", "p", "p", "p", "p"]
    texts = [text for _, text, _ in outline.elements]
    assert texts == [b.full for b in SAMPLE.blocks]
    # The run-in heading stays in its paragraph, set apart by <strong>.
    tag, text, inner = outline.elements[4]
    assert (tag, inner) == ("p", ["strong", "mark"])
    assert text.startswith("（一）强化党建统领法治建设。全年审查合同")


def test_html_escapes_text_and_loads_nothing(page: str, outline: Outline) -> None:
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # a literal "&amp;" in the text stays literal
    for tag, attrs in outline.tags:
        assert tag not in {"script", "link", "img", "iframe", "style"}
        assert not {"src", "href"} & set(attrs)


def test_html_marks_every_gap(page: str, outline: Outline) -> None:
    marks = [t for t, _ in outline.tags if t == "mark"]
    assert len(marks) == len(SAMPLE.placeholders) == 2
    for gap in SAMPLE.placeholders:
        assert f">{gap}</mark>" in page


def test_html_signature_and_date_right_aligned(outline: Outline) -> None:
    styles = [attrs.get("style") or "" for tag, attrs in outline.tags if tag == "p"]
    assert "text-align:right" in styles[-1] and "padding-right:4em" in styles[-1]
    assert "text-align:right" in styles[-2] and "padding-right:2em" in styles[-2]
    assert "margin-top" in styles[-3] and "margin-top" not in styles[-2]  # a blank line before the first


def test_html_is_deterministic(page: str) -> None:
    assert html_writer.render(SAMPLE).decode("utf-8") == page


@pytest.fixture(scope="module")
def markdown() -> str:
    return md_writer.render(SAMPLE).decode("utf-8")


def test_markdown_structure(markdown: str) -> None:
    paragraphs = markdown.rstrip("\n").split("\n\n")
    assert len(paragraphs) == len(SAMPLE.blocks)
    assert paragraphs[0] == "# 某某镇2023年度法治政府建设工作情况报告"
    assert paragraphs[3] == "## 一、主要举措和成效"
    assert paragraphs[4] == "**（一）强化党建统领法治建设**。全年审查合同【待填：合同数】份。"
    assert paragraphs[5] == "#### 1.严格规范执法"
    assert paragraphs[-3:] == ["中共某某镇委员会", "某某镇人民政府", "2024年2月26日"]
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")


def test_markdown_keeps_gaps_whole(markdown: str) -> None:
    for gap in SAMPLE.placeholders:
        assert gap in markdown


def test_markdown_is_deterministic(markdown: str) -> None:
    assert md_writer.render(SAMPLE).decode("utf-8") == markdown


def test_markdown_renders_back_to_the_same_text(markdown: str) -> None:
    """A CommonMark renderer sees the intended structure and the literal
    text: no stray emphasis, lists, headings, links or raw HTML."""
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(markdown)
    blocks = [t for t in tokens if t.type in {"heading_open", "paragraph_open", "bullet_list_open",
                                              "ordered_list_open", "blockquote_open", "html_block"}]
    kinds = [t.tag for t in blocks]
    assert kinds == ["h1", "p", "p", "h2", "p", "h4", "p", "p", "p", "p", "p", "p", "p", "p"]
    inlines = [t for t in tokens if t.type == "inline"]
    texts = []
    for inline in inlines:
        children = inline.children or []
        assert not [c.type for c in children if c.type in {"link_open", "em_open", "code_inline", "html_inline"}
                    and not (c.type == "html_inline" and c.content in {"<strong>", "</strong>"})]
        texts.append("".join(c.content for c in children if c.type in {"text", "softbreak"}))
    assert texts == [b.full for b in SAMPLE.blocks]
    strong = [i for i, inline in enumerate(inlines) if any(c.type == "strong_open" for c in inline.children or [])]
    assert strong == [4]  # **（一）强化党建统领法治建设**
    assert "<strong>（二）【待填：举措标题】</strong>" in markdown  # a lead ending in a gap


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# 标题", "\\# 标题"),
        ("1. 列表", "1\\. 列表"),
        ("12) 列表", "12\\) 列表"),
        ("- 列表", "\\- 列表"),
        ("> 引用", "\\> 引用"),
        ("a*b*c", "a\\*b\\*c"),
        ("2023年1.5亿元", "2023年1.5亿元"),
        ("合同51份，同比增长12.5%", "合同51份，同比增长12.5%"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert md_writer.escape(text) == escaped
