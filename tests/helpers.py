"""Helpers shared by the tests: paths, settings and running the real `redpilot` command."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import httpx
from telegram.ext import Application

from bot.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Settings the developer's shell or CI might carry; tests decide them explicitly.
SETTING_VARS = (
    "REDPILOT_DATA_DIR",
    "REDPILOT_KNOWLEDGE_DIR",
    "EMBEDDING_PROVIDER",
    "EMBEDDING_MODEL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "CHROMA_HOST",
    "CHROMA_PORT",
    "TELEGRAM_BOT_TOKEN",
    "LOG_LEVEL",
    "SEARCH_DENSE_WEIGHT",
    "SEARCH_LEXICAL_WEIGHT",
)


def make_settings(data_dir: Path, knowledge_dir: Path, **extra: object) -> Settings:
    return load_settings(data_dir=data_dir, knowledge_dir=knowledge_dir, **extra)


def guides_and_notes(target: Path) -> Path:
    """A knowledge folder of Markdown/text guides plus one MediaCrawler JSONL notes export."""
    shutil.copytree(FIXTURES / "guides", target / "guides")
    (target / "notes").mkdir()
    shutil.copy(FIXTURES / "mediacrawler" / "search_contents_2026-10-30.jsonl", target / "notes")
    return target


def cli_env(data_dir: Path, knowledge_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SETTING_VARS}
    env.update(REDPILOT_DATA_DIR=str(data_dir), REDPILOT_KNOWLEDGE_DIR=str(knowledge_dir), **extra)
    return env


def run_cli(
    *args: str, env: dict[str, str], cwd: Path, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """The real command, as a user runs it (python -m bot is the same entry point as `redpilot`)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@asynccontextmanager
async def polling(application: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run a built bot with long polling on the test's event loop, as `run_polling()` would, then stop it."""
    async with application:
        await application.post_init(application)  # type: ignore[misc]
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]
        try:
            yield application
        finally:
            await application.updater.stop()  # type: ignore[union-attr]
            await application.stop()


def write_notes(path: Path, count: int, seed: int, prefix: str = "big") -> None:
    """A JSONL file of `count` short notes mixing ten topics, the same for the same seed."""
    rng = random.Random(seed)
    words = ["护肤", "露营", "咖啡", "穿搭", "猫粮", "耳机", "健身", "收纳", "辅食", "剃须"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            picked = rng.sample(words, 3)
            row = {
                "note_id": f"{prefix}{seed}-{i}",
                "title": f"{picked[0]}笔记 {i}",
                "body": "，".join(picked) * 8,
                "likes": rng.randint(0, 5000),
                "published_at": "2026-10-01 12:00:00",
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def chroma_server(path: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    """A real `chroma run` (from the chromadb package) on loopback, stopped at the end."""
    chroma = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
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
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
