"""What a chat remembers: the current brief, the results shown (typed, newest last), the language, a pending
question; stored per chat in SQLite under the data dir, so follow-ups work across restarts and across the
bot processes sharing a data dir."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationError

from bot.engine.understand.turn import Act, Slots, Turn
from bot.i18n import Lang
from bot.models import Brief, CampaignPlan, ComplianceReport, InfluencerPlan, NoteDraft, TrendReport
from bot.tools.campaign import CampaignQuery
from bot.tools.copywriting import CopyQuery, CopyResult
from bot.tools.influencers import KolQuery
from bot.tools.knowledge import KnowledgeQuery, KnowledgeResults
from bot.tools.registry import ComplianceQuery
from bot.tools.trends import TrendQuery

log = logging.getLogger("redpilot.engine")
KEEP_SHOWN = 6  # results a chat can still point at
KEEP_TURNS = 20  # lines of the chat log kept for reading back


class TrendsShown(BaseModel):
    kind: Literal["trends"] = "trends"
    query: TrendQuery
    result: TrendReport
    shown: int = 0  # rising terms shown so far
    previous_topic: str | None = None  # the topic looked up before this one: "这俩对比一下" compares the two


class CreatorsShown(BaseModel):
    kind: Literal["creators"] = "creators"
    query: KolQuery
    result: InfluencerPlan
    shown: int = 0  # picks shown so far


class CampaignShown(BaseModel):
    kind: Literal["campaign"] = "campaign"
    query: CampaignQuery
    result: CampaignPlan


class CheckShown(BaseModel):
    kind: Literal["check"] = "check"
    query: ComplianceQuery
    result: ComplianceReport


class KnowledgeShown(BaseModel):
    kind: Literal["knowledge"] = "knowledge"
    query: KnowledgeQuery
    result: KnowledgeResults


class CopyShown(BaseModel):
    kind: Literal["copy"] = "copy"
    query: CopyQuery
    result: CopyResult
    shown: int = 0


class EditShown(BaseModel):
    """A piece of copy rewritten on request: the current version of it."""

    kind: Literal["edit"] = "edit"
    piece: NoteDraft
    lang: Lang
    origin: Literal["ours", "user"] = "ours"
    source: str | None = (
        None  # where our piece came from ("campaign:2"), to write it again in another language
    )


Shown = Annotated[
    TrendsShown | CreatorsShown | CampaignShown | CheckShown | KnowledgeShown | CopyShown | EditShown,
    Field(discriminator="kind"),
]
ShownKind = Literal["trends", "creators", "campaign", "check", "knowledge", "copy", "edit"]


class Pending(BaseModel):
    """A question asked: the turn it belongs to, and what it waits for."""

    turn: Turn
    need: Literal["product", "topic", "copy", "reference"]


class DialogueState(BaseModel):
    lang: Lang | None = None  # the language of the last answer
    forced_lang: Lang | None = None  # /lang
    brief: Brief | None = None
    shown: list[Shown] = Field(default_factory=list)
    pending: Pending | None = None
    last_turn: Turn | None = None  # what the last answer answered, for "say that again in English"
    last_view: str | None = None  # what the last answer showed: "digest", "card:<id>", "drafts" ...

    def last(self, *kinds: ShownKind) -> Shown | None:
        for item in reversed(self.shown):
            if not kinds or item.kind in kinds:
                return item
        return None

    def remember(self, item: Shown) -> None:
        # One result of a kind at a time is what people refer to; older ones of other kinds stay reachable.
        self.shown = [*[s for s in self.shown if s.kind != item.kind][-(KEEP_SHOWN - 1) :], item]

    def pending_act(self) -> Act | None:
        return self.pending.turn.act if self.pending else None

    def pending_slots(self) -> Slots | None:
        return self.pending.turn.slots if self.pending else None


class StateStore:
    """Chat state and a short chat log in SQLite (`memory.sqlite`)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(
            "CREATE TABLE IF NOT EXISTS dialogue (chat_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT);"
            "CREATE TABLE IF NOT EXISTS turns (id INTEGER PRIMARY KEY, chat_id TEXT NOT NULL, role TEXT NOT NULL,"
            " text TEXT NOT NULL, at TEXT NOT NULL);"
            "CREATE INDEX IF NOT EXISTS turns_chat ON turns (chat_id, id);"
        )
        self._lock = threading.Lock()

    def load(self, chat_id: str) -> DialogueState:
        row = self._db.execute("SELECT state FROM dialogue WHERE chat_id=?", (chat_id,)).fetchone()
        if not row:
            return DialogueState()
        try:
            return DialogueState.model_validate_json(row[0])
        except ValidationError as exc:
            # A state written by an older RedPilot: start the chat afresh rather than fail every message.
            log.warning(
                "chat state of %s unreadable (%d errors), starting afresh", chat_id, exc.error_count()
            )
            return DialogueState()

    def save(self, chat_id: str, state: DialogueState, user_text: str, answer: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO dialogue (chat_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(chat_id) "
                    "DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at",
                    (chat_id, state.model_dump_json(), now),
                )
                self._db.executemany(
                    "INSERT INTO turns (chat_id, role, text, at) VALUES (?, ?, ?, ?)",
                    [(chat_id, "user", user_text, now), (chat_id, "assistant", answer, now)],
                )
                self._db.execute(
                    "DELETE FROM turns WHERE chat_id=? AND id NOT IN "
                    "(SELECT id FROM turns WHERE chat_id=? ORDER BY id DESC LIMIT ?)",
                    (chat_id, chat_id, KEEP_TURNS),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def turns(self, chat_id: str) -> list[tuple[str, str]]:
        rows = self._db.execute("SELECT role, text FROM turns WHERE chat_id=? ORDER BY id", (chat_id,))
        return [(role, text) for role, text in rows]

    def reset(self, chat_id: str) -> None:
        """Forget the chat, but keep a language forced with /lang: that is a setting, not memory."""
        forced = self.load(chat_id).forced_lang
        with self._lock:
            self._db.execute("DELETE FROM dialogue WHERE chat_id=?", (chat_id,))
            self._db.execute("DELETE FROM turns WHERE chat_id=?", (chat_id,))
        if forced:
            self.save_settings(chat_id, forced)

    def save_settings(self, chat_id: str, forced_lang: Lang | None) -> None:
        state = self.load(chat_id)
        state.forced_lang = forced_lang
        with self._lock:
            self._db.execute(
                "INSERT INTO dialogue (chat_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(chat_id) "
                "DO UPDATE SET state=excluded.state, updated_at=excluded.updated_at",
                (chat_id, state.model_dump_json(), datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def close(self) -> None:
        self._db.close()


def shown_for(tool_name: str, query: BaseModel, result: BaseModel) -> Shown | None:
    """The result of a tool run as the chat remembers it (for results produced outside the dialogue manager,
    by the LLM's tool calls)."""
    kinds: dict[str, type[BaseModel]] = {
        "trend_lookup": TrendsShown,
        "suggest_influencers": CreatorsShown,
        "draft_campaign": CampaignShown,
        "check_compliance": CheckShown,
        "search_knowledge": KnowledgeShown,
        "write_copy": CopyShown,
    }
    kind = kinds.get(tool_name)
    if kind is None:
        return None
    values: dict[str, object] = {"query": query, "result": result}
    if kind in (TrendsShown, CreatorsShown):
        values["shown"] = 5
    return kind.model_validate(values)  # type: ignore[return-value]


def summary(state: DialogueState, lang: str) -> str:
    """The chat's brief and latest result in a few lines, for the LLM: what "this", "the second one" and
    "cheaper" refer to. Model-facing, so in English whatever the user's language."""
    lines = [f"Conversation state (answer in {'Chinese' if lang == 'zh' else 'English'}):"]
    if state.brief is not None:
        lines.append(
            "Current brief: "
            + json.dumps(
                state.brief.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
                ensure_ascii=False,
            )
        )
    last = state.last()
    if isinstance(last, CreatorsShown):
        picks = last.result.picks
        listed = "; ".join(
            f"{i}. {p.nickname} ({p.tier}, ¥{p.price})" for i, p in enumerate(picks[:10], start=1)
        )
        lines.append(
            f"Last result: a creator plan of {len(picks)} creators, ¥{last.result.totals.cost} in all; shown {last.shown}: {listed}"
        )
    elif isinstance(last, CampaignShown):
        titles = "; ".join(f"{i}. {d.title}" for i, d in enumerate(last.result.drafts, start=1))
        lines.append(f"Last result: the campaign plan '{last.result.title}' with note drafts: {titles}")
    elif isinstance(last, TrendsShown):
        rising = ", ".join(term.term for term in last.result.rising[:5])
        lines.append(f"Last result: trends for '{last.query.topic or last.query.category}'; rising: {rising}")
    elif isinstance(last, CheckShown):
        lines.append(f"Last result: a compliance check with {len(last.result.issues)} issue(s)")
    elif isinstance(last, CopyShown):
        lines.append("Last result: copy: " + "; ".join(p.title for p in last.result.pieces[:5]))
    elif isinstance(last, EditShown):
        lines.append(f"Last result: rewritten copy: {last.piece.title} {last.piece.body[:200]}")
    if len(lines) == 1:
        lines.append("Nothing shown yet.")
    return "\n".join(lines)
