"""Normalise the many spellings of counts, times, tags and flags found in RED exports.

Each parser returns a clean value, None for "not given", or raises ValueError with a short reason that the
importer turns into a rejected row.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

_EMPTY = {"", "-", "--", "—", "null", "none", "nan", "n/a", "na", "未知", "暂无", "无"}
_MULTIPLIERS = {
    "": 1,
    "k": 1_000,
    "千": 1_000,
    "w": 10_000,
    "万": 10_000,
    "m": 1_000_000,
    "百万": 1_000_000,
    "千万": 10_000_000,
    "亿": 100_000_000,
}
_COUNT_RE = re.compile(r"^(\d+(?:\.\d+)?)\s*(k|千|w|万|m|百万|千万|亿)?\s*\+?$", re.IGNORECASE)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _EMPTY


def parse_count(value: object) -> int | None:
    """'1234', '1,234', '1.2万', '3.4w', '10万+', '1.5k', 987 -> int; blank -> None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a count: {value!r}")
    if isinstance(value, int):
        if value < 0:
            raise ValueError(f"negative count: {value}")
        return value
    if isinstance(value, float):
        if value < 0 or math.isinf(value):
            raise ValueError(f"not a count: {value!r}")
        return round(value)
    if not isinstance(value, str):
        raise ValueError(f"not a count: {value!r}")
    text = value.strip().replace(",", "").replace("，", "").replace(" ", "")
    match = _COUNT_RE.match(text)
    if not match:
        raise ValueError(f"not a count: {_short(value)}")
    number = float(match.group(1)) * _MULTIPLIERS[(match.group(2) or "").lower()]
    return round(number)


def parse_share(value: object) -> float | None:
    """A share between 0 and 1: 0.35, '35%', '0.35' -> 0.35."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a share: {value!r}")
    percent = False
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        percent = text.endswith("%")
        try:
            number = float(text.rstrip("%").strip())
        except ValueError:
            raise ValueError(f"not a share: {_short(value)}") from None
        if percent:
            number /= 100
    else:
        raise ValueError(f"not a share: {value!r}")
    if not percent and 1 < number <= 100:  # "35" in a share column means 35%
        number /= 100
    if not 0 <= number <= 1:
        raise ValueError(f"share out of range: {_short(value)}")
    return number


_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%Y.%m.%d",
)
# Plausible range for RED content; catches seconds-vs-milliseconds mix-ups and junk.
_MIN_TS = datetime(2010, 1, 1, tzinfo=UTC).timestamp()
_MAX_TS = datetime(2100, 1, 1, tzinfo=UTC).timestamp()


def parse_time(value: object) -> datetime | None:
    """Epoch seconds or milliseconds, ISO 8601, 'YYYY-MM-DD HH:MM:SS' and Chinese dates -> aware datetime.

    Times without a zone are China time, as RED exports are.
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", value):
        value = float(value)
    if isinstance(value, int | float):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        if not _MIN_TS <= seconds <= _MAX_TS:
            raise ValueError(f"time out of range: {value!r}")
        return datetime.fromtimestamp(seconds, tz=CHINA_TZ)
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise ValueError(f"not a time: {_short(value)}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=CHINA_TZ)
    if not _MIN_TS <= parsed.timestamp() <= _MAX_TS:
        raise ValueError(f"time out of range: {_short(value)}")
    return parsed


_TAG_SPLIT = re.compile(r"[,，、;；|\n]+")
_HASHTAG_IN_TEXT = re.compile(r"#([^#\[\]\s]{1,30})(?:\[话题\])?#?")


def parse_tags(value: object) -> list[str]:
    """A list, a JSON list, or a comma-joined string of tags -> clean tags without '#', order kept, unique."""
    if is_blank(value):
        return []
    items: list[object]
    if isinstance(value, list | tuple):
        items = list(value)
    elif isinstance(value, dict):
        items = [v for v in value.values() if isinstance(v, str)]
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith(("[", "{")):
            try:
                decoded = json.loads(text)
            except json.JSONDecodeError:
                decoded = None
            if isinstance(decoded, list | dict):
                return parse_tags(decoded)
        items = list(_TAG_SPLIT.split(text))
    else:
        raise ValueError(f"not a tag list: {value!r}")
    tags: list[str] = []
    for item in items:
        if isinstance(item, dict):  # MediaCrawler sometimes exports [{"name": "..."}]
            item = item.get("name") or item.get("tag") or ""
        tag = str(item).strip().strip("#").removesuffix("[话题]").strip()
        if tag and len(tag) <= 50 and tag not in tags:
            tags.append(tag)
    return tags


def hashtags_in_text(text: str) -> list[str]:
    """Hashtags written inline in a note body, as in '#早C晚A[话题]#'."""
    return parse_tags(_HASHTAG_IN_TEXT.findall(text))


_TRUE = {"true", "1", "yes", "y", "是", "有", "商业", "合作", "sponsored", "paid"}
_FALSE = {"false", "0", "no", "n", "否", "非商业", "organic"}


def parse_bool(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not yes/no: {_short(value)}")


def parse_gender(value: object) -> str | None:
    if is_blank(value):
        return None
    text = str(value).strip().lower()
    if text in {"female", "f", "女", "woman", "女性"}:
        return "female"
    if text in {"male", "m", "男", "man", "男性"}:
        return "male"
    # MediaCrawler stores RED's numeric code: 0 male, 1 female; anything else means "not said".
    if text == "1":
        return "female"
    if text == "0":
        return "male"
    return None


def parse_format(value: object, *, has_video: bool = False) -> str:
    text = "" if is_blank(value) else str(value).strip().lower()
    if has_video or text in {"video", "视频", "视频笔记"}:
        return "video"
    return "image"


def parse_price(value: object) -> int | None:
    """Prices come as '¥1,200', '1.2万', 'CNY 800' or plain numbers."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        value = re.sub(r"(?i)^(¥|￥|cny|rmb|元)\s*|\s*(元|cny|rmb)$", "", value.strip())
    return parse_count(value)


def clean_text(value: object, *, limit: int = 20_000) -> str:
    """Text with control characters removed and a length cap, so one bad cell cannot bloat the index."""
    if is_blank(value):
        return ""
    text = str(value)
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2060\ufeff]", "", text)
    return text.strip()[:limit]


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "...'"
