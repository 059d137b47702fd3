"""Markdown to Telegram HTML: always well-formed, escaped, and split under 4,096 characters at paragraphs."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram.format import LIMIT, paragraph_to_html, plain_text, to_messages

ALLOWED = {"b", "i", "code", "pre", "a", "blockquote"}


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ok &= tag in ALLOWED
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.ok &= bool(self.stack) and self.stack.pop() == tag


def well_formed(html_text: str) -> bool:
    checker = _Checker()
    checker.feed(html_text)
    checker.close()
    return (
        checker.ok
        and not checker.stack
        and not re.search(r"<(?!/?(?:b|i|code|pre|a|blockquote)\b)", html_text)
    )


def test_common_markdown() -> None:
    html_text = paragraph_to_html("## 标题\n**粗体** and *斜体* and `a<b>`\n- 列表 & 项\n> 引用")
    assert html_text == (
        "<b>标题</b>\n<b>粗体</b> and <i>斜体</i> and <code>a&lt;b&gt;</code>\n• 列表 &amp; 项\n"
        "<blockquote>引用</blockquote>"
    )


def test_tables_become_lines_and_links_survive() -> None:
    html_text = paragraph_to_html(
        "| 层级 | 预算 |\n|---|---|\n| 头部 | ¥40,000 |\n[RED](https://www.xiaohongshu.com)"
    )
    assert html_text == '层级 · 预算\n头部 · ¥40,000\n<a href="https://www.xiaohongshu.com">RED</a>'


def test_markdown_that_would_break_telegram_stays_text() -> None:
    for broken in (
        "**unclosed bold",
        "snake_case_name and 2*3*4",
        "<script>alert(1)</script>",
        "a_b **c",
        "[x](javascript:1)",
    ):
        assert well_formed(paragraph_to_html(broken)), broken


def test_long_answers_split_at_paragraphs_under_the_limit() -> None:
    paragraphs = [f"**第{i}段** " + "内容" * 300 for i in range(20)]
    messages = to_messages("\n\n".join(paragraphs))
    assert len(messages) > 1 and all(len(m) <= LIMIT for m in messages)
    assert all(well_formed(m) for m in messages)
    joined = "\n\n".join(messages)
    assert all(f"<b>第{i}段</b>" in joined for i in range(20))  # no paragraph lost or cut through its markup


def test_one_enormous_line_is_still_split() -> None:
    messages = to_messages("x" * 100_000)
    assert all(len(m) <= LIMIT for m in messages) and sum(len(m) for m in messages) >= 100_000


def test_plain_text_fallback_drops_markup() -> None:
    assert (
        plain_text("## Title\n**bold** `code` [RED](https://x.com)") == "Title\nbold code RED (https://x.com)"
    )


_PIECES = [*"ab *_`[]()<>&#-|>\n", "中", "😀", "https://x.com", "**", "```"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=200).map("".join))
def test_any_text_gives_well_formed_messages(markdown: str) -> None:
    for message in to_messages(markdown):
        assert len(message) <= LIMIT and well_formed(message), message
