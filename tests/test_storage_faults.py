"""A full disk or a read-only data dir during `redpilot ingest`: one clear line, and the knowledge base exactly as
it was. The data dir lives on a small tmpfs of its own, so the kernel reports the real ENOSPC and EROFS."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine.factory import build_engine
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram.app import build_application
from tests.fake_telegram import FakeTelegram
from tests.helpers import FIXTURES, ROOT, cli_env, make_settings, polling, run_cli, write_notes

ADMIN = 7001


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount_point)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs needs root (CAP_SYS_ADMIN)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


_SNAPSHOT = """
import json, sys
from pathlib import Path
from bot.config import load_settings
from bot.store.knowledge_base import KnowledgeBase
kb = KnowledgeBase(load_settings(data_dir=Path(sys.argv[1]), knowledge_dir=Path(sys.argv[2])))
kb.ensure_ready()
hashes = kb.catalog.all_chunk_hashes()
print(json.dumps({"counts": kb.catalog.counts(), "catalog": hashes, "lexical": kb.catalog.counts()["lexical"],
                  "vectors": kb.vectors.hashes(), "journal": len(kb.catalog.journal())}))
"""


def _snapshot(data: Path, knowledge: Path) -> dict[str, object]:
    """Records, lexical index and vectors as a fresh process sees them (in a subprocess, so this test holds
    no file open on the small disk and it can be remounted)."""
    result = subprocess.run(
        [sys.executable, "-c", _SNAPSHOT, str(data), str(knowledge)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    state = json.loads(result.stdout)
    assert state["vectors"] == state["catalog"] and state["lexical"] == len(state["catalog"])
    assert state["journal"] == 0
    return state


def _remount(mount_point: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(mount_point)], check=True)


@pytest.fixture
def stocked(small_disk: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A data dir on the small disk holding two influencers, and a 150-note file to ingest."""
    data, knowledge = small_disk / "data", tmp_path / "knowledge"
    knowledge.mkdir()
    env = cli_env(data, knowledge)
    first = run_cli("ingest", str(FIXTURES / "mediacrawler" / "creators_new.json"), env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    big = tmp_path / "big.jsonl"
    write_notes(big, 150, seed=3)
    return data, knowledge, big


def _fill(disk: Path, leave_kb: int) -> Path:
    filler = disk / "filler"
    with filler.open("wb") as out:
        os.posix_fallocate(out.fileno(), 0, shutil.disk_usage(disk).free - leave_kb * 1024)
    return filler


def test_full_disk_during_ingest_is_one_line_and_changes_nothing(
    stocked: tuple[Path, Path, Path], small_disk: Path, tmp_path: Path
) -> None:
    """Cold cache: storing the new vectors in the embedding cache fails. Warm cache: the check before writing
    finds too little room, so embedded Chroma is never asked to write on a full disk (it can get stuck)."""
    data, knowledge, big = stocked
    env = cli_env(data, knowledge)
    before = _snapshot(data, knowledge)
    scratch = tmp_path / "scratch"
    for cache, leave_kb in [("cold", 64), ("warm", 64), ("warm", 576)]:
        if cache == "warm" and not scratch.exists():
            assert run_cli("ingest", str(big), env=cli_env(scratch, knowledge), cwd=tmp_path).returncode == 0
            shutil.copy(scratch / "embeddings.sqlite", data / "embeddings.sqlite")
        filler = _fill(small_disk, leave_kb)

        failed = run_cli("ingest", str(big), env=env, cwd=tmp_path)

        assert failed.returncode == 2, (cache, leave_kb, failed.stdout)
        assert failed.stderr.strip().count("\n") == 0, failed.stderr
        assert "big.jsonl was not stored" in failed.stderr and "the disk is full" in failed.stderr
        filler.unlink()
        assert _snapshot(data, knowledge) == before, (cache, leave_kb)
    done = run_cli("ingest", str(big), "--json", env=env, cwd=tmp_path)
    assert json.loads(done.stdout)["added"] == 150
    assert _snapshot(data, knowledge)["counts"]["post"] == 150


def test_read_only_data_dir_during_ingest_is_one_line_and_changes_nothing(
    stocked: tuple[Path, Path, Path], small_disk: Path, tmp_path: Path
) -> None:
    data, knowledge, big = stocked
    before = _snapshot(data, knowledge)
    _remount(small_disk, "ro")
    try:
        failed = run_cli("ingest", str(big), env=cli_env(data, knowledge), cwd=tmp_path)
    finally:
        _remount(small_disk, "rw")

    assert failed.returncode == 2
    assert failed.stderr.strip().count("\n") == 0, failed.stderr
    assert "read-only" in failed.stderr and str(data) in failed.stderr
    assert _snapshot(data, knowledge) == before


async def test_an_admin_upload_on_a_full_disk_gets_the_line_and_the_bot_keeps_serving(
    small_disk: Path, small_knowledge: Path
) -> None:
    data = small_disk / "data"
    bundled = (FIXTURES / "mediacrawler" / "search_contents_2026-10-30.jsonl").read_bytes()
    notes = bundled.replace(b'"note_id": "', b'"note_id": "new-')  # records the knowledge base lacks
    with FakeTelegram() as fake:
        settings = make_settings(
            data,
            small_knowledge,
            telegram_bot_token=fake.token,
            telegram_api_base_url=fake.base_url,
            admin_user_ids={ADMIN},
            debounce_seconds=0,
        )
        kb = KnowledgeBase(settings)
        kb.ensure_ready()
        async with polling(build_application(settings, kb, build_engine(kb))):
            fake.send_text(
                ADMIN, "你好", user_id=ADMIN
            )  # the bot's own stores are opened before the disk fills
            await fake.wait_for_async(lambda c: c.method == "sendMessage", timeout=60)
            before = kb.catalog.counts()
            filler = _fill(small_disk, 64)
            since = len(fake.calls)
            fake.send_document(ADMIN, "new-notes.jsonl", notes, user_id=ADMIN)
            refused = await fake.wait_for_async(lambda c: c.method == "sendMessage", timeout=60, since=since)
            assert "new-notes.jsonl was not stored" in refused.params["text"]
            assert "the disk is full" in refused.params["text"]
            assert kb.catalog.counts() == before
            filler.unlink()
            since = len(fake.calls)
            fake.send_document(ADMIN, "new-notes.jsonl", notes, user_id=ADMIN)
            stored = await fake.wait_for_async(lambda c: c.method == "sendMessage", timeout=60, since=since)
            assert "新增 3" in stored.params["text"] or "added 3" in stored.params["text"]
        kb.close()
