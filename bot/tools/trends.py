"""trend_lookup: what is rising and fading around a topic, from the posts in the knowledge base.

Compares the last `days` with the `days` before, as of the newest post (or a given date). Everything in the
report is counted from notes the marketer can open: `sources` lists them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache

from pydantic import BaseModel, Field

from bot.i18n import Note
from bot.models import (
    CommentInsights,
    PainPoint,
    Post,
    PostSummary,
    TitlePattern,
    TrendReport,
    TrendStats,
    TrendTerm,
    TrendWindow,
)
from bot.resources import categories, glossary, infer_category, marketing, normalize_category
from bot.store.tokenize import keywords, tokens
from bot.tools.context import ToolContext
from bot.tools.metrics import ces, median, ratio

RISE = 1.5  # a term's share of notes must grow by half to rise, or shrink by a third to decline
MAX_TERMS = 10
SEARCH_TOP_UP = 20  # notes hybrid search adds when a topic matches too few notes word for word


class TrendQuery(BaseModel):
    """What to look up: a topic (hashtag, product, keyword, or a category name) and the window."""

    topic: str = Field(
        "", description="topic, hashtag or keyword, Chinese or English; empty for a whole category"
    )
    category: str | None = Field(None, description="category slug or name, e.g. skincare / 护肤")
    days: int = Field(30, ge=3, le=180, description="window length in days")
    as_of: date | None = Field(None, description="end of the current window; default: newest post date")


def trend_lookup(ctx: ToolContext, query: TrendQuery) -> TrendReport:
    """Rising and declining hashtags and keywords for a topic, the top notes of the window with their CES,
    format mix, best posting days and hours, title patterns, and comment sentiment and pain points."""
    records = ctx.records()
    category = normalize_category(query.category) if query.category else None
    topic = query.topic.strip()
    if topic and _is_category_name(topic):
        category, topic = category or normalize_category(topic), ""
    universe = [p for p in records.posts if p.published_at and (category is None or p.category == category)]
    matched, matched_by = _match(ctx, universe, topic, category, ctx.settings.trend_min_support)
    if category is None and matched:
        category = (
            Counter(p.category for p in matched if p.category).most_common(1)[0][0]
            if any(p.category for p in matched)
            else None
        )

    as_of = query.as_of or max(
        (p.published_at.date() for p in universe if p.published_at), default=date.today()
    )
    window = _window(as_of, query.days)
    current = [p for p in matched if window.current_start <= _day(p) <= window.current_end]
    previous = [p for p in matched if window.previous_start <= _day(p) <= window.previous_end]

    weights = ctx.settings.ces_weights
    score = lambda p: ces(p, weights)  # noqa: E731
    category_norm = _category_medians(records.posts, weights)
    min_support = ctx.settings.trend_min_support
    rising, declining = _term_trends(current, previous, score, min_support, exclude=topic)
    notes = [
        Note(
            key="trends.note.window_end" if query.as_of else "trends.note.window_end_newest",
            params={"date": as_of.isoformat()},
        )
    ]
    if len(current) + len(previous) < 2 * min_support:
        notes.append(Note(key="trends.note.few_notes", params={"n": len(current) + len(previous)}))
    stats = TrendStats(
        posts_current=len(current),
        posts_previous=len(previous),
        volume_growth=ratio(len(current), len(previous)),
        median_ces_current=median(map(score, current)),
        median_ces_previous=median(map(score, previous)),
        category_median_ces=category_norm.get(category) if category else None,
        video_share=round(sum(p.format == "video" for p in current) / len(current), 3) if current else None,
        median_ces_video=median(score(p) for p in current if p.format == "video"),
        median_ces_image=median(score(p) for p in current if p.format == "image"),
        best_weekdays=_best_buckets(current + previous, score, lambda p: p.published_at.weekday()),  # type: ignore[union-attr]
        best_hours=[
            b * 3
            for b in _best_buckets(current + previous, score, lambda p: p.published_at.hour // 3)  # type: ignore[union-attr]
        ],
        title_patterns=_title_patterns(current + previous, score),
        comments=_comment_insights(current + previous, records.comments_by_note),
        matched_by=matched_by,
    )
    if stats.comments is None:
        notes.append(Note(key="trends.note.no_comments"))
    top = sorted(current, key=score, reverse=True)[:5]
    return TrendReport(
        topic=query.topic.strip(),
        category=category,
        window=window,
        rising=rising,
        declining=declining,
        top_posts=[_summary(p, score(p), category_norm) for p in top],
        stats=stats,
        sources=[p.note_id for p in sorted(current + previous, key=score, reverse=True)],
        notes=notes,
    )


def _is_category_name(topic: str) -> bool:
    text = topic.lower().replace(" ", "_")
    return any(text in (c.slug, c.zh, c.en.lower().replace(" ", "_")) for c in categories().values())


def _day(post: Post) -> date:
    assert post.published_at is not None
    return post.published_at.date()


def _window(as_of: date, days: int) -> TrendWindow:
    return TrendWindow(
        as_of=as_of,
        days=days,
        current_start=as_of - timedelta(days=days - 1),
        current_end=as_of,
        previous_start=as_of - timedelta(days=2 * days - 1),
        previous_end=as_of - timedelta(days=days),
    )


def _match(
    ctx: ToolContext, universe: list[Post], topic: str, category: str | None, min_support: int
) -> tuple[list[Post], dict[str, int]]:
    """Notes about the topic: by hashtag and by all of its words. Only when that finds fewer notes than a
    trend needs (an English topic over Chinese notes, a rare phrase) does hybrid search widen the set."""
    if not topic:
        return universe, {"category" if category else "all": len(universe)}
    # The topic and, when the topic is itself a glossary term, its synonyms ("camping" also finds #露营): RED
    # notes are mostly Chinese. A topic that only contains one ("宠物烘干箱" contains 宠物) is not widened to
    # it, or every pet note would count as a note about pet dryers.
    needles = [topic.lower().lstrip("#"), *_whole_synonyms(topic)]
    words = [t for t in tokens(topic) if len(t) > 1] or needles[:1]
    by_tag, by_words = set(), set()
    for post in universe:
        tags = [t.lower() for t in post.tags]
        if any(n in t or (len(t) >= 2 and t in n) for n in needles for t in tags):
            by_tag.add(post.note_id)
            continue
        text = f"{post.title} {post.body}".lower()
        if all(w in text for w in words) or any(n in text for n in needles[1:]):
            by_words.add(post.note_id)
    chosen = by_tag | by_words
    by_search: set[str] = set()
    if len(chosen) < min_support:
        # Keep the widened set on topic: the category asked for, else the one the direct matches or the
        # topic's own words point to.
        direct = [p.category for p in universe if p.note_id in chosen and p.category]
        scope = category or (Counter(direct).most_common(1)[0][0] if direct else infer_category(topic))
        hits = ctx.kb.search(topic, SEARCH_TOP_UP, kinds=("post",), category=scope)
        by_search = {h.doc_id for h in hits} - chosen
        chosen |= by_search
    matched = [p for p in universe if p.note_id in chosen]
    counts = {"hashtag": len(by_tag), "keyword": len(by_words), "search": len(by_search)}
    return matched, {k: v for k, v in counts.items() if v}


def _whole_synonyms(topic: str) -> list[str]:
    term = topic.lower().strip().lstrip("#")
    for group in glossary():
        if term in group:
            return [t for t in group if t != term and len(t) >= 2]
    return []


@lru_cache(maxsize=20_000)
def _post_keywords(note_id: str, text: str) -> frozenset[str]:
    del note_id  # part of the cache key only
    return frozenset(keywords(text))


def _terms_of(post: Post) -> dict[str, str]:
    """term -> kind ('hashtag' wins when a word is both)."""
    found = {k: "keyword" for k in _post_keywords(post.note_id, f"{post.title} {post.body}")}
    found.update({t.lower(): "hashtag" for t in post.tags})
    return found


def _term_trends(
    current: Sequence[Post],
    previous: Sequence[Post],
    score: Callable[[Post], int],
    min_support: int,
    exclude: str,
) -> tuple[list[TrendTerm], list[TrendTerm]]:
    if not current or not previous:
        return [], []
    kinds: dict[str, str] = {}
    posts_by_term: dict[str, tuple[list[Post], list[Post]]] = defaultdict(lambda: ([], []))
    for index, group in enumerate((previous, current)):
        for post in group:
            for term, kind in _terms_of(post).items():
                kinds[term] = "hashtag" if kind == "hashtag" or kinds.get(term) == "hashtag" else "keyword"
                posts_by_term[term][index].append(post)
    n_prev, n_cur = len(previous), len(current)
    skip = exclude.lower().lstrip("#")
    rising: list[tuple[float, TrendTerm]] = []
    declining: list[tuple[float, TrendTerm]] = []
    for term, (before, now) in posts_by_term.items():
        if term == skip or (len(now) / n_cur > 0.6 and len(before) / n_prev > 0.6):
            continue  # the topic itself, or a word nearly every note uses
        # Growth of the term's share of notes, so a busier month does not lift every term.
        smoothed = ((len(now) + 1) / (n_cur + 1)) / ((len(before) + 1) / (n_prev + 1))
        growth = ratio(len(now) / n_cur, len(before) / n_prev) if before else None
        entry = TrendTerm(
            term=term,
            kind=kinds[term],  # type: ignore[arg-type]
            previous=len(before),
            current=len(now),
            growth=growth,
            engagement_previous=median(map(score, before)),
            engagement_current=median(map(score, now)),
            engagement_growth=ratio(median(map(score, now)), median(map(score, before))),
        )
        if len(now) >= min_support and (growth is None or growth >= RISE):
            rising.append((smoothed * math.log1p(len(now)), entry))
        elif len(before) >= min_support and growth is not None and growth <= 1 / RISE:
            declining.append((smoothed / math.log1p(len(before)), entry))
    return _top(rising, reverse=True), _top(declining, reverse=False)


def _top(scored: list[tuple[float, TrendTerm]], reverse: bool) -> list[TrendTerm]:
    # Hashtags are what marketers act on; keywords fill the rest of the list.
    ordered = sorted(scored, key=lambda st: (st[0], st[1].current, st[1].term), reverse=reverse)
    if not reverse:
        ordered = sorted(scored, key=lambda st: (st[0], -st[1].previous, st[1].term))
    tags = [t for _, t in ordered if t.kind == "hashtag"][:MAX_TERMS]
    words = [t for _, t in ordered if t.kind == "keyword" and t.term not in {x.term for x in tags}]
    return tags + words[: max(0, MAX_TERMS - len(tags) // 2)]


def _category_medians(posts: Iterable[Post], weights: dict[str, float]) -> dict[str, float]:
    by_category: dict[str, list[int]] = defaultdict(list)
    for post in posts:
        if post.category:
            by_category[post.category].append(ces(post, weights))
    return {c: m for c, values in by_category.items() if (m := median(values)) is not None}


def _summary(post: Post, score: int, norms: dict[str, float]) -> PostSummary:
    norm = norms.get(post.category or "")
    multiple = round(score / norm, 2) if norm else None
    return PostSummary(
        note_id=post.note_id,
        title=post.title,
        category=post.category,
        published_at=post.published_at,
        format=post.format,
        likes=post.likes,
        collects=post.collects,
        comments=post.comments,
        shares=post.shares,
        ces=score,
        vs_category_median=multiple,
        baokuan=bool(multiple and multiple >= float(marketing()["baokuan_multiple"])),  # type: ignore[arg-type]
        author_name=post.author_name,
    )


def _best_buckets(
    posts: Sequence[Post], score: Callable[[Post], int], bucket: Callable[[Post], int]
) -> list[int]:
    """The two buckets (weekday, 3-hour slot) whose notes have the highest median CES, with at least 3 notes."""
    groups: dict[int, list[int]] = defaultdict(list)
    for post in posts:
        groups[bucket(post)].append(score(post))
    ranked = sorted(((median(v) or 0.0, k) for k, v in groups.items() if len(v) >= 3), reverse=True)
    return [k for _, k in ranked[:2]]


def _title_patterns(posts: Sequence[Post], score: Callable[[Post], int]) -> list[TitlePattern]:
    if len(posts) < 8:
        return []
    ordered = sorted(posts, key=score, reverse=True)
    top = ordered[: max(2, len(ordered) // 4)]
    found = []
    for rule in marketing()["title_patterns"]:  # type: ignore[union-attr]
        pattern = re.compile(rule["regex"])  # type: ignore[index]
        in_top = [p for p in top if pattern.search(p.title)]
        share_top = len(in_top) / len(top)
        share_all = sum(1 for p in posts if pattern.search(p.title)) / len(posts)
        if in_top and share_top >= 0.2:
            found.append(
                TitlePattern(
                    pattern=rule["name"],  # type: ignore[index]
                    share_top=round(share_top, 3),
                    share_all=round(share_all, 3),
                    example=in_top[0].title,
                )
            )
    found.sort(key=lambda t: (t.share_top - t.share_all, t.share_top), reverse=True)
    return found[:3]


def _comment_insights(posts: Sequence[Post], comments_by_note: dict[str, list]) -> CommentInsights | None:  # type: ignore[type-arg]
    comments = [c for p in posts for c in comments_by_note.get(p.note_id, [])]
    if not comments:
        return None
    lexicon = marketing()["sentiment"]
    positive_words, negative_words = lexicon["positive"], lexicon["negative"]  # type: ignore[index]
    positive = negative = 0
    mentions: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for comment in comments:
        text = comment.content.lower()
        pos = sum(text.count(w) for w in positive_words)
        neg = sum(text.count(w) for w in negative_words)
        positive += pos > neg
        negative += neg > pos
        for term in marketing()["pain_points"]:  # type: ignore[union-attr]
            if term in text:
                mentions[term] += 1
                examples.setdefault(term, comment.content[:60])
    total = len(comments)
    return CommentInsights(
        comments=total,
        positive=round(positive / total, 3),
        negative=round(negative / total, 3),
        neutral=round((total - positive - negative) / total, 3),
        pain_points=[PainPoint(term=t, mentions=n, example=examples[t]) for t, n in mentions.most_common(5)],
    )
