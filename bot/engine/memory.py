"""Per-chat memory in SQLite under the data dir: the recent turns and the conversation state (the last brief,
intent and language, a pending clarifying question), so follow-ups work across restarts."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field

from bot.models import Brief

KEEP_TURNS = 20


class ChatState(BaseModel):
    lang: str | None = None
    last_intent: str | None = None
    brief: Brief | None = None
    topic: str | None = None
    pending: str | None = None  # the intent waiting for the answer to a clarifying question
    pending_text: str | None = None  # the message that asked for it


class Turn(BaseModel):
    role: str
    text: str
    at: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


class ChatMemory:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(
            "CREATE TABLE IF NOT EXISTS chats (chat_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT);"
            "CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY, chat_id TEXT NOT NULL, role TEXT NOT NULL,"
            " text TEXT NOT NULL, at TEXT NOT NULL);"
            "CREATE INDEX IF NOT EXISTS turns_chat ON turns (chat_id, id);"
        )
        self._lock = threading.Lock()

    def state(self, chat_id: str) -> ChatState:
        row = self._db.execute("SELECT state FROM chats WHERE chat_id=?", (chat_id,)).fetchone()
        return ChatState.model_validate_json(row[0]) if row else ChatState()

    def save(self, chat_id: str, state: ChatState, user_text: str, answer: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO chats (chat_id, state, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(chat_id) DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at",
                    (chat_id, state.model_dump_json(), now),
                )
                self._db.executemany(
                    "INSERT INTO turns (chat_id, role, text, at) VALUES (?, ?, ?, ?)",
                    [(chat_id, "user", user_text, now), (chat_id, "assistant", answer, now)],
                )
                # Older turns are dropped: the state carries what follow-ups need.
                self._db.execute(
                    "DELETE FROM turns WHERE chat_id=? AND id NOT IN "
                    "(SELECT id FROM turns WHERE chat_id=? ORDER BY id DESC LIMIT ?)",
                    (chat_id, chat_id, KEEP_TURNS),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def turns(self, chat_id: str) -> list[Turn]:
        rows = self._db.execute("SELECT role, text, at FROM turns WHERE chat_id=? ORDER BY id", (chat_id,))
        return [Turn(role=r, text=t, at=a) for r, t, a in rows]

    def reset(self, chat_id: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM chats WHERE chat_id=?", (chat_id,))
            self._db.execute("DELETE FROM turns WHERE chat_id=?", (chat_id,))

    def close(self) -> None:
        self._db.close()


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
