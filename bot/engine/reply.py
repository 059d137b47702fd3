"""What the engine returns for one turn, whatever engine answered it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from bot.i18n import Lang
from bot.models import Attachment, Source

# Longer messages are cut here: nobody types more in a chat, and memory and models should not carry it.
MAX_MESSAGE_CHARS = 4000


class ToolCall(BaseModel):
    name: str
    args: dict[str, object] = Field(default_factory=dict)


class Action(BaseModel):
    """A next step offered with an answer (a button in Telegram): `name` is what the engine does when it is
    chosen (engine.action(name)), `label` what the user reads."""

    name: str
    label: str


class Reply(BaseModel):
    answer: str  # Markdown, in one language
    engine: Literal["offline", "llm"]
    act: str = ""  # what the message was understood to ask
    asked: str | None = None  # when the answer is a question back: what it asks for
    tools: list[ToolCall] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    latency_ms: int = 0
    actions: list[Action] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    lang: Lang = "zh"
    fallback_reason: str | None = None  # why the LLM engine handed this turn to the offline engine

    def cli_json(self) -> dict[str, object]:
        """Exactly the fields `redpilot ask --json` promises."""
        return {
            "answer": self.answer,
            "engine": self.engine,
            "act": self.act,
            "lang": self.lang,
            "tools": [t.model_dump(mode="json") for t in self.tools],
            "sources": [s.model_dump() for s in self.sources],
            "attachments": [a.filename for a in self.attachments],
            "latency_ms": self.latency_ms,
        }
