"""The HTML writer: one self-contained page to paste into a government
website's publishing system (the report must be published online).

Every element carries its look in a ``style`` attribute — publishing
systems keep inline styles when a fragment is pasted, but drop
stylesheets — and the page has no scripts, links or other assets.

* the title is the one ``<h1>``; whole-line headings are ``<h2>``–``<h4>``;
* a run-in heading stays in its paragraph: ``<p><strong>（一）….</strong>…</p>``,
  the ``<strong>`` set in the heading face, not bold;
* every 【待填：…】 gap is a yellow ``<mark>``, last year's wording not yet
  edited a light blue one (``class="carried"``); all text is HTML-escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from generator.render.document import Block, Document, Mark

_BODY_FACE = "'仿宋_GB2312','仿宋',FangSong,STFangsong,serif"
_FACES = {
    "heading1": "'黑体',SimHei,'Microsoft YaHei',sans-serif",
    "heading2": "'楷体_GB2312','楷体',KaiTi,STKaiti,serif",
    "heading3": _BODY_FACE,
}
_PAGE = (
    f"max-width:42em;margin:0 auto;padding:1em;font-family:{_BODY_FACE};"
    "font-size:16pt;line-height:1.8;color:#000;background:#fff"
)
_PARAGRAPH = "margin:0;text-indent:2em;text-align:justify"
_STYLES: dict[str, str] = {
    "title": "margin:0 0 1em;font-family:'方正小标宋简体','小标宋','宋体',SimSun,serif;"
    "font-size:22pt;font-weight:normal;line-height:1.5;text-align:center",
    "addressee": "margin:0;text-align:left",
    "body": _PARAGRAPH,
    "heading1": f"{_PARAGRAPH};font-size:16pt;font-weight:normal;font-family:{_FACES['heading1']}",
    "heading2": f"{_PARAGRAPH};font-size:16pt;font-weight:normal;font-family:{_FACES['heading2']}",
    "heading3": f"{_PARAGRAPH};font-size:16pt;font-weight:normal;font-family:{_FACES['heading3']}",
    "signature": "margin:0;padding-right:2em;text-align:right",
    "date": "margin:0;padding-right:4em;text-align:right",
}
_TAGS = {"heading1": "h2", "heading2": "h3", "heading3": "h4"}
_MARKS = {"gap": "background:#ff0;color:#000", "carried": "background:#cef;color:#000"}


def render(document: Document, *, reference: Path | None = None) -> bytes:
    """The document as a UTF-8 HTML page (``reference`` is ignored)."""
    title = document.title or next((b.full for b in document.of_role("title")), "")
    lines = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "</head>",
        "<body>",
        article(document),
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def article(document: Document) -> str:
    """The report's text as one ``<article>`` element: the page's body, and
    the live preview of ``reportgen serve``."""
    lines = [f'<article style="{_PAGE}">']
    first_signature = True
    for block in document.blocks:
        extra = ""
        if block.role == "signature" and first_signature:
            extra = ";margin-top:1.8em"  # one blank line after the body
            first_signature = False
        lines.append(element(block, extra_style=extra))
    lines.append("</article>")
    return "\n".join(lines)


def element(block: Block, *, extra_style: str = "") -> str:
    """One block as one HTML element."""
    style = _STYLES[block.role] + extra_style
    if block.role == "title":
        return f'<h1 style="{style}">{inline(block.pieces())}</h1>'
    if block.role in _TAGS and not block.text:
        tag = _TAGS[block.role]
        return f'<{tag} style="{style}">{inline(block.pieces("lead"))}</{tag}>'
    if block.role in _TAGS:
        # A run-in heading: the heading sentence in its face, then body text.
        lead = (
            f'<strong style="font-weight:normal;font-family:{_FACES[block.role]}">{inline(block.pieces("lead"))}</strong>'
        )
        return f'<p style="{_PARAGRAPH}">{lead}{inline(block.pieces("text"))}</p>'
    return f'<p style="{style}">{inline(block.pieces())}</p>'


def inline(runs: list[tuple[str, Mark]]) -> str:
    """Escaped text with each 【待填：…】 gap, and last year's wording not yet edited, as a ``<mark>``."""
    out: list[str] = []
    for piece, mark in runs:
        if not mark:
            out.append(escape(piece))
        elif mark == "gap":
            out.append(f'<mark style="{_MARKS[mark]}">{escape(piece)}</mark>')
        else:
            out.append(f'<mark class="{mark}" style="{_MARKS[mark]}" title="沿用去年文字，尚未修改">{escape(piece)}</mark>')
    return "".join(out)
