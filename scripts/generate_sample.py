"""Generate RedPilot's SYNTHETIC sample data set: RED notes, influencers and comments.

    python scripts/generate_sample.py [--out DIR] [--card FILE] [--check]

Writes posts/posts.jsonl, influencers/influencers.jsonl and comments/comments.jsonl under DIR (default: the
repo's knowledge/) and a data card (default: docs/SAMPLE_DATA.md). Everything is invented (fictional brands and
creators) and seeded: two runs give byte-identical files. The data carries planted signal (rising and declining
topics, fake-follower and over-commercialised accounts); a check at the end verifies that the trends are
detectable from hashtags and fails the run otherwise. The text tables live in scripts/sample_tables.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from statistics import NormalDist
from typing import Any, TypeVar

import sample_tables as tb

# --- configuration -----------------------------------------------------------------------------

SEED = 20261031
START = date(2026, 5, 5)
DAYS = 180  # ends 2026-10-31 inclusive
TZ = timezone(timedelta(hours=8))
END_TS = datetime(2026, 10, 31, 23, 59, 59, tzinfo=TZ)
PREV30 = (120, 150)  # day-index windows [start, stop): 2026-09-02..10-01
LAST30 = (150, 180)  # 2026-10-02..10-31
SUMMER = (27, 119)  # 2026-06-01..08-31
DOUBLE11_FROM = 163  # 2026-10-15: 双11 prep content starts to grow

N_INFLUENCERS = 960
INFLUENCER_POST_SHARE = 0.70
N_COMMENTED_POSTS = 1500
N_COMMENTS = 8000
FAKE_SHARE = 0.03
OVERCOMMERCIAL_SHARE = 0.04
ENGLISH_SHARE = 0.05
SIGMA = 1.3  # lognormal spread of post engagement

# tier: (min fans, max fans, share of creators, engagement-rate range)
TIERS: dict[str, tuple[int, int, float, tuple[float, float]]] = {
    "head": (500_000, 3_000_000, 0.05, (0.01, 0.04)),
    "mid": (100_000, 499_999, 0.20, (0.02, 0.06)),
    "junior": (10_000, 99_999, 0.40, (0.03, 0.08)),
    "koc": (1_000, 9_999, 0.35, (0.05, 0.15)),
}
ORDINARY_MEDIAN_LIKES = 18.0
MIN_TREND_POSTS = 15

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")


# --- small helpers -----------------------------------------------------------------------------


def pick(rng: random.Random, items: Sequence[T], weights: Sequence[float] | None = None) -> T:
    """One item; weighted when weights are given."""
    if weights is None:
        return items[rng.randrange(len(items))]
    return rng.choices(items, weights=weights, k=1)[0]


def new_id(rng: random.Random, used: set[str]) -> str:
    """A fresh 24-hex id like RED's note and user ids (the set is only used for membership)."""
    while True:
        value = f"{rng.getrandbits(96):024x}"
        if value not in used:
            used.add(value)
            return value


def day_date(day: int) -> date:
    return START + timedelta(days=day)


def iso(ts: datetime) -> str:
    return ts.isoformat()


def in_window(day: int, window: tuple[int, int]) -> bool:
    return window[0] <= day < window[1]


def shares_to_hundredths(weights: Sequence[float]) -> list[float]:
    """Normalise to shares rounded to 2 decimals that sum to exactly 1.00 (largest remainder)."""
    total = sum(weights)
    raw = [w / total * 100 for w in weights]
    cents = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (cents[i] - raw[i], i))
    for i in order[: 100 - sum(cents)]:
        cents[i] += 1
    return [c / 100 for c in cents]


def round_price(value: float) -> int:
    """Shop-style price: 89, 129, 299 ..."""
    if value < 20:
        return max(9, round(value))
    return max(19, round(value / 10) * 10 - 1)


# --- internal records ----------------------------------------------------------------------------


@dataclass
class Creator:
    """An influencer while it is being built; `record` is what gets written."""

    influencer_id: str
    nickname: str
    city: str
    province: str
    categories: list[str]
    tier: str
    fans: int
    avg_likes: int
    activity: float  # relative posting frequency
    sponsored_share: float
    fake: bool = False
    overcommercial: bool = False
    record: dict[str, Any] = field(default_factory=dict)
    note_ids: list[tuple[str, str]] = field(default_factory=list)  # (published_at, note_id)


@dataclass
class Note:
    """A post with the generator's bookkeeping (topic, day, timestamp)."""

    category: tb.Category
    topic: tb.Topic
    day: int
    ts: datetime
    record: dict[str, Any] = field(default_factory=dict)
    baseline: float = 1.0  # the author's median likes for this kind of post, before the topic's trend
    english: bool = False


# --- trend curves and scheduling ---------------------------------------------------------------


def trend_curve(trend: str) -> list[float]:
    """Expected posts per day (before category scaling and texture) for a topic's trend profile."""
    curve: list[float] = []
    for d in range(DAYS):
        if trend == tb.RISING:  # small for months, warming up in September, taking off in October
            if d < PREV30[0]:
                value = 0.1
            elif d < LAST30[0]:
                value = 0.12 + 0.13 * (d - PREV30[0]) / 29
            else:
                value = 0.6 + 1.0 * (d - LAST30[0]) / 29
        elif trend == tb.DECLINING:  # grew through the summer, fades from late September
            if d < PREV30[0]:
                value = 0.3 + 0.5 * d / PREV30[0]
            elif d < 140:
                value = 0.85
            elif d < 153:
                value = 0.85 - 0.65 * (d - 140) / 13
            else:
                value = 0.2
        elif trend == tb.SUMMER:
            value = 1.7 if in_window(d, SUMMER) else 0.8
        else:
            value = 1.0
        curve.append(value)
    return curve


def day_texture(rng: random.Random, category: tb.Category) -> list[float]:
    """Category-wide daily multiplier: weekends, 双11 build-up in late October, day-to-day noise."""
    weekend = 1.5 if category.slug in ("food", "travel") else 1.08
    texture: list[float] = []
    for d in range(DAYS):
        value = weekend if day_date(d).weekday() >= 5 else 1.0
        if d >= DOUBLE11_FROM:
            value *= 1.0 + 0.3 * (d - DOUBLE11_FROM) / (DAYS - 1 - DOUBLE11_FROM)
        texture.append(value * rng.lognormvariate(0.0, 0.2))
    return texture


def systematic_days(rng: random.Random, expected: Sequence[float]) -> list[int]:
    """Turn expected posts per day into post days with low-variance systematic sampling."""
    days: list[int] = []
    position = rng.random()
    cumulative = 0.0
    for d, value in enumerate(expected):
        cumulative += value
        while position < cumulative:
            days.append(d)
            position += 1.0
    return days


def schedule_category(rng: random.Random, category: tb.Category) -> list[tuple[tb.Topic, int]]:
    """(topic, day) for every post of a category: trending topics at fixed volume, stable ones fill up."""
    texture = day_texture(rng, category)
    size = min(1.15, max(0.85, category.n_posts / 350))
    expected: list[list[float]] = []
    stable_total = 0.0
    trending_total = 0.0
    for topic in category.topics:
        jitter = rng.uniform(0.95, 1.1)
        curve = [c * t for c, t in zip(trend_curve(topic.trend), texture, strict=True)]
        if topic.trend in (tb.RISING, tb.DECLINING):
            curve = [c * size * jitter for c in curve]
            trending_total += sum(curve)
        else:
            curve = [c * rng.uniform(0.7, 1.3) for c in curve]
            stable_total += sum(curve)
        expected.append(curve)
    stable_scale = (category.n_posts - trending_total) / stable_total
    schedule: list[tuple[tb.Topic, int]] = []
    for topic, curve in zip(category.topics, expected, strict=True):
        if topic.trend not in (tb.RISING, tb.DECLINING):
            curve = [c * stable_scale for c in curve]
        schedule.extend((topic, d) for d in systematic_days(rng, curve))
    return schedule


def post_time(rng: random.Random, day: int) -> datetime:
    hour = pick(rng, range(24), tb.HOUR_WEIGHTS)
    d = day_date(day)
    return datetime(d.year, d.month, d.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=TZ)


# --- influencers -------------------------------------------------------------------------------

CATEGORY_BY_SLUG = {c.slug: c for c in tb.CATEGORIES}


def make_nickname(rng: random.Random, used: set[str], city: str) -> str:
    for _ in range(50):
        tail = f"在{city}" if rng.random() < 0.08 else pick(rng, tb.NICK_TAILS)
        name = pick(rng, tb.NICK_HEADS) + pick(rng, tb.NICK_CORES) + tail
        if len(name) >= 2 and name not in used:
            used.add(name)
            return name
    name = f"{pick(rng, tb.NICK_CORES)}{rng.randrange(10, 999)}"
    used.add(name)
    return name


def ordinary_nickname(rng: random.Random) -> str:
    """Ordinary users: RED's default nickname or a simple made-up one."""
    if rng.random() < 0.35:
        return f"{tb.DEFAULT_NICK_PREFIX}{rng.getrandbits(32):08X}"
    return pick(rng, tb.NICK_HEADS) + pick(rng, tb.NICK_CORES) + pick(rng, ("", "", "呀", "子", "1998", "_"))


def jittered(rng: random.Random, base: Sequence[float], concentration: float = 15.0) -> list[float]:
    """Perturb a share vector (Dirichlet around base) and round to hundredths summing to 1."""
    return shares_to_hundredths([rng.gammavariate(concentration * b, 1.0) + 1e-6 for b in base])


def make_audience(rng: random.Random, category: tb.Category) -> dict[str, Any]:
    weights = tb.PERSONA_WEIGHTS[category.slug]
    persona = pick(rng, list(weights), list(weights.values()))
    ages, cities = tb.PERSONAS[persona]
    lo, hi = category.female_share
    return {
        "female_share": round(rng.uniform(lo, hi), 2),
        "age": dict(zip(tb.AGE_BANDS, jittered(rng, ages), strict=True)),
        "city_tier": dict(zip(tb.CITY_TIERS, jittered(rng, cities), strict=True)),
    }


def pick_categories(rng: random.Random, primary: str) -> list[str]:
    extra = pick(rng, (0, 1, 2), (0.5, 0.35, 0.15))
    others = list(tb.ADJACENT[primary])
    rng.shuffle(others)
    return [primary, *others[:extra]]


def log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def make_creator(
    rng: random.Random, used_ids: set[str], used_names: set[str], *, fake: bool, overcommercial: bool
) -> Creator:
    primary = pick(rng, tb.CATEGORIES, [c.n_posts for c in tb.CATEGORIES])
    city, province, _ = pick(rng, tb.CITIES, [c[2] for c in tb.CITIES])
    tiers = list(TIERS)
    if fake:  # bought followers: a head/mid/junior-sized fan count
        tier = pick(rng, tiers[:3], (0.15, 0.5, 0.35))
    else:
        tier = pick(rng, tiers, [t[2] for t in TIERS.values()])
    lo, hi, _, (er_lo, er_hi) = TIERS[tier]
    fans = int(log_uniform(rng, lo * (hi / lo) ** 0.6 if fake else lo, hi))
    rate = rng.uniform(er_lo, er_hi) / (rng.uniform(10, 20) if fake else 1.0)
    collect_ratio = rng.uniform(*primary.collect_ratio)
    comment_ratio = rng.uniform(0.03, 0.12)
    avg_likes = max(1, round(fans * rate / (1 + collect_ratio + comment_ratio)))
    if overcommercial:
        sponsored = rng.uniform(0.6, 0.9)
    elif tier == "koc":
        sponsored = rng.uniform(0.0, 0.15)
    else:
        sponsored = 0.05 + 0.3 * rng.betavariate(2, 3)
    creator = Creator(
        influencer_id=new_id(rng, used_ids),
        nickname=make_nickname(rng, used_names, city),
        city=city,
        province=province,
        categories=pick_categories(rng, primary.slug),
        tier=tier,
        fans=fans,
        avg_likes=avg_likes,
        activity=rng.lognormvariate(0.0, 0.8),
        sponsored_share=round(sponsored, 2),
        fake=fake,
        overcommercial=overcommercial,
    )
    creator.record = creator_record(rng, creator, primary, collect_ratio, comment_ratio)
    return creator


def creator_record(
    rng: random.Random, c: Creator, primary: tb.Category, collect_ratio: float, comment_ratio: float
) -> dict[str, Any]:
    """The influencer row, in the file's key order (recent notes are filled in after the posts)."""
    female_creator = rng.random() < sum(primary.female_share) / 2
    bio_parts = [pick(rng, primary.bios)]
    if len(c.categories) > 1:
        bio_parts.append(pick(rng, CATEGORY_BY_SLUG[c.categories[1]].bios))
    bio_parts.append(pick(rng, ("合作请私信", "坐标{city}", "只分享自用好物", "日更中", "")))
    bio = "｜".join(p for p in bio_parts if p).format(city=c.city, n=rng.randrange(2, 9))
    price_image: int | None = None
    price_video: int | None = None
    if rng.random() >= 0.10:
        price_image = max(300, int(round(c.fans * rng.uniform(0.05, 0.12), -2)))
        price_video = max(400, int(round(price_image * rng.uniform(1.2, 1.8), -2)))
    return {
        "influencer_id": c.influencer_id,
        "nickname": c.nickname,
        "gender": "female" if female_creator else "male",
        "location": c.city,
        "bio": bio,
        "categories": c.categories,
        "tier": c.tier,
        "fans": c.fans,
        "avg_likes": c.avg_likes,
        "avg_collects": round(c.avg_likes * collect_ratio),
        "avg_comments": round(c.avg_likes * comment_ratio),
        "avg_shares": round(c.avg_likes * rng.uniform(0.01, 0.06)),
        "price_image": price_image,
        "price_video": price_video,
        "audience": make_audience(rng, primary),
        "sponsored_share": c.sponsored_share,
        "notes_count": 0,
        "recent_note_ids": [],
    }


def build_influencers(rng: random.Random, used_ids: set[str]) -> list[Creator]:
    order = list(range(N_INFLUENCERS))
    rng.shuffle(order)
    n_fake = round(N_INFLUENCERS * FAKE_SHARE)
    n_over = round(N_INFLUENCERS * OVERCOMMERCIAL_SHARE)
    fake = set(order[:n_fake])
    over = set(order[n_fake : n_fake + n_over])
    used_names: set[str] = set()
    creators = [
        make_creator(rng, used_ids, used_names, fake=i in fake, overcommercial=i in over)
        for i in range(N_INFLUENCERS)
    ]
    return sorted(creators, key=lambda c: c.influencer_id)


# --- note text ---------------------------------------------------------------------------------

DAY_SPANS = (7, 10, 14, 21, 28, 30, 45, 60, 90)


def make_slots(
    rng: random.Random, category: tb.Category, topic: tb.Topic, city: str, brand: str | None
) -> dict[str, str]:
    kw, kw2 = rng.sample(topic.keywords, 2)
    lo, hi = category.price
    return {
        "topic": topic.name,
        "kw": kw,
        "kw2": kw2,
        "product": pick(rng, category.products),
        "detail": pick(rng, category.details),
        "price": str(round_price(log_uniform(rng, lo, hi))),
        "place": pick(rng, category.places),
        "brand": brand or pick(rng, category.brands)[0],
        "n": str(rng.randrange(2, 9)),
        "days": str(pick(rng, DAY_SPANS)),
        "city": city,
        "en": topic.en,
        "city_en": tb.EN_CITIES.get(city, "Shanghai"),
    }


def make_title(
    rng: random.Random, topic: tb.Topic, slots: dict[str, str], english: bool, seen: set[str]
) -> str:
    """A RED-style title of at most 20 characters, avoiding titles already used where possible."""
    fallbacks = [topic.en.capitalize(), f"{topic.name} review"] if english else [f"{topic.name}分享"]
    best = next((t for t in fallbacks if len(t) <= 20), topic.name[:20])
    values = dict(slots)
    for attempt in range(30):
        if attempt:  # vary the small slots on retries
            values |= {
                "kw": pick(rng, topic.keywords),
                "n": str(rng.randrange(2, 9)),
                "days": str(pick(rng, DAY_SPANS)),
            }
        if english:
            title = pick(rng, tb.EN_TITLES).format_map(values)
            title = title[0].upper() + title[1:]
        else:
            pool = topic.titles if rng.random() < 0.6 else tb.GENERIC_TITLES
            title = pick(rng, pool).format_map(values)
            if rng.random() < 0.25:
                title += pick(rng, tb.EMOJI)
        if len(title) <= 20:
            best = title
            if title not in seen:
                break
    seen.add(best)
    return best


def english_body(rng: random.Random, slots: dict[str, str], brand: str | None) -> str:
    """An English note by an expat / bilingual creator; 80-320 characters."""
    pool = [line.format_map(slots) for line in tb.EN_LINES]
    rng.shuffle(pool)
    brand_line = f"The product is from {brand}, a brand I only found here." if brand else ""
    budget = 320 - (len(brand_line) + 1 if brand else 0)
    target = rng.randint(100, budget)
    lines = [pool.pop()]
    while pool and len(" ".join(lines)) < target and len(" ".join([*lines, pool[-1]])) <= budget:
        lines.append(pool.pop())
    if brand_line:
        lines.insert(rng.randrange(1, len(lines) + 1), brand_line)
    return " ".join(lines)


def make_body(
    rng: random.Random,
    category: tb.Category,
    topic: tb.Topic,
    slots: dict[str, str],
    *,
    day: int,
    brand_line: str | None,
) -> str:
    """First-person note text from sentence templates; 80-320 characters, varying in length."""

    def fill(template: str) -> str:  # a fresh detail phrase per sentence
        return template.format_map({**slots, "detail": pick(rng, category.details)})

    topic_lines = rng.sample(topic.lines, rng.randrange(1, len(topic.lines) + 1))
    middle = rng.sample(category.lines, rng.randrange(1, 4)) + rng.sample(
        tb.MIDDLE_LINES, rng.randrange(0, 3)
    )
    # (sentence, must keep): the opener, the first topic sentence and the brand sentence always stay
    body = [(fill(pick(rng, tb.OPENERS)), True), (fill(topic_lines[0]), True)]
    body += [(fill(line), False) for line in topic_lines[1:] + middle]
    if brand_line:
        body.insert(rng.randrange(1, len(body) + 1), (fill(brand_line), True))
    if day >= DOUBLE11_FROM and rng.random() < 0.35:
        body.append((fill(pick(rng, tb.DOUBLE11_LINES)), False))
    if rng.random() < 0.3:
        body.append((fill(pick(rng, tb.READER_QUESTIONS)), False))
    closer = fill(pick(rng, tb.CLOSERS)) if rng.random() < 0.75 else ""
    used = {*topic_lines, *middle}
    spare = [line for line in (*topic.lines, *category.lines, *tb.MIDDLE_LINES) if line not in used]
    rng.shuffle(spare)
    target = rng.randint(80, 300)
    while sum(len(t) for t, _ in body) + len(closer) < target and spare:
        body.append((fill(spare.pop()), False))
    if rng.random() < 0.3:
        i = rng.randrange(len(body))
        body[i] = (body[i][0] + pick(rng, tb.EMOJI), body[i][1])
    while sum(len(t) for t, _ in body) + len(closer) > 320:
        if closer:
            closer = ""
            continue
        drop = max(i for i, (_, keep) in enumerate(body) if not keep)
        del body[drop]
    return "".join(t for t, _ in body) + closer


def make_tags(
    rng: random.Random, category: tb.Category, topic: tb.Topic, brand: str | None, sponsored: bool, day: int
) -> list[str]:
    """2-8 hashtags: the topic's own tag, some of its pool, generic category tags, brand, 双11."""
    tags = [topic.tags[0]]
    if topic.trend in (tb.RISING, tb.DECLINING):  # keep the topic's own hashtag the clear signal
        if rng.random() < 0.3:
            tags.append(pick(rng, topic.tags[1:]))
    else:
        tags += [t for t in topic.tags[1:] if rng.random() < 0.5]
    generic = list(category.generic_tags)
    if rng.random() < 0.7:
        tags.append(generic.pop(0))
    tags += rng.sample(generic, rng.randrange(1, 3))
    if sponsored and brand:
        tags.append(brand.split(" ")[0])
    if day >= DOUBLE11_FROM and rng.random() < 0.15:
        tags.append(pick(rng, tb.DOUBLE11_TAGS))
    unique: list[str] = []
    for tag in tags:
        if tag not in unique:
            unique.append(tag)
    if len(unique) < 2:
        unique.append(next(t for t in category.generic_tags if t not in unique))
    return unique[:8]


# --- posts -------------------------------------------------------------------------------------


def topic_boost(topic: tb.Topic, day: int) -> float:
    """Engagement per post follows the trend: rising topics ~1.5x in the last 30 days."""
    if topic.trend == tb.RISING:
        return 1.5 if day >= LAST30[0] else (1.1 if day >= PREV30[0] else 1.0)
    if topic.trend == tb.DECLINING and day >= LAST30[0]:
        return 0.8
    return 1.0


def engagement(rng: random.Random, median_likes: float, category: tb.Category, z: float) -> dict[str, int]:
    """Heavy-tailed counts: lognormal likes (z is the post's standard-normal draw), rare viral outliers."""
    likes = median_likes * math.exp(SIGMA * z)
    if rng.random() < 0.015:  # viral outlier
        likes *= rng.uniform(10, 50)
    likes_int = max(0, round(likes))
    return {
        "likes": likes_int,
        "collects": round(likes * rng.uniform(*category.collect_ratio) * rng.lognormvariate(0.0, 0.2)),
        "comments": round(likes * rng.uniform(0.03, 0.12)),
        "shares": round(likes * rng.uniform(0.01, 0.06)),
    }


def choose_author(
    rng: random.Random, pool: list[Creator], weights: list[float], used_ids: set[str]
) -> tuple[Creator | None, str, str]:
    """(creator or None, author_id, author_name): ~70% influencers, the rest ordinary users."""
    if rng.random() < INFLUENCER_POST_SHARE:
        creator = pick(rng, pool, weights)
        return creator, creator.influencer_id, creator.nickname
    return None, new_id(rng, used_ids), ordinary_nickname(rng)


def make_note(
    rng: random.Random,
    category: tb.Category,
    topic: tb.Topic,
    day: int,
    z: float,
    author: tuple[Creator | None, str, str],
    used_ids: set[str],
    seen: set[str],
) -> Note:
    creator, author_id, author_name = author
    ts = post_time(rng, day)
    english = rng.random() < ENGLISH_SHARE
    if creator is not None:
        city = creator.city
        location = creator.province if rng.random() < 0.92 else pick_province(rng)
        median = creator.avg_likes / math.exp(SIGMA**2 / 2)
        sponsored = rng.random() < creator.sponsored_share * 1.1
    else:
        city, location = pick(rng, tb.CITIES, [c[2] for c in tb.CITIES])[:2]
        location = location if rng.random() < 0.5 else pick_province(rng)
        median = ORDINARY_MEDIAN_LIKES
        sponsored = rng.random() < 0.05
    zh_brand, en_brand = pick(rng, category.brands)
    review = not sponsored and rng.random() < 0.10
    brand = f"{zh_brand} {en_brand}" if sponsored or review else None
    slots = make_slots(rng, category, topic, city, zh_brand)
    brand_line = None
    if brand:
        brand_line = pick(rng, tb.SPONSOR_LINES if sponsored else tb.REVIEW_LINES)
    body = ""
    for _ in range(8):  # bodies must not repeat
        if english:
            body = english_body(rng, slots, brand)
        else:
            body = make_body(rng, category, topic, slots, day=day, brand_line=brand_line)
        if body not in seen:
            break
    seen.add(body)
    video_p = category.video_share
    fmt = "video" if rng.random() < video_p else "image"
    baseline = median * (1.2 if fmt == "video" else 1.0) * (0.8 if sponsored else 1.0)
    counts = engagement(rng, baseline * topic_boost(topic, day), category, z)
    record = {
        "note_id": new_id(rng, used_ids),
        "title": make_title(rng, topic, slots, english, seen),
        "body": body,
        "format": fmt,
        "category": category.slug,
        "tags": make_tags(rng, category, topic, brand, sponsored, day),
        "published_at": iso(ts),
        **counts,
        "author_id": author_id,
        "author_name": author_name,
        "location": location,
        "sponsored": sponsored,
        "brand": brand,
    }
    return Note(category, topic, day, ts, record=record, baseline=baseline, english=english)


def stratified_normals(rng: random.Random, schedule: list[tuple[tb.Topic, int]]) -> list[float]:
    """Standard-normal draws, stratified per topic before / within the last 30 days (exact lognormal spread).

    With ~40 posts a period, independent draws would bury the planted 1.5x engagement uplift in noise.
    """
    groups: dict[tuple[str, int], list[int]] = {}
    for i, (topic, day) in enumerate(schedule):
        groups.setdefault((topic.name, day >= LAST30[0]), []).append(i)
    z = [0.0] * len(schedule)
    for members in groups.values():
        n = len(members)
        draws = [NormalDist().inv_cdf((k + rng.random()) / n) for k in range(n)]
        rng.shuffle(draws)
        for i, value in zip(members, draws, strict=True):
            z[i] = value
    return z


def pick_province(rng: random.Random) -> str:
    return pick(rng, tb.PROVINCES, [p[1] for p in tb.PROVINCES])[0]


def build_posts(rng: random.Random, creators: list[Creator], used_ids: set[str]) -> list[Note]:
    notes: list[Note] = []
    seen: set[str] = set()  # bodies and titles already used
    for category in tb.CATEGORIES:
        pool = [c for c in creators if category.slug in c.categories]
        weights = [c.activity * (1.0 if c.categories[0] == category.slug else 0.4) for c in pool]
        schedule = schedule_category(rng, category)
        for (topic, day), z in zip(schedule, stratified_normals(rng, schedule), strict=True):
            author = choose_author(rng, pool, weights, used_ids)
            notes.append(make_note(rng, category, topic, day, z, author, used_ids, seen))
    notes.sort(key=lambda n: (n.record["published_at"], n.record["note_id"]))
    return notes


def link_creators(rng: random.Random, creators: list[Creator], notes: list[Note]) -> None:
    """Fill notes_count and recent_note_ids (newest first) from the posts each creator wrote."""
    by_id = {c.influencer_id: c for c in creators}
    for note in notes:
        creator = by_id.get(note.record["author_id"])
        if creator is not None:
            creator.note_ids.append((note.record["published_at"], note.record["note_id"]))
    older = {"head": (300, 2500), "mid": (150, 1200), "junior": (60, 600), "koc": (20, 250)}
    for creator in creators:
        newest = sorted(creator.note_ids, reverse=True)
        lo, hi = older[creator.tier]
        creator.record["notes_count"] = len(newest) + int(log_uniform(rng, lo, hi))
        creator.record["recent_note_ids"] = [note_id for _, note_id in newest[:10]]


# --- comments ----------------------------------------------------------------------------------


def choose_commented(rng: random.Random, notes: list[Note]) -> list[Note]:
    """About N_COMMENTED_POSTS posts, popular ones more likely (weighted sampling without replacement)."""
    keyed: list[tuple[float, str, Note]] = []
    for note in notes:
        count = note.record["comments"]
        if count > 0:
            key = rng.random() ** (1.0 / math.sqrt(count))
            keyed.append((key, note.record["note_id"], note))
    keyed.sort(key=lambda k: (-k[0], k[1]))
    return [note for _, _, note in keyed[:N_COMMENTED_POSTS]]


def comment_text(rng: random.Random, note: Note) -> str:
    """~65% praise/questions, ~35% complaints; comments on rising topics talk about its keywords."""
    category, topic = note.category, note.topic
    slots = {"kw": pick(rng, topic.keywords), "product": pick(rng, category.products)}
    roll = rng.random()
    if topic.trend == tb.RISING and rng.random() < 0.4:
        text = pick(rng, tb.TREND_COMMENTS)
    elif roll < 0.42:
        text = pick(rng, tb.NEGATIVE_COMMENTS).replace("{pain}", pick(rng, category.pains))
    elif roll < 0.62:
        text = pick(rng, (*tb.QUESTION_COMMENTS, *category.questions))
    else:
        text = pick(rng, tb.POSITIVE_COMMENTS)
    text = text.format_map(slots)
    if rng.random() < 0.12:
        text += pick(rng, tb.EMOJI)
    return text


def comment_delay(rng: random.Random, posted: datetime) -> datetime:
    """Most comments come within hours, a tail up to 14 days; none after the data's end."""
    hours = min(14 * 24.0, rng.lognormvariate(math.log(5.0), 1.5))
    ts = posted + timedelta(seconds=60 + round(hours * 3600))
    if ts > END_TS:
        span = int((END_TS - posted).total_seconds())
        ts = posted + timedelta(seconds=rng.randint(min(30, span), span))
    return ts


def note_comments(rng: random.Random, note: Note, count: int, used_ids: set[str]) -> list[dict[str, Any]]:
    times = sorted(comment_delay(rng, note.ts) for _ in range(count))
    like_scale = max(1.0, note.record["likes"] ** 0.3 / 3)
    rows: list[dict[str, Any]] = []
    for ts in times:
        parent = None
        earlier = [r for r in rows if r["created_at"] < iso(ts)]
        if earlier and rng.random() < 0.12:
            parent = pick(rng, earlier)["comment_id"]
        rows.append(
            {
                "comment_id": new_id(rng, used_ids),
                "note_id": note.record["note_id"],
                "content": pick(rng, tb.REPLY_COMMENTS)
                if parent and rng.random() < 0.6
                else comment_text(rng, note),
                "created_at": iso(ts),
                "likes": int(rng.lognormvariate(0.0, 1.4) * like_scale) - 1 if rng.random() < 0.8 else 0,
                "location": pick_province(rng),
                "parent_comment_id": parent,
            }
        )
    for row in rows:
        row["likes"] = max(0, row["likes"])
    return rows


def build_comments(rng: random.Random, notes: list[Note], used_ids: set[str]) -> list[dict[str, Any]]:
    """About N_COMMENTS comments, more on popular posts, never more than a post's comment count."""
    chosen = choose_commented(rng, notes)
    weights = [n.record["comments"] ** 0.6 for n in chosen]

    def counts(scale: float) -> list[int]:
        return [
            min(max(1, round(scale * w)), n.record["comments"], 80)
            for n, w in zip(chosen, weights, strict=True)
        ]

    scale = N_COMMENTS / sum(weights)
    for _ in range(20):  # the caps bite, so rescale until the total is close to the target
        scale *= N_COMMENTS / sum(counts(scale))
    rows: list[dict[str, Any]] = []
    for note, count in zip(chosen, counts(scale), strict=True):
        rows.extend(note_comments(rng, note, count, used_ids))
    rows.sort(key=lambda r: (r["note_id"], r["created_at"], r["comment_id"]))
    return rows


# --- trend check -------------------------------------------------------------------------------


@dataclass
class TrendRow:
    category: str
    topic: tb.Topic
    prev: int  # posts with the topic hashtag in PREV30
    last: int  # ... in LAST30
    rank: int  # rank of the hashtag among the category's growing (rising) or shrinking (declining) tags
    engagement_ratio: float  # median interactions per post over the author's baseline, last 30 days vs before

    @property
    def growth(self) -> float:
        return self.last / max(self.prev, 1)

    @property
    def ok(self) -> bool:
        if self.topic.trend == tb.RISING:
            return self.rank <= 3 and self.last >= MIN_TREND_POSTS and self.growth >= 3.0
        return self.rank <= 3 and self.prev >= MIN_TREND_POSTS and self.growth <= 0.4


def tag_windows(notes: list[Note], slug: str) -> dict[str, list[int]]:
    """tag -> [posts in PREV30, posts in LAST30] for one category."""
    counts: dict[str, list[int]] = {}
    for note in notes:
        if note.category.slug != slug:
            continue
        for tag in note.record["tags"]:
            slot = counts.setdefault(tag, [0, 0])
            if in_window(note.day, PREV30):
                slot[0] += 1
            elif in_window(note.day, LAST30):
                slot[1] += 1
    return counts


def ranked_tags(counts: dict[str, list[int]]) -> tuple[list[str], list[str]]:
    """(growing, shrinking) tags by last-30 vs previous-30 volume, with the minimum-volume rule."""
    growing = [t for t, (p, last) in counts.items() if last >= MIN_TREND_POSTS]
    growing.sort(key=lambda t: (-counts[t][1] / max(counts[t][0], 1), t))
    shrinking = [t for t, (p, _) in counts.items() if p >= MIN_TREND_POSTS]
    shrinking.sort(key=lambda t: (counts[t][1] / counts[t][0], t))
    return growing, shrinking


def interactions(note: Note) -> int:
    r = note.record
    return r["likes"] + r["collects"] + r["comments"]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def measure_trends(notes: list[Note]) -> list[TrendRow]:
    rows: list[TrendRow] = []
    for category in tb.CATEGORIES:
        counts = tag_windows(notes, category.slug)
        growing, shrinking = ranked_tags(counts)
        for topic in category.topics:
            if topic.trend not in (tb.RISING, tb.DECLINING):
                continue
            tag = topic.tags[0]
            ranking = growing if topic.trend == tb.RISING else shrinking
            rank = ranking.index(tag) + 1 if tag in ranking else 999
            mine = [n for n in notes if n.topic is topic]
            late = median([interactions(n) / n.baseline for n in mine if n.day >= LAST30[0]])
            early = median([interactions(n) / n.baseline for n in mine if n.day < LAST30[0]])
            prev, last = counts.get(tag, [0, 0])
            rows.append(TrendRow(category.slug, topic, prev, last, rank, late / early))
    return rows


def check_invariants(notes: list[Note], creators: list[Creator], comments: list[dict[str, Any]]) -> list[str]:
    """Structural promises of the brief; returns the problems found (empty when all is well)."""
    problems: list[str] = []
    posts = [n.record for n in notes]
    if len(posts) < 3400 or len(creators) < 900:
        problems.append(f"too few rows: {len(posts)} posts, {len(creators)} influencers")
    if not posts[-1]["published_at"].startswith("2026-10-31"):
        problems.append("newest post is not on 2026-10-31")
    for slug in CATEGORY_BY_SLUG:
        n = sum(1 for p in posts if p["category"] == slug)
        if not 250 <= n <= 450:
            problems.append(f"{slug}: {n} posts")
    for p in posts:
        if len(p["title"]) > 20 or not 80 <= len(p["body"]) <= 320 or not 2 <= len(p["tags"]) <= 8:
            problems.append(f"post {p['note_id']}: title/body/tags out of range")
        if p["sponsored"] and (not p["brand"] or p["brand"].split(" ")[0] not in p["body"]):
            problems.append(f"post {p['note_id']}: sponsored without its brand in the body")
    by_note = {p["note_id"]: p for p in posts}
    for c in comments:
        if c["created_at"] < by_note[c["note_id"]]["published_at"]:
            problems.append(f"comment {c['comment_id']} before its post")
    return problems


# --- output ------------------------------------------------------------------------------------


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def engagement_rate(record: dict[str, Any]) -> float:
    return (record["avg_likes"] + record["avg_collects"] + record["avg_comments"]) / record["fans"]


def card_trends(rows: list[TrendRow]) -> list[str]:
    out = [
        "## Planted trends",
        "",
        f"Windows: previous 30 days = {day_date(PREV30[0])} .. {day_date(PREV30[1] - 1)}, last 30 days = "
        f"{day_date(LAST30[0])} .. {day_date(LAST30[1] - 1)}. Counts are posts carrying the topic's own "
        f"hashtag (the first in its pool). Rank is the hashtag's place among the category's growing tags "
        f"(ratio last/previous, at least {MIN_TREND_POSTS} posts in the last 30 days) or shrinking tags "
        f"(at least {MIN_TREND_POSTS} posts in the previous 30 days). Engagement x is the median "
        "interactions per post (likes + collects + comments, over the author's usual level) in the last "
        "30 days against the topic's earlier posts.",
        "",
    ]
    for category in tb.CATEGORIES:
        out += [
            f"### {category.slug} {category.zh}",
            "",
            "| trend | topic | hashtags | prev 30 d | last 30 d | growth | rank | engagement x |",
            "|---|---|---|---:|---:|---:|---:|---:|",
        ]
        for r in rows:
            if r.category == category.slug:
                tags = " ".join(f"#{t}" for t in r.topic.tags)
                out.append(
                    f"| {r.topic.trend} | {r.topic.name} | {tags} | {r.prev} | {r.last} | "
                    f"{r.growth:.2f}x | {r.rank} | {r.engagement_ratio:.2f} |"
                )
        stable = "、".join(t.name for t in category.topics if t.trend in (tb.STABLE, tb.SUMMER))
        out += ["", f"Stable topics: {stable}.", ""]
    return out


def card_creators(creators: list[Creator]) -> list[str]:
    out = [
        "## Planted influencer anomalies",
        "",
        f"Fake-follower accounts ({sum(c.fake for c in creators)}): fans high for the tier, average "
        "interaction 10-20x below the tier norm.",
        "",
        "| influencer_id | tier | fans | engagement rate |",
        "|---|---|---:|---:|",
    ]
    out += [
        f"| {c.influencer_id} | {c.tier} | {c.fans} | {engagement_rate(c.record):.2%} |"
        for c in creators
        if c.fake
    ]
    out += [
        "",
        f"Over-commercialised accounts ({sum(c.overcommercial for c in creators)}): sponsored_share 0.6-0.9.",
        "",
        "| influencer_id | tier | sponsored_share |",
        "|---|---|---:|",
    ]
    out += [
        f"| {c.influencer_id} | {c.tier} | {c.sponsored_share:.2f} |" for c in creators if c.overcommercial
    ]
    return [*out, ""]


def render_card(
    notes: list[Note],
    creators: list[Creator],
    comments: list[dict[str, Any]],
    files: dict[str, Path],
    rows: list[TrendRow],
) -> str:
    posts = [n.record for n in notes]
    tiers = {t: sum(1 for c in creators if c.tier == t) for t in TIERS}
    out = [
        "# SAMPLE data set (SYNTHETIC)",
        "",
        "> **This data is synthetic.** It was generated by `scripts/generate_sample.py` (seed "
        f"{SEED}); it is not real Xiaohongshu (RED) data. All brands, creators, nicknames, ids and notes are "
        "fictional; any resemblance to real accounts or brands is coincidental. Use it to demo and test "
        "RedPilot (trends, influencer matrices, campaign drafts), never as market evidence.",
        "",
        "Regenerate with `python scripts/generate_sample.py` (standard library only); a rerun gives "
        "byte-identical files and re-checks the planted trends (`--check` prints the figures).",
        "",
        "## Files",
        "",
        "| file | rows | sha256 |",
        "|---|---:|---|",
    ]
    for name, count in (("posts", len(posts)), ("influencers", len(creators)), ("comments", len(comments))):
        out.append(f"| knowledge/{name}/{name}.jsonl | {count} | `{sha256(files[name])}` |")
    influencer_ids = {c.influencer_id for c in creators}
    ordinary = sum(1 for p in posts if p["author_id"] not in influencer_ids)
    out += [
        "",
        "## Coverage",
        "",
        f"- Dates: {day_date(0)} .. {day_date(DAYS - 1)} ({DAYS} days), China time (`+08:00`); newest post "
        f"{posts[-1]['published_at']}.",
        f"- Posts: {len(posts)} ({len(posts) - ordinary} by influencers in the influencer file, {ordinary} by "
        f"ordinary users who are not); {sum(p['sponsored'] for p in posts)} sponsored, "
        f"{sum(p['format'] == 'video' for p in posts)} videos, "
        f"{sum(n.english for n in notes)} English-language notes.",
        f"- Influencers: {len(creators)} ({', '.join(f'{t} {n}' for t, n in tiers.items())}).",
        f"- Comments: {len(comments)} on {len({c['note_id'] for c in comments})} posts, "
        f"{sum(c['parent_comment_id'] is not None for c in comments)} replies.",
        "",
        "| category | 中文 | posts | influencers (primary) | fictional brands |",
        "|---|---|---:|---:|---|",
    ]
    for category in tb.CATEGORIES:
        n_posts = sum(1 for p in posts if p["category"] == category.slug)
        n_creators = sum(1 for c in creators if c.categories[0] == category.slug)
        brands = ", ".join(f"{zh} {en}" for zh, en in category.brands)
        out.append(f"| {category.slug} | {category.zh} | {n_posts} | {n_creators} | {brands} |")
    out += [
        "",
        *card_trends(rows),
        "Seasonal texture: summer topics (sun protection, dresses, swimming ...) run about twice as "
        "heavy in June-August; from 2026-10-15 all categories get busier and some notes mention or tag "
        f"双11 ({' / '.join(f'#{t}' for t in tb.DOUBLE11_TAGS)}); weekends are busier for food and travel.",
        "",
        *card_creators(creators),
    ]
    return "\n".join(out)


# --- main --------------------------------------------------------------------------------------


def validate_tables() -> None:
    """The trend signal relies on each topic's own hashtag being used by that topic only."""
    for category in tb.CATEGORIES:
        own = [t.tags[0] for t in category.topics]
        if len(set(own)) != len(own):
            raise ValueError(f"{category.slug}: duplicate topic hashtags")
        for topic in category.topics:
            shared = [t for t in (*topic.tags[1:], *category.generic_tags) if t in own]
            if shared or not 3 <= len(topic.tags) <= 6 or len(topic.keywords) < 2:
                raise ValueError(f"{category.slug}/{topic.name}: bad tag pool or keywords {shared}")
        trends = [t.trend for t in category.topics]
        if trends.count(tb.RISING) != 2 or not 1 <= trends.count(tb.DECLINING) <= 2:
            raise ValueError(f"{category.slug}: needs 2 rising and 1-2 declining topics")


def generate(seed: int) -> tuple[list[Note], list[Creator], list[dict[str, Any]]]:
    validate_tables()
    rng = random.Random(seed)
    used_ids: set[str] = set()
    creators = build_influencers(rng, used_ids)
    notes = build_posts(rng, creators, used_ids)
    link_creators(rng, creators, notes)
    comments = build_comments(rng, notes, used_ids)
    return notes, creators, comments


def print_trends(rows: list[TrendRow]) -> None:
    print(
        f"{'category':<14}{'trend':<10}{'hashtag':<14}{'prev30':>7}{'last30':>7}{'growth':>8}{'rank':>5}"
        f"{'eng x':>7}  ok"
    )
    for r in rows:
        print(
            f"{r.category:<14}{r.topic.trend:<10}{r.topic.tags[0]:<14}{r.prev:>7}{r.last:>7}"
            f"{r.growth:>7.2f}x{r.rank:>5}{r.engagement_ratio:>7.2f}  {'yes' if r.ok else 'NO'}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the repo's knowledge/)"
    )
    parser.add_argument(
        "--card",
        type=Path,
        default=None,
        help="data card path (default: docs/SAMPLE_DATA.md, or OUT/SAMPLE_DATA.md with --out)",
    )
    parser.add_argument("--check", action="store_true", help="print the planted-trend figures")
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)  # robustness testing only
    args = parser.parse_args(argv)
    out: Path = args.out or REPO / "knowledge"
    card: Path = args.card or (out / "SAMPLE_DATA.md" if args.out else REPO / "docs" / "SAMPLE_DATA.md")

    notes, creators, comments = generate(args.seed)
    files = {
        "posts": out / "posts" / "posts.jsonl",
        "influencers": out / "influencers" / "influencers.jsonl",
        "comments": out / "comments" / "comments.jsonl",
    }
    write_jsonl(files["posts"], [n.record for n in notes])
    write_jsonl(files["influencers"], [c.record for c in creators])
    write_jsonl(files["comments"], comments)
    rows = measure_trends(notes)
    card.parent.mkdir(parents=True, exist_ok=True)
    card.write_text(render_card(notes, creators, comments, files, rows), encoding="utf-8", newline="\n")
    print(
        f"wrote {len(notes)} posts, {len(creators)} influencers, {len(comments)} comments to {out}; card {card}"
    )

    if args.check:
        print_trends(rows)
    problems = check_invariants(notes, creators, comments)
    problems += [f"trend not detectable: {r.category} {r.topic.tags[0]}" for r in rows if not r.ok]
    for problem in problems:
        print(f"CHECK FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
