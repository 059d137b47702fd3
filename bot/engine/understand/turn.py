"""A message, understood: the act (what the user wants), the slots it fills and what it points at.

Text becomes a Turn exactly once, at the top of the engine; commands, buttons and the guided brief build Turns
directly. Nothing below reads the sentence again.
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, Field

from bot.i18n import Lang
from bot.models import Audience, Goal, Tier

Act = Literal[
    # requests: run a tool
    "trends",
    "creators",
    "campaign",
    "check",
    "knowledge",
    "copywriting",
    # follow-ups on what was shown
    "refine",
    "more",
    "detail",
    "explain",
    "compare",
    "restate",
    "export",
    "edit",
    # the rest
    "greeting",
    "thanks",
    "help",
    "out_of_scope",
    "decline",
    "no_data",
]
ACTS: tuple[Act, ...] = get_args(Act)
REQUESTS: tuple[Act, ...] = ("trends", "creators", "campaign", "check", "knowledge", "copywriting")
FOLLOW_UPS: tuple[Act, ...] = ("refine", "more", "detail", "explain", "compare", "restate", "export", "edit")
Tone = Literal["plain", "casual", "professional", "shorter", "emoji"]
Shape = Literal["creator", "draft", "title", "term", "note", "plan", "report", "copy"]


class Slots(BaseModel):
    """What a message says, as typed values. None (or empty) means the message did not say it."""

    product: str | None = None
    product_named: bool = False  # named where requests name products, or a word the data knows (else a guess)
    brand: str | None = None
    category: str | None = None
    goal: Goal | None = None
    budget: int | None = None  # CNY
    currency: Literal["CNY", "USD"] = "CNY"
    budget_scale: float | None = None  # "cheaper" 0.7, "more budget" 1.5
    audience: Audience | None = None
    count: int | None = None
    tiers: list[Tier] = Field(default_factory=list)
    weeks: int | None = None
    days: int | None = None
    occasion: str | None = None
    topic: str | None = None  # a trend topic: hashtag, keyword or product
    topics: list[str] = Field(default_factory=list)  # two topics to compare
    tone: Tone | None = None
    to_lang: Lang | None = None  # "in English", "翻成中文"
    n: int | None = None  # how many titles
    kind: Literal["titles", "note"] | None = None
    copy_text: str | None = None  # copy quoted or pasted in the message
    question: str | None = None  # a method question, as asked: what knowledge search looks up
    video: bool | None = None
    no_budget: bool = False  # "还没预算", "no budget yet"

    def brief_fields(self) -> dict[str, object]:
        """The slots that shape a brief, without the empty ones."""
        fields = ("product", "brand", "category", "goal", "budget", "audience", "count", "occasion")
        values: dict[str, object] = {
            name: getattr(self, name) for name in fields if getattr(self, name) is not None
        }
        if self.tiers:
            values["tiers"] = list(self.tiers)
        if self.budget is not None:
            values["currency"] = self.currency
        return values


class Ref(BaseModel):
    """Something shown that the message points at: an item by position or name, or the whole result."""

    index: int | None = None  # 1-based position in the list shown
    name: str | None = None  # a creator's nickname, a term
    shape: Shape | None = None  # what kind of thing: "第二篇" is a draft or note, "第二个达人" a creator
    whole: bool = False  # "this plan", "these creators", "all of it"


class Turn(BaseModel):
    act: Act
    slots: Slots = Field(default_factory=Slots)
    refs: list[Ref] = Field(default_factory=list)
    lang: Lang = "zh"
    text: str = ""  # kept for the chat log only: nothing acts on it again
    confidence: float = 1.0
    scores: dict[str, float] = Field(default_factory=dict)
