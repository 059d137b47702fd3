"""The guided brief's step and answers, kept in SQLite (`data/telegram_state.sqlite`).

One row per user and per conversation, written as they change. PTB's PicklePersistence rewrites a single file
in place: a crash in the middle leaves a file the next start refuses, and several bot processes sharing the data
dir overwrite each other's users. Rows in SQLite have neither problem. Values are JSON, never pickle, so the
file holds data only.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS user_data (user_id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS conversations (
    name TEXT NOT NULL, key TEXT NOT NULL, state TEXT NOT NULL, PRIMARY KEY (name, key)
);
"""
Data = dict[str, Any]
ConversationKey = tuple[int | str, ...]
ConversationDict = dict[ConversationKey, object]
CallbackData = tuple[list[tuple[str, float, dict[str, Any]]], dict[str, str]]  # PTB's shape; unused here


class SqlitePersistence(BasePersistence[Data, Data, Data]):
    """Persists user_data and ConversationHandler states; chat_data, bot_data and callback data are not used."""

    def __init__(self, path: Path, update_interval: float = 1) -> None:
        super().__init__(
            store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True, callback_data=False),
            update_interval=update_interval,  # how much a crash can lose, in seconds
        )
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._written: dict[tuple[str, ...], str | None] = {}  # what each row holds (None: no row)
        self._lock = threading.Lock()

    async def _write(
        self, row: tuple[str, ...], value: str | None, sql: str, params: tuple[object, ...]
    ) -> None:
        """One write, in a thread (never on the event loop), skipped when the row already holds `value`. PTB
        saves every user who sent anything each interval; almost none of them changed."""
        if self._written.get(row) == value:
            return
        await asyncio.to_thread(self._execute, sql, params)
        self._written[row] = value

    def _execute(self, sql: str, params: tuple[object, ...]) -> None:
        with self._lock:
            self._db.execute(sql, params)

    # --- user data ----------------------------------------------------------------------------------------

    async def get_user_data(self) -> dict[int, Data]:
        rows = self._db.execute("SELECT user_id, data FROM user_data").fetchall()
        self._written.update({("user", str(user_id)): data for user_id, data in rows})
        return {user_id: json.loads(data) for user_id, data in rows}

    async def update_user_data(self, user_id: int, data: Data) -> None:
        if not data:
            await self.drop_user_data(user_id)
            return
        encoded = json.dumps(data, ensure_ascii=False, sort_keys=True)
        sql = "INSERT OR REPLACE INTO user_data (user_id, data) VALUES (?, ?)"
        await self._write(("user", str(user_id)), encoded, sql, (user_id, encoded))

    async def drop_user_data(self, user_id: int) -> None:
        await self._write(("user", str(user_id)), None, "DELETE FROM user_data WHERE user_id = ?", (user_id,))

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        """Not re-read per update: this process's newest answers may not be written yet."""

    # --- conversations ------------------------------------------------------------------------------------

    async def get_conversations(self, name: str) -> ConversationDict:
        rows = self._db.execute("SELECT key, state FROM conversations WHERE name = ?", (name,)).fetchall()
        self._written.update({("conversation", name, key): state for key, state in rows})
        return {tuple(json.loads(key)): json.loads(state) for key, state in rows}

    async def update_conversation(self, name: str, key: ConversationKey, new_state: object | None) -> None:
        encoded_key = json.dumps(list(key))
        row = ("conversation", name, encoded_key)
        if new_state is None:
            sql = "DELETE FROM conversations WHERE name = ? AND key = ?"
            await self._write(row, None, sql, (name, encoded_key))
        else:
            state = json.dumps(new_state)
            sql = "INSERT OR REPLACE INTO conversations (name, key, state) VALUES (?, ?, ?)"
            await self._write(row, state, sql, (name, encoded_key, state))

    async def flush(self) -> None:
        """Every write is already committed."""

    # --- what this bot does not persist ---------------------------------------------------------------------

    async def get_chat_data(self) -> dict[int, Data]:
        return {}

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        pass

    async def drop_chat_data(self, chat_id: int) -> None:
        pass

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        pass

    async def get_bot_data(self) -> Data:
        return {}

    async def update_bot_data(self, data: Data) -> None:
        pass

    async def refresh_bot_data(self, bot_data: Data) -> None:
        pass

    async def get_callback_data(self) -> CallbackData | None:
        return None

    async def update_callback_data(self, data: CallbackData) -> None:
        pass
