"""The guided brief's state in SQLite: bot processes sharing a data dir keep each other's users (a whole-file
store would let the last writer win), and a new process reads exactly what was written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.telegram.persistence import SqlitePersistence
from tests.fake_telegram import FakeTelegram
from tests.helpers import cli_env

FLOW = "guided_campaign"


async def test_processes_sharing_the_data_dir_keep_each_others_users(tmp_path: Path) -> None:
    path = tmp_path / "telegram_state.sqlite"
    first, second = SqlitePersistence(path), SqlitePersistence(path)
    await first.update_user_data(1, {"lang": "zh", "product": "精华油", "budget": 500000})
    await second.update_user_data(2, {"lang": "en", "product": "camping lamp"})
    await first.update_conversation(FLOW, (1, 1), 2)
    await second.update_conversation(FLOW, (-100, 2), 1)
    await first.flush()
    await second.flush()

    restarted = SqlitePersistence(path)
    assert await restarted.get_user_data() == {
        1: {"lang": "zh", "product": "精华油", "budget": 500000},
        2: {"lang": "en", "product": "camping lamp"},
    }
    assert await restarted.get_conversations(FLOW) == {(1, 1): 2, (-100, 2): 1}


async def test_finished_flows_and_emptied_answers_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "telegram_state.sqlite"
    state = SqlitePersistence(path)
    await state.update_user_data(1, {"product": "x"})
    await state.update_conversation(FLOW, (1, 1), 3)
    await state.update_user_data(1, {})  # the brief finished: user_data cleared
    await state.update_conversation(FLOW, (1, 1), None)  # ConversationHandler.END
    restarted = SqlitePersistence(path)
    assert await restarted.get_user_data() == {}
    assert await restarted.get_conversations(FLOW) == {}


@pytest.mark.slow
def test_kill_9_of_the_bot_keeps_a_half_finished_brief(tmp_path: Path, small_knowledge: Path) -> None:
    """`redpilot run` killed with SIGKILL after the second step of /campaign: the next process continues the
    brief where it stopped (state is written within a second, as rows; nothing to corrupt)."""
    chat = 8801
    with FakeTelegram() as fake:
        env = cli_env(
            tmp_path / "data",
            small_knowledge,
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_BASE_URL=fake.base_url,
            DEBOUNCE_SECONDS="0",
        )

        def start() -> subprocess.Popen[bytes]:
            since = len(fake.calls)
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=env,
                cwd=tmp_path,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            fake.wait_for("getUpdates", timeout=120, since=since)
            return process

        bot = start()
        try:
            fake.send_text(chat, "/campaign", user_id=chat)
            fake.wait_for(lambda c: "品牌" in c.params.get("text", ""), timeout=60)
            fake.send_text(chat, "北岸 男士洗面奶", user_id=chat)
            fake.wait_for(lambda c: "目标" in c.params.get("text", ""), timeout=60)
            time.sleep(2.5)  # the persistence writes changed state every second
        finally:
            os.killpg(bot.pid, signal.SIGKILL)
            bot.wait()
        bot = start()
        try:
            goal_message = next(m for m in reversed(fake.sent(chat)) if m.get("reply_markup"))
            since = len(fake.calls)
            fake.press_button(chat, goal_message["message_id"], "cg:goal:conversion", user_id=chat)
            fake.wait_for(lambda c: "预算" in c.params.get("text", ""), timeout=60, since=since)
        finally:
            bot.send_signal(signal.SIGINT)
            bot.wait(timeout=60)
