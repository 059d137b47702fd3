"""Hybrid retrieval: dense (embeddings in Chroma) and lexical (jieba + BM25 in SQLite FTS5), fused with
weighted reciprocal rank fusion, one hit per document.

The lexical side expands the query with the bilingual glossary (达人 <-> KOL <-> creator), which is what
lets an English question find a Chinese guide by words; weights come from settings, measured by
`redpilot eval retrieval`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.models import SearchHit
from bot.resources import glossary
from bot.store.catalog import Catalog, ChunkRow
from bot.store.embeddings import CachedEmbedder
from bot.store.tokenize import tokens
from bot.store.vectors import VectorIndex

Mode = Literal["hybrid", "dense", "lexical"]
# A small k lets the top ranks of each retriever count; with k=60 every rank in a short list of guides weighed
# about the same and fusion fell behind BM25 alone (measured with `redpilot eval retrieval`).
RRF_K = 5
CANDIDATES = 50
SNIPPET_CHARS = 220
_ASCII_TERM = re.compile(r"^[a-z0-9 .'+-]+$")


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    category: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def chroma_where(self) -> dict[str, object] | None:
        clauses: list[dict[str, object]] = []
        if self.kinds:
            clauses.append({"kind": {"$in": list(self.kinds)}})
        if self.category:
            clauses.append({"category": self.category})
        if self.since:
            clauses.append({"ts": {"$gte": int(self.since.timestamp())}})
        if self.until:
            clauses.append({"ts": {"$lte": int(self.until.timestamp())}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def expand_query(query: str) -> list[str]:
    """The query's terms plus glossary synonyms of any glossary term it contains."""
    lowered = query.lower()
    extra: list[str] = []
    for group in glossary():
        if any(_contains(lowered, term) for term in group):
            extra.extend(group)
    return [query, *extra]


def _contains(text: str, term: str) -> bool:
    if _ASCII_TERM.match(term):
        return re.search(rf"(?<![a-z0-9]){re.escape(term)}s?(?![a-z0-9])", text) is not None
    return term in text


def fts_query(query: str) -> str:
    seen: list[str] = []
    for part in expand_query(query):
        for token in tokens(part):
            if token not in seen:
                seen.append(token)
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in seen[:64])


class Searcher:
    def __init__(
        self,
        catalog: Catalog,
        vectors: VectorIndex,
        embedder: CachedEmbedder,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
    ) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.embedder = embedder
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight

    def dense(self, query: str, filters: Filters, n: int = CANDIDATES) -> list[str]:
        # Glossary synonyms travel with the query: the small multilingual model links "KOL" to "达人" far
        # better when both are in the text (cross-lingual recall@5 0.39 -> 0.52 on our set).
        synonyms = expand_query(query)[1:]
        text = f"{query} ({', '.join(synonyms[:12])})" if synonyms else query
        vector = self.embedder.query(text)
        return [chunk_id for chunk_id, _, _ in self.vectors.query(vector, n, filters.chroma_where())]

    def lexical(self, query: str, filters: Filters, n: int = CANDIDATES) -> list[str]:
        match = fts_query(query)
        if not match:
            return []
        return self.catalog.lexical(
            match,
            n,
            filters.kinds,
            filters.category,
            int(filters.since.timestamp()) if filters.since else None,
            int(filters.until.timestamp()) if filters.until else None,
        )

    def search(
        self, query: str, k: int = 5, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[SearchHit]:
        filters = filters or Filters()
        if not query.strip():
            return []
        ranked: list[tuple[Sequence[str], float]] = []
        if mode in ("hybrid", "dense"):
            ranked.append((self.dense(query, filters), self.dense_weight if mode == "hybrid" else 1.0))
        if mode in ("hybrid", "lexical"):
            ranked.append((self.lexical(query, filters), self.lexical_weight if mode == "hybrid" else 1.0))
        # Fuse at document level: each retriever votes with the rank of a document's best chunk, so a guide
        # with many matching sections does not push other documents down the list.
        candidate_ids = list(dict.fromkeys(i for ids, _ in ranked for i in ids))
        rows = self.catalog.chunks_by_id(candidate_ids)
        scores: dict[tuple[str, str], float] = {}
        best_chunk: dict[tuple[str, str], ChunkRow] = {}
        for ids, weight in ranked:
            seen: set[tuple[str, str]] = set()
            for chunk_id in ids:
                # Dense ids come from Chroma; only chunks the catalog has committed count (a half-finished
                # ingest in another process never leaks into answers).
                row = rows.get(chunk_id)
                if row is None:
                    continue
                key = (row.kind, row.doc_id)
                if key in seen:
                    continue
                seen.add(key)
                scores[key] = scores.get(key, 0.0) + weight / (RRF_K + len(seen))
                best_chunk.setdefault(key, row)
        ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0][1]))[:k]
        return [self._hit(score, best_chunk[key], query) for key, score in ordered]

    def _hit(self, score: float, row: ChunkRow, query: str) -> SearchHit:
        return SearchHit(
            doc_id=row.doc_id,
            kind=row.kind,  # type: ignore[arg-type]
            title=row.title,
            score=round(score, 6),
            snippet=snippet(row.text, query),
            chunk_id=row.chunk_id,
            category=row.category,
            published_at=datetime.fromtimestamp(row.published_ts).astimezone() if row.published_ts else None,
        )


def snippet(text: str, query: str, limit: int = SNIPPET_CHARS) -> str:
    """A window of the chunk around the first query term it contains, on whole lines where possible."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    lowered = flat.lower()
    positions = [lowered.find(t) for t in tokens(query) if len(t) > 1 and lowered.find(t) >= 0]
    start = max(0, min(positions) - limit // 4) if positions else 0
    piece = flat[start : start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(flat) else "")
