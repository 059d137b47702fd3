"""What the engine returns for one turn, whatever engine answered it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Intent = Literal[
    "trend_lookup", "suggest_influencers", "draft_campaign", "search_knowledge", "check_compliance", "none"
]
INTENTS: tuple[Intent, ...] = (
    "trend_lookup",
    "suggest_influencers",
    "draft_campaign",
    "search_knowledge",
    "check_compliance",
    "none",
)


# Longer messages are cut here: nobody types more in a chat, and memory and models should not carry it.
MAX_MESSAGE_CHARS = 4000


class ToolCall(BaseModel):
    name: str
    args: dict[str, object] = Field(default_factory=dict)


class Source(BaseModel):
    doc_id: str
    kind: str
    title: str


class Reply(BaseModel):
    answer: str  # Markdown
    engine: Literal["offline", "llm"]
    tools: list[ToolCall] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    latency_ms: int = 0
    actions: list[str] = Field(default_factory=list)  # suggested next steps, e.g. "cheaper", "campaign"
    lang: Literal["zh", "en"] = "zh"
    export_markdown: str | None = None  # a full campaign plan, for sending as a document
    fallback_reason: str | None = None  # why the LLM engine handed this turn to the offline engine

    def cli_json(self) -> dict[str, object]:
        """Exactly the fields `redpilot ask --json` promises."""
        return {
            "answer": self.answer,
            "engine": self.engine,
            "tools": [t.model_dump() for t in self.tools],
            "sources": [s.model_dump() for s in self.sources],
            "latency_ms": self.latency_ms,
        }
