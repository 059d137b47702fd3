"""What a message points at among the results shown: "the second one", "第三篇", "#4", a creator's name, "these".

References resolve against what the chat has seen (the names in its state), never against the whole knowledge
base: "为什么选爱吃可乐" asks about the pick of that name, not for creators whose names contain 可乐.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.engine.understand.amounts import cn_number
from bot.engine.understand.turn import Ref, Shape

_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "last": -1, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6,
    "7th": 7, "8th": 8, "9th": 9, "10th": 10,
}  # fmt: skip
_ZH_ORDINAL = re.compile(
    r"第\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(个|位|篇|条|名|版|款|号|张)?\s*"
    r"(达人|博主|kol|koc|笔记|草稿|文案|标题|话题|标签|关键词|方案)?",
    re.IGNORECASE,
)
_EN_ORDINAL = re.compile(
    r"\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d{1,2}(?:st|nd|rd|th))\b"
    r"(?:\s+(one|guy|girl|lady|person|creator|influencer|kol|koc|blogger|pick|account|draft|note|post|copy|title|headline|tag|hashtag|topic|term|option|idea)s?\b)?",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"(?:#|no\.?\s*|number\s+|编号\s*|序号\s*)(\d{1,2})\b|\b(?:creator|influencer|kol|pick|draft|note|title|option)\s+#?(\d{1,2})\b",
    re.IGNORECASE,
)
_TOP = re.compile(
    r"\b(?:the\s+)?(?:one|creator|person|account|pick)\s+(?:you\s+)?(?:put\s+)?(?:at|on)\s+(?:the\s+)?top\b|"
    r"\bthe\s+top\s+(?:one|creator|pick)\b|最上面(?:那|的)?(?:个|位)?|排第一的|榜首",
    re.IGNORECASE,
)
_FIRST_N = re.compile(
    r"(?:the\s+)?(?:first|top)\s+(two|three)\b|(?:前|头)\s*(两|二|三)\s*(?:个|位|篇|条)", re.IGNORECASE
)
_PAIR = re.compile(
    r"(?<![\d万wk])(\d{1,2})\s*(?:和|跟|与|vs\.?|and|&|、)\s*(\d{1,2})(?![\d万wk%])", re.IGNORECASE
)
_WHOLE = re.compile(
    r"这些|那些|全部|所有|整个|完整|整份|这份|这个方案|这个名单|这套|all of (?:them|it)|\bthese\b|\bthose\b|"
    r"\bthe whole\b|\bthe full\b|\bthis plan\b|\bthis list\b|\bthe list\b|\bthe plan\b|everything",
    re.IGNORECASE,
)
_SHAPE_WORDS: tuple[tuple[Shape, re.Pattern[str]], ...] = (
    ("draft", re.compile(r"笔记|草稿|篇|draft|note|post|idea|想法|创意", re.I)),
    ("title", re.compile(r"标题|title|headline", re.I)),
    ("term", re.compile(r"话题|标签|关键词|hashtag|\btag\b|topic|term", re.I)),
    ("creator", re.compile(r"达人|博主|kol|koc|creator|influencer|blogger|account|位|pick", re.I)),
    ("plan", re.compile(r"方案|plan", re.I)),
)


def _shape(words: str) -> Shape | None:
    for shape, pattern in _SHAPE_WORDS:
        if pattern.search(words):
            return shape
    return None


def find_refs(text: str, names: Iterable[str] = (), people: Iterable[str] = ()) -> list[Ref]:
    """References in the order they appear: ordinals, numbers, names shown (longest name first), and people
    shown called by the first word of their name alone ("put Yuki and Coco side by side")."""
    found: list[tuple[int, Ref]] = []
    for start, name in _first_names(text, people):
        found.append((start, Ref(name=name)))
    for match in _ZH_ORDINAL.finditer(text):
        raw = match.group(1)
        index = int(raw) if raw.isdigit() else cn_number(raw.replace("两", "二"))
        if index:
            found.append(
                (
                    match.start(),
                    Ref(index=index, shape=_shape((match.group(2) or "") + (match.group(3) or ""))),
                )
            )
    for match in _EN_ORDINAL.finditer(text):
        index = _EN_ORDINALS[match.group(1).lower()]
        noun = match.group(2) or ""
        if match.group(1).lower() == "last" and not noun:
            continue  # "last week", "the last time": not a reference
        found.append((match.start(), Ref(index=index, shape=_shape(noun))))
    for match in _NUMBERED.finditer(text):
        index = int(match.group(1) or match.group(2))
        found.append((match.start(), Ref(index=index, shape=_shape(match.group(0)))))
    for match in _TOP.finditer(text):
        found.append((match.start(), Ref(index=1)))
    for match in _FIRST_N.finditer(text):
        count = {"two": 2, "three": 3, "两": 2, "二": 2, "三": 3}[(match.group(1) or match.group(2)).lower()]
        found += [(match.start() + i, Ref(index=i + 1)) for i in range(count)]
    for match in _PAIR.finditer(text):
        for group in (1, 2):
            found.append((match.start(group), Ref(index=int(match.group(group)))))
    taken: list[tuple[int, int]] = []
    for name in sorted(set(names), key=len, reverse=True):
        if len(name) < 2:
            continue
        start = text.find(name)
        if start < 0 and name.isascii():
            start = text.lower().find(name.lower())
        if start >= 0 and not any(a <= start < b for a, b in taken):
            taken.append((start, start + len(name)))
            found.append((start, Ref(name=name)))
    if not found and _WHOLE.search(text):
        found.append((0, Ref(whole=True)))
    found.sort(key=lambda item: item[0])
    unique: list[Ref] = []
    for _, ref in found:
        if ref not in unique:
            unique.append(ref)
    return unique


def _first_names(text: str, people: Iterable[str]) -> list[tuple[int, str]]:
    """Where a name's first Latin word (three letters or more, shared with no other name) stands alone in the
    text, while the whole name does not."""
    by_first: dict[str, list[str]] = {}
    for name in set(people):
        first = re.match(r"[A-Za-z]{3,}", name)
        if first:
            by_first.setdefault(first.group(0).lower(), []).append(name)
    hits: list[tuple[int, str]] = []
    for first, owners in by_first.items():
        if len(owners) != 1 or owners[0].lower() in text.lower():
            continue
        match = re.search(rf"(?<![A-Za-z]){re.escape(first)}(?![A-Za-z])", text, re.I)
        if match:
            hits.append((match.start(), owners[0]))
    return hits
