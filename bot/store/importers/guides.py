"""Guides: Markdown or plain text with optional YAML front matter (title, lang, category, tags)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

import yaml

from bot.models import Guide
from bot.resources import infer_category, normalize_category
from bot.store.normalize import clean_text, parse_tags

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def detect_lang(text: str) -> str:
    sample = text[:3000]
    letters = sum(1 for ch in sample if ch.isalpha())
    if not letters:
        return "en"
    return "zh" if len(_CJK.findall(sample)) / letters > 0.2 else "en"


def parse_guide(text: str, doc_id: str) -> Guide:
    """Read a guide; raise ValueError when it has no usable text."""
    meta: dict[str, object] = {}
    body = text.replace("\r\n", "\n")
    match = _FRONT_MATTER.match(body)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            raise ValueError("front matter is not valid YAML") from None
        if isinstance(loaded, dict):
            meta = loaded
        body = body[match.end() :]
    body = clean_text(body, limit=200_000)
    if not body:
        raise ValueError("guide has no text")
    title = clean_text(meta.get("title"), limit=200)
    if not title:
        h1 = _H1.search(body)
        first_line = next((ln.strip("# ").strip() for ln in body.splitlines() if ln.strip()), "")
        title = (h1.group(1) if h1 else "") or (first_line if len(first_line) <= 80 else "")
        title = title or PurePosixPath(doc_id).stem.replace("-", " ").replace("_", " ")
    lang = str(meta.get("lang") or "").lower()
    if lang not in {"zh", "en"}:
        lang = detect_lang(body)
    category = normalize_category(str(meta["category"])) if meta.get("category") else None
    if category == "general":
        category = None
    elif category is None and not meta:
        category = infer_category(title)
    return Guide(
        doc_id=doc_id,
        title=title,
        lang=lang,  # type: ignore[arg-type]
        category=category,
        tags=parse_tags(meta.get("tags")),
        body=body,
    )
