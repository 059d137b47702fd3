"""The `redpilot` command as a user runs it: kb maintenance and `run` without a Telegram token."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import cli_env, guides_and_notes, run_cli


def test_kb_stats_list_remove(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", guides_and_notes(tmp_path / "kb"))
    stats = json.loads(run_cli("kb", "stats", "--json", env=env, cwd=tmp_path).stdout)
    assert stats["documents"] == {"playbook": 5, "post": 3, "influencer": 0, "comment": 0}
    assert stats["chunks"] == stats["lexical_entries"] == stats["vector_entries"] > 8
    assert stats["embedding_model"] == "local:multilingual-e5-small"

    listed = json.loads(run_cli("kb", "list", "--kind", "playbook", "--json", env=env, cwd=tmp_path).stdout)
    assert [row["doc_id"] for row in listed] == [
        "guides/banned-words.md",
        "guides/camping.md",
        "guides/kfs-notes.txt",
        "guides/kol-pricing.md",
        "guides/posting-times.md",
    ]
    removed = run_cli("kb", "remove", "66a1f0c2000000001d01a003", env=env, cwd=tmp_path)
    assert removed.returncode == 0 and "removed 1" in removed.stdout
    missing = run_cli("kb", "remove", "no-such-id", env=env, cwd=tmp_path)
    assert missing.returncode == 2 and "no record with id 'no-such-id'" in missing.stderr
    after = json.loads(run_cli("kb", "stats", "--json", env=env, cwd=tmp_path).stdout)
    assert after["documents"]["post"] == 2 and after["chunks"] == stats["chunks"] - 1

    rebuilt = run_cli("kb", "rebuild", env=env, cwd=tmp_path)
    assert rebuilt.returncode == 0 and f"rebuilt {after['chunks']} chunks" in rebuilt.stdout


def test_run_without_a_token_builds_the_index_and_explains_how_to_get_one(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", guides_and_notes(tmp_path / "kb"))
    result = run_cli("run", env=env, cwd=tmp_path)
    assert result.returncode == 2  # not attached to a terminal
    assert "knowledge base ready: 5 guides, 3 posts, 0 influencers" in result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "@BotFather" in result.stderr
    assert (tmp_path / "data" / "kb.sqlite").exists()


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = run_cli("--help", env=cli_env(tmp_path / "d", tmp_path), cwd=tmp_path)
    assert result.returncode == 0
    for command in ("ingest", "search", "kb", "eval", "run"):
        assert command in result.stdout


def test_shipped_embedding_cache_lets_a_fresh_store_index_without_embedding(tmp_path: Path) -> None:
    import sqlite3

    knowledge = guides_and_notes(tmp_path / "kb")
    first = run_cli("kb", "export-cache", env=cli_env(tmp_path / "data1", knowledge), cwd=tmp_path)
    assert first.returncode == 0 and "wrote" in first.stdout
    seeds = list((knowledge / ".cache").glob("embeddings-local-multilingual-e5-small.npz"))
    assert len(seeds) == 1

    env = cli_env(tmp_path / "data2", knowledge)
    rows = json.loads(run_cli("search", "达人报价", "--json", env=env, cwd=tmp_path).stdout)
    assert rows[0]["doc_id"] == "guides/kol-pricing.md"
    with sqlite3.connect(tmp_path / "data2" / "embeddings.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] == 0  # nothing had to be embedded


def test_the_data_dir_is_created_for_its_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "fresh" / "data"
    result = run_cli("kb", "stats", env=cli_env(data, guides_and_notes(tmp_path / "kb")), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert data.stat().st_mode & 0o777 == 0o700
