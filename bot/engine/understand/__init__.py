"""Understanding: a message becomes a Turn (act, slots, references, language), once, against the chat's state.

The act comes from the classifier; the state decides what the classifier cannot see: an answer to the question
just asked completes that request, and a follow-up with nothing shown to follow up on is a request after all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.engine.understand.classifier import ActClassifier
from bot.engine.understand.lexicon import Lexicon, category_by_neighbours, lexicon
from bot.engine.understand.references import find_refs
from bot.engine.understand.slots import COMPARING, extract, named_category, whole_category
from bot.engine.understand.turn import FOLLOW_UPS, REQUESTS, Act, Ref, Slots, Turn
from bot.i18n import Lang, detect
from bot.tools.context import ToolContext

if TYPE_CHECKING:
    from bot.engine.state import DialogueState

_NEUTRAL = re.compile(
    r"(?i)(?:ok(?:ay)?|k+|yes|yep|yeah|no|nope|lol|haha+|thx|ty|pls|cool|nice|great|sure|got it|\+1)[\s!.~👍🙏😊]*"
)
_QUOTED = re.compile(r"[「“\"『‘][^「“\"『」”\"』‘’]{1,}[」”\"』’]|#\S+")
# Requests against RED's rules, said plainly: whatever else the message asks, the answer is a decline. Asking how
# to avoid or spot them is a question, not such a request.
_AGAINST_RULES = re.compile(
    r"买(?:点|些|一些)?粉|刷(?:点|些)?粉|刷量|刷赞|买赞|刷评论|买评论|刷单|刷数据|水军|假评论|虚假评论|编造|代写好评|僵尸粉|不标(?:注)?广告|不报备|"
    r"绕(?:过|开)蒲公英|私下(?:合作|交易)|"
    r"\bbuy(?:ing)?\s+(?:\w+\s+){0,2}(?:followers|likes|fans|reviews|comments|engagement)\b|"
    r"\bfake (?:reviews|followers|comments|engagement|accounts)\b|without (?:disclos|label|tagg)\w*|"
    r"hide (?:that|the) (?:it'?s |it is )?(?:an? )?(?:ad|sponsor)",
    re.I,
)
_AVOIDING = re.compile(
    r"避开|避免|识别|排除|排掉|去掉|剔除|过滤|筛掉|防止|看出|怎么判断|avoid|spot|detect|filter|screen|tell if|identify",
    re.I,
)
# Figures no data here holds, about anyone: sales, units, GMV, ROI, conversion.
_UNKNOWN_FIGURES = re.compile(
    r"销量|卖了多少|卖出|成交|GMV|ROI|转化率|下单|\bunits?\b|\bsold\b|\bsales figures?\b|revenue|"
    r"conversion rate|how many (?:orders|sales)",
    re.I,
)
# "what about fragrance?", "那烘干箱呢", "and cooling mats?": the same request, for something else.
_WHAT_ABOUT = re.compile(
    r"^\s*(?:(?:ok|okay|and|so|hmm+)[,\s]*)?(?:what|how) about\b|^\s*(?:and|also)\b[^?？]{2,40}[?？]|"
    r"^\s*(?:那|那么|换成|换)[^，,。?？]{1,20}(?:呢|怎么样|咋样)[?？]?\s*$|^\s*[^\s，,。?？]{2,12}呢(?:[\s，,?？]|$)",
    re.I,
)
_ENGLISH_GRAMMAR = frozenset(
    [
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "with",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "about",
        "what",
        "why",
        "how",
        "who",
        "which",
        "can",
        "could",
        "would",
        "please",
        "pls",
        "me",
        "my",
        "our",
        "tell",
        "show",
        "compare",
        "between",
        "than",
        "vs",
    ]
)
_TRANSLATE = re.compile(
    r"翻|译|改成|换成|写成|translat|\b(?:turn|put|rewrite|make) (?:it|them|this|these|all)", re.I
)
# An answer to "which product?" that is plainly something else: a rule-breaking ask, data we cannot have.
_NOT_AN_ANSWER: tuple[Act, ...] = ("decline", "no_data")


def turn_language(text: str, state: DialogueState, lex: Lexicon) -> Lang:
    """The answer's language: /lang if forced; else the message's own, judged without the names and quoted
    copy in it ("why isn't 会飞的阿念本人 on the list?" is English); else the previous answer's."""
    if state.forced_lang:
        return state.forced_lang
    bare = _QUOTED.sub(" ", text)
    for name in sorted(_shown_names(state) | _named_creators(text, lex), key=len, reverse=True):
        bare = bare.replace(name, " ")
    if _NEUTRAL.fullmatch(bare.strip()):
        return state.lang or "zh"  # "ok", "thx", "lol": no language of their own
    found = detect(bare)
    words = re.findall(r"[A-Za-z]{2,}", bare)
    if found == "zh" and len(words) >= 2:
        # A few Chinese characters in an English sentence are a name, a topic or a hashtag the user typed:
        # "compare 宠物好物 with 猫咪冻干" is English.
        cjk = len(re.findall(r"[\u4e00-\u9fff]", bare))
        runs = re.findall(r"[\u4e00-\u9fff]+", bare)
        grammar = sum(w.lower() in _ENGLISH_GRAMMAR for w in words)
        if (len(words) >= 3 and cjk <= 4) or (
            grammar >= 1 and 0 < len(runs) <= 2 and max(map(len, runs)) <= 8
        ):
            found = "en"
    return found or state.lang or "zh"


def _named_creators(text: str, lex: Lexicon) -> set[str]:
    name = lex.creator_in(text)
    return {name} if name else set()


def _creators_shown(state: DialogueState) -> set[str]:
    names: set[str] = set()
    for item in state.shown:
        if item.kind == "creators":
            names.update(p.nickname for p in item.result.picks)
        elif item.kind == "campaign":
            names.update(p.nickname for p in item.result.matrix.picks)
    return names


def _titles_shown(state: DialogueState) -> set[str]:
    titles: set[str] = set()
    for item in state.shown:
        if item.kind == "campaign":
            titles.update(d.title for d in item.result.drafts)
        elif item.kind == "copy":
            titles.update(p.title for p in item.result.pieces)
        elif item.kind == "edit":
            titles.add(item.piece.title)
    return {title for title in titles if title}


def _part_of_a_name(word: str, names: set[str]) -> bool:
    """ "烘干箱" of the rising topic 宠物烘干箱 just shown: a word the chat or the data already knows."""
    return len(word) >= 2 and any(word in name for name in names)


def _without(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, " ")
    return text


def _shown_names(state: DialogueState) -> set[str]:
    """Names a message can point at: creators, terms and titles the chat was shown."""
    names: set[str] = set()
    for item in state.shown:
        if item.kind == "creators":
            names.update(p.nickname for p in item.result.picks)
        elif item.kind == "campaign":
            names.update(p.nickname for p in item.result.matrix.picks)
            names.update(d.title for d in item.result.drafts)
        elif item.kind == "trends":
            names.update(term.term for term in item.result.rising + item.result.declining)
        elif item.kind == "copy":
            names.update(p.title for p in item.result.pieces)
    return {n for n in names if n}


class Understander:
    def __init__(self, ctx: ToolContext) -> None:
        self.ctx = ctx
        self.classify = ActClassifier()

    def lexicon(self) -> Lexicon:
        return lexicon(self.ctx)

    def _neighbours(self, product: str) -> str | None:
        return category_by_neighbours(self.ctx, product)

    def __call__(self, text: str, state: DialogueState) -> Turn:
        lex = self.lexicon()
        lang = turn_language(text, state, lex)
        last = state.last()
        scores = self.classify(text, last.kind if last is not None else "none")
        ranked = sorted(scores, key=lambda a: -scores[a])
        act: Act = ranked[0]  # type: ignore[assignment]
        # Names of creators and titles are not slots: "what does 跳绳的老樊 charge" asks nothing about 跳绳.
        creators = _creators_shown(state) | _named_creators(text, lex)
        bare = _without(text, creators | _titles_shown(state))
        slots = extract(bare, lex, self.ctx.settings.usd_cny_rate, self._neighbours)
        if (
            slots.product
            and not slots.product_named
            and state.brief is not None
            and state.brief.product
            and not _part_of_a_name(slots.product, _shown_names(state) | set(lex.vocabulary))
        ):
            # Mid-conversation, a leftover word ("好吧 那正经点 出个完整方案") does not replace the product the
            # brief is about: only a product named as such, or one the data knows, does.
            slots = slots.model_copy(
                update={
                    "product": None,
                    "category": named_category(text) or lex.brand_category(slots.brand),
                    "topic": None if slots.topic == slots.product else slots.topic,
                }
            )
        if act == "knowledge" or act in REQUESTS:
            slots.question = text
        if slots.to_lang and not state.forced_lang:
            lang = slots.to_lang  # "用英文回答：……", "再翻成英文": the answer in the language asked for
        refs = find_refs(text, _shown_names(state) | _named_creators(text, lex), _creators_shown(state))
        turn = Turn(
            act=act, slots=slots, refs=refs, lang=lang, text=text, confidence=scores[act], scores=scores
        )
        return self._in_context(turn, state, ranked)

    def language(self, text: str, state: DialogueState) -> Lang:
        return turn_language(text, state, self.lexicon())

    def slots_for(self, act: Act, text: str, state: DialogueState, lang: Lang | None = None) -> Turn:
        """A command's argument ("/kols 精华 预算20万"): the act is given, only the slots are read."""
        lex = self.lexicon()
        slots = extract(text, lex, self.ctx.settings.usd_cny_rate, self._neighbours) if text else Slots()
        if act == "check" and text:
            slots.copy_text = text
        if act == "knowledge" and text:
            slots.question = text
        if act == "trends" and text and not slots.topic and not slots.category:
            slots.topic = text.strip()
        chosen = (
            lang or state.forced_lang or (turn_language(text, state, lex) if text else state.lang) or "zh"
        )
        return Turn(act=act, slots=slots, refs=find_refs(text, _shown_names(state)), lang=chosen, text=text)

    def _in_context(self, turn: Turn, state: DialogueState, ranked: list[str]) -> Turn:
        slots = turn.slots
        pending = state.pending
        if pending is not None and turn.act not in _NOT_AN_ANSWER:
            # Right after "which product?", a message that names one is the answer, unless it is plainly a
            # whole request of another kind.
            another_request = turn.act in REQUESTS and turn.act != pending.turn.act and turn.confidence >= 0.9
            if _answers(pending.need, turn, slots) and not another_request:
                merged = pending.turn.slots.model_copy(update=slots.brief_fields() | _other_fields(slots))
                if pending.need == "copy":
                    merged.copy_text = slots.copy_text or turn.text
                if pending.need == "topic" and not merged.topic:
                    merged.topic = slots.product or turn.text.strip()
                return turn.model_copy(update={"act": pending.turn.act, "slots": merged})
        last = state.last()
        if _AGAINST_RULES.search(turn.text) and not _AVOIDING.search(turn.text):
            return turn.model_copy(update={"act": "decline"})  # "能帮忙买点粉撑撑场面吗"
        if (
            last is not None
            and last.kind in _REQUEST_OF
            and turn.act
            in ("knowledge", "refine", "restate", "out_of_scope", "explain", "trends", "creators")
            and (slots.product or slots.category or slots.topic)
            and slots.audience is None  # "what about for men?" changes the audience of the same request
            and _WHAT_ABOUT.search(turn.text)
        ):
            return turn.model_copy(update={"act": _REQUEST_OF[last.kind]})  # the same request, new subject
        if (
            turn.act in ("explain", "knowledge", "restate", "refine")
            and not turn.refs
            and whole_category(turn.text)
        ):
            return turn.model_copy(update={"act": "trends"})  # "那美食这块整体有啥在涨的"
        if turn.act == "trends" and len(slots.topics) >= 2:
            return turn.model_copy(update={"act": "compare"})  # "开放式耳机和降噪耳机哪个热度高"
        if (
            turn.act == "restate"
            and last is not None
            and last.kind in ("edit", "copy")
            and _TRANSLATE.search(turn.text)
        ):
            # "再翻成英文" after a rewrite or titles: the copy itself in the other language.
            to_lang = slots.to_lang or ("en" if (state.lang or "zh") == "zh" else "zh")
            return turn.model_copy(
                update={
                    "act": "edit",
                    "slots": slots.model_copy(update={"to_lang": to_lang}),
                    "lang": state.forced_lang or to_lang,
                }
            )
        if turn.act == "check" and (slots.tone or slots.to_lang):
            return turn.model_copy(update={"act": "edit"})  # "make this sound more casual: '...'" rewrites it
        creators_shown = _creators_shown(state)
        creators = creators_shown | _named_creators(turn.text, self.lexicon())
        named = [r for r in turn.refs if r.name in creators]
        about_a_creator = (
            turn.act in ("knowledge", "trends", "check", "no_data", "restate", "out_of_scope")
            or (turn.act == "refine" and not any(r.name in creators_shown for r in named))  # "X可以加进来吗"
        ) and not (
            turn.act == "no_data" and _UNKNOWN_FIGURES.search(turn.text)
        )  # "how many units did X sell"
        titles = _titles_shown(state)
        if turn.act in ("knowledge", "trends", "no_data", "restate") and any(
            r.name in titles for r in turn.refs
        ):
            return turn.model_copy(update={"act": "detail"})  # "收纳盒用了28天｜真实感受这篇展开看看"
        if named and about_a_creator:
            # A question that names a creator (shown, or any the data holds) is about that creator: "养猫的白露
            # 是不是挺好的", "what does 跳绳的老樊 charge per post?".
            best = max(("explain", "detail"), key=lambda a: turn.scores.get(a, 0.0))
            return turn.model_copy(update={"act": "compare" if len(named) >= 2 else best})
        asks_about_one = len(turn.refs) == 1 and not turn.refs[0].whole and len(slots.topics) < 2
        if turn.act == "refine" and asks_about_one and re.search(r"[?？吗]\s*$", turn.text):
            # "the one you listed first — is their audience actually guys?" asks about it, changes nothing
            best = max(("explain", "detail"), key=lambda a: turn.scores.get(a, 0.0))
            return turn.model_copy(update={"act": best})
        if turn.act == "compare" and asks_about_one and not COMPARING.search(turn.text):
            # One thing pointed at is not a comparison: "the one at the top, is she worth it?"
            best = max(("explain", "detail"), key=lambda a: turn.scores.get(a, 0.0))
            return turn.model_copy(update={"act": best})
        if (
            last is not None
            and turn.act in ("out_of_scope", "help", "greeting", "thanks", "decline")
            and _changes_only(slots)
            and (
                any(
                    v is not None
                    for v in (slots.budget, slots.budget_scale, slots.count, slots.audience, slots.weeks)
                )
                or bool(slots.tiers)
            )
        ):
            # "Budget confirmed: 400k RMB" carries a change for what was shown: never small talk.
            return turn.model_copy(update={"act": "refine"})
        if (
            turn.act in REQUESTS
            and turn.act != "copywriting"  # "单独再写8个标题": new titles, not the same ones changed
            and last is not None
            and _KIND.get(turn.act) == last.kind
            and _changes_only(slots)
        ):
            # The same request again with something changed and no new subject: a refinement of it.
            return turn.model_copy(update={"act": "refine"})
        same_kind = slots.kind is None or (
            last is not None and last.kind == "copy" and last.query.kind == slots.kind
        )  # type: ignore[union-attr]
        if (
            turn.act in ("refine", "copywriting")
            and slots.tone
            and not slots.product
            and same_kind
            and last is not None
            and last.kind in ("copy", "edit", "campaign", "check")
        ):
            return turn.model_copy(
                update={"act": "edit"}
            )  # a tone is asked of the copy shown, not of new copy
        if turn.act in FOLLOW_UPS and not state.shown:
            # Nothing shown to follow up on. A message that also names a product is a request after all;
            # "refine" then means the request the brief was for. Copy to rewrite, or two topics to compare,
            # can come in the message itself.
            if turn.act == "refine" and state.brief is not None:
                return turn
            if (turn.act == "edit" and slots.copy_text) or (turn.act == "compare" and len(slots.topics) >= 2):
                return turn
            if slots.product or slots.category:
                request = next((a for a in ranked if a in REQUESTS), "creators")
                return turn.model_copy(update={"act": request})
        return turn


_ABOUT_AN_ITEM: tuple[Act, ...] = (
    "explain",
    "detail",
    "compare",
    "refine",
    "export",
    "edit",
    "decline",
    "more",
)
_KIND = {"trends": "trends", "creators": "creators", "campaign": "campaign", "copywriting": "copy"}
_REQUEST_OF: dict[str, Act] = {kind: act for act, kind in _KIND.items()}  # type: ignore[misc]


def _changes_only(slots: Slots) -> bool:
    """A message that changes parameters (budget, count, window ...) and names no product, category or topic."""
    if slots.product or slots.category or slots.topic or slots.brand or slots.copy_text:
        return False
    changes = (
        slots.budget,
        slots.budget_scale,
        slots.count,
        slots.audience,
        slots.days,
        slots.weeks,
        slots.goal,
        slots.n,
    )
    return any(value is not None for value in changes) or bool(slots.tiers)


def _answers(need: str, turn: Turn, slots: Slots) -> bool:
    if need in ("product", "topic"):
        return bool(slots.product or slots.category or slots.topic or slots.brand)
    if need == "copy":
        return bool(slots.copy_text) or (
            len(turn.text) >= 6 and turn.act in ("check", "knowledge", "copywriting", "edit")
        )
    if need == "reference":
        return bool(turn.refs)
    return False


def _other_fields(slots: Slots) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in ("topic", "days", "weeks", "tone", "n", "kind", "to_lang", "copy_text", "budget_scale"):
        value = getattr(slots, name)
        if value is not None:
            values[name] = value
    return values


__all__ = ["Ref", "Turn", "Understander", "turn_language"]
