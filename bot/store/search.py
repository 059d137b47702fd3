"""Hybrid retrieval: dense (embeddings in Chroma) and lexical (jieba + BM25 in SQLite FTS5), fused with
weighted reciprocal rank fusion, one hit per document.

The lexical side expands the query with the bilingual glossary (达人 <-> KOL <-> creator), which is what
lets an English question find a Chinese guide by words; weights come from settings, measured by
`redpilot eval retrieval`.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from typing import Literal

from bot.models import SearchHit
from bot.resources import glossary
from bot.store.catalog import Catalog, ChunkRow
from bot.store.embeddings import CachedEmbedder
from bot.store.normalize import CHINA_TZ
from bot.store.tokenize import tokens
from bot.store.vectors import VectorIndex

Mode = Literal["hybrid", "dense", "lexical"]
log = logging.getLogger("redpilot.search")
# A small k lets the top ranks of each retriever count: with the textbook k=60 every rank in a short list of
# guides weighed about the same and fusion fell behind BM25 alone (measured with `redpilot eval retrieval`).
RRF_K = 2
COMMON_TERM_SHARE = 0.05
MIN_COMMON_TERM_CHUNKS = 500
MAX_DENSE_SYNONYMS = 3  # each costs embedding time; 3 measured better than 6 and 12 (docs/BENCHMARKS.md)
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="redpilot-search")
CANDIDATES = 30
SNIPPET_CHARS = 220
_ASCII_TERM = re.compile(r"^[a-z0-9 .'+-]+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


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


@cache
def _glossary_patterns() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """One compiled pattern per synonym group: English terms as whole words (singular or plural), Chinese
    terms as substrings."""
    compiled = []
    for group in glossary():
        parts = []
        for term in group:
            if _ASCII_TERM.match(term):
                stem = term[:-1] if len(term) > 3 and term.endswith("s") and not term.endswith("ss") else term
                parts.append(rf"(?<![a-z0-9]){re.escape(stem)}s?(?![a-z0-9])")
            else:
                parts.append(re.escape(term))
        compiled.append((re.compile("|".join(parts)), group))
    return tuple(compiled)


@lru_cache(maxsize=2048)
def glossary_synonyms(query: str) -> tuple[str, ...]:
    """Every term of every glossary group the query touches (达人 -> KOL, creator, influencer ...)."""
    lowered = query.lower()
    extra: list[str] = []
    for pattern, group in _glossary_patterns():
        if pattern.search(lowered):
            extra.extend(t for t in group if t not in extra)
    return tuple(extra)


def expand_query(query: str) -> list[str]:
    """The query followed by the glossary synonyms of any glossary term it contains."""
    return [query, *glossary_synonyms(query)]


def query_terms(query: str) -> list[str]:
    """Lexical terms of the query and of its glossary synonyms, in order, without repeats."""
    seen: list[str] = []
    for part in expand_query(query):
        for token in tokens(part):
            if token not in seen:
                seen.append(token)
    return seen[:64]


@cache
def _prefix_terms() -> frozenset[str]:
    """Single Chinese characters of the glossary (猫, 狗): searched as prefixes, since jieba indexes 猫咪 and
    猫粮 as whole words. Other single characters stay exact: a prefix scan of 图 or 高 is slow and vague."""
    return frozenset(t for group in glossary() for t in group if len(t) == 1 and _CJK.match(t))


def fts_query(terms: list[str]) -> str:
    prefixes = _prefix_terms()
    return " OR ".join('"' + t.replace('"', '""') + '"' + ("*" if t in prefixes else "") for t in terms)


def _without_common_terms(terms: list[str], counts: dict[str, int], total: int) -> list[str]:
    """Drop terms found in more than COMMON_TERM_SHARE of all chunks: BM25 gives them almost no weight, yet
    FTS5 must score every chunk that has them (at 100k chunks they cost most of the query's time). Small
    indexes keep everything, and the three rarest terms always stay, so a query of common words still works."""
    prefixes = _prefix_terms()
    present = [t for t in terms if counts.get(t, 0) > 0 or t in prefixes]
    limit = max(COMMON_TERM_SHARE * total, MIN_COMMON_TERM_CHUNKS)
    kept = [t for t in present if counts.get(t, 0) <= limit or t in prefixes]
    if len(kept) < 3:
        rarest = set(sorted(present, key=lambda t: counts.get(t, 0))[:3])
        kept = [t for t in present if t in rarest]
    return kept


def _votes(per_doc: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """Reciprocal rank votes (documents arrive best first). Min-max score fusion was tried and did worse."""
    return {key: 1.0 / (RRF_K + rank) for rank, key in enumerate(per_doc, start=1)}


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

    def dense(self, query: str, filters: Filters, n: int = CANDIDATES) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) best first, only for chunks whose committed version Chroma holds."""
        # Glossary synonyms travel with the query: the small multilingual model links "KOL" to "达人" far
        # better when both are in the text (measured with `redpilot eval retrieval`).
        # Only the other language's synonyms: the model already links same-language words, and every
        # appended token costs embedding time.
        query_is_chinese = bool(_CJK.search(query))
        synonyms = [t for t in glossary_synonyms(query) if bool(_CJK.search(t)) != query_is_chinese]
        text = f"{query} ({', '.join(synonyms[:MAX_DENSE_SYNONYMS])})" if synonyms else query
        try:
            found = self.vectors.query(self.embedder.query(text), n, filters.chroma_where())
        except Exception as exc:
            # Embedded Chroma read by one process while another writes can fail mid-query ("Error finding
            # id"); a Chroma server can be away. Answer from BM25 alone rather than not at all. Both are
            # expected, so one line, not a traceback per question.
            log.warning(
                "dense search failed (%s: %s); answering from lexical search only", type(exc).__name__, exc
            )
            return []
        # A half-finished ingest in another process may have written vectors the catalog has not committed:
        # those (unknown id, or a different content hash) are not shown.
        committed = self.catalog.chunks_by_id([chunk_id for chunk_id, _, _ in found])
        return [
            (chunk_id, similarity)
            for chunk_id, similarity, content_hash in found
            if chunk_id in committed and committed[chunk_id].hash == content_hash
        ]

    def lexical(self, query: str, filters: Filters, n: int = CANDIDATES) -> list[tuple[str, float]]:
        terms = query_terms(query)
        if not terms:
            return []
        terms = _without_common_terms(
            terms, self.catalog.term_document_counts(terms), self.catalog.chunk_count()
        )
        if not terms:
            return []
        return self.catalog.lexical(
            fts_query(terms),
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
        runs: list[tuple[list[tuple[str, float]], float]] = []
        if mode == "hybrid":
            # BM25 in SQLite and the embedding + Chroma lookup both release the GIL: run them side by side.
            lexical = _POOL.submit(self.lexical, query, filters)
            runs.append((self.dense(query, filters), self.dense_weight))
            runs.append((lexical.result(), self.lexical_weight))
        elif mode == "dense":
            runs.append((self.dense(query, filters), 1.0))
        else:
            runs.append((self.lexical(query, filters), 1.0))
        rows = self.catalog.chunks_by_id(list(dict.fromkeys(c for run, _ in runs for c, _ in run)))
        scores: dict[tuple[str, str], float] = {}
        best_chunk: dict[tuple[str, str], ChunkRow] = {}
        for run, weight in runs:
            # Document level: each retriever votes once per document, with its best chunk, so a guide with
            # many matching sections does not push other documents down the list.
            per_doc: dict[tuple[str, str], float] = {}
            for chunk_id, score in run:
                row = rows.get(chunk_id)
                if row is None:
                    continue
                key = (row.kind, row.doc_id)
                if key not in per_doc:
                    per_doc[key] = score
                    best_chunk.setdefault(key, row)
            for key, vote in _votes(per_doc).items():
                scores[key] = scores.get(key, 0.0) + weight * vote
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
            published_at=datetime.fromtimestamp(row.published_ts, CHINA_TZ) if row.published_ts else None,
        )


@lru_cache(maxsize=1024)
def _query_tokens(query: str) -> tuple[str, ...]:
    return tuple(tokens(query))


def snippet(text: str, query: str, limit: int = SNIPPET_CHARS) -> str:
    """A window of the chunk around the first query term it contains, on whole lines where possible."""
    flat = re.sub(r"\s+", " ", text).strip()
    if len(flat) <= limit:
        return flat
    lowered = flat.lower()
    positions = [lowered.find(t) for t in _query_tokens(query) if len(t) > 1 and lowered.find(t) >= 0]
    start = max(0, min(positions) - limit // 4) if positions else 0
    piece = flat[start : start + limit]
    return ("…" if start else "") + piece.strip() + ("…" if start + limit < len(flat) else "")
