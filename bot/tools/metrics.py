"""Engagement arithmetic shared by the tools: CES, medians, ratios."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping

from bot.models import Post


def ces(post: Post, weights: Mapping[str, float]) -> int:
    """CES (Community Engagement Score): likes x1 + collects x1 + comments x4 + shares x4 + follows x8 by
    default. Posts do not carry follows, so that term is zero here; unknown counts count as zero."""
    return round(
        (post.likes or 0) * weights.get("like", 1)
        + (post.collects or 0) * weights.get("collect", 1)
        + (post.comments or 0) * weights.get("comment", 4)
        + (post.shares or 0) * weights.get("share", 4)
    )


def median(values: Iterable[float]) -> float | None:
    data = list(values)
    return float(statistics.median(data)) if data else None


def ratio(new: float | None, old: float | None) -> float | None:
    if new is None or old is None or old == 0:
        return None
    return round(new / old, 3)
