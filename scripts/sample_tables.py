"""Data tables for scripts/generate_sample.py: categories, topics, brands and text templates.

Everything here is invented. Brands, creators and notes are fictional; the generator fills the
templates below with a seeded random number generator, so the sample is synthetic but stable.

Template slots (filled by the generator): {topic} topic name, {kw}/{kw2} topic keywords, {product}
and {detail} category nouns/phrases, {price} a price in CNY, {place} a place, {brand} a fictional
brand, {n} a small number, {days} a duration in days, {city} the author's city.
"""

from __future__ import annotations

from dataclasses import dataclass

RISING, DECLINING, STABLE, SUMMER = "rising", "declining", "stable", "summer"


@dataclass(frozen=True)
class Topic:
    name: str
    trend: str  # RISING, DECLINING, STABLE or SUMMER (stable, heavier June-August)
    en: str  # short English phrase for the bilingual creators' notes
    tags: tuple[str, ...]  # the first is the topic's own hashtag
    keywords: tuple[str, ...]
    titles: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    slug: str
    zh: str
    n_posts: int
    video_share: float
    collect_ratio: tuple[float, float]  # collects / likes
    female_share: tuple[float, float]  # audience
    generic_tags: tuple[str, ...]
    brands: tuple[tuple[str, str], ...]  # (Chinese name, pinyin/English)
    products: tuple[str, ...]
    details: tuple[str, ...]
    price: tuple[int, int]  # typical product/spend in CNY
    places: tuple[str, ...]
    lines: tuple[str, ...]  # category body sentences
    pains: tuple[str, ...]  # comment complaints
    questions: tuple[str, ...]  # comment questions
    bios: tuple[str, ...]  # influencer bio fragments
    topics: tuple[Topic, ...]


T = Topic  # short alias for the tables below
