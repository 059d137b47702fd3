"""Markdown from the engine (or a model) -> Telegram HTML that always parses, split under Telegram's limit.

Telegram's MarkdownV2 rejects most real-world Markdown, so nothing is ever sent as Markdown: text is escaped and
only well-formed pairs become tags, paragraph by paragraph, so a tag never spans two messages.
"""

from __future__ import annotations

import html
import re

LIMIT = 4096
_FENCE = re.compile(r"^```")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_INLINE = re.compile(
    r"`(?P<code>[^`\n]+)`"
    r"|\[(?P<label>[^\]\n]+)\]\((?P<url>https?://[^)\s]+)\)"
    r"|\*\*(?P<bold>[^*\n]+?)\*\*"
    r"|__(?P<bold2>[^_\n]+?)__"
    r"|(?<![\w*])\*(?P<ital>[^*\s][^*\n]*?)\*(?![\w*])"
    r"|(?<![\w_])_(?P<ital2>[^_\s][^_\n]*?)_(?![\w_])"
)


def _inline(text: str) -> str:
    """One line of Markdown -> escaped HTML with b/i/code/a tags for well-formed pairs only."""
    out: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position : match.start()], quote=False))
        groups = match.groupdict()
        if groups["code"] is not None:
            out.append(f"<code>{html.escape(groups['code'], quote=False)}</code>")
        elif groups["url"] is not None:
            out.append(
                f'<a href="{html.escape(groups["url"])}">{html.escape(groups["label"], quote=False)}</a>'
            )
        elif groups["bold"] is not None or groups["bold2"] is not None:
            out.append(f"<b>{_inline(groups['bold'] or groups['bold2'])}</b>")
        else:
            out.append(f"<i>{_inline(groups['ital'] or groups['ital2'])}</i>")
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def paragraph_to_html(block: str) -> str:
    """A paragraph (no blank lines inside) -> Telegram HTML."""
    lines = block.split("\n")
    if _FENCE.match(lines[0].strip()):
        body = "\n".join(ln for ln in lines[1:] if not _FENCE.match(ln.strip()))
        return f"<pre>{html.escape(body, quote=False)}</pre>"
    out: list[str] = []
    quote: list[str] = []
    for line in lines:
        if line.lstrip().startswith(">"):
            quote.append(_inline(line.lstrip()[1:].strip()))
            continue
        if quote:
            out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
            quote = []
        stripped = line.strip()
        heading = _HEADING.match(stripped)
        bullet = _BULLET.match(line)
        if heading:
            out.append(f"<b>{_inline(heading.group(1))}</b>")
        elif _TABLE_RULE.match(stripped) and "-" in stripped:
            continue  # the |---|---| line of a table
        elif stripped.startswith("|") and stripped.endswith("|"):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            out.append(" · ".join(_inline(c) for c in cells if c))
        elif bullet:
            out.append(f"{bullet.group(1)}• {_inline(bullet.group(2))}")
        else:
            out.append(_inline(line))
    if quote:
        out.append("<blockquote>" + "\n".join(quote) + "</blockquote>")
    return "\n".join(out)


def plain_text(markdown: str) -> str:
    """The same text without any markup, for when Telegram still refuses the HTML."""
    text = re.sub(r"\*\*|__|`", "", markdown)
    text = re.sub(r"\[([^\]]+)\]\((https?://[^)]+)\)", r"\1 (\2)", text)
    return re.sub(r"^#{1,6}\s+", "", text, flags=re.MULTILINE)


def _paragraphs(markdown: str) -> list[str]:
    """Blank-line separated blocks; a fenced code block stays one block even with blank lines inside."""
    blocks: list[str] = []
    current: list[str] = []
    in_fence = False
    for line in markdown.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def _pieces(block: str, limit: int) -> list[str]:
    """A block small enough to send, split by lines and then by characters if it has to be."""
    if len(paragraph_to_html(block)) <= limit:
        return [block]
    lines = block.split("\n")
    if len(lines) > 1:
        half = len(lines) // 2
        return _pieces("\n".join(lines[:half]), limit) + _pieces("\n".join(lines[half:]), limit)
    # One enormous line: cut the source text; escaping can grow it, so leave room.
    size = max(1, limit // 3)
    return [block[i : i + size] for i in range(0, len(block), size)]


def to_messages(markdown: str, limit: int = LIMIT) -> list[str]:
    """Markdown -> Telegram HTML messages, each within `limit` characters, split at paragraph boundaries."""
    messages: list[str] = []
    current = ""
    for block in _paragraphs(markdown):
        for piece in _pieces(block, limit):
            rendered = paragraph_to_html(piece)
            candidate = f"{current}\n\n{rendered}" if current else rendered
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    messages.append(current)
                current = rendered
    if current:
        messages.append(current)
    return messages or [""]
