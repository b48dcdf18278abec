"""The website around a report copied from its page: menus, "发布时间/浏览次数",
"分享到", font-size buttons, page clocks, footers. trafilatura removes most
of it from a saved page; text copied from a page by hand (the samples) keeps
it, so these lines are dropped from every source before the structure is read.
"""

from __future__ import annotations

import re

from generator.errors import UserError
from generator.importing.reading import Paragraph, SourceText

# A line of site furniture is short; a body paragraph that happens to say
# "来源" or "分享" is long and stays.
MAX_CLUTTER_CHARS = 80

_CLUTTER = re.compile(
    "|".join(
        [
            r"^[\s|｜/>＞»·•\-—_=*#]*$",  # separators left of a menu: "|", ">>"
            r"^首页\s*[|｜>＞»]",
            r"^(当前位置|您现在的位置|您的位置|所在位置)",
            r"(发布时间|发布日期|浏览次数|点击数|阅读次数|访问次数|浏览量|阅读量)\s*[:：]",
            r"^(时间|日期)\s*[:：].*(来源|作者|编辑)",
            r"^(来源|信息来源|作者|责任编辑|编辑)\s*[:：]",
            r"分享到\s*[:：]?",
            r"无障碍|长者模式|关怀版",
            r"简体\s*[|｜/]?\s*繁体",
            r"[【\[]\s*(字体|字号|打印|关闭|收藏|大\s*中\s*小)",
            r"(字体|字号)\s*[:：]\s*[大中小]",
            r"^(上一篇|下一篇|相关链接|相关文章|相关新闻|扫一扫|打印本页|关闭窗口)",
            r"(主办单位|承办单位|版权所有|ICP备|网站标识码|公网安备|技术支持)",
            r"(19|20)\d{2}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]",  # the page's clock
            r"^(星期|周)[一二三四五六日天]",
        ]
    )
)


def is_clutter(text: str) -> bool:
    """Whether a line is the website's, not the report's."""
    return len(text) <= MAX_CLUTTER_CHARS and bool(_CLUTTER.search(text))


def drop_clutter(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The report's paragraphs, and the site's lines that were dropped.

    A page often shows the title twice (the page's heading and the
    article's): a repeat of an earlier short line near the top goes too.
    """
    kept: list[Paragraph] = []
    dropped: list[Paragraph] = []
    for paragraph in paragraphs:
        repeat = len(kept) < 4 and len(paragraph.text) <= MAX_CLUTTER_CHARS and any(
            _same(k.text, paragraph.text) for k in kept
        )
        if is_clutter(paragraph.text) or repeat:
            dropped.append(paragraph)
        else:
            kept.append(paragraph)
    return kept, dropped


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s", "", a) == re.sub(r"\s", "", b)


MIN_REPORT_CHARS = 100
_REPORT_WORDS = re.compile(r"法治|依法|报告|举措|工作")


def report_paragraphs(source: SourceText) -> list[Paragraph]:
    """The report's paragraphs of a source, without the site around them;
    a ``UserError`` when nothing like a report is left (a list page, a menu)."""
    kept, _ = drop_clutter(source.paragraphs)
    text = "".join(p.text for p in kept)
    if len(text) < MIN_REPORT_CHARS or not _REPORT_WORDS.search(text):
        where = "网页上" if source.kind == "html" else "文件中"
        why = f"除去网站的菜单、页眉页脚后只剩{len(text)}个字" if len(text) < MIN_REPORT_CHARS else "没有“法治”“依法”“报告”等字样"
        raise UserError(
            f"{where}没有找到报告正文（{why}）",
            file=str(source.path),
            hint="请打开报告全文所在的页面（不是栏目列表页）“另存为”网页（.html）后再读取；也可把全文复制到记事本，存为 .txt 文件。",
        )
    return kept
