"""A corpus of nasty files (tests/fixtures/nasty): each gives records, rejected rows with reasons, or a one-line
error; nothing crashes and the knowledge base stays consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import FIXTURES, cli_env, run_cli

NASTY = FIXTURES / "nasty"


@pytest.mark.parametrize("name", sorted(p.name for p in NASTY.iterdir()))
def test_each_nasty_file(kb_factory, name: str) -> None:  # type: ignore[no-untyped-def]
    kb: KnowledgeBase = kb_factory()
    report = kb.ingest_paths([NASTY / name])
    for rejected in report.rejected:
        assert rejected.source.startswith(f"{name}:") and rejected.reason and "\n" not in rejected.reason
    assert report.added + len(report.rejected) > 0
    assert kb.vectors.hashes() == kb.catalog.all_chunk_hashes()
    assert kb.catalog.counts()["lexical"] == kb.catalog.counts()["chunks"]


def test_expected_outcomes(kb_factory) -> None:  # type: ignore[no-untyped-def]
    kb: KnowledgeBase = kb_factory()
    report = kb.ingest_paths([NASTY])
    reasons = {r.source: r.reason for r in report.rejected}
    assert reasons["empty.csv:0"] == "file is empty"
    assert reasons["random_bytes.json:0"].startswith("not")
    assert reasons["duplicate_ids.jsonl:2"] == "duplicate id dup (first on line 1)"
    assert "deeply_nested.json:0" in reasons and "nested deeper" in reasons["deeply_nested.json:0"]
    assert sum(1 for s in reasons if s.startswith("wrong_types.jsonl:")) == 6
    ids = {d.doc_id for d in kb.list_documents(limit=100)}
    assert {"ok2", "g1", "u16", "long", "dup", "n1", "n3"} <= ids
    assert reasons["formula_cells.csv:3"].startswith("likes: not a count")  # "=1+1" is not a number
    formula = kb.catalog.document("post", "n1")
    assert formula is not None and json.loads(formula.data)["title"].startswith(
        "=cmd"
    )  # kept as text, never run
    long = json.loads(kb.catalog.document("post", "long").data)  # type: ignore[union-attr]
    assert len(long["body"]) <= 20_000  # one cell cannot bloat the index


def test_cli_reports_the_corpus_in_json(tmp_path: Path) -> None:
    result = run_cli(
        "ingest", str(NASTY), "--json", env=cli_env(tmp_path / "data", tmp_path / "kb"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added"] > 0 and len(summary["rejected"]) >= 10
