"""Helpers shared by the tests: paths, settings and running the real `redpilot` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

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
