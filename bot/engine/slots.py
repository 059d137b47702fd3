"""Slots the offline engine reads from a message, and follow-ups that refine the previous brief."""

from __future__ import annotations

import re

from bot.models import Audience, Brief
from bot.resources import categories
from bot.tools.briefs import find_budget, find_count, find_tiers

_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_lang(text: str, fallback: str | None = None) -> str:
    if _CJK.search(text):
        return "zh"
    if re.search(r"[a-zA-Z]{2,}", text):
        return "en"
    return fallback or "zh"


_DAYS = [
    (re.compile(r"一周|7\s*天|七天|本周|这周|last week|this week|7 days|past week", re.I), 7),
    (re.compile(r"两周|半个月|14\s*天|two weeks|2 weeks|fortnight", re.I), 14),
    (re.compile(r"三个月|季度|90\s*天|quarter|3 months|three months", re.I), 90),
    (re.compile(r"两个月|60\s*天|two months|2 months", re.I), 60),
    (re.compile(r"一个月|这个月|本月|30\s*天|last month|this month|30 days|past month", re.I), 30),
]


def find_days(text: str) -> int | None:
    match = re.search(r"(?:近|过去|最近|last|past)\s*(\d{1,3})\s*(?:天|days?)", text, re.I)
    if match and 3 <= int(match.group(1)) <= 180:
        return int(match.group(1))
    for pattern, days in _DAYS:
        if pattern.search(text):
            return days
    return None


_QUOTED = re.compile(r"[「“\"『'‘]([^「“\"『」”\"』'’]{2,})[」”\"』'’]")
_AFTER_COLON = re.compile(r"[:：]\s*\n?(.{4,})", re.S)


def find_copy(text: str) -> str | None:
    """The copy a marketer wants checked: quoted, after a colon, or on the lines after the request."""
    quoted = [m.group(1).strip() for m in _QUOTED.finditer(text)]
    if quoted:
        return max(quoted, key=len)
    match = _AFTER_COLON.search(text)
    if match:
        return match.group(1).strip()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if len(lines) > 1:
        return "\n".join(lines[1:]).strip()
    return None


_TREND_NOISE = re.compile(
    r"最近|近期|现在|目前|这个月|本月|近\d+天|一周|两周|趋势|火吗|还火|很火|最火|热门|热点|流行|风向|有什么|什么|哪些|"
    r"怎么样|如何|吗|呢|啊|呀|的|了|帮我|看看|查查|查一下|分析|一下|在涨|上升|下滑|降温|热度|小红书|话题|内容|"
    r"\b(?:what(?:'s| is| are)?|is|are|still|trending|trends?|hot|popular|rising|right now|lately|in|on|the|a|"
    r"show me|tell me|any|new|for|about|red|xiaohongshu|topics?|these days|this month|last \d+ days|now|"
    r"whats|going|up|fading|declining|buzz|with|of|me|please|check)\b|[?？!！,，。.]",
    re.IGNORECASE,
)


def find_topic(text: str) -> tuple[str, str | None]:
    """(topic, category) for a trend question: a category name becomes the category; what is left of the
    message after the question words is the topic."""
    category = None
    for c in categories().values():
        if c.zh in text or c.slug in text.lower() or c.en.lower() in text.lower():
            category = c.slug
            break
    topic = _TREND_NOISE.sub(" ", text)
    if category:
        c = categories()[category]
        topic = re.sub(
            re.escape(c.zh) + "|" + re.escape(c.en) + "|" + re.escape(c.slug), " ", topic, flags=re.I
        )
    return re.sub(r"\s+", " ", topic).strip(), category


_CHEAPER = re.compile(
    r"便宜|省点|省钱|少花|降低预算|预算(?:减|砍|少|压)|太贵|cheaper|less money|lower (?:the )?budget|"
    r"cut (?:the )?budget|too expensive|save money|smaller budget",
    re.I,
)
_PRICIER = re.compile(
    r"加预算|多花|预算(?:加|翻|提)|more budget|bigger budget|increase (?:the )?budget|spend more", re.I
)
_MEN = re.compile(r"男性|男生|男士|\bmen\b|\bmale\b|\bguys\b", re.I)
_WOMEN = re.compile(r"女性|女生|\bwomen\b|\bfemale\b", re.I)
_FOLLOW_UP = re.compile(
    r"^(?:换成|改成|换|改|那|再|只要|只找|要|what about|how about|and |instead|make it|only|switch|"
    r"change|now |try )",
    re.I,
)


def refine(previous: Brief, text: str, usd_rate: float) -> Brief | None:
    """A follow-up that changes the previous brief ('make it cheaper', '换成小红书腰部达人', 'what about for
    men?'), or None when the message is a new request."""
    changes: dict[str, object] = {}
    if _CHEAPER.search(text):
        if previous.budget:
            changes["budget"] = int(round(previous.budget * 0.7, -2))
        else:
            changes["tiers"] = ["junior", "koc"]
    elif _PRICIER.search(text) and previous.budget:
        changes["budget"] = int(round(previous.budget * 1.5, -2))
    budget = find_budget(text, usd_rate)
    if budget:
        changes["budget"] = budget
    tiers = find_tiers(text)
    if tiers:
        changes["tiers"] = tiers
    count = find_count(text)
    if count:
        changes["count"] = count
    audience = previous.audience or Audience()
    if _MEN.search(text) and not _WOMEN.search(text):
        changes["audience"] = audience.model_copy(update={"female_share": 0.15})
    elif _WOMEN.search(text) and not _MEN.search(text):
        changes["audience"] = audience.model_copy(update={"female_share": 0.85})
    is_follow_up = len(text) <= 40 or bool(_FOLLOW_UP.search(text.strip()))
    if not changes or not is_follow_up:
        return None
    return previous.model_copy(update={**changes, "text": f"{previous.text} | {text}"})
