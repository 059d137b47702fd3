"""The bot as its own process for the benchmarks: `redpilot run`'s application with long polling against the
fake Bot API server, except that Telegram's ~30 messages/s limit is lifted so the load test measures the bot,
not the limit. Its own process, so its RSS is the bot's alone."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.fake_telegram import FakeTelegram
from tests.helpers import cli_env

_BOT_PROCESS = """
import sys
from bot.config import load_settings
from bot.engine.factory import build_engine
from bot.logs import configure
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram.app import build_application

settings = load_settings()
configure(settings)
kb = KnowledgeBase(settings)
kb.ensure_ready()
build_application(settings, kb, build_engine(kb), overall_max_rate=float(sys.argv[1])).run_polling()
"""


def process_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def running_bot(fake: FakeTelegram, data: Path, knowledge: Path, overall_rate: float = 1000) -> Iterator[int]:
    """Start the bot, wait until it polls, yield its pid; stop it with SIGINT (as Ctrl+C) at the end."""
    env = cli_env(
        data,
        knowledge,
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_BASE_URL=fake.base_url,
        DEBOUNCE_SECONDS="0",
        RATE_LIMIT_PER_MINUTE="100000",
        LOG_LEVEL="WARNING",
    )
    log = data.with_suffix(".log")  # warnings and errors only; kept with the temporary data
    bot = subprocess.Popen(
        [sys.executable, "-c", _BOT_PROCESS, str(overall_rate)],
        env=env,
        cwd=data.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    try:
        fake.wait_for(lambda c: c.method == "getUpdates", timeout=600)
        yield bot.pid
    finally:
        bot.send_signal(signal.SIGINT)
        bot.wait(timeout=120)
