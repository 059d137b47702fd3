"""Telegram going away mid-conversation and coming back: the answer being worked on still reaches the user,
messages sent meanwhile are answered in order, nothing is sent twice. And a newer message never cancels an
answer that is under way. Real PTB networking against the fake Bot
API server, whose port really stops listening; the LLM engine (real openai client, local stub) is slow on
purpose so the outage falls between receiving a question and sending its answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.engine.factory import build_engine
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram.app import build_application
from tests.fake_telegram import FakeTelegram, sent_message
from tests.helpers import make_settings, polling
from tests.openai_stub import OpenAIStub, delay, reply

CHAT = 8101


def test_the_fake_refuses_connections_while_away_and_keeps_its_state() -> None:
    with FakeTelegram() as fake:
        fake.send_text(CHAT, "before")
        port = fake.port
        fake.go_away()
        with pytest.raises(httpx.ConnectError):
            httpx.post(f"http://127.0.0.1:{port}/bot{fake.token}/getMe", timeout=2)
        fake.send_text(CHAT, "during")
        fake.come_back()
        assert fake.port == port
        updates = httpx.post(f"{fake.base_url}{fake.token}/getUpdates", timeout=5).json()["result"]
        assert [u["message"]["text"] for u in updates] == ["before", "during"]


def _settings(data: Path, knowledge: Path, fake: FakeTelegram, stub: OpenAIStub) -> Settings:
    return make_settings(
        data,
        knowledge,
        telegram_bot_token=fake.token,
        telegram_api_base_url=fake.base_url,
        openai_base_url=stub.base_url,
        openai_api_key="sk-test-secret",
        openai_model="stub-model",
        debounce_seconds=0,
    )


async def test_a_new_message_never_cancels_an_answer_under_way(tmp_path: Path, small_knowledge: Path) -> None:
    with FakeTelegram() as fake, OpenAIStub() as stub:
        stub.script(delay(2.0, reply("First answer: slow to write.")), reply("Second answer: quick."))
        kb = KnowledgeBase(_settings(tmp_path / "data", small_knowledge, fake, stub))
        async with polling(build_application(kb.settings, kb, build_engine(kb))):
            fake.send_text(CHAT, "A question that takes a while?")
            await fake.wait_for_async(lambda c: c.method == "sendChatAction", timeout=30)
            fake.send_text(CHAT, "And a second one?")
            await fake.wait_for_async(
                sent_message(containing="Second answer"),
                timeout=60,
            )
        kb.close()
    assert [m["text"].split(":")[0] for m in fake.sent(CHAT)] == ["First answer", "Second answer"]


async def test_telegram_away_mid_answer_then_back(tmp_path: Path, small_knowledge: Path) -> None:
    with FakeTelegram() as fake, OpenAIStub() as stub:
        stub.script(
            delay(2.0, reply("First answer: camping is rising.")),
            reply("Second answer: three creators."),
            reply("Third answer: after a bad gateway."),
        )
        kb = KnowledgeBase(_settings(tmp_path / "data", small_knowledge, fake, stub))
        async with polling(build_application(kb.settings, kb, build_engine(kb))):
            fake.send_text(CHAT, "What is trending in camping?")
            await fake.wait_for_async(lambda c: c.method == "sendChatAction", timeout=30)
            fake.go_away()  # the question is in, its answer is still being written
            fake.send_text(CHAT, "Which creators for 100k RMB?")
            await asyncio.sleep(4)  # the first answer is ready after 2 s and finds nobody listening
            fake.come_back()
            await fake.wait_for_async(
                sent_message(containing="Second answer"),
                timeout=90,
            )
            # Telegram's front end failing at the moment of sending (502 Bad Gateway, twice).
            fake.fail_next("sendMessage", 502, times=2)
            fake.send_text(CHAT, "And one more question?")
            await fake.wait_for_async(sent_message(containing="Third answer"), timeout=60)
        kb.close()
    answers = [m["text"] for m in fake.sent(CHAT)]
    firsts = [a.split(":")[0] for a in answers]
    assert firsts == ["First answer", "Second answer", "Third answer"], answers
    refused = [c for c in fake.calls if c.method == "sendMessage" and c.status == 502]
    assert len(refused) == 2
