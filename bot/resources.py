"""Data files shipped with the package: the category lexicon and the bilingual marketing glossary.

They are data, not code, so admins can edit them; each loader reads its file once.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


def _text(name: str) -> str:
    return resources.files("bot").joinpath("resources", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Category:
    slug: str
    zh: str
    en: str
    keywords: tuple[str, ...]


@cache
def categories() -> dict[str, Category]:
    raw = json.loads(_text("categories.json"))
    return {
        slug: Category(slug, entry["zh"], entry["en"], tuple(k.lower() for k in entry["keywords"]))
        for slug, entry in raw.items()
    }


@cache
def _category_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """English keywords match whole words (singular or plural: "cat" not in "category", "men" not in "women");
    Chinese keywords match anywhere."""
    compiled = []
    for category in categories().values():
        parts = [
            rf"(?<![a-z]){re.escape(k)}(?:s|es)?(?![a-z])" if k.isascii() else re.escape(k)
            for k in category.keywords
        ]
        compiled.append((category.slug, re.compile("|".join(parts))))
    return tuple(compiled)


def infer_category(*texts: str) -> str | None:
    """The category whose keywords cover most of the texts (in characters, so "徒步鞋" is travel by 徒步
    rather than fashion by 鞋), or None when none occurs."""
    haystack = " ".join(texts).lower()
    if not haystack.strip():
        return None
    best, best_score = None, 0
    for slug, pattern in _category_patterns():
        score = sum(len(match) for match in pattern.findall(haystack))
        if score > best_score:
            best, best_score = slug, score
    return best


def normalize_category(value: str | None) -> str | None:
    """Map a slug, a Chinese or English category name, or a keyword to a known slug; unknown text stays."""
    if not value or not value.strip():
        return None
    text = value.strip()
    lowered = text.lower().replace(" ", "_").replace("-", "_")
    known = categories()
    if lowered in known:
        return lowered
    for category in known.values():
        if text in (category.zh, category.en) or lowered == category.en.lower().replace(" ", "_"):
            return category.slug
    return infer_category(text) or text


@cache
def glossary() -> tuple[tuple[str, ...], ...]:
    """Synonym groups: each a tuple of lower-cased terms that mean the same thing across languages."""
    groups: list[tuple[str, ...]] = []
    for line in _text("glossary.tsv").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        terms = tuple(dict.fromkeys(t.strip().lower() for t in line.split("\t") if t.strip()))
        if len(terms) > 1:
            groups.append(terms)
    return tuple(groups)


@cache
def fingerprint() -> str:
    """Changes whenever a resource that shapes tokenisation changes."""
    digest = hashlib.sha256()
    for name in ("glossary.tsv", "categories.json"):
        digest.update(_text(name).encode())
    return digest.hexdigest()[:12]


@cache
def marketing() -> dict[str, object]:
    """Rules of thumb the tools use (tier mixes by goal, KFS splits, sentiment words ...)."""
    return json.loads(_text("marketing.json"))


def category_label(slug: str | None, lang: str = "zh") -> str:
    """A category's name in a language ('skincare' -> 护肤 / Skincare); an unknown slug as it is."""
    if not slug:
        return ""
    known = categories().get(slug)
    if known is None:
        return slug
    return known.zh if lang == "zh" else known.en
