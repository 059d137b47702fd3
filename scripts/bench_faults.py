"""Fault figures for `make bench`: what a crash during ingest, a Telegram outage and a Chroma server outage
cost, measured on the real components. (A full disk and a read-only data dir are proven by
tests/test_storage_faults.py; their cost is an error line, nothing to time.)"""

from __future__ import annotations

import logging
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench_bot import running_bot

from bot.store.knowledge_base import KnowledgeBase
from tests.fake_telegram import FakeTelegram, sent_message
from tests.helpers import FIXTURES, chroma_server, cli_env, free_port, make_settings, write_notes


def _ingest(data: Path, knowledge: Path, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", str(path), "--json"],
        env=cli_env(data, knowledge),
        cwd=data.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def kill9_during_ingest(tmp: Path, kills: int = 10, notes: int = 2000, seed: int = 11) -> dict[str, object]:
    """`kill -9` of `redpilot ingest` at random moments of one file, each on a copy of the same store (two
    influencers and a warm embedding cache, so the write itself is what gets interrupted)."""
    knowledge = tmp / "kill-knowledge"
    knowledge.mkdir()
    big = tmp / "kill-notes.jsonl"
    write_notes(big, notes, seed, prefix="fault")
    scratch = tmp / "kill-scratch"
    _ingest(scratch, knowledge, big).wait()  # embeds every note once, for the cache
    base = tmp / "kill-base"
    _ingest(base, knowledge, FIXTURES / "mediacrawler" / "creators_new.json").wait()
    shutil.copy(scratch / "embeddings.sqlite", base / "embeddings.sqlite")
    timing = tmp / "kill-timing"
    shutil.copytree(base, timing)
    started = time.perf_counter()
    _ingest(timing, knowledge, big).wait()
    whole_run = time.perf_counter() - started

    rng = random.Random(seed)
    recoveries: list[float] = []
    killed = consistent = whole = rolled_back = finished = 0
    for attempt in range(kills):
        data = tmp / f"kill-{attempt}"
        shutil.copytree(base, data)
        process = _ingest(data, knowledge, big)
        time.sleep(rng.uniform(0.2, whole_run))
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed += 1
        process.wait()
        kb = KnowledgeBase(make_settings(data, knowledge))
        rolled_back += bool(kb.catalog.journal())  # died between the vector write and the catalog commit
        started = time.perf_counter()
        kb.ensure_ready()
        recoveries.append(time.perf_counter() - started)
        counts = kb.catalog.counts()
        whole += counts.get("post", 0) in (0, notes) and counts["influencer"] == 2
        consistent += kb.vectors.hashes() == kb.catalog.all_chunk_hashes() and not kb.catalog.journal()
        kb.close()
        _ingest(data, knowledge, big).wait()  # and the rerun completes the file
        kb = KnowledgeBase(make_settings(data, knowledge))
        finished += kb.catalog.counts().get("post", 0) == notes
        kb.close()
    return {
        "attempts": kills,
        "killed": killed,
        "rolled_back_vectors": rolled_back,
        "whole_or_nothing": whole,
        "indexes_agree": consistent,
        "rerun_completed": finished,
        "notes": notes,
        "ingest_s": whole_run,
        "recovery_p50_s": statistics.median(recoveries),
        "recovery_max_s": max(recoveries),
    }


def telegram_outage(tmp: Path, knowledge: Path, chats: int = 20, outage_s: float = 10.0) -> dict[str, object]:
    """Telegram unreachable for `outage_s` while `chats` people send a question each; then back."""
    data = tmp / "telegram-outage"
    data.mkdir()
    questions = [
        "护肤最近有什么趋势",
        "What is trending in camping?",
        "KFS 怎么做",
        "检查文案：全网最好用的面霜",
    ]
    with FakeTelegram() as fake, running_bot(fake, data, knowledge):
        fake.send_text(40_000, "你好")
        fake.wait_for(sent_message(40_000), timeout=180)
        fake.go_away()
        for i in range(chats):
            fake.send_text(41_000 + i, questions[i % len(questions)])
        time.sleep(outage_s)
        fake.come_back()
        back = time.monotonic()
        answered_after: list[float] = []
        for i in range(chats):
            call = fake.wait_for(
                lambda c, chat=41_000 + i: (
                    c.method == "sendMessage"
                    and c.params.get("chat_id") == chat
                    and "reply_markup" in c.params
                ),
                timeout=300,
            )
            answered_after.append(call.time - back)
        time.sleep(2)  # anything sent twice would have arrived by now
        answers = [len([m for m in fake.sent(41_000 + i) if m.get("reply_markup")]) for i in range(chats)]
    return {
        "outage_s": outage_s,
        "questions": chats,
        "answered": sum(1 for n in answers if n),
        "answered_twice": sum(1 for n in answers if n > 1),
        "first_answer_after_back_s": min(answered_after),
        "last_answer_after_back_s": max(answered_after),
    }


class _Failures(logging.Handler):
    """Counts the search's "dense search failed" warnings (and keeps them off the console)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += "dense search failed" in record.getMessage()


def chroma_outage(tmp: Path, knowledge: Path, queries: list[str]) -> dict[str, object]:
    """Search over a Chroma server, with the server stopped (BM25 answers alone), and after it is back."""
    port, path = free_port(), tmp / "chroma-outage-server"
    failures = _Failures()
    search_log = logging.getLogger("redpilot.search")
    search_log.addHandler(failures)
    search_log.propagate = False

    def timed(kb: KnowledgeBase) -> tuple[float, bool]:
        latencies, answered = [], True
        for query in queries:
            started = time.perf_counter()
            answered = answered and bool(kb.search(query, 5))
            latencies.append(time.perf_counter() - started)
        return statistics.median(latencies) * 1000, answered

    try:
        with chroma_server(path, port):
            kb = KnowledgeBase(
                make_settings(
                    tmp / "chroma-outage-data", knowledge, chroma_host="127.0.0.1", chroma_port=port
                )
            )
            kb.ensure_ready()
            timed(kb)  # warm: the query embedder, the server's HNSW segment
            up_ms, _ = timed(kb)
        down_ms, down_answered = timed(kb)
        failed_while_down = failures.count
        with chroma_server(path, port):
            back = time.monotonic()
            while True:
                before = failures.count
                kb.search(queries[0], 5)
                if failures.count == before:
                    break
                time.sleep(0.1)
            recovered_s = time.monotonic() - back
            again_ms, _ = timed(kb)
            agree = kb.vectors.hashes() == kb.catalog.all_chunk_hashes()
        kb.close()
    finally:
        search_log.removeHandler(failures)
        search_log.propagate = True
    return {
        "queries": len(queries),
        "up_p50_ms": up_ms,
        "down_p50_ms": down_ms,
        "down_all_answered": down_answered,
        "dense_failures_while_down": failed_while_down,
        "dense_again_after_s": recovered_s,
        "again_p50_ms": again_ms,
        "indexes_agree_after": agree,
    }
