"""Build the engine the settings call for. The LLM client is never constructed in offline mode."""

from __future__ import annotations

from typing import Protocol

from bot.engine.memory import ChatMemory
from bot.engine.offline import OfflineEngine
from bot.engine.reply import Reply
from bot.store.knowledge_base import KnowledgeBase
from bot.tools.context import ToolContext


class Engine(Protocol):
    name: str

    def reply(self, chat_id: str, user: str, text: str, lang: str | None = None) -> Reply: ...

    def reset(self, chat_id: str) -> None: ...


def build_engine(kb: KnowledgeBase) -> Engine:
    memory = ChatMemory(kb.settings.data_dir / "memory.sqlite")
    offline = OfflineEngine(ToolContext(kb), memory)
    if not kb.settings.llm_configured:
        return offline
    from bot.engine.llm import LLMEngine  # imported only when configured: LangChain is slow to import

    return LLMEngine(offline)
