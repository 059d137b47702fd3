"""Several processes on the same data: writers take turns (cross-process lock) and a reader never sees part of
a file that is still being ingested."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import cli_env, guides_and_notes, make_settings


def _notes(path: Path, prefix: str, count: int) -> None:
    rows = [
        {
            "note_id": f"{prefix}-{i}",
            "title": f"{prefix} 露营装备清单 {i}",
            "body": "露营 帐篷 天幕 " * 20,
            "likes": i,
            "published_at": "2026-10-20 20:00:00",
        }
        for i in range(count)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_two_ingests_and_a_reader_at_once(tmp_path: Path, store: dict[str, object]) -> None:
    knowledge = guides_and_notes(tmp_path / "kb")
    data = tmp_path / "data"
    reader = KnowledgeBase(make_settings(data, knowledge, **store))
    reader.ensure_ready()
    files = {"alpha": tmp_path / "alpha.jsonl", "beta": tmp_path / "beta.jsonl"}
    for prefix, path in files.items():
        _notes(path, prefix, 80)
    env = cli_env(data, knowledge, **{k.upper(): str(v) for k, v in store.items()})
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "ingest", str(path), "--json"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files.values()
    ]
    observations = 0
    while any(w.poll() is None for w in writers):
        visible = {prefix: 0 for prefix in files}
        for hit in reader.search("露营装备清单 帐篷", 100, kinds=("post",)):
            prefix = hit.doc_id.split("-")[0]
            if prefix in visible:
                visible[prefix] += 1
        for prefix in files:
            committed = sum(
                1
                for _ in reader.catalog.db.execute(
                    "SELECT 1 FROM documents WHERE kind='post' AND doc_id LIKE ?", (f"{prefix}-%",)
                )
            )
            assert committed in (0, 80)  # a file lands whole or not at all
            if visible[prefix]:
                assert committed == 80  # what a reader finds is committed
        observations += 1
        time.sleep(0.05)
    results = [json.loads(w.communicate()[0]) for w in writers]
    assert [r["added"] for r in results] == [80, 80]
    assert observations > 3
    assert reader.vectors.hashes() == reader.catalog.all_chunk_hashes()
    assert reader.catalog.counts()["post"] == 3 + 160
    reader.close()
