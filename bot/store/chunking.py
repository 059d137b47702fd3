"""Records -> searchable chunks.

Guides are split along their headings with the guide title kept as context; a post is one chunk (its title,
hashtags and opening are what retrieval needs: embedding every word costs time and adds little); an influencer
is one chunk describing who they are. Comments are records only, never searched directly.
"""

from __future__ import annotations

import re

from bot.models import AnyRecord, Chunk, Comment, Guide, Influencer, Post
from bot.resources import categories

MAX_SECTION_CHARS = 1200
POST_EMBED_BODY_CHARS = 160
_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*\s*$")


def chunk_record(record: AnyRecord) -> list[Chunk]:
    if isinstance(record, Guide):
        return chunk_guide(record)
    if isinstance(record, Post):
        return [chunk_post(record)]
    if isinstance(record, Influencer):
        return [chunk_influencer(record)]
    if isinstance(record, Comment):
        return []
    raise TypeError(f"unknown record {type(record).__name__}")


def _sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) pairs; the text before the first sub-heading has an empty heading."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in body.splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) >= 2:
            sections.append((match.group(2).strip(), []))
        elif match:  # the H1 repeats the title
            continue
        else:
            sections[-1][1].append(line)
    return [(h, "\n".join(lines).strip()) for h, lines in sections if "\n".join(lines).strip() or h]


def _split_long(text: str) -> list[str]:
    if len(text) <= MAX_SECTION_CHARS:
        return [text]
    parts: list[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", text):
        if current and len(current) + len(paragraph) > MAX_SECTION_CHARS:
            parts.append(current.strip())
            current = ""
        current += paragraph + "\n\n"
    if current.strip():
        parts.append(current.strip())
    return parts


def chunk_guide(guide: Guide) -> list[Chunk]:
    chunks: list[Chunk] = []
    for heading, text in _sections(guide.body):
        for part in _split_long(text or heading):
            label = f"{guide.title} > {heading}" if heading else guide.title
            chunks.append(
                Chunk(
                    chunk_id=f"{guide.doc_id}#{len(chunks)}",
                    doc_id=guide.doc_id,
                    kind="playbook",
                    title=guide.title,
                    text=f"{heading}\n{part}" if heading else part,
                    embed_text=f"{label}\n{part}",
                    keywords=guide.tags,
                    category=guide.category,
                )
            )
    return chunks


def _hashtags(tags: list[str]) -> str:
    return " ".join(f"#{t}" for t in tags)


def chunk_post(post: Post) -> Chunk:
    title = post.title or post.body[:30]
    return Chunk(
        chunk_id=f"post:{post.note_id}",
        doc_id=post.note_id,
        kind="post",
        title=title,
        text=f"{post.title}\n{post.body}\n{_hashtags(post.tags)}".strip(),
        embed_text=f"{post.title}\n{_hashtags(post.tags)}\n{post.body[:POST_EMBED_BODY_CHARS]}".strip(),
        keywords=post.tags,
        category=post.category,
        published_at=post.published_at,
    )


_TIER_LABEL = {"head": "头部达人 head", "mid": "腰部达人 mid-tier", "junior": "初级达人 junior", "koc": "KOC"}


def chunk_influencer(influencer: Influencer) -> Chunk:
    known = categories()
    names = [f"{known[c].zh} {known[c].en}" if c in known else c for c in influencer.categories]
    facts = [", ".join(names)]
    if influencer.tier:
        facts.append(_TIER_LABEL[influencer.tier])
    if influencer.fans is not None:
        facts.append(f"粉丝 {influencer.fans}")
    if influencer.location:
        facts.append(influencer.location)
    summary = " | ".join(f for f in facts if f)
    text = f"{influencer.nickname}\n{summary}\n{influencer.bio}\n{_hashtags(influencer.tags)}".strip()
    return Chunk(
        chunk_id=f"influencer:{influencer.influencer_id}",
        doc_id=influencer.influencer_id,
        kind="influencer",
        title=influencer.nickname or influencer.influencer_id,
        text=text,
        embed_text=text,
        category=influencer.categories[0] if influencer.categories else None,
    )
