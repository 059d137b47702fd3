"""Scale-out: several `redpilot run` processes in webhook mode and a `redpilot ingest` from a shell, on one data
dir and one Chroma server, all at once. Every question is answered by whichever process receives it, writers
take turns, the ingested file lands whole, and afterwards every process answers from the new data."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.store.knowledge_base import KnowledgeBase
from tests.fake_telegram import FakeTelegram
from tests.helpers import cli_env, free_port, guides_and_notes, make_settings

SECRET = "webhook-s3cret"
BOTS = 2


def _galaxy_notes(path: Path, count: int) -> None:
    rows = [
        {
            "note_id": f"galaxy-{i}",
            "title": f"银河露营灯开箱 第{i}晚",
            "desc": f"新买的银河露营灯太出片了 #银河露营灯[话题]# 露营氛围感拉满 {i}",
            "liked_count": str(100 + i * 7),
            "time": 1793001600000 + i * 3_600_000,
        }
        for i in range(count)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def _update(update_id: int, chat: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "text": text,
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": f"M{chat}"},
        },
    }


class Webhooks:
    """Posts updates to the bots the way Telegram would: to the webhook path, with the secret header."""

    def __init__(self, fake: FakeTelegram, ports: list[int]) -> None:
        self.fake, self.ports, self.update_ids = fake, ports, iter(range(1, 100_000))

    def post(self, bot: int, chat: int, text: str) -> None:
        self.fake.add_chat(chat)
        response = httpx.post(
            f"http://127.0.0.1:{self.ports[bot]}/hook",
            json=_update(next(self.update_ids), chat, text),
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            timeout=10,
        )
        assert response.status_code == 200

    def answer(self, chat: int, since: int, timeout: float = 120) -> str:
        call = self.fake.wait_for(
            lambda c: (
                c.method == "sendMessage" and c.params.get("chat_id") == chat and "reply_markup" in c.params
            ),
            timeout=timeout,
            since=since,
        )
        return str(call.params["text"])


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            if httpx.post(f"http://127.0.0.1:{port}/hook", json={}, timeout=1).status_code == 403:
                return  # up, and refusing a request without the secret
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the bot on port {port} did not start:\n{log.read_text()}")


@pytest.mark.slow
def test_webhook_bots_and_an_ingest_share_one_knowledge_base(
    tmp_path: Path, store: dict[str, object]
) -> None:
    knowledge, data = guides_and_notes(tmp_path / "kb"), tmp_path / "data"
    fresh = tmp_path / "galaxy.jsonl"
    _galaxy_notes(fresh, 80)
    chroma = {k.upper(): str(v) for k, v in store.items()}
    ports = [free_port() for _ in range(BOTS)]
    logs = [tmp_path / f"bot{n}.log" for n in range(BOTS)]
    with FakeTelegram() as fake:
        bots = [
            subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=cli_env(
                    data,
                    knowledge,
                    **chroma,
                    TELEGRAM_BOT_TOKEN=fake.token,
                    TELEGRAM_API_BASE_URL=fake.base_url,
                    TELEGRAM_WEBHOOK_URL="https://bot.example.invalid/hook",
                    TELEGRAM_WEBHOOK_SECRET=SECRET,
                    TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
                    TELEGRAM_WEBHOOK_PORT=str(port),
                    DEBOUNCE_SECONDS="0",
                    LOG_LEVEL="INFO",
                ),
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=log.open("wb"),
                stderr=subprocess.STDOUT,
            )
            for port, log in zip(ports, logs, strict=True)
        ]  # started together on an empty data dir: one indexes the knowledge folder, the other waits its turn
        try:
            for port, process, log in zip(ports, bots, logs, strict=True):
                _wait_listening(port, process, log)
            hooks = Webhooks(fake, ports)
            since = len(fake.calls)
            hooks.post(0, 5000, "银河露营灯最近火吗")
            assert "galaxy-" not in hooks.answer(5000, since)  # not known yet

            ingest = subprocess.Popen(
                [sys.executable, "-m", "bot", "ingest", str(fresh), "--json"],
                env=cli_env(data, knowledge, **chroma),
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            asked = 0
            while ingest.poll() is None or asked < 2 * BOTS:  # questions to every bot while the ingest runs
                chat = 5100 + asked
                since = len(fake.calls)
                hooks.post(asked % BOTS, chat, "露营最近有什么趋势")
                assert "露营" in hooks.answer(chat, since)
                asked += 1
            summary = json.loads(ingest.communicate(timeout=300)[0])
            assert summary["added"] == 80

            for bot in range(BOTS):  # every process now answers from the new notes
                chat = 5900 + bot
                since = len(fake.calls)
                hooks.post(bot, chat, "银河露营灯最近火吗")
                assert "galaxy-" in hooks.answer(chat, since)
        finally:
            for process in bots:
                process.send_signal(signal.SIGINT)
            for process in bots:
                process.wait(timeout=60)
    sent = [m.get("text", "") for m in fake.sent()]
    assert not [t for t in sent if "Sorry, something went wrong" in t]
    for process, log in zip(bots, logs, strict=True):
        text = log.read_text(encoding="utf-8", errors="replace")
        assert process.returncode == 0, text
        assert "Traceback" not in text and fake.token not in text and SECRET not in text
    kb = KnowledgeBase(make_settings(data, knowledge, **store))
    assert kb.catalog.counts()["post"] >= 80
    assert kb.vectors.hashes() == kb.catalog.all_chunk_hashes()
    kb.close()
