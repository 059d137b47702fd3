"""Map a row from any supported export to a Post, Influencer or Comment.

One alias table covers the project's native fields, MediaCrawler's Xiaohongshu exports (old and new schema)
and the Chinese headers of common RED exporters, so a new exporter usually needs only new aliases here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Literal

from pydantic import ValidationError

from bot.models import Audience, Comment, Influencer, Post
from bot.resources import infer_category, normalize_category
from bot.store import normalize as n

RowKind = Literal["post", "influencer", "comment"]

# canonical field -> accepted column names (compared after lower-casing and removing spaces/underscores)
ALIASES: dict[str, tuple[str, ...]] = {
    # shared
    "note_id": ("note_id", "noteid", "笔记id", "作品id", "笔记ID", "作品ID", "笔记编号"),
    "comment_id": ("comment_id", "评论id", "评论ID"),
    "influencer_id": (
        "influencer_id",
        "user_id",
        "creator_hash",
        "userid",
        "博主id",
        "达人id",
        "用户id",
        "小红书号",
        "红书号",
        "达人ID",
        "博主ID",
    ),
    "fans": ("fans", "粉丝数", "粉丝数量", "粉丝量", "粉丝", "followers"),
    # posts
    "title": ("title", "标题", "作品标题", "笔记标题"),
    "body": ("body", "desc", "正文", "笔记内容", "作品描述", "笔记正文", "内容", "描述", "作品内容"),
    "format": ("format", "type", "笔记类型", "作品类型", "内容形式"),
    "video_url": ("video_url", "视频链接", "视频地址"),
    "category": ("category", "categories", "分类", "类目", "品类", "领域", "内容领域", "达人领域"),
    "tags": ("tags", "tag_list", "作品标签", "标签", "话题", "笔记话题", "话题标签"),
    "published_at": ("published_at", "time", "发布时间", "publish_time", "笔记发布时间", "作品发布时间"),
    "likes": ("likes", "liked_count", "点赞数", "点赞数量", "点赞量", "点赞"),
    "collects": ("collects", "collected_count", "收藏数", "收藏数量", "收藏量", "收藏"),
    "comments": ("comments", "comment_count", "评论数", "评论数量", "评论量"),
    "shares": ("shares", "share_count", "分享数", "分享数量", "分享量", "转发数"),
    "author_id": ("author_id", "作者id", "作者ID"),
    "author_name": (
        "author_name",
        "nickname",
        "博主昵称",
        "达人昵称",
        "作者",
        "作者昵称",
        "达人名称",
        "昵称",
    ),
    "location": ("location", "ip_location", "ip属地", "IP属地", "地区", "所在地"),
    "url": ("url", "note_url", "笔记链接", "作品链接", "链接"),
    "source_keyword": ("source_keyword", "关键词", "搜索词"),
    "sponsored": ("sponsored", "是否商业笔记", "商业笔记", "是否合作", "合作笔记"),
    "brand": ("brand", "品牌", "合作品牌"),
    # influencers
    "gender": ("gender", "性别"),
    "bio": ("bio", "desc", "简介", "个人简介", "签名"),
    "follows": ("follows", "关注数", "关注"),
    "interaction": ("interaction", "获赞与收藏", "赞藏总数", "获赞与收藏数"),
    "tier": ("tier", "达人层级", "层级", "量级"),
    "avg_likes": ("avg_likes", "平均点赞", "篇均点赞", "平均点赞数"),
    "avg_collects": ("avg_collects", "平均收藏", "篇均收藏", "平均收藏数"),
    "avg_comments": ("avg_comments", "平均评论", "篇均评论", "平均评论数"),
    "avg_shares": ("avg_shares", "平均分享", "篇均分享", "平均分享数"),
    "price_image": ("price_image", "图文报价", "图文价格", "图文笔记报价"),
    "price_video": ("price_video", "视频报价", "视频价格", "视频笔记报价"),
    "audience": ("audience", "粉丝画像"),
    "female_share": ("female_share", "女粉占比", "女性粉丝占比"),
    "sponsored_share": ("sponsored_share", "商业笔记占比", "商单占比"),
    "notes_count": ("notes_count", "笔记数", "笔记数量", "作品数"),
    "recent_note_ids": ("recent_note_ids", "近期笔记"),
    # comments
    "content": ("content", "评论内容", "评论"),
    "created_at": ("created_at", "create_time", "评论时间"),
    "comment_likes": ("like_count", "评论点赞数"),
    "parent_comment_id": ("parent_comment_id", "父评论id"),
    "comment_user_id": ("user_id", "creator_hash", "用户id"),
}


def _key(name: str) -> str:
    return name.strip().lstrip("\ufeff").lower().replace(" ", "").replace("_", "")


_LOOKUP: dict[str, dict[str, str]] = {}
for _field, _names in ALIASES.items():
    for _name in _names:
        _LOOKUP.setdefault(_key(_name), {})[_field] = _name


class Fields:
    """A row seen through the alias table: `fields.get("likes")` finds 点赞数 or liked_count alike."""

    def __init__(self, data: dict[str, object]) -> None:
        self._by_field: dict[str, object] = {}
        self.raw = data
        for column, value in data.items():
            for field in _LOOKUP.get(_key(str(column)), {}):
                if field not in self._by_field or n.is_blank(self._by_field[field]):
                    self._by_field[field] = value

    def has(self, field: str) -> bool:
        return field in self._by_field

    def get(self, field: str) -> object:
        return self._by_field.get(field)

    def text(self, field: str, limit: int = 20_000) -> str:
        return n.clean_text(self.get(field), limit=limit)

    def optional_text(self, field: str, limit: int = 200) -> str | None:
        return self.text(field, limit) or None


def row_kind(fields: Fields) -> RowKind | None:
    if fields.has("comment_id"):
        return "comment"
    if fields.has("note_id") or (fields.has("url") and fields.has("likes")):
        return "post"
    if fields.has("fans") or fields.has("influencer_id"):
        return "influencer"
    return None


def _checked(field: str, parser: Callable[[object], object], value: object) -> object:
    try:
        return parser(value)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None


_NOTE_ID_IN_URL = re.compile(r"(?:explore|discovery/item|item)/([0-9a-zA-Z]{8,32})")


def _note_id(fields: Fields) -> str:
    note_id = fields.text("note_id", 100)
    if not note_id and fields.has("url"):
        match = _NOTE_ID_IN_URL.search(fields.text("url", 2000))
        note_id = match.group(1) if match else ""
    if not note_id:
        raise ValueError("missing note id")
    return note_id


def to_post(fields: Fields) -> Post:
    body = fields.text("body")
    title = fields.text("title", 500)
    tags = _checked("tags", n.parse_tags, fields.get("tags"))
    assert isinstance(tags, list)
    for tag in n.hashtags_in_text(body):
        if tag not in tags:
            tags.append(tag)
    category = normalize_category(fields.optional_text("category")) or infer_category(
        " ".join(tags), title, fields.text("source_keyword"), body[:200]
    )
    video_url = fields.text("video_url", 2000)
    author_id = fields.optional_text("author_id", 100) or fields.optional_text("influencer_id", 100)
    return Post(
        note_id=_note_id(fields),
        title=title,
        body=body,
        format=n.parse_format(fields.get("format"), has_video=bool(video_url)),  # type: ignore[arg-type]
        category=category,
        tags=tags,
        published_at=_checked("published_at", n.parse_time, fields.get("published_at")),  # type: ignore[arg-type]
        likes=_checked("likes", n.parse_count, fields.get("likes")),  # type: ignore[arg-type]
        collects=_checked("collects", n.parse_count, fields.get("collects")),  # type: ignore[arg-type]
        comments=_checked("comments", n.parse_count, fields.get("comments")),  # type: ignore[arg-type]
        shares=_checked("shares", n.parse_count, fields.get("shares")),  # type: ignore[arg-type]
        author_id=author_id,
        author_name=fields.optional_text("author_name", 100),
        location=fields.optional_text("location", 50),
        sponsored=_checked("sponsored", n.parse_bool, fields.get("sponsored")),  # type: ignore[arg-type]
        brand=fields.optional_text("brand", 100),
        url=fields.optional_text("url", 2000),
        source_keyword=fields.optional_text("source_keyword", 100),
    )


def _json_object(value: object, field: str) -> dict[str, object] | None:
    if n.is_blank(value):
        return None
    if isinstance(value, dict):
        return value
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except json.JSONDecodeError:
            raise ValueError(f"{field}: not a JSON object") from None
        if isinstance(decoded, dict):
            return decoded
    raise ValueError(f"{field}: not a JSON object")


def _audience(fields: Fields) -> Audience | None:
    raw = _json_object(fields.get("audience"), "audience") or {}
    female = raw.get("female_share", fields.get("female_share"))
    if not raw and n.is_blank(female):
        return None
    try:
        return Audience(
            female_share=_checked("female_share", n.parse_share, female),  # type: ignore[arg-type]
            age=_share_map(raw.get("age"), "audience.age"),
            city_tier=_share_map(raw.get("city_tier"), "audience.city_tier"),
        )
    except ValidationError as exc:
        raise ValueError(f"audience: {exc.errors()[0]['msg']}") from None


def _share_map(value: object, field: str) -> dict[str, float]:
    if n.is_blank(value):
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{field}: not an object of shares")
    shares = {}
    for key, share in value.items():
        parsed = _checked(f"{field}.{key}", n.parse_share, share)
        if parsed is not None:
            shares[str(key)[:20]] = parsed
    return shares  # type: ignore[return-value]


def _creator_tags(value: object) -> list[str]:
    # MediaCrawler's creator tag_list is a JSON-encoded object such as {"profession": "美妆博主", "location": ...}
    return n.parse_tags(value)


_TIERS = {
    "head": "head",
    "头部": "head",
    "mid": "mid",
    "腰部": "mid",
    "junior": "junior",
    "初级": "junior",
    "尾部": "junior",
    "koc": "koc",
    "素人": "koc",
}


def to_influencer(fields: Fields) -> Influencer:
    influencer_id = fields.text("influencer_id", 100)
    if not influencer_id:
        raise ValueError("missing influencer id (user_id / creator_hash)")
    raw_categories = fields.get("category")
    categories = (
        [c for c in (normalize_category(t) for t in n.parse_tags(raw_categories)) if c]
        if not n.is_blank(raw_categories)
        else []
    )
    tags = _checked("tags", _creator_tags, fields.get("tags"))
    bio = fields.text("bio", 1000)
    if not categories:
        guessed = infer_category(" ".join(tags), bio, fields.text("author_name", 100))  # type: ignore[arg-type]
        categories = [guessed] if guessed else []
    tier_text = fields.text("tier", 20).lower()
    recent = _checked("recent_note_ids", n.parse_tags, fields.get("recent_note_ids"))
    return Influencer(
        influencer_id=influencer_id,
        nickname=fields.text("author_name", 100),
        gender=n.parse_gender(fields.get("gender")),  # type: ignore[arg-type]
        location=fields.optional_text("location", 50),
        bio=bio,
        categories=list(dict.fromkeys(categories)),
        tags=tags,  # type: ignore[arg-type]
        tier=_TIERS.get(tier_text),  # type: ignore[arg-type]
        fans=_checked("fans", n.parse_count, fields.get("fans")),  # type: ignore[arg-type]
        follows=_checked("follows", n.parse_count, fields.get("follows")),  # type: ignore[arg-type]
        interaction=_checked("interaction", n.parse_count, fields.get("interaction")),  # type: ignore[arg-type]
        avg_likes=_checked("avg_likes", n.parse_count, fields.get("avg_likes")),  # type: ignore[arg-type]
        avg_collects=_checked("avg_collects", n.parse_count, fields.get("avg_collects")),  # type: ignore[arg-type]
        avg_comments=_checked("avg_comments", n.parse_count, fields.get("avg_comments")),  # type: ignore[arg-type]
        avg_shares=_checked("avg_shares", n.parse_count, fields.get("avg_shares")),  # type: ignore[arg-type]
        price_image=_checked("price_image", n.parse_price, fields.get("price_image")),  # type: ignore[arg-type]
        price_video=_checked("price_video", n.parse_price, fields.get("price_video")),  # type: ignore[arg-type]
        audience=_audience(fields),
        sponsored_share=_checked("sponsored_share", n.parse_share, fields.get("sponsored_share")),  # type: ignore[arg-type]
        notes_count=_checked("notes_count", n.parse_count, fields.get("notes_count")),  # type: ignore[arg-type]
        recent_note_ids=recent,  # type: ignore[arg-type]
    )


def to_comment(fields: Fields) -> Comment:
    comment_id = fields.text("comment_id", 100)
    note_id = fields.text("note_id", 100)
    if not comment_id:
        raise ValueError("missing comment_id")
    if not note_id:
        raise ValueError("missing note_id")
    likes = fields.get("comment_likes") if fields.has("comment_likes") else fields.get("likes")
    return Comment(
        comment_id=comment_id,
        note_id=note_id,
        content=fields.text("content", 5000) or fields.text("body", 5000),
        created_at=_checked("created_at", n.parse_time, fields.get("created_at")),  # type: ignore[arg-type]
        likes=_checked("likes", n.parse_count, likes),  # type: ignore[arg-type]
        location=fields.optional_text("location", 50),
        parent_comment_id=fields.optional_text("parent_comment_id", 100),
        user_id=fields.optional_text("comment_user_id", 100),
        nickname=fields.optional_text("author_name", 100),
    )


def to_record(data: dict[str, object]) -> Post | Influencer | Comment:
    """Map one row; raise ValueError with a short reason when it cannot be used."""
    fields = Fields(data)
    kind = row_kind(fields)
    try:
        if kind == "comment":
            return to_comment(fields)
        if kind == "post":
            return to_post(fields)
        if kind == "influencer":
            return to_influencer(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ValueError(f"{where}: {error['msg']}") from None
    raise ValueError("unrecognised row: no note id, comment id, user id or fans column")
