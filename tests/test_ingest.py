"""`redpilot ingest` and the knowledge base's promises: idempotent upserts, whole-file atomicity, and the
record store, lexical index and vector index always agreeing."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import FIXTURES, cli_env, make_settings, run_cli, write_notes

MC = FIXTURES / "mediacrawler"


def assert_consistent(kb: KnowledgeBase) -> None:
    """Same chunk ids and content hashes in the catalog, the FTS index and Chroma."""
    catalog = kb.catalog.all_chunk_hashes()
    assert kb.vectors.hashes() == catalog
    assert kb.catalog.counts()["lexical"] == len(catalog)
    assert not kb.catalog.journal()


def test_ingest_json_summary_then_reingest_changes_nothing(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", tmp_path / "no-knowledge")
    first = run_cli("ingest", str(MC), "--json", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert set(summary) == {"added", "updated", "unchanged", "rejected"}
    # 3 notes + 2 comments + 2 old-schema creators + 2 new-schema creators
    assert summary["added"] == 9 and summary["updated"] == 0 and summary["unchanged"] == 0
    sources = sorted(r["source"] for r in summary["rejected"])
    assert sources == [
        "creators_old.csv:4",
        "search_comments_2026-10-30.json:4",
        "search_contents_2026-10-30.jsonl:4",
        "search_contents_2026-10-30.jsonl:5",
        "search_contents_2026-10-30.jsonl:6",
    ]
    assert all(set(r) == {"source", "reason"} and r["reason"] for r in summary["rejected"])

    again = json.loads(run_cli("ingest", str(MC), "--json", env=env, cwd=tmp_path).stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 9)

    text = run_cli("ingest", str(MC / "creators_new.json"), env=env, cwd=tmp_path)
    assert text.stdout.startswith("added 0, updated 0, unchanged 2, rejected 0")


def test_changed_rows_are_updated_in_every_index(
    kb_factory, tmp_path: Path, store: dict[str, object]
) -> None:
    kb = kb_factory(**store)
    notes = tmp_path / "notes.jsonl"
    notes.write_text(
        json.dumps({"note_id": "n1", "title": "秋冬护手霜测评", "likes": 10}) + "\n", encoding="utf-8"
    )
    assert kb.ingest_paths([notes]).added == 1
    notes.write_text(
        json.dumps({"note_id": "n1", "title": "露营帐篷怎么选", "likes": 12}) + "\n", encoding="utf-8"
    )
    report = kb.ingest_paths([notes])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    assert kb.search("帐篷", 1)[0].doc_id == "n1"
    assert kb.search("护手霜", 5, mode="lexical") == []
    assert_consistent(kb)


def test_remove_and_rebuild_keep_indexes_in_agreement(kb_factory, store: dict[str, object]) -> None:
    kb = kb_factory(**store)
    kb.ingest_paths([MC])
    assert kb.remove("66a1f0c2000000001d01a002") == 1
    assert all(h.doc_id != "66a1f0c2000000001d01a002" for h in kb.search("露营装备", 10))
    assert_consistent(kb)
    chunks = kb.catalog.counts()["chunks"]
    assert kb.rebuild() == chunks
    assert_consistent(kb)
    assert kb.search("油皮 早C晚A", 1)[0].doc_id == "66a1f0c2000000001d01a001"


def test_knowledge_folder_changes_are_picked_up_on_next_start(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    guide = knowledge / "tips.md"
    guide.write_text("# 直播技巧\n\n## 开播前\n提前三天预热，发预告笔记。\n", encoding="utf-8")
    (knowledge / "README.md").write_text("# not a guide\n", encoding="utf-8")
    settings = make_settings(tmp_path / "data", knowledge)

    kb = KnowledgeBase(settings)
    assert kb.ensure_ready().added == 1  # type: ignore[union-attr]
    assert [d.doc_id for d in kb.list_documents()] == ["tips.md"]
    kb.close()

    guide.write_text("# 直播技巧\n\n## 开播前\n提前一周预热，准备福利款。\n", encoding="utf-8")
    (knowledge / "more.txt").write_text("信息流投放\n\n先测再放量。\n", encoding="utf-8")
    kb = KnowledgeBase(settings)
    report = kb.ensure_ready()
    assert report is not None and (report.added, report.updated) == (1, 1)
    assert "一周" in kb.search("直播预热", 1)[0].snippet
    kb.close()

    guide.unlink()
    kb = KnowledgeBase(settings)
    kb.ensure_ready()
    assert [d.doc_id for d in kb.list_documents()] == ["more.txt"]
    assert_consistent(kb)
    kb.close()


@pytest.mark.slow
def test_kill_9_during_ingest_leaves_the_file_all_or_nothing(tmp_path: Path) -> None:
    data, knowledge = tmp_path / "data", tmp_path / "knowledge"
    knowledge.mkdir()
    env = cli_env(data, knowledge)
    baseline = run_cli("ingest", str(MC / "creators_new.json"), "--json", env=env, cwd=tmp_path)
    assert json.loads(baseline.stdout)["added"] == 2
    big = tmp_path / "big.jsonl"
    write_notes(big, 150, seed=1)
    rng = random.Random(7)
    killed = 0
    for _attempt in range(3):
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "ingest", str(big), "--json"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        time.sleep(rng.uniform(1.5, 4.0))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        process.wait()
        kb = KnowledgeBase(make_settings(data, knowledge))
        kb.ensure_ready()  # recovers the crashed writer's journal
        counts = kb.catalog.counts()
        assert counts["influencer"] == 2  # what was there before is untouched
        assert counts.get("post", 0) in (0, 150)  # the file landed whole or not at all
        assert_consistent(kb)
        kb.close()
    assert killed >= 1
    finished = run_cli("ingest", str(big), "--json", env=env, cwd=tmp_path)
    summary = json.loads(finished.stdout)
    assert summary["added"] + summary["unchanged"] == 150
    kb = KnowledgeBase(make_settings(data, knowledge))
    assert kb.catalog.counts()["post"] == 150
    assert_consistent(kb)
    kb.close()


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    result = run_cli(
        "ingest", str(tmp_path / "nope.csv"), env=cli_env(tmp_path / "d", tmp_path), cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file or folder" in result.stderr


def test_vectors_written_by_a_writer_that_died_before_commit_are_rolled_back(
    kb_factory, tmp_path: Path
) -> None:
    """The window a random kill rarely hits: vectors upserted under a journal entry, catalog not committed."""
    from bot.store.chunking import chunk_record
    from bot.store.importers import load_bytes
    from bot.store.vectors import VectorMeta

    kb = kb_factory()
    kb.ingest_paths([MC / "search_contents_2026-10-30.jsonl"])
    before = kb.catalog.all_chunk_hashes()
    # A second writer prepared a changed note and a new one, wrote their vectors, then died.
    rows = (
        '{"note_id": "66a1f0c2000000001d01a001", "title": "完全不同的标题 露营", "likes": 1}\n'
        '{"note_id": "ghost", "title": "幽灵笔记 露营", "likes": 1}\n'
    )
    records = load_bytes(rows.encode(), name="x.jsonl", doc_id="x.jsonl").records
    chunk_rows = [kb._chunk_row(c) for r in records for c in chunk_record(r)]
    kb.catalog.open_journal([r.chunk_id for r in chunk_rows], [])
    vectors = kb.embedder.passages([r.embed_text for r in chunk_rows])
    kb.vectors.upsert(
        [r.chunk_id for r in chunk_rows],
        vectors,
        [VectorMeta(r.doc_id, r.kind, "", -1, r.hash) for r in chunk_rows],
    )

    # Readers meanwhile see only committed data.
    assert all(h.doc_id != "ghost" for h in kb.search("幽灵笔记 露营", 10))

    kb.close()
    recovered = KnowledgeBase(kb.settings)
    recovered.ensure_ready()
    assert recovered.catalog.all_chunk_hashes() == before
    assert_consistent(recovered)
    recovered.close()
