"""The offline engine: no network, no keys. Understands each message once (act, slots, references, language),
lets the dialogue manager act on the chat's state, and keeps that state per chat."""

from __future__ import annotations

import time

from bot.engine.dialogue import Dialogue
from bot.engine.reply import MAX_MESSAGE_CHARS, Reply
from bot.engine.state import DialogueState, StateStore
from bot.engine.understand import Understander
from bot.engine.understand.turn import Act, Ref, Slots, Turn
from bot.i18n import Lang
from bot.tools.context import ToolContext

# Buttons: each a typed turn, so a tap never goes through the text understanding again.
ACTIONS: dict[str, Turn] = {
    "more": Turn(act="more"),
    "export": Turn(act="export"),
    "campaign": Turn(act="campaign"),
    "creators": Turn(act="creators"),
    "cheaper": Turn(act="refine", slots=Slots(budget_scale=0.7)),
    "drafts": Turn(act="detail", refs=[Ref(whole=True, shape="draft")]),
    "explain": Turn(act="explain", refs=[Ref(whole=True)]),
    "restate": Turn(act="restate"),
}


class OfflineEngine:
    name = "offline"

    def __init__(self, ctx: ToolContext, store: StateStore) -> None:
        self.ctx = ctx
        self.store = store
        self.understand = Understander(ctx)
        self.dialogue = Dialogue(ctx, self.understand.lexicon)

    def reply(self, chat_id: str, user: str, text: str, lang: str | None = None) -> Reply:
        """Answer one message. `lang` forces the reply language (zh / en) for this turn."""
        del user
        started = time.perf_counter()
        text = text.strip()[:MAX_MESSAGE_CHARS]
        state = self.store.load(chat_id)
        turn = self.understand(text, state)
        if lang in ("zh", "en"):
            turn.lang = lang  # type: ignore[assignment]
        return self._respond(chat_id, turn, state, text, started)

    def command(
        self, chat_id: str, user: str, act: Act, argument: str = "", lang: str | None = None
    ) -> Reply:
        """A command with its argument ("/kols 精华 预算20万"): the act is known, the argument gives slots."""
        del user
        started = time.perf_counter()
        state = self.store.load(chat_id)
        turn = self.understand.slots_for(act, argument.strip()[:MAX_MESSAGE_CHARS], state, _lang(lang))
        return self._respond(chat_id, turn, state, f"/{act} {argument}".strip(), started)

    def prepare(self, chat_id: str, act: Act, argument: str, lang: str | None = None) -> Turn:
        """The turn a command would make of its argument, to complete with typed values (the guided brief)."""
        return self.understand.slots_for(
            act, argument.strip()[:MAX_MESSAGE_CHARS], self.store.load(chat_id), _lang(lang)
        )

    def action(self, chat_id: str, user: str, name: str, lang: str | None = None) -> Reply:
        """A button: one of ACTIONS, in the chat's language."""
        return self.act(chat_id, user, ACTIONS[name], lang)

    def act(self, chat_id: str, user: str, turn: Turn, lang: str | None = None) -> Reply:
        """A typed turn (a button, the guided brief): nothing to understand."""
        del user
        started = time.perf_counter()
        state = self.store.load(chat_id)
        chosen = _lang(lang) or state.forced_lang or state.lang or turn.lang
        return self._respond(
            chat_id, turn.model_copy(update={"lang": chosen}), state, f"[{turn.act}]", started
        )

    def _respond(self, chat_id: str, turn: Turn, state: DialogueState, logged: str, started: float) -> Reply:
        reply = self.dialogue.respond(turn, state)
        reply.latency_ms = round((time.perf_counter() - started) * 1000)
        self.store.save(chat_id, state, logged, reply.answer)
        return reply

    def state(self, chat_id: str) -> DialogueState:
        return self.store.load(chat_id)

    def reset(self, chat_id: str) -> None:
        self.store.reset(chat_id)

    def set_language(self, chat_id: str, lang: Lang | None) -> None:
        self.store.save_settings(chat_id, lang)


def _lang(value: str | None) -> Lang | None:
    return value if value in ("zh", "en") else None  # type: ignore[return-value]
