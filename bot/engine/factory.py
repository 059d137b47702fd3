"""Build the engine the settings call for. The LLM client is never constructed in offline mode."""

from __future__ import annotations

from typing import Protocol

from bot.engine.offline import OfflineEngine
from bot.engine.reply import Reply
from bot.engine.state import DialogueState, StateStore
from bot.engine.understand.turn import Act, Turn
from bot.i18n import Lang
from bot.store.knowledge_base import KnowledgeBase
from bot.tools.context import ToolContext


class Engine(Protocol):
    name: str

    def reply(self, chat_id: str, user: str, text: str, lang: str | None = None) -> Reply: ...

    def command(
        self, chat_id: str, user: str, act: Act, argument: str = "", lang: str | None = None
    ) -> Reply: ...

    def prepare(self, chat_id: str, act: Act, argument: str, lang: str | None = None) -> Turn: ...

    def action(self, chat_id: str, user: str, name: str, lang: str | None = None) -> Reply: ...

    def act(self, chat_id: str, user: str, turn: Turn, lang: str | None = None) -> Reply: ...

    def state(self, chat_id: str) -> DialogueState: ...

    def reset(self, chat_id: str) -> None: ...

    def set_language(self, chat_id: str, lang: Lang | None) -> None: ...


def build_engine(kb: KnowledgeBase) -> Engine:
    store = StateStore(kb.settings.data_dir / "memory.sqlite")
    offline = OfflineEngine(ToolContext(kb), store)
    if not kb.settings.llm_configured:
        return offline
    from bot.engine.llm import LLMEngine  # imported only when configured: LangChain is slow to import

    return LLMEngine(offline)
