"""Retrieval evaluation: recall@5, MRR@10 and nDCG@10 for lexical-only, dense-only and hybrid search.

The set (bot/eval/data/retrieval.jsonl) holds marketer questions in Chinese and English with the guides or
notes judged relevant, best first; `cross` marks questions whose language differs from their best guide's.
"""

from __future__ import annotations

import math
from importlib import resources
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from bot.store.knowledge_base import KnowledgeBase

MODES = ("lexical", "dense", "hybrid")


class Case(BaseModel):
    query: str
    lang: str
    relevant: list[str]
    cross: bool = False


class Result(BaseModel):
    mode: str
    slice: str
    queries: int
    recall_at_5: float
    mrr_at_10: float
    ndcg_at_10: float


def load_cases() -> list[Case]:
    text = resources.files("bot.eval").joinpath("data", "retrieval.jsonl").read_text(encoding="utf-8")
    return [Case.model_validate_json(line) for line in text.splitlines() if line.strip()]


def score(ranked: list[str], relevant: list[str]) -> tuple[float, float, float]:
    """(hit in top 5, reciprocal rank in top 10, nDCG@10 with the first judged doc weighted 2, others 1)."""
    gains = {doc: (2.0 if i == 0 else 1.0) for i, doc in enumerate(relevant)}
    hit5 = 1.0 if any(doc in gains for doc in ranked[:5]) else 0.0
    rr = next((1.0 / (i + 1) for i, doc in enumerate(ranked[:10]) if doc in gains), 0.0)
    dcg = sum(gains.get(doc, 0.0) / math.log2(i + 2) for i, doc in enumerate(ranked[:10]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(gains.values(), reverse=True)[:10]))
    return hit5, rr, (dcg / ideal if ideal else 0.0)


def evaluate(kb: KnowledgeBase, cases: list[Case], modes: tuple[str, ...] = MODES) -> list[Result]:
    results: list[Result] = []
    for mode in modes:
        per_case = []
        for case in cases:
            hits = kb.search(case.query, 10, mode=mode)  # type: ignore[arg-type]
            per_case.append((case, score([h.doc_id for h in hits], case.relevant)))
        for name, keep in (("all", lambda c: True), ("cross-lingual", lambda c: c.cross)):
            chosen = [s for c, s in per_case if keep(c)]
            if not chosen:
                continue
            n = len(chosen)
            results.append(
                Result(
                    mode=mode,
                    slice=name,
                    queries=n,
                    recall_at_5=sum(s[0] for s in chosen) / n,
                    mrr_at_10=sum(s[1] for s in chosen) / n,
                    ndcg_at_10=sum(s[2] for s in chosen) / n,
                )
            )
    return results
