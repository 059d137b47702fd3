"""The guided brief's state in SQLite: bot processes sharing a data dir keep each other's users (a whole-file
store would let the last writer win), and a new process reads exactly what was written."""

from __future__ import annotations

from pathlib import Path

from bot.telegram.persistence import SqlitePersistence

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
