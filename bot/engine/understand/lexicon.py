"""Lexicons read from the knowledge base: what products, brands, creators and topics the data knows.

Slots come from these rather than from the leftover of a sentence: "冻干猫粮" is a product because the data
has notes tagged 冻干 and 猫粮; "爱吃可乐" is a creator because the creator file has that nickname. Built once
per knowledge-base generation (any ingest, in any process, makes a new one).
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bot.resources import categories, infer_category
from bot.tools.context import ToolContext


@dataclass(frozen=True)
class Lexicon:
    generation: int
    vocabulary: frozenset[str]  # product and topic words: hashtags of the notes and the category keywords
    tag_category: dict[str, str]  # hashtag -> the category most of its notes belong to
    brands: dict[str, str]  # lower-cased brand name or part of it -> brand as written
    brand_categories: dict[str, str]  # brand as written -> the category of most of its notes
    creators: dict[str, str]  # nickname -> influencer id
    longest_first: tuple[str, ...] = field(default=())  # vocabulary, longest first, for matching

    def category_of(self, text: str) -> str | None:
        """The category a product or topic belongs to: the category keywords first, then the hashtags it
        contains (冻干猫粮 -> pets because #冻干 notes are pet notes)."""
        found = infer_category(text)
        if found:
            return found
        votes: Counter[str] = Counter()
        for term in self.known_terms(text):
            if term in self.tag_category:
                votes[self.tag_category[term]] += len(term)
        return votes.most_common(1)[0][0] if votes else None

    def known_terms(self, text: str) -> list[str]:
        """The words of the data in the text: Chinese anywhere, English as whole words ("tea" is not in
        "team")."""
        lowered = text.lower()
        return [term for term in self.longest_first if len(term) >= 2 and _contains_term(lowered, term)]

    def brand_in(self, text: str) -> str | None:
        hits = [(len(key), brand) for key, brand in self.brands.items() if _contains(text, key)]
        return max(hits)[1] if hits else None

    def without_brands(self, text: str) -> str:
        for key in sorted(self.brands, key=len, reverse=True):
            if _contains(text, key):
                text = re.sub(re.escape(key), " ", text, flags=re.IGNORECASE)
        return text

    def brand_category(self, brand: str | None) -> str | None:
        return self.brand_categories.get(brand or "")

    def creator_in(self, text: str) -> str | None:
        """The longest creator nickname the text contains (names of one character are too ambiguous)."""
        hits = [name for name in self.creators if len(name) >= 2 and name in text]
        return max(hits, key=len) if hits else None


def _brand_names(brand: str) -> list[str]:
    """How people name a brand: "阿满烘焙 AMAN BAKERY" is 阿满烘焙, AMAN BAKERY or AMAN, never "bakery"."""
    chinese = " ".join(p for p in brand.split() if re.search(r"[\u4e00-\u9fff]", p))
    latin = [p for p in brand.split() if p.isascii()]
    names = [chinese] if len(chinese) >= 2 else []
    if latin:
        names.append(" ".join(latin))
        generic = {k for c in categories().values() for k in c.keywords} | {
            "home",
            "tech",
            "audio",
            "lab",
            "men",
            "fit",
        }
        if len(latin[0]) >= 4 and latin[0].lower() not in generic:
            names.append(latin[0])
    return names


def _contains_term(lowered: str, term: str) -> bool:
    if term not in lowered:
        return False
    if not term.isascii():
        return True
    return re.search(rf"(?<![a-z0-9]){re.escape(term)}(?:s|es)?(?![a-z0-9])", lowered) is not None


def category_by_neighbours(ctx: ToolContext, text: str, k: int = 15) -> str | None:
    """The category of the notes most like the text, when most of them agree: what the data says a product
    belongs to when no word of it is a category keyword ("smart ring" near #智能戒指 notes is electronics)."""
    ctx.kb.ensure_ready()
    found = ctx.kb.vectors.query(ctx.kb.embedder.query(text), k, {"kind": "post"})
    categories_by_note = {p.note_id: p.category for p in ctx.records().posts}
    votes = Counter(categories_by_note.get(chunk_id.split(":", 1)[1]) for chunk_id, _, _ in found)
    votes.pop(None, None)
    if not votes:
        return None
    category, count = votes.most_common(1)[0]
    return category if count * 2 > len(found) else None


def _contains(text: str, key: str) -> bool:
    """A brand name in the text: Chinese anywhere, Latin letters as a whole word of four letters or more
    ("men" of "凛 RIN MEN" is no brand)."""
    if key.isascii():
        return len(key) >= 4 and re.search(rf"(?<![a-z]){re.escape(key)}(?![a-z])", text.lower()) is not None
    return len(key) >= 2 and key in text


_EMPTY = Lexicon(0, frozenset(), {}, {}, {}, {})
_lock = threading.Lock()
_cache: dict[int, Lexicon] = {}


def lexicon(ctx: ToolContext) -> Lexicon:
    records = ctx.records()
    with _lock:
        cached = _cache.get(id(ctx))
        if cached is not None and cached.generation == records.generation:
            return cached
    built = _build(records.generation, ctx)
    with _lock:
        _cache[id(ctx)] = built
    return built


def _build(generation: int, ctx: ToolContext) -> Lexicon:
    records = ctx.records()
    tag_votes: dict[str, Counter[str]] = defaultdict(Counter)
    tag_count: Counter[str] = Counter()
    brands: dict[str, str] = {}
    brand_votes: dict[str, Counter[str]] = defaultdict(Counter)
    for post in records.posts:
        for tag in post.tags:
            term = tag.lower().strip("#")
            tag_count[term] += 1
            if post.category:
                tag_votes[term][post.category] += 1
        if post.brand:
            brands[post.brand.lower()] = post.brand
            if post.category:
                brand_votes[post.brand][post.category] += 1
            for name in _brand_names(post.brand):
                brands.setdefault(name.lower(), post.brand)
    vocabulary = {term for term, n in tag_count.items() if n >= 2 and 2 <= len(term) <= 12}
    for category in categories().values():
        vocabulary.update(k for k in category.keywords if len(k) >= 2)
        vocabulary.add(category.zh)
    tag_category = {term: votes.most_common(1)[0][0] for term, votes in tag_votes.items() if votes}
    creators = {i.nickname: i.influencer_id for i in records.influencers if i.nickname}
    return Lexicon(
        generation=generation,
        vocabulary=frozenset(vocabulary),
        tag_category=tag_category,
        brands=brands,
        brand_categories={b: v.most_common(1)[0][0] for b, v in brand_votes.items()},
        creators=creators,
        longest_first=tuple(sorted(vocabulary, key=lambda t: (-len(t), t))),
    )


def empty() -> Lexicon:
    return _EMPTY
