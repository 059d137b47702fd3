"""search_knowledge: the hybrid retrieval of the knowledge base as a tool, and answers written from its best
passages: whole sentences, in the asker's language when the knowledge base has that language."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from bot.i18n import Lang, mostly
from bot.models import SearchHit
from bot.resources import normalize_category
from bot.store.search import glossary_synonyms
from bot.store.tokenize import tokens
from bot.tools.context import ToolContext

PASSAGE_CHARS = 420  # about three sentences: a chat answer, not the guide
_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+|(?<=[a-z0-9)\"'”])\.(?=\s|$))?|[^\n]+", re.IGNORECASE)


class KnowledgeQuery(BaseModel):
    """A question or keywords, Chinese or English."""

    query: str = Field(..., min_length=1, description="question or keywords")
    k: int = Field(5, ge=1, le=20, description="how many passages")
    kind: Literal["playbook", "post", "influencer"] | None = Field(None, description="only this kind")
    category: str | None = Field(None, description="category slug or name")
    lang: Lang | None = Field(None, description="answer from passages in this language when there are any")


class Passage(BaseModel):
    doc_id: str
    title: str
    text: str  # whole sentences from the guide
    lang: Lang


class KnowledgeResults(BaseModel):
    query: str
    hits: list[SearchHit]
    passages: list[Passage] = Field(default_factory=list)  # the answer: best passages, asked language first
    other_language_only: bool = False  # only guides in the other language cover the question


def search_knowledge(ctx: ToolContext, query: KnowledgeQuery) -> KnowledgeResults:
    """Find the playbook passages, RED notes or creators that answer a question, best first, each with its
    doc_id, title and a snippet to cite; with `lang`, the best guide passages in that language as whole
    sentences."""
    hits = ctx.kb.search(
        query.query,
        max(query.k, 8),
        kinds=(query.kind,) if query.kind else (),
        category=normalize_category(query.category) if query.category else None,
    )
    passages, other_only = _passages(ctx, query, hits)
    return KnowledgeResults(
        query=query.query, hits=hits[: query.k], passages=passages, other_language_only=other_only
    )


def _passages(ctx: ToolContext, query: KnowledgeQuery, hits: list[SearchHit]) -> tuple[list[Passage], bool]:
    guides = [h for h in hits if h.kind == "playbook"][:4]
    if not guides:
        return [], False
    rows = ctx.kb.catalog.chunks_by_id([h.chunk_id for h in guides])
    texts = {h.chunk_id: rows[h.chunk_id].text if h.chunk_id in rows else h.snippet for h in guides}
    languages = {h.chunk_id: mostly(texts[h.chunk_id]) for h in guides}
    wanted = query.lang or languages[guides[0].chunk_id]
    same = [h for h in guides if languages[h.chunk_id] == wanted]
    chosen = same[:2] if same else guides[:1]
    terms = _terms(query.query)
    passages = [
        Passage(
            doc_id=h.doc_id,
            title=h.title,
            text=best_sentences(texts[h.chunk_id], terms, PASSAGE_CHARS if i == 0 else PASSAGE_CHARS // 2),
            lang=languages[h.chunk_id],
        )
        for i, h in enumerate(chosen)
    ]
    return [p for p in passages if p.text], not same


def _terms(question: str) -> set[str]:
    found = {w for w in tokens(question) if len(w) > 1}
    for word in list(found):
        found.update(s for s in glossary_synonyms(word) if len(s) > 1)
    return found


def sentences(text: str) -> list[str]:
    """Whole sentences of a passage, headings and table rules dropped, bullets kept as sentences."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or set(stripped) <= set("|-: "):
            continue
        stripped = re.sub(r"^[-*+]\s+|^\d+[.)、]\s*", "", stripped)
        out += [s.strip() for s in _SENTENCE.findall(stripped) if len(s.strip()) > 1]
    return out


def best_sentences(text: str, terms: set[str], limit: int) -> str:
    """The sentence that shares most with the question, then the ones after it, up to `limit` characters;
    always whole sentences, in their order in the guide."""
    candidates = sentences(text)
    if not candidates:
        return ""
    lowered = [s.lower() for s in candidates]
    scores = [sum(term in s for term in terms) for s in lowered]
    start = max(range(len(candidates)), key=lambda i: (scores[i], -i))
    picked: list[str] = []
    for sentence in candidates[start:]:
        if picked and sum(map(len, picked)) + len(sentence) > limit:
            break
        picked.append(sentence)
    return ("" if mostly(text) == "zh" else " ").join(picked)
