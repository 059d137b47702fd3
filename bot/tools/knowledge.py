"""search_knowledge: the hybrid retrieval of the knowledge base as a tool, for citing guides and notes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.models import SearchHit
from bot.resources import normalize_category
from bot.tools.context import ToolContext


class KnowledgeQuery(BaseModel):
    """A question or keywords, Chinese or English."""

    query: str = Field(..., min_length=1, description="question or keywords")
    k: int = Field(5, ge=1, le=20, description="how many passages")
    kind: Literal["playbook", "post", "influencer"] | None = Field(None, description="only this kind")
    category: str | None = Field(None, description="category slug or name")


class KnowledgeResults(BaseModel):
    query: str
    hits: list[SearchHit]


def search_knowledge(ctx: ToolContext, query: KnowledgeQuery) -> KnowledgeResults:
    """Find the playbook passages, RED notes or creators that answer a question, best first, each with its
    doc_id, title and a snippet to cite."""
    hits = ctx.kb.search(
        query.query,
        query.k,
        kinds=(query.kind,) if query.kind else (),
        category=normalize_category(query.category) if query.category else None,
    )
    return KnowledgeResults(query=query.query, hits=hits)
