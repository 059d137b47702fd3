"""EMBEDDING_PROVIDER=openai: the knowledge base embeds through any OpenAI-compatible /embeddings endpoint."""

from __future__ import annotations

from pathlib import Path

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import guides_and_notes, make_settings
from tests.openai_stub import OpenAIStub


def test_index_and_search_with_an_openai_compatible_embedding_endpoint(tmp_path: Path) -> None:
    knowledge = guides_and_notes(tmp_path / "kb")
    with OpenAIStub(embedding_dim=16) as stub:
        settings = make_settings(
            tmp_path / "data",
            knowledge,
            embedding_provider="openai",
            embedding_model_name="stub-embed",
            openai_base_url=stub.base_url,
            openai_api_key="sk-embed",
        )
        kb = KnowledgeBase(settings)
        kb.ensure_ready()
        stats = kb.stats()
        assert stats.embedding_model == "openai:stub-embed"
        assert stats.vector_entries == stats.chunks > 0
        embedding_calls = [r for r in stub.requests if r.endpoint == "embeddings"]
        assert embedding_calls and all(r.body["model"] == "stub-embed" for r in embedding_calls)
        assert embedding_calls[0].headers["authorization"] == "Bearer sk-embed"
        # The stub's vectors carry no meaning, but BM25 still finds the guide, and the hybrid list is whole.
        hits = kb.search("达人报价", 3)
        assert hits and hits[0].doc_id == "guides/kol-pricing.md"
        before = len(stub.requests)
        kb.close()
        again = KnowledgeBase(settings)
        again.ensure_ready()
        assert (
            len([r for r in stub.requests[before:] if r.endpoint == "embeddings"]) <= 1
        )  # cached, not re-embedded
        again.close()
