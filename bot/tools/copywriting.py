"""Copy a marketer can post: note titles and whole notes for a product, and rewrites in another tone.

Offline and deterministic. Titles come from the title formulas of the playbook (number lists, questions,
results, warnings, scenes ...) ranked by the title patterns that win in the category's own notes; notes from
three content pillars (an honest review, a how-to, a scene); the words that fill them (rising hashtags, the
pain points people write in comments, scenes of the category) from the data. Tones are rewrites driven by the
phrase banks of the message catalogue. Every piece passes check_compliance before it is returned; a piece
that still fails after the checker's own rewrite is dropped rather than shown.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from bot.i18n import Lang, Note, mostly, phrases, t
from bot.models import Citation, NoteDraft, TitlePattern
from bot.resources import category_label, marketing
from bot.tools.compliance import check_compliance
from bot.tools.context import ToolContext
from bot.tools.trends import TrendQuery, trend_lookup

Tone = Literal["plain", "casual", "professional", "shorter", "emoji"]
TONES: tuple[Tone, ...] = ("plain", "casual", "professional", "shorter", "emoji")
TITLE_WIDTH = 20  # RED's title box holds about 20 characters (a rule of thumb: the editor says exactly)
_SENTENCE = re.compile(r"[^。！？!?.\n]+[。！？!?.]*\s*")
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55\ufe0f]")
_CJK = re.compile(r"[\u3400-\u9fff]")


class CopyQuery(BaseModel):
    """Copy to write for a product or topic: a few note titles, or a whole note (title, body, hashtags,
    cover idea), in Chinese or English, in a tone."""

    kind: Literal["titles", "note"] = Field("titles", description="titles, or a whole note")
    product: str | None = Field(None, description="the product or topic the copy is about")
    category: str | None = Field(None, description="category slug, e.g. skincare")
    n: int = Field(5, ge=1, le=10, description="how many titles")
    tone: Tone = Field("plain", description="plain, casual, professional, shorter or emoji")
    lang: Lang = Field("zh", description="the copy's language")


class CopyResult(BaseModel):
    query: CopyQuery
    pieces: list[NoteDraft]
    patterns: list[TitlePattern] = Field(default_factory=list)  # title patterns that win in the data
    sources: list[str] = Field(default_factory=list)  # note ids whose titles show those patterns
    guides: list[Citation] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


class EditQuery(BaseModel):
    """A piece of copy to rewrite in another tone; the result stays in the copy's language."""

    title: str = ""
    body: str = ""
    hashtags: list[str] = Field(default_factory=list)
    tone: Tone
    lang: Lang


def title_width(title: str) -> float:
    """Characters as RED's editor roughly counts them: a Chinese character 1, a Latin letter or digit 1/2."""
    return sum(1.0 if _CJK.match(ch) or _EMOJI.match(ch) else 0.5 for ch in title)


def write_copy(ctx: ToolContext, query: CopyQuery) -> CopyResult:
    """Write note titles (within RED's ~20 characters) or a whole note for a product or topic, from the
    playbook's title formulas and what performs in the category's notes; every piece passes the compliance
    check."""
    lang = query.lang
    category = query.category
    product = query.product or category_label(category, lang) or t("copy.default_product", lang)
    facts = _facts(ctx, product, category, lang)
    hits = ctx.kb.search("标题 句式 封面 title formula cover", 6, kinds=("playbook",))
    same = [h for h in hits if mostly(h.title) == lang] or hits  # cite guides in the copy's language
    guides = [Citation(doc_id=h.doc_id, title=h.title) for h in same[:2]]
    if query.kind == "note":
        pieces = [note_draft(0, product, category, facts, lang, query.tone)]
    else:
        pieces = _titles(product, facts, query.n, lang, query.tone)
    notes = []
    if not facts.patterns:
        notes.append(Note(key="copy.note.no_pattern_data"))
    return CopyResult(
        query=query,
        pieces=pieces,
        patterns=facts.patterns,
        sources=facts.sources,
        guides=guides,
        notes=notes,
    )


class Facts(BaseModel):
    """What the data says about a product's category, to fill the templates."""

    category: str | None
    rising: list[str] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    scenes: list[str] = Field(default_factory=list)
    patterns: list[TitlePattern] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


def _facts(ctx: ToolContext, product: str, category: str | None, lang: Lang) -> Facts:
    report = trend_lookup(ctx, TrendQuery(topic="" if category else product, category=category))
    if not report.stats.title_patterns and report.category and not category:
        # Few notes name this very product: the titles that win in its category still say what works.
        report = trend_lookup(ctx, TrendQuery(topic="", category=report.category))
    category = category or report.category
    rising = [term.term for term in report.rising if term.kind == "hashtag"][:4]
    comments = report.stats.comments
    return Facts(
        category=category,
        rising=rising,
        pains=[p.term for p in comments.pain_points][:3] if comments else [],
        scenes=scenes(category, lang),
        patterns=report.stats.title_patterns,
        sources=[p.note_id for p in report.top_posts[:3]],
    )


def scenes(category: str | None, lang: Lang) -> list[str]:
    by_category = marketing()["scenarios"]
    entry = by_category.get(category or "") if isinstance(by_category, dict) else None
    if isinstance(entry, dict) and entry.get(lang):
        return list(entry[lang])
    return list(phrases("copy.default_scenes", lang))


def _titles(product: str, facts: Facts, n: int, lang: Lang, tone: Tone) -> list[NoteDraft]:
    """Titles from each formula in turn, formulas that win in the data first."""
    formulas: dict[str, list[str]] = {
        entry["formula"]: entry["templates"] for entry in phrases("copy.title_formulas", lang)
    }
    winning = [p.pattern for p in facts.patterns]
    order = sorted(formulas, key=lambda f: (f not in winning, winning.index(f) if f in winning else 0))
    values = _fill_values(product, facts, lang)
    titles: list[NoteDraft] = []
    seen: set[str] = set()
    for round_ in range(4):
        for formula in order:
            templates = formulas[formula]
            if round_ >= len(templates):
                continue
            title = _fit(templates[round_].format(**values), lang)
            if title is None or title in seen:
                continue
            piece = _checked(
                NoteDraft(pillar=formula, title=title, body="", hashtags=[], cover=""), tone, lang
            )
            if piece is not None:
                seen.add(piece.title)
                titles.append(piece)
            if len(titles) >= n:
                return titles
    return titles


def _fill_values(product: str, facts: Facts, lang: Lang) -> dict[str, str]:
    return {
        "product": product,
        "scene": facts.scenes[0] if facts.scenes else product,
        "scene2": facts.scenes[1] if len(facts.scenes) > 1 else product,
        "pain": facts.pains[0] if facts.pains else t("copy.default_pain", lang),
        "tag": facts.rising[0] if facts.rising else product,
        "category": category_label(facts.category, lang) or product,
    }


def _fit(title: str, lang: Lang) -> str | None:
    title = re.sub(r"\s+", " ", title).strip()
    return title if title_width(title) <= TITLE_WIDTH else None


def note_draft(
    index: int, product: str, category: str | None, facts: Facts, lang: Lang, tone: Tone = "plain"
) -> NoteDraft:
    """One whole note of the i-th content pillar (an honest review, a how-to, a scene), compliance-checked."""
    pillars = phrases("copy.note_pillars", lang)
    pillar = pillars[index % len(pillars)]
    values = _fill_values(product, facts, lang)
    values["scene"] = facts.scenes[index % len(facts.scenes)] if facts.scenes else product
    values["pain"] = facts.pains[index % len(facts.pains)] if facts.pains else t("copy.default_pain", lang)
    title = pillar["title"].format(**values)
    if title_width(title) > TITLE_WIDTH:
        title = pillar["short_title"].format(**values)
    if title_width(title) > TITLE_WIDTH:
        title = _cut(title)
    tag = facts.rising[index % len(facts.rising)] if facts.rising else values["category"]
    hashtags = list(
        dict.fromkeys(
            h
            for h in [tag, values["category"], *facts.rising[:2], t("copy.generic_tag", lang), product[:12]]
            if h
        )
    )[:8]
    while len(hashtags) < 3:
        hashtags.append(t("copy.generic_tag", lang) + str(len(hashtags)))
    draft = NoteDraft(
        pillar=pillar["name"],
        title=title,
        body=pillar["body"].format(**values),
        hashtags=hashtags,
        cover=pillar["cover"],
    )
    checked = _checked(draft, tone, lang)
    if checked is not None:
        return checked
    # The template itself never fails the check; a product name that does is shown flagged, not hidden.
    return draft.model_copy(update={"compliance_ok": False})


def _cut(title: str) -> str:
    out = ""
    for ch in title:
        if title_width(out + ch + "…") > TITLE_WIDTH:
            break
        out += ch
    return out + "…"


class EditResult(BaseModel):
    piece: NoteDraft | None  # None: no version in this tone passes the compliance check
    failing_terms: list[str] = Field(default_factory=list)  # what still fails, when it does


def edit_copy(ctx: ToolContext, query: EditQuery) -> EditResult:
    """Rewrite a piece of copy (a note's title and body) in a tone: casual, professional, shorter or with
    emoji. The rewrite passes the compliance check (the checker's own fixes applied when needed) or is not
    returned."""
    del ctx  # rewriting needs no data
    draft = NoteDraft(
        pillar="edit", title=query.title, body=query.body, hashtags=query.hashtags or [], cover=""
    )
    piece = _checked(draft, query.tone, query.lang)
    if piece is not None:
        return EditResult(piece=piece)
    report = check_compliance(_joined(apply_tone(draft, query.tone, query.lang)))
    return EditResult(piece=None, failing_terms=[i.term for i in report.issues if i.severity != "low"])


def _checked(draft: NoteDraft, tone: Tone, lang: Lang) -> NoteDraft | None:
    toned = apply_tone(draft, tone, lang)
    report = check_compliance(_joined(toned))
    if report.ok:
        return toned.model_copy(update={"compliance_ok": True, "tone": tone})
    if report.rewritten:
        title, _, body = report.rewritten.partition("\n")
        fixed = toned.model_copy(update={"title": title if toned.title else "", "body": body})
        if not toned.title:
            fixed = toned.model_copy(update={"body": report.rewritten})
        if check_compliance(_joined(fixed)).ok:
            return fixed.model_copy(update={"compliance_ok": True, "tone": tone})
    return None


def _joined(draft: NoteDraft) -> str:
    return f"{draft.title}\n{draft.body}" if draft.title else draft.body


# --- tones ------------------------------------------------------------------------------------------------------


def apply_tone(draft: NoteDraft, tone: Tone, lang: Lang) -> NoteDraft:
    if tone == "plain":
        return draft
    if tone == "shorter":
        return draft.model_copy(
            update={"title": _shorter_title(draft.title), "body": _shorter(draft.body, lang)}
        )
    if tone == "emoji":
        return draft.model_copy(
            update={"title": _emoji_title(draft.title, lang), "body": _emoji_body(draft.body, lang)}
        )
    pairs = [tuple(pair) for pair in phrases(f"copy.tone.{tone}.replace", lang)]
    title = _replace(draft.title, pairs)
    body = _replace(draft.body, pairs)
    if tone == "professional":
        title, body = _calm(title, lang), _calm(body, lang)
    elif body:
        opener = phrases("copy.tone.casual.openers", lang)[len(body) % 3]
        closer = phrases("copy.tone.casual.closers", lang)[len(body) % 3]
        if not body.startswith(opener.strip()):
            lowered = body[:1].lower() + body[1:] if opener.endswith(", ") and body[1:2].islower() else body
            body = opener + lowered  # "Honestly, for ...", not "Honestly, For ..."
        body = body.rstrip() + closer
    return draft.model_copy(update={"title": _fit(title, lang) or draft.title, "body": body})


def _replace(text: str, pairs: list[tuple[str, ...]]) -> str:
    for old, new in pairs:
        text = (
            re.sub(rf"(?<![A-Za-z]){re.escape(old)}(?![A-Za-z])", new, text)
            if old.isascii()
            else text.replace(old, new)
        )
    return text


def _calm(text: str, lang: Lang) -> str:
    """Professional: no emoji, no 语气词 or exclamation marks, no chatty openers."""
    text = _EMOJI.sub("", text)
    for opener in phrases("copy.tone.casual.openers", lang):
        text = text.replace(opener, "")
    if lang == "zh":
        text = re.sub(r"[～~]+", "。", text)
        text = re.sub(r"(?<=[\u4e00-\u9fff])[呀啦哦嘛哈]+(?=[，。！？\s]|$)", "", text)
        text = text.replace("！", "。")
        text = re.sub(r"。{2,}", "。", text)
    else:
        text = re.sub(r"!+", ".", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.findall(text) if s.strip()]


def _shorter(body: str, lang: Lang) -> str:
    """About half: the first sentence, the closing question to the reader (it is what brings comments), and
    as many of the sentences between as fit, those with figures first."""
    del lang
    sentences = _sentences(body)
    if len(sentences) <= 2:
        return body
    question = len(sentences) - 1 if re.search(r"[?？]", sentences[-1]) else None
    kept = {0} | ({question} if question is not None else set())
    room = len(body) * 0.55 - sum(len(sentences[i]) for i in kept)
    middle = [i for i in range(1, len(sentences)) if i not in kept]
    for i in sorted(middle, key=lambda i: not re.search(r"\d", sentences[i])):
        if len(sentences[i]) <= room:
            kept.add(i)
            room -= len(sentences[i])
    return "".join(sentences[i] for i in sorted(kept)).strip()


def _shorter_title(title: str) -> str:
    for divider in ("｜", "|", "：", ":"):
        if divider in title:
            head, _, tail = title.partition(divider)
            return max((head.strip(), tail.strip()), key=len) if min(len(head), len(tail)) else title
    return title


def _emoji_for(text: str, lang: Lang) -> str:
    lowered = text.lower()
    for keyword, emoji in phrases("copy.tone.emoji.by_keyword", lang) + phrases(
        "copy.tone.emoji.by_keyword", "en" if lang == "zh" else "zh"
    ):
        if keyword.lower() in lowered:
            return emoji
    return phrases("copy.tone.emoji.default", lang)[len(text) % 3]


def _emoji_title(title: str, lang: Lang) -> str:
    if not title or _EMOJI.search(title):
        return title
    candidate = f"{title}{_emoji_for(title, lang)}"
    return candidate if title_width(candidate) <= TITLE_WIDTH else title


def _emoji_body(body: str, lang: Lang) -> str:
    sentences = _sentences(body)
    out = []
    for number, sentence in enumerate(sentences):
        if number < 3 and not _EMOJI.search(sentence):
            stripped = sentence.rstrip()
            out.append(stripped + _emoji_for(sentence, lang) + sentence[len(stripped) :])
        else:
            out.append(sentence)
    return "".join(out)
