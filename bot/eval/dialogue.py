"""Dialogue evaluation: multi-turn conversations written by people who never saw the code, each turn checked
structurally (the act, the tool and its typed arguments, what the answer names, its language and length).

`dialogues.jsonl` is what the team may look at and tune on; `dialogues_holdout.jsonl` was split off before
anyone read it and is only ever scored. Each conversation names its knowledge folder: "bundled" (the project's
`knowledge/`) or "second" (`bot/eval/data/second_kb/`, made apart from the bundled one). Placeholders in a
message ({pick2}, {draft1}, {title3}, {rising1}) are filled from what the engine showed earlier in the chat.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from bot.engine.reply import Reply
from bot.engine.state import (
    CampaignShown,
    CopyShown,
    CreatorsShown,
    DialogueState,
    EditShown,
    TrendsShown,
)

DIGEST_CHARS = 1500
TUNING = "dialogues.jsonl"
HOLDOUT = "dialogues_holdout.jsonl"
# Written last, by two more helpers from the same brief, and only ever scored once the work was done.
FRESH = "dialogues_fresh.jsonl"


class Expect(BaseModel):
    act: str | list[str]
    asks: bool | None = None
    tool: str | None = None
    args: dict[str, Any] = Field(default_factory=dict)
    target: dict[str, Any] | None = None
    mentions: list[str] = Field(default_factory=list)
    lang: str
    max_chars: int = DIGEST_CHARS


class TurnCase(BaseModel):
    user: str
    expect: Expect


class Conversation(BaseModel):
    id: str
    kb: str = "bundled"
    lang: str = "zh"
    turns: list[TurnCase]


class TurnResult(BaseModel):
    conversation: str
    turn: int
    user: str
    ok: bool
    problems: list[str] = Field(default_factory=list)
    act: str = ""
    tools: list[str] = Field(default_factory=list)
    chars: int = 0


class DialogueResult(BaseModel):
    set: str
    conversations: int
    turns: int
    turns_right: int
    turn_accuracy: float
    conversations_all_right: int
    per_act: dict[str, float]
    per_lang: dict[str, float]
    per_kb: dict[str, float]
    problems: dict[str, int]  # kind of problem -> turns
    failures: list[TurnResult]


def load(name: str = HOLDOUT) -> list[Conversation]:
    text = resources.files("bot.eval").joinpath("data", name).read_text(encoding="utf-8")
    return [Conversation.model_validate_json(line) for line in text.splitlines() if line.strip()]


def knowledge_folder(kb: str) -> Path:
    if kb == "second":
        return Path(str(resources.files("bot.eval").joinpath("data", "second_kb")))
    return Path(__file__).resolve().parents[2] / "knowledge"


# --- placeholders -------------------------------------------------------------------------------------------------


def fill(text: str, state: DialogueState) -> str | None:
    """The message with {pick2}, {draft1}, {title3}, {rising1} replaced from the chat's state; None when a
    placeholder names something the chat was never shown (the turn then fails, as it would for a person)."""

    def value(match: re.Match[str]) -> str:
        kind, number = match.group(1), int(match.group(2))
        found = _item(kind, number, state)
        if found is None:
            raise LookupError(match.group(0))
        return found

    try:
        return re.sub(r"\{(pick|draft|title|rising)(\d+)\}", value, text)
    except LookupError:
        return None


def _item(kind: str, number: int, state: DialogueState) -> str | None:
    index = number - 1
    if kind == "pick":
        shown = state.last("creators", "campaign")
        picks = (
            shown.result.picks
            if isinstance(shown, CreatorsShown)
            else shown.result.matrix.picks
            if isinstance(shown, CampaignShown)
            else []
        )
        return picks[index].nickname if 0 <= index < len(picks) else None
    if kind == "draft":
        plan = state.last("campaign")
        drafts = plan.result.drafts if isinstance(plan, CampaignShown) else []
        return drafts[index].title if 0 <= index < len(drafts) else None
    if kind == "title":
        copy = state.last("copy")
        pieces = copy.result.pieces if isinstance(copy, CopyShown) else []
        return pieces[index].title if 0 <= index < len(pieces) else None
    trends = state.last("trends")
    rising = trends.result.rising if isinstance(trends, TrendsShown) else []
    return rising[index].term if 0 <= index < len(rising) else None


# --- checks -------------------------------------------------------------------------------------------------------


def check(
    expect: Expect, reply: Reply, before: DialogueState, after: DialogueState, user: str = ""
) -> list[str]:
    """What is wrong with one reply, as short labels with details ("act: expected refine, got creators")."""
    problems: list[str] = []
    acts = [expect.act] if isinstance(expect.act, str) else expect.act
    if reply.act not in acts:
        problems.append(f"act: expected {'/'.join(acts)}, got {reply.act}")
    if expect.asks is True and not reply.asked:
        problems.append("asks: expected a question back")
    if expect.asks is not True and reply.asked and (expect.tool not in (None, "none") or expect.args):
        problems.append(f"asks: asked for {reply.asked} instead of answering")
    tools = [t.name for t in reply.tools]
    if expect.tool == "none" and tools:
        problems.append(f"tool: expected none, got {tools}")
    elif expect.tool and expect.tool != "none" and expect.tool not in tools:
        problems.append(f"tool: expected {expect.tool}, got {tools or 'none'}")
    if expect.args:
        call = next(
            (t for t in reply.tools if t.name == expect.tool), reply.tools[0] if reply.tools else None
        )
        if call is None:
            problems.append("args: no tool call to check")
        else:
            problems += [f"args.{p}" for p in _args_problems(expect.args, call.args, before)]
    if expect.target:
        name = expect.target.get("name") or (
            _target_name(expect.target.get("index"), before, user) if expect.target.get("index") else None
        )
        if name and name not in reply.answer:
            problems.append(f"target: answer does not name {name}")
    for mention in expect.mentions:
        wanted = fill(mention, before) or fill(mention, after)
        if wanted is None:
            problems.append(f"mentions: {mention} was never shown")
        elif wanted.lower() not in reply.answer.lower():
            problems.append(f"mentions: {wanted} not in the answer")
    if reply.lang != expect.lang:
        problems.append(f"lang: expected {expect.lang}, got {reply.lang}")
    elif not one_language(reply.answer, reply.lang, after, user):
        problems.append("lang: mixed languages in the answer")
    if len(reply.answer) > expect.max_chars:
        problems.append(f"length: {len(reply.answer)} characters (limit {expect.max_chars})")
    return problems


def _target_name(index: int | None, state: DialogueState, user: str) -> str | None:
    """The item the message's position points at, in the list its words name (篇/draft -> the plan's
    drafts, 标题/title -> titles, 话题/topic -> rising terms, else creators)."""
    if not index:
        return None
    last = state.last()
    latest = {"creators": "pick", "campaign": "pick", "copy": "title", "trends": "rising"}.get(
        last.kind if last else "", "pick"
    )
    kinds = [latest, *(k for k in ("pick", "draft", "title", "rising") if k != latest)]
    for kind, pattern in (
        ("draft", r"篇|笔记|草稿|draft|note|post"),
        ("title", r"标题|title|headline"),
        ("rising", r"话题|标签|topic|tag|term"),
    ):
        if re.search(pattern, user, re.I):
            kinds.remove(kind)
            kinds.insert(0, kind)
            break
    for kind in kinds:
        found = _item(kind, index, state)
        if found:
            return found
    return None


def _args_problems(expected: dict[str, Any], args: dict[str, Any], before: DialogueState) -> list[str]:
    problems = []
    for name, want in expected.items():
        if name == "product_has":
            product = str(args.get("product") or args.get("topic") or "")
            if not any(w.lower() in product.lower() for w in want):
                problems.append(f"product_has: {product!r} has none of {want}")
        elif name == "product_not":
            product = str(args.get("product") or "")
            if any(w in product for w in want):
                problems.append(f"product_not: {product!r}")
        elif name == "topic_has":
            topic = str(args.get("topic") or args.get("product") or "")
            if not any(w.lower() in topic.lower() for w in want):
                problems.append(f"topic_has: {topic!r} has none of {want}")
        elif name == "category":
            allowed = [want] if isinstance(want, str) else want
            if args.get("category") not in allowed:
                problems.append(f"category: {args.get('category')} not in {allowed}")
        elif name in ("budget", "count", "weeks", "days", "n"):
            value = args.get(name)
            if not _number_ok(value, want, name):
                problems.append(f"{name}: {value} vs {want}")
        elif name == "tiers":
            if sorted(args.get("tiers") or []) != sorted(want):
                problems.append(f"tiers: {args.get('tiers')} vs {want}")
        elif name == "gender":
            share = (args.get("audience") or {}).get("female_share")
            if share is None or (share < 0.5) != (want == "male"):
                problems.append(f"gender: female_share {share} vs {want}")
        elif name == "age":
            ages = (args.get("audience") or {}).get("age") or {}
            if want not in ages:
                problems.append(f"age: {list(ages)} vs {want}")
        elif name == "text_has":
            if want not in str(args.get("text") or ""):
                problems.append(f"text_has: {want!r} not in the checked copy")
        elif name == "tone" and want in ("english", "chinese"):
            if args.get("lang") != ("en" if want == "english" else "zh"):
                problems.append(f"tone: lang {args.get('lang')} vs {want}")
        elif name in ("goal", "kind", "tone"):
            default = {"kind": "titles", "tone": "plain"}.get(name)
            if args.get(name, default) != want:
                problems.append(f"{name}: {args.get(name)} vs {want}")
    return problems


def _number_ok(value: Any, want: Any, name: str) -> bool:
    if name == "days" and value is None:
        value = 30  # the window's default is not written in the call
    if name == "weeks" and value is None:
        value = 6
    if name == "n" and value is None:
        value = 5
    if isinstance(want, dict):
        return value is not None and all(
            (op != "lt" or value < bound)
            and (op != "gt" or value > bound)
            and (op != "between" or bound[0] <= value <= bound[1])
            for op, bound in want.items()
        )
    return bool(value == want)


_CODE = re.compile(r"`[^`]*`|#\S+|https?://\S+")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|《[^》]*》|「[^」]*」|'[^']*'|\([^)]*[\u4e00-\u9fff][^)]*\)")


def one_language(answer: str, lang: str, state: DialogueState, user: str = "") -> bool:
    """No sentence of the other language: data (names, hashtags, titles, quoted copy) and words the user
    typed may be in any language, the words RedPilot writes around them may not."""
    # Sources quoted as such ("> ..." lines, 《titles》) are data in their own language.
    text = _QUOTED.sub(" ", re.sub(r"(?m)^>.*$", " ", _CODE.sub(" ", answer)))
    typed = re.findall(r"[\u4e00-\u9fff]{2,}|[A-Za-z][A-Za-z' -]{3,}[A-Za-z]", user)
    for name in sorted(_names(state) | set(typed), key=len, reverse=True):
        if len(name) >= 2:
            text = text.replace(name, " ")
    if lang == "zh":
        # Four English words in a row outside names and code is an English phrase in a Chinese answer.
        return not re.search(r"(?:\b[A-Za-z]{2,}\b[\s,.;:'-]+){3}\b[A-Za-z]{2,}\b", text)
    text = _QUOTED.sub(" ", text)
    return len(re.findall(r"[\u4e00-\u9fff]", text)) <= 12


def _names(state: DialogueState) -> set[str]:
    names: set[str] = set()
    for item in state.shown:
        if isinstance(item, CreatorsShown):
            names.update(p.nickname for p in item.result.picks)
            names.update(e.nickname for e in item.result.excluded)
        elif isinstance(item, CampaignShown):
            names.update(p.nickname for p in item.result.matrix.picks)
            names.update(e.nickname for e in item.result.matrix.excluded)
            names.update(d.title for d in item.result.drafts)
            names.add(item.result.hero_product)
            names.update(item.result.search_keywords)
        elif isinstance(item, TrendsShown):
            names.update(term.term for term in item.result.rising + item.result.declining)
            names.update(p.title for p in item.result.top_posts)
            if item.result.stats.comments:
                names.update(p.term for p in item.result.stats.comments.pain_points)
        elif isinstance(item, CopyShown):
            names.update(p.title for p in item.result.pieces)
        elif isinstance(item, EditShown) and item.origin == "user":
            names.update([item.piece.title, item.piece.body])  # the user's own copy, in its own language
    if state.brief and state.brief.product:
        names.add(state.brief.product)
    return names


# --- running ------------------------------------------------------------------------------------------------------


def evaluate(
    conversations: list[Conversation],
    engine_for: Callable[[str], Any],
    name: str = HOLDOUT,
    progress: Callable[[int, int], None] | None = None,
) -> DialogueResult:
    """Play every conversation against a fresh chat of the engine for its knowledge folder."""
    results: list[TurnResult] = []
    total = sum(len(c.turns) for c in conversations)
    for conversation in conversations:
        engine = engine_for(conversation.kb)
        chat = f"eval:{name}:{conversation.id}"
        engine.reset(chat)
        for number, case in enumerate(conversation.turns, start=1):
            before = engine.state(chat)
            text = fill(case.user, before)
            if text is None:
                results.append(
                    TurnResult(
                        conversation=conversation.id,
                        turn=number,
                        user=case.user,
                        ok=False,
                        problems=["placeholder: never shown"],
                    )
                )
                continue
            reply = engine.reply(chat, "eval", text)
            problems = check(case.expect, reply, before, engine.state(chat), text)
            results.append(
                TurnResult(
                    conversation=conversation.id,
                    turn=number,
                    user=text,
                    ok=not problems,
                    problems=problems,
                    act=reply.act,
                    tools=[t.name for t in reply.tools],
                    chars=len(reply.answer),
                )
            )
            if progress:
                progress(len(results), total)
    return summarise(conversations, results, name)


def summarise(conversations: list[Conversation], results: list[TurnResult], name: str) -> DialogueResult:
    by_conversation = {c.id: c for c in conversations}
    per_act: dict[str, list[bool]] = {}
    per_lang: dict[str, list[bool]] = {}
    per_kb: dict[str, list[bool]] = {}
    problems: Counter[str] = Counter()
    for result in results:
        conversation = by_conversation[result.conversation]
        expect = conversation.turns[result.turn - 1].expect
        acts = [expect.act] if isinstance(expect.act, str) else expect.act
        per_act.setdefault(acts[0], []).append(result.ok)
        per_lang.setdefault(expect.lang, []).append(result.ok)
        per_kb.setdefault(conversation.kb, []).append(result.ok)
        problems.update({p.split(":")[0] for p in result.problems})
    right = sum(r.ok for r in results)
    whole = sum(all(r.ok for r in results if r.conversation == c.id) for c in conversations)
    rate = lambda values: round(sum(values) / len(values), 4)  # noqa: E731
    return DialogueResult(
        set=name,
        conversations=len(conversations),
        turns=len(results),
        turns_right=right,
        turn_accuracy=round(right / len(results), 4) if results else 0.0,
        conversations_all_right=whole,
        per_act={k: rate(v) for k, v in sorted(per_act.items())},
        per_lang={k: rate(v) for k, v in sorted(per_lang.items())},
        per_kb={k: rate(v) for k, v in sorted(per_kb.items())},
        problems=dict(problems.most_common()),
        failures=[r for r in results if not r.ok],
    )
