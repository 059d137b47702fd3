"""The records RedPilot knows about and the results it returns. Pure data: no I/O."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["playbook", "post", "influencer", "comment"]
SEARCHABLE_KINDS: tuple[Kind, ...] = ("playbook", "post", "influencer")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Post(Record):
    """A RED note. Counts are None when the source did not say (not the same as zero)."""

    note_id: str
    title: str = ""
    body: str = ""
    format: Literal["image", "video"] = "image"
    category: str | None = None
    tags: list[str] = Field(default_factory=list)
    published_at: datetime | None = None
    likes: int | None = None
    collects: int | None = None
    comments: int | None = None
    shares: int | None = None
    author_id: str | None = None
    author_name: str | None = None
    location: str | None = None
    sponsored: bool | None = None
    brand: str | None = None
    url: str | None = None
    source_keyword: str | None = None


class Audience(Record):
    """Who follows a creator: shares between 0 and 1."""

    female_share: float | None = Field(None, ge=0, le=1)
    age: dict[str, float] = Field(default_factory=dict)
    city_tier: dict[str, float] = Field(default_factory=dict)


class Influencer(Record):
    """A creator (达人). Averages are per note; prices are quoted CNY per note."""

    influencer_id: str
    nickname: str = ""
    gender: Literal["female", "male"] | None = None
    location: str | None = None
    bio: str = ""
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    tier: Literal["head", "mid", "junior", "koc"] | None = None
    fans: int | None = None
    follows: int | None = None
    interaction: int | None = None  # total likes + collects received (MediaCrawler's "interaction")
    avg_likes: int | None = None
    avg_collects: int | None = None
    avg_comments: int | None = None
    avg_shares: int | None = None
    price_image: int | None = None
    price_video: int | None = None
    audience: Audience | None = None
    sponsored_share: float | None = Field(None, ge=0, le=1)
    notes_count: int | None = None
    recent_note_ids: list[str] = Field(default_factory=list)


class Comment(Record):
    comment_id: str
    note_id: str
    content: str = ""
    created_at: datetime | None = None
    likes: int | None = None
    location: str | None = None
    parent_comment_id: str | None = None
    user_id: str | None = None
    nickname: str | None = None


class Guide(Record):
    """A playbook guide. `doc_id` is its path relative to the knowledge folder (or the file name)."""

    doc_id: str
    title: str
    lang: Literal["zh", "en"] = "zh"
    category: str | None = None
    tags: list[str] = Field(default_factory=list)
    body: str = ""


AnyRecord = Post | Influencer | Comment | Guide


class Chunk(BaseModel):
    """One searchable passage. `text` is shown and indexed lexically; `embed_text` is what gets embedded."""

    chunk_id: str
    doc_id: str
    kind: Kind
    title: str
    text: str
    embed_text: str
    keywords: list[str] = Field(
        default_factory=list
    )  # indexed with the title (a guide's tags, a post's hashtags)
    category: str | None = None
    published_at: datetime | None = None


class SearchHit(BaseModel):
    doc_id: str
    kind: Kind
    title: str
    score: float
    snippet: str
    chunk_id: str = ""
    category: str | None = None
    published_at: datetime | None = None


class Rejected(BaseModel):
    source: str  # "file:line"
    reason: str


class IngestReport(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = Field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)
