"""What every tool works with: the knowledge base, the settings, and the records loaded once per change.

Tools read records through here so a trend question does not re-parse 3,000 posts from SQLite each time; the
cache is dropped whenever the knowledge base's generation changes (any ingest or removal, in any process).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from bot.config import Settings
from bot.models import Comment, Influencer, Post
from bot.store.knowledge_base import KnowledgeBase


@dataclass
class Records:
    generation: int
    posts: list[Post]
    influencers: list[Influencer]
    comments_by_note: dict[str, list[Comment]]


@dataclass
class ToolContext:
    kb: KnowledgeBase
    _records: Records | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def settings(self) -> Settings:
        return self.kb.settings

    def records(self) -> Records:
        self.kb.ensure_ready()
        generation = self.kb.catalog.generation()
        with self._lock:
            if self._records is None or self._records.generation != generation:
                comments: dict[str, list[Comment]] = defaultdict(list)
                for data in self.kb.catalog.records("comment"):
                    comment = Comment.model_validate(data)
                    comments[comment.note_id].append(comment)
                self._records = Records(
                    generation=generation,
                    posts=[Post.model_validate(d) for d in self.kb.catalog.records("post")],
                    influencers=[Influencer.model_validate(d) for d in self.kb.catalog.records("influencer")],
                    comments_by_note=dict(comments),
                )
            return self._records
