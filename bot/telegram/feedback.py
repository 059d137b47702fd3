"""What the bot remembers outside the engine: each answer (for 👍/👎 feedback tied to its question), the last
exportable plan per chat, recent message times for the rate limit, and the append-only audit log of
knowledge-base changes. All of it is shared by the bot processes of one data dir."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BotStore:
    def __init__(self, data_dir: Path) -> None:
        # Several bot processes may share the data dir: wait for their writes instead of failing.
        self._db = sqlite3.connect(
            data_dir / "bot.sqlite", timeout=30, check_same_thread=False, isolation_level=None
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "PRAGMA synchronous=NORMAL"
        )  # a write per message: WAL keeps it safe without fsync each
        self._db.executescript(
            "CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, chat_id TEXT NOT NULL, user_id TEXT,"
            " question TEXT NOT NULL, answer TEXT NOT NULL, engine TEXT, rating INTEGER, rated_at TEXT,"
            " created_at TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS exports (chat_id TEXT PRIMARY KEY, markdown TEXT NOT NULL,"
            " created_at TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS arrivals (user_id INTEGER NOT NULL, at REAL NOT NULL);"
            "CREATE INDEX IF NOT EXISTS arrivals_by_user ON arrivals (user_id, at);"
        )
        self._audit = data_dir / "audit.log"
        self._lock = threading.Lock()

    def admit(self, user_id: int, per_minute: int) -> bool:
        """Count one more message from this user unless `per_minute` arrived in the last minute. Wall-clock
        times in the shared database, so the limit holds however many bot processes serve the user."""
        now = time.time()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("DELETE FROM arrivals WHERE user_id=? AND at<=?", (user_id, now - 60))
                (recent,) = self._db.execute(
                    "SELECT COUNT(*) FROM arrivals WHERE user_id=?", (user_id,)
                ).fetchone()
                if recent < per_minute:
                    self._db.execute("INSERT INTO arrivals (user_id, at) VALUES (?, ?)", (user_id, now))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return bool(recent < per_minute)

    def record_answer(self, chat_id: str, user_id: str, question: str, answer: str, engine: str) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO answers (chat_id, user_id, question, answer, engine, created_at) VALUES (?,?,?,?,?,?)",
                (chat_id, user_id, question, answer, engine, _now()),
            )
            return int(cursor.lastrowid or 0)

    def rate(self, answer_id: int, chat_id: str, rating: int) -> bool:
        """Store 👍 (1) or 👎 (-1) for an answer of this chat; False when no such answer exists."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE answers SET rating=?, rated_at=? WHERE id=? AND chat_id=?",
                (rating, _now(), answer_id, chat_id),
            )
            return cursor.rowcount == 1

    def rating(self, answer_id: int) -> tuple[str, str, int | None] | None:
        row = self._db.execute(
            "SELECT question, answer, rating FROM answers WHERE id=?", (answer_id,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def save_export(self, chat_id: str, markdown: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO exports (chat_id, markdown, created_at) VALUES (?,?,?) ON CONFLICT(chat_id) DO UPDATE "
                "SET markdown=excluded.markdown, created_at=excluded.created_at",
                (chat_id, markdown, _now()),
            )

    def export(self, chat_id: str) -> str | None:
        row = self._db.execute("SELECT markdown FROM exports WHERE chat_id=?", (chat_id,)).fetchone()
        return row[0] if row else None

    def audit(self, who: int, action: str, **details: object) -> None:
        """Append one JSON line per knowledge-base change; the file is only ever opened for appending."""
        line = json.dumps({"at": _now(), "who": who, "action": action, **details}, ensure_ascii=False)
        with self._lock, self._audit.open("a", encoding="utf-8") as log:
            log.write(line + "\n")

    def close(self) -> None:
        self._db.close()
