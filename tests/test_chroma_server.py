"""Scale-out mode: with CHROMA_HOST/CHROMA_PORT set the vectors live in a real Chroma server (`chroma run`,
from the chromadb package) started by the test on loopback; ingest, search and recovery behave the same."""

from __future__ import annotations

from pathlib import Path

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import FIXTURES, chroma_server, free_port, guides_and_notes, make_settings


def test_ingest_search_and_remove_against_a_chroma_server(chroma_server: int, tmp_path: Path) -> None:
    knowledge = guides_and_notes(tmp_path / "kb")
    settings = make_settings(tmp_path / "data", knowledge, chroma_host="127.0.0.1", chroma_port=chroma_server)
    kb = KnowledgeBase(settings)
    kb.ensure_ready()
    assert kb.vectors.location == f"chroma server 127.0.0.1:{chroma_server}"
    assert not (tmp_path / "data" / "chroma").exists()  # nothing embedded on local disk
    assert kb.search("达人报价一般多少钱", 1)[0].doc_id == "guides/kol-pricing.md"
    assert (
        kb.search("cat is a picky eater, switching food", 3, kinds=("post",))[0].doc_id
        == "66a1f0c2000000001d01a003"
    )
    report = kb.ingest_paths([FIXTURES / "mediacrawler" / "creators_new.json"])
    assert report.added == 2
    assert kb.remove("guides/camping.md") == 1
    assert kb.vectors.hashes() == kb.catalog.all_chunk_hashes()
    kb.close()


def test_a_new_chroma_server_is_filled_from_the_catalog(chroma_server: int, tmp_path: Path) -> None:
    """Switching an existing store to a server (or a server that lost its data): the vectors are rebuilt from
    the committed records and the embedding cache, without re-reading the knowledge folder."""
    knowledge = guides_and_notes(tmp_path / "kb")
    local = KnowledgeBase(make_settings(tmp_path / "data", knowledge))
    local.ensure_ready()
    chunks = local.catalog.counts()["chunks"]
    local.close()
    served = KnowledgeBase(
        make_settings(
            tmp_path / "data",
            knowledge,
            chroma_host="127.0.0.1",
            chroma_port=chroma_server,
            embedding_model_name="",
        )
    )
    served.ensure_ready()
    assert served.vectors.count() == chunks
    assert served.search("什么时候发笔记 evening peak", 1)[0].doc_id == "guides/posting-times.md"
    served.close()


def test_answers_continue_while_the_chroma_server_is_away(tmp_path: Path) -> None:
    port, path = free_port(), tmp_path / "server"
    knowledge = guides_and_notes(tmp_path / "kb")
    kb = KnowledgeBase(make_settings(tmp_path / "data", knowledge, chroma_host="127.0.0.1", chroma_port=port))
    with chroma_server(path, port):
        kb.ensure_ready()
        assert kb.search("what time of day should we publish", 1)[0].doc_id == "guides/posting-times.md"
    # Away: the dense side finds nothing, the answer comes from BM25 alone, and nothing raises.
    assert kb.search("negotiating prices with creators", 3, mode="dense") == []
    assert kb.search("达人报价 砍价", 1)[0].doc_id == "guides/kol-pricing.md"
    with chroma_server(path, port):
        # Back: dense results again (an English question, a Chinese guide: BM25 alone has no shared word).
        hits = kb.search("negotiating prices with creators", 3, mode="dense")
        assert hits and "guides/kol-pricing.md" in [h.doc_id for h in hits]
    kb.close()
