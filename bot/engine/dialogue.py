"""The dialogue manager: a Turn and the chat's state in, a Reply out.

Requests run a tool from the registry with a typed query built from the turn's slots and the current brief;
follow-ups act on the results the chat has seen (the next page, one item in full, why a pick, two side by side,
the same in the other language, a file, a rewrite). Every sentence comes from the message catalogue in the
turn's language. Nothing here reads the user's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from bot.engine.reply import Action, Reply, ToolCall
from bot.engine.state import (
    CampaignShown,
    CheckShown,
    CopyShown,
    CreatorsShown,
    DialogueState,
    EditShown,
    KnowledgeShown,
    Pending,
    TrendsShown,
)
from bot.engine.understand.lexicon import Lexicon
from bot.engine.understand.turn import Ref, Slots, Turn
from bot.i18n import Lang, join, other, t
from bot.models import Audience, Brief, CampaignPlan, Influencer, NoteDraft, Pick, Source
from bot.resources import category_label
from bot.tools import render
from bot.tools.campaign import CampaignQuery
from bot.tools.context import ToolContext
from bot.tools.copywriting import CopyQuery, EditQuery
from bot.tools.influencers import KolQuery, profile
from bot.tools.knowledge import KnowledgeQuery
from bot.tools.registry import ComplianceQuery, tool
from bot.tools.trends import TrendQuery

PAGE = render.PAGE
CHAT_SIZE = 1500  # a chat answer fits one phone screen or so; the rest of a long result goes in a file


class Dialogue:
    def __init__(self, ctx: ToolContext, lexicon: Callable[[], Lexicon]) -> None:
        self.ctx = ctx
        self.lexicon = lexicon
        self._handlers: dict[str, Callable[[Turn, DialogueState], Reply]] = {
            "trends": self._trends,
            "creators": self._creators,
            "campaign": self._campaign,
            "check": self._check,
            "knowledge": self._knowledge,
            "copywriting": self._copywriting,
            "refine": self._refine,
            "more": self._more,
            "detail": self._detail,
            "explain": self._explain,
            "compare": self._compare,
            "restate": self._restate,
            "export": self._export,
            "edit": self._edit,
            "decline": self._decline,
            "no_data": self._no_data,
        }

    def respond(self, turn: Turn, state: DialogueState) -> Reply:
        state.pending = None  # answered, or superseded by another request
        if _asks_for_secrets(
            turn.text
        ):  # whatever else the message asks: prompts, keys and tokens stay private
            return self._reply(t("social.secrets", turn.lang), turn, act=turn.act)
        reply = self._handlers.get(turn.act, self._social)(turn, state)
        reply.act = turn.act
        if not reply.asked and turn.act != "restate":
            state.last_turn = turn
        state.lang = reply.lang
        return reply

    # --- helpers ----------------------------------------------------------------------------------------------

    def _run(self, name: str, query: BaseModel) -> tuple[Any, ToolCall]:
        spec = tool(name)
        return spec(self.ctx, query), ToolCall(name=name, args=call_args(query))

    def _reply(self, answer: str, turn: Turn, lang: Lang | None = None, **extra: Any) -> Reply:
        lang = lang or turn.lang
        actions = [Action(name=name, label=t(f"actions.{name}", lang)) for name in extra.pop("actions", [])]
        return Reply(answer=answer, engine="offline", lang=lang, actions=actions, **extra)

    def _ask(self, turn: Turn, state: DialogueState, need: str, key: str, **params: Any) -> Reply:
        state.pending = Pending(turn=turn, need=need)  # type: ignore[arg-type]
        return self._reply(t(key, turn.lang, **params), turn, asked=need)

    def _brief(self, slots: Slots, base: Brief | None, keep_subject: bool = False) -> Brief:
        """The brief a request means: the current one, changed by what the message says; a message that names
        another product or category starts a new one (unless it refines, `keep_subject`)."""
        new_subject = (
            bool(slots.product or slots.category) and base is not None and not _same_subject(slots, base)
        )
        brief = Brief() if base is None or (new_subject and not keep_subject) else base.model_copy(deep=True)
        updates = slots.brief_fields()
        if slots.product and brief.product and slots.product.lower() in brief.product.lower():
            updates.pop(
                "product", None
            )  # "do guys even do pilates" keeps "pilates socks": the same, said shorter
        if (
            keep_subject
            and slots.product
            and not slots.product_named
            and not self.lexicon().known_terms(slots.product)
        ):
            # A refinement keeps its product unless the message names one the data knows ("换成女性受众呢
            # 送男朋友的场景" is about the audience, not a product called 送男朋友).
            updates.pop("product", None)
        if keep_subject and slots.category and brief.product and not slots.product:
            product_category = self.lexicon().category_of(brief.product)
            if product_category and product_category != slots.category:
                updates["product"] = None  # "换成穿搭的": the old product does not belong to the new category
        if slots.product and not slots.category:
            # The data cannot tell? The conversation's category is the best guess ("and cooling mats?").
            updates["category"] = self.lexicon().category_of(slots.product) or (
                base.category if base is not None else None
            )
        if slots.audience is not None:
            updates["audience"] = _merge_audience(brief.audience, slots.audience)
        if slots.budget_scale:
            if brief.budget:
                updates["budget"] = int(round(brief.budget * slots.budget_scale, -2))
            elif slots.budget_scale < 1:
                updates["tiers"] = ["junior", "koc"]
        if slots.no_budget:
            updates["budget"] = None

        return brief.model_copy(update=updates)

    def _subject(self, brief: Brief, lang: Lang) -> str:
        return render.brief_subject(brief, lang)

    # --- requests -----------------------------------------------------------------------------------------------

    def _creators(self, turn: Turn, state: DialogueState) -> Reply:
        brief = self._brief(turn.slots, state.brief)
        if not (brief.product or brief.category or brief.brand):
            return self._ask(turn, state, "product", "ask.product_creators")
        query = KolQuery(brief=brief, format="video" if turn.slots.video else "image")
        plan, call = self._run("suggest_influencers", query)
        state.brief = brief
        state.remember(CreatorsShown(query=query, result=plan, shown=min(PAGE, len(plan.picks))))
        state.last_view = "creators"
        actions = (["more"] if len(plan.picks) > PAGE else []) + ["export", "campaign", "cheaper"]
        return self._reply(
            render.plan_digest(plan, turn.lang),
            turn,
            tools=[call],
            sources=tool("suggest_influencers").sources(plan)[:PAGE],
            actions=actions,
        )

    def _campaign(self, turn: Turn, state: DialogueState) -> Reply:
        brief = self._brief(turn.slots, state.brief)
        if not (brief.product or brief.category or brief.brand):
            return self._ask(turn, state, "product", "ask.product_campaign")
        previous = state.last("campaign")
        weeks = turn.slots.weeks or (previous.query.weeks if isinstance(previous, CampaignShown) else 6)
        query = CampaignQuery(brief=brief, weeks=weeks, lang=turn.lang)
        plan, call = self._run("draft_campaign", query)
        state.brief = brief
        state.remember(CampaignShown(query=query, result=plan))
        state.last_view = "campaign"
        spec = tool("draft_campaign")
        return self._reply(
            spec.digest(plan, turn.lang),
            turn,
            tools=[call],
            sources=spec.sources(plan),
            attachments=[spec.export(plan, turn.lang)] if spec.export else [],
            actions=["drafts", "creators", "cheaper"],
        )

    def _trends(self, turn: Turn, state: DialogueState) -> Reply:
        slots = turn.slots
        topic = slots.topic or ""
        category = slots.category
        if not topic and not category:
            previous = state.last("trends")
            if isinstance(previous, TrendsShown):
                topic, category = previous.query.topic, previous.query.category
            elif state.brief and (state.brief.product or state.brief.category):
                topic, category = state.brief.product or "", state.brief.category
            else:
                return self._ask(turn, state, "topic", "ask.topic")
        if topic and category is None:
            category = self.lexicon().category_of(topic) or (state.brief.category if state.brief else None)
        query = TrendQuery(topic=topic, category=category, days=slots.days or 30)
        report, call = self._run("trend_lookup", query)
        before = state.last("trends")
        previous = before.query.topic if isinstance(before, TrendsShown) else None
        state.remember(TrendsShown(query=query, result=report, shown=PAGE, previous_topic=previous))
        state.last_view = "trends"
        if state.brief is None or (report.category and state.brief.category != report.category):
            state.brief = Brief(product=slots.product or None, category=report.category)
        actions = (["more"] if len(report.rising) > PAGE else []) + ["creators", "campaign"]
        return self._reply(
            render.trend_digest(report, turn.lang),
            turn,
            tools=[call],
            sources=tool("trend_lookup").sources(report),
            actions=actions,
        )

    def _check(self, turn: Turn, state: DialogueState) -> Reply:
        text = turn.slots.copy_text or self._copy_referred_to(turn, state)
        if not text:
            return self._ask(turn, state, "copy", "ask.copy")
        query = ComplianceQuery(text=text)
        report, call = self._run("check_compliance", query)
        state.remember(CheckShown(query=query, result=report))
        state.last_view = "check"
        guides = self._guides(
            "广告法 极限词 违禁词 功效宣称 报备 advertising law banned words claims disclosure", turn.lang
        )
        answer = render.compliance_markdown(report, turn.lang)
        if guides:
            answer += "\n\n" + t(
                "compliance.sources",
                turn.lang,
                guides=join(
                    [f"《{g.title}》" if turn.lang == "zh" else f"“{g.title}”" for g in guides], turn.lang
                ),
            )
        return self._reply(
            answer, turn, tools=[call], sources=guides, actions=["export"] if report.issues else []
        )

    def _guides(self, question: str, lang: Lang, k: int = 2) -> list[Source]:
        hits = self.ctx.kb.search(question, 6, kinds=("playbook",))
        from bot.i18n import mostly

        same = [h for h in hits if mostly(h.title) == lang] or hits
        return [Source(doc_id=h.doc_id, kind="playbook", title=h.title) for h in same[:k]]

    def _knowledge(self, turn: Turn, state: DialogueState) -> Reply:
        question = turn.slots.question or turn.text
        if not question.strip():
            return self._ask(turn, state, "topic", "ask.question")
        query = KnowledgeQuery(query=question, k=4, lang=turn.lang)
        results, call = self._run("search_knowledge", query)
        state.remember(KnowledgeShown(query=query, result=results))
        state.last_view = "knowledge"
        lang = turn.lang
        if not results.passages:
            return self._reply(t("knowledge.nothing", lang), turn, tools=[call])
        first = results.passages[0]
        lines = [
            t(
                "knowledge.other_language_only" if results.other_language_only else "knowledge.from_guide",
                lang,
                title=first.title,
            ),
            "",
            f"> {first.text}",
        ]
        for passage in results.passages[1:]:
            lines += ["", t("knowledge.also", lang, title=passage.title), f"> {passage.text}"]
        sources = tool("search_knowledge").sources(results)
        return self._reply(
            "\n".join(lines),
            turn,
            tools=[call],
            sources=sources[:4],
            actions=["more"] if len(results.hits) > 1 else [],
        )

    def _copywriting(self, turn: Turn, state: DialogueState) -> Reply:
        slots = turn.slots
        brief = self._brief(slots, state.brief)
        product = brief.product or slots.topic
        if not (product or brief.category):
            return self._ask(turn, state, "product", "ask.product_copy")
        query = CopyQuery(
            kind=slots.kind or "titles",
            product=product,
            category=brief.category,
            n=slots.n or 5,
            tone=slots.tone or "plain",
            lang=slots.to_lang or turn.lang,
        )
        state.brief = brief
        return self._show_copy(query, turn, state)

    def _show_copy(self, query: CopyQuery, turn: Turn, state: DialogueState) -> Reply:
        lang = query.lang
        result, call = self._run("write_copy", query)
        state.remember(CopyShown(query=query, result=result, shown=len(result.pieces)))
        state.last_view = "copy"
        return self._reply(
            render.copy_digest(result, lang),
            turn,
            lang=lang,
            tools=[call],
            sources=tool("write_copy").sources(result),
            actions=(["more"] if query.kind == "titles" else []) + ["export"],
        )

    # --- follow-ups ---------------------------------------------------------------------------------------------

    def _refine(self, turn: Turn, state: DialogueState) -> Reply:
        last = state.last("creators", "campaign", "trends", "copy")
        slots = turn.slots
        if isinstance(last, TrendsShown) and not (
            slots.budget or slots.budget_scale or slots.tiers or slots.count or slots.audience
        ):
            topic = slots.topic if slots.topic else last.query.topic
            category = slots.category or (None if slots.topic else last.query.category)
            retuned = turn.model_copy(
                update={
                    "act": "trends",
                    "slots": slots.model_copy(
                        update={"topic": topic, "category": category, "days": slots.days or last.query.days}
                    ),
                }
            )
            return self._trends(retuned, state)
        if isinstance(last, CopyShown):
            q = last.query
            changed = q.model_copy(
                update={
                    k: v
                    for k, v in {
                        "n": slots.n,
                        "tone": slots.tone,
                        "kind": slots.kind,
                        "lang": slots.to_lang,
                    }.items()
                    if v
                }
            )
            result, call = self._run("write_copy", changed)
            state.remember(CopyShown(query=changed, result=result, shown=len(result.pieces)))
            return self._reply(
                render.copy_digest(result, changed.lang),
                turn,
                lang=changed.lang,
                tools=[call],
                actions=["more", "export"],
            )
        if last is None and state.brief is None:
            return self._ask(turn, state, "product", "ask.product_creators")
        base = last.query.brief if isinstance(last, CreatorsShown | CampaignShown) else state.brief
        brief = self._brief(slots, base, keep_subject=True)
        state.brief = brief
        request = "campaign" if isinstance(last, CampaignShown) else "creators"
        retuned = turn.model_copy(
            update={"act": request, "slots": Slots(weeks=slots.weeks, video=slots.video)}
        )
        reply = (self._campaign if request == "campaign" else self._creators)(retuned, state)
        reply.answer = self._changes(base, brief, turn.lang) + reply.answer
        return reply

    def _changes(self, before: Brief | None, after: Brief, lang: Lang) -> str:
        """One line saying what a refinement changed, so the new figures are read as such."""
        parts = []
        if before is None:
            return ""
        if before.budget != after.budget and after.budget:
            parts.append(
                t(
                    "refine.budget",
                    lang,
                    before=render.money(before.budget, lang),
                    after=render.money(after.budget, lang),
                )
            )
        if before.tiers != after.tiers and after.tiers:
            parts.append(
                t("refine.tiers", lang, tiers=join([render.tier_name(x, lang) for x in after.tiers], lang))
            )
        if before.count != after.count and after.count:
            parts.append(t("refine.count", lang, n=after.count))
        if before.audience != after.audience and after.audience and after.audience.female_share is not None:
            parts.append(t("refine.men" if after.audience.female_share < 0.5 else "refine.women", lang))
        if before.category != after.category and after.category:
            parts.append(t("refine.category", lang, category=category_label(after.category, lang)))
        return t("refine.changed", lang, changes=join(parts, lang)) + "\n\n" if parts else ""

    def _more(self, turn: Turn, state: DialogueState) -> Reply:
        last = state.last()
        lang = turn.lang
        if isinstance(last, CampaignShown):
            last = state.last("creators", "trends", "copy", "knowledge") or last
        if isinstance(last, CreatorsShown):
            plan = last.result
            if last.shown >= len(plan.picks):
                return self._reply(
                    t("more.all_shown_creators", lang, n=len(plan.picks)), turn, actions=["export"]
                )
            start = last.shown
            last.shown = min(len(plan.picks), start + PAGE)
            state.last_view = f"creators:{start}"
            return self._reply(
                render.plan_digest(plan, lang, start=start),
                turn,
                sources=tool("suggest_influencers").sources(plan)[start : start + PAGE],
                actions=(["more"] if last.shown < len(plan.picks) else []) + ["export"],
            )
        if isinstance(last, TrendsShown):
            report = last.result
            if last.shown >= max(len(report.rising), len(report.declining)):
                return self._reply(t("more.all_shown_terms", lang), turn, actions=["export"])
            start = last.shown
            last.shown += PAGE
            state.last_view = f"trends:{start}"
            return self._reply(render.trend_digest(report, lang, start=start), turn, actions=["export"])
        if isinstance(last, CopyShown) and last.query.kind == "titles":
            query = last.query.model_copy(update={"n": min(10, last.shown + PAGE)})
            result, call = self._run("write_copy", query)
            fresh = result.pieces[last.shown :]
            if not fresh:
                return self._reply(t("more.no_more_titles", last.query.lang), turn, lang=last.query.lang)
            start = last.shown
            state.remember(CopyShown(query=query, result=result, shown=len(result.pieces)))
            lines = [t("more.titles", last.query.lang)] + [
                f"{start + i + 1}. {p.title}" for i, p in enumerate(fresh)
            ]
            return self._reply("\n".join(lines), turn, lang=last.query.lang, tools=[call])
        if isinstance(last, KnowledgeShown):
            hits = last.result.hits[1:]
            if not hits:
                return self._reply(t("more.nothing", lang), turn)
            lines = [t("more.related", lang)] + [
                f"- {h.title} (`{h.doc_id}`): {h.snippet[:120]}" for h in hits[:4]
            ]
            return self._reply(
                "\n".join(lines),
                turn,
                sources=[Source(doc_id=h.doc_id, kind=h.kind, title=h.title) for h in hits[:4]],
            )
        return self._nothing_shown(turn, state)

    def _nothing_shown(self, turn: Turn, state: DialogueState) -> Reply:
        return self._ask(turn, state, "reference", "ask.nothing_shown")

    def _pick(self, ref: Ref, state: DialogueState) -> tuple[Pick, int, list[Pick]] | None:
        """A creator shown, by position or name, from the last plan (a campaign's matrix counts)."""
        shown = state.last("creators", "campaign")
        if shown is None:
            return None
        picks = shown.result.picks if isinstance(shown, CreatorsShown) else shown.result.matrix.picks  # type: ignore[union-attr]
        if ref.name:
            for number, pick in enumerate(picks, start=1):
                if pick.nickname == ref.name:
                    return pick, number, picks
            return None
        if ref.index:
            index = len(picks) if ref.index == -1 else ref.index
            if 1 <= index <= len(picks):
                return picks[index - 1], index, picks
        return None

    def _plan_shown(self, state: DialogueState) -> Any:
        shown = state.last("creators", "campaign")
        if isinstance(shown, CreatorsShown):
            return shown.result
        if isinstance(shown, CampaignShown):
            return shown.result.matrix
        return None

    def _piece(self, ref: Ref | None, state: DialogueState) -> tuple[NoteDraft, str] | None:
        """A piece of copy shown: by position in the latest list that has it ("第二篇" in the plan's drafts,
        "the third title" in the titles written), else the latest piece (a rewrite, the first draft)."""
        index = ref.index if ref is not None and ref.index else None
        prefer = {"title": "copy", "draft": "campaign", "note": "campaign"}.get(
            ref.shape if ref and ref.shape else ""
        )
        items = (
            sorted(reversed(state.shown), key=lambda item: item.kind != prefer)
            if prefer
            else list(reversed(state.shown))
        )
        for item in items:
            if isinstance(item, EditShown) and index is None:
                return item.piece, "edit"
            if isinstance(item, CampaignShown | CopyShown):
                pieces = item.result.drafts if isinstance(item, CampaignShown) else item.result.pieces
                position = 1 if index is None else (len(pieces) if index == -1 else index)
                if 1 <= position <= len(pieces):
                    return pieces[position - 1], f"{item.kind}:{position}"
        return None

    def _detail(self, turn: Turn, state: DialogueState) -> Reply:
        lang = turn.lang
        ref = turn.refs[0] if turn.refs else None
        if ref is not None and not ref.whole and ref.shape not in ("draft", "note", "title"):
            found = self._pick(ref, state)
            if found:
                pick, number, _ = found
                state.last_view = f"card:{pick.influencer_id}"
                return self._reply(
                    render.pick_card(pick, number, lang),
                    turn,
                    sources=[Source(doc_id=pick.influencer_id, kind="influencer", title=pick.nickname)],
                )
            if ref.name:
                return self._not_in_plan(ref.name, turn, state)
        wants_drafts = (ref is not None and ref.shape in ("draft", "note")) or turn.slots.kind == "note"
        campaign = (
            self._campaign_in(lang, state) if isinstance(state.last("campaign"), CampaignShown) else None
        )
        if wants_drafts and campaign is not None:
            if ref is not None and ref.index and 1 <= ref.index <= len(campaign.drafts):
                return self._reply(
                    render.draft_markdown(ref.index, campaign.drafts[ref.index - 1], lang), turn
                )
            state.last_view = "drafts"
            return self._reply(render.drafts_markdown(campaign), turn, actions=["export"])
        last = state.last()
        if last is None:
            return self._nothing_shown(turn, state)
        return self._full(last, turn)

    def _campaign_in(self, lang: Lang, state: DialogueState) -> CampaignPlan:
        """The last campaign plan in `lang`: plans are written in one language, so the other one is the same
        plan drafted again (the tools are deterministic) and remembered."""
        shown = state.last("campaign")
        assert isinstance(shown, CampaignShown)
        if shown.result.lang == lang:
            return shown.result
        query = shown.query.model_copy(update={"lang": lang})
        plan, _ = self._run("draft_campaign", query)
        state.remember(CampaignShown(query=query, result=plan))
        return plan

    def _full(self, last: Any, turn: Turn) -> Reply:
        """A result in full: in the chat when it fits, else as a file with a line saying so."""
        lang = turn.lang
        if isinstance(last, EditShown):
            return self._reply(render.draft_markdown(1, last.piece, last.lang), turn, lang=last.lang)
        spec = tool(
            {
                "trends": "trend_lookup",
                "creators": "suggest_influencers",
                "campaign": "draft_campaign",
                "check": "check_compliance",
                "knowledge": "search_knowledge",
                "copy": "write_copy",
            }[last.kind]
        )
        text = spec.full(last.result, lang)
        if len(text) <= CHAT_SIZE or spec.export is None:
            return self._reply(text, turn, actions=["export"] if spec.export else [])
        # The opening lines in the chat, whole lines only, and the whole of it as a file.
        head: list[str] = []
        for line in text.splitlines():
            if sum(len(kept) + 1 for kept in head) + len(line) > CHAT_SIZE - 200:
                break
            head.append(line)
        answer = "\n".join(head).rstrip() + "\n\n" + t("detail.rest_in_file", lang)
        return self._reply(answer, turn, attachments=[spec.export(last.result, lang)])

    def _not_in_plan(self, name: str, turn: Turn, state: DialogueState) -> Reply:
        """A creator the user names who is not among the picks: say so, and why when the data says."""
        lang = turn.lang
        plan = self._plan_shown(state)
        if plan is not None:
            for excluded in plan.excluded:
                if excluded.nickname == name:
                    return self._reply(
                        t("explain.excluded", lang, name=name, reason=excluded.reason.render(lang)), turn
                    )
        record = self._creator_record(name)
        if record is None:
            return self._reply(t("explain.unknown_creator", lang, name=name), turn)
        category = category_label(record.categories[0] if record.categories else None, lang) or "-"
        parts = []
        if plan is not None:  # with no list shown yet, the profile is the whole answer
            parts.append(
                t(
                    "explain.not_picked",
                    lang,
                    name=name,
                    category=category,
                    fans=render.fans(record.fans, lang),
                )
            )
            if plan.brief.category and plan.brief.category not in record.categories:
                parts[0] += " " + t(
                    "explain.other_category", lang, category=category_label(plan.brief.category, lang)
                )
            else:
                parts[0] += " " + t("explain.lower_score", lang)
        card = profile(self.ctx, record.influencer_id)
        if card is not None:
            parts.append(render.pick_card(card, None, lang))
        answer = "\n\n".join(parts) or t("explain.unknown_creator", lang, name=name)
        return self._reply(
            answer, turn, sources=[Source(doc_id=record.influencer_id, kind="influencer", title=name)]
        )

    def _profile(self, ref: Ref) -> tuple[Pick, int, list[Pick]] | None:
        """A creator named who is not among the picks, from the data."""
        record = self._creator_record(ref.name) if ref.name else None
        card = profile(self.ctx, record.influencer_id) if record else None
        return (card, 0, []) if card else None

    def _creator_record(self, name: str) -> Influencer | None:
        return next((i for i in self.ctx.records().influencers if i.nickname == name), None)

    def _explain(self, turn: Turn, state: DialogueState) -> Reply:
        lang = turn.lang
        figure = _figure_asked(turn)
        ref = next((r for r in turn.refs if not r.whole), None)
        plan = self._plan_shown(state)
        if ref is not None:
            found = self._pick(ref, state)
            if found:
                pick, number, _ = found
                state.last_view = f"explain:{pick.influencer_id}"
                return self._reply(
                    render.pick_explain(pick, plan, number, lang),
                    turn,
                    sources=[Source(doc_id=pick.influencer_id, kind="influencer", title=pick.nickname)],
                )
            if ref.name:
                term = self._term(ref.name, state)
                if term is not None:
                    return self._reply(term, turn)
                return self._not_in_plan(ref.name, turn, state)
        if figure:
            return self._reply(t(f"explain.figure.{figure}", lang), turn)
        last = state.last()
        if plan is not None and isinstance(last, CreatorsShown | CampaignShown):
            state.last_view = "why_these"
            return self._reply(render.plan_explain(plan, lang), turn)
        if isinstance(last, TrendsShown):
            return self._reply(
                t(
                    "explain.trends_method",
                    lang,
                    days=last.result.window.days,
                    support=self.ctx.settings.trend_min_support,
                ),
                turn,
            )
        if isinstance(last, CheckShown):
            return self._reply(t("explain.check_method", lang), turn)
        if last is None:
            return self._nothing_shown(turn, state)
        return self._reply(t("explain.general", lang), turn)

    def _term(self, name: str, state: DialogueState) -> str | None:
        last = state.last("trends")
        if not isinstance(last, TrendsShown):
            return None
        for term in last.result.rising + last.result.declining:
            if term.term == name:
                growth = t("trends.new", state.lang or "zh") if term.growth is None else f"x{term.growth:.1f}"
                lang = state.lang or "zh"
                return t(
                    "explain.term",
                    lang,
                    term=name,
                    before=term.previous,
                    now=term.current,
                    growth=growth,
                    days=last.result.window.days,
                )
        return None

    def _compare(self, turn: Turn, state: DialogueState) -> Reply:
        lang = turn.lang
        creators = [found for ref in turn.refs if (found := self._pick(ref, state) or self._profile(ref))]
        if len(creators) >= 2:
            a, b = creators[0][0], creators[1][0]
            return self._reply(
                render.picks_compare(a, b, lang),
                turn,
                sources=[Source(doc_id=p.influencer_id, kind="influencer", title=p.nickname) for p in (a, b)],
            )
        topics = turn.slots.topics
        trends = state.last("trends")
        if (
            len(topics) < 2
            and isinstance(trends, TrendsShown)
            and len(trends.result.rising) >= 2
            and state.last() is trends
        ):
            named = [r.name for r in turn.refs if r.name]
            indexes = [r.index for r in turn.refs if r.index and 1 <= r.index <= len(trends.result.rising)]
            if len(named) >= 2:
                topics = named[:2]
            elif len(indexes) >= 2:
                topics = [trends.result.rising[i - 1].term for i in indexes[:2]]
            elif re.search(r"前两|头两|top (?:two|2)|first two|rising ones|these two|这两", turn.text, re.I):
                topics = [term.term for term in trends.result.rising[:2]]
        looked_up = [trends.previous_topic, trends.query.topic] if isinstance(trends, TrendsShown) else []
        if (
            len(topics) < 2
            and all(looked_up)
            and len(set(looked_up)) == 2
            and _POINTING_AT_TWO.search(turn.text)
        ):
            topics = [
                str(topic) for topic in looked_up
            ]  # "这俩对比一下" after two trend questions: those two
        if len(topics) >= 2:
            category = turn.slots.category
            reports, calls = [], []
            for topic in topics[:2]:
                report, call = self._run(
                    "trend_lookup",
                    TrendQuery(
                        topic=topic,
                        category=category or self.lexicon().category_of(topic),
                        days=turn.slots.days or 30,
                    ),
                )
                reports.append(report)
                calls.append(call)
            return self._reply(render.trend_compare(reports[0], reports[1], lang), turn, tools=calls)
        if len(creators) == 1:
            return self._ask(turn, state, "reference", "ask.compare_with", name=creators[0][0].nickname)
        return self._ask(turn, state, "reference", "ask.compare_what")

    def _restate(self, turn: Turn, state: DialogueState) -> Reply:
        previous = state.last_turn
        lang = turn.slots.to_lang or other(state.lang or turn.lang)
        if previous is None:
            return self._nothing_shown(turn, state)
        view = state.last_view or ""
        replay = previous.model_copy(update={"lang": lang})
        if previous.slots.to_lang:  # the language asked for before gives way to the one asked for now
            replay.slots = previous.slots.model_copy(update={"to_lang": lang})
        if previous.act == "more" and ":" in view:
            kind, _, start = view.partition(":")
            last = state.last(kind)  # type: ignore[arg-type]
            if isinstance(last, CreatorsShown):
                return self._reply(render.plan_digest(last.result, lang, start=int(start)), replay, lang=lang)
            if isinstance(last, TrendsShown):
                return self._reply(
                    render.trend_digest(last.result, lang, start=int(start)), replay, lang=lang
                )
        if previous.act == "edit":
            last = state.last("edit")
            if isinstance(last, EditShown) and last.origin == "ours":
                return self._edit(
                    previous.model_copy(
                        update={"lang": lang, "slots": previous.slots.model_copy(update={"to_lang": lang})}
                    ),
                    state,
                )
        reply = self.respond(replay, state)
        reply.lang = lang
        return reply

    def _export(self, turn: Turn, state: DialogueState) -> Reply:
        lang = turn.lang
        wanted = _shape_kind(turn)
        last = (
            state.last(wanted)
            if wanted
            else state.last("creators", "campaign", "trends", "copy", "check", "edit")
        )
        if last is None and wanted == "campaign" and state.brief is not None:
            # "完整方案发我" after a creator matrix: there is no plan yet, so draft it for the same brief.
            reply = self._campaign(turn.model_copy(update={"act": "campaign", "slots": Slots()}), state)
            return reply
        if last is None:
            return self._reply(t("export.nothing", lang), turn)
        if isinstance(last, EditShown):
            data = render.draft_markdown(1, last.piece, last.lang).encode("utf-8")
            from bot.models import Attachment

            return self._reply(
                t("export.sent", lang),
                turn,
                attachments=[
                    Attachment(filename="redpilot-copy.md", data=data, caption=t("export.copy", lang))
                ],
            )
        if isinstance(last, KnowledgeShown):
            return self._reply(t("export.nothing", lang), turn)
        if isinstance(last, CampaignShown):
            plan = self._campaign_in(lang, state)
            export = tool("draft_campaign").export
            assert export is not None
            return self._reply(t("export.sent", lang), turn, attachments=[export(plan, lang)])
        spec = tool(
            {
                "trends": "trend_lookup",
                "creators": "suggest_influencers",
                "campaign": "draft_campaign",
                "check": "check_compliance",
                "copy": "write_copy",
            }[last.kind]
        )
        assert spec.export is not None
        return self._reply(t("export.sent", lang), turn, attachments=[spec.export(last.result, lang)])

    def _copy_referred_to(self, turn: Turn, state: DialogueState) -> str | None:
        ref = turn.refs[0] if turn.refs else None
        found = self._piece(ref, state) if (ref is not None or state.last("edit", "copy")) else None
        if (
            found is None
            and state.last() is not None
            and isinstance(state.last(), CampaignShown | CopyShown | EditShown)
        ):
            found = self._piece(None, state)
        if found is None:
            return None
        piece = found[0]
        return f"{piece.title}\n{piece.body}".strip()

    def _edit(self, turn: Turn, state: DialogueState) -> Reply:
        slots = turn.slots
        lang = turn.lang
        ref = turn.refs[0] if turn.refs else None
        last = state.last()
        if (
            isinstance(last, CopyShown)
            and slots.to_lang
            and slots.to_lang != last.query.lang
            and not (slots.tone or slots.copy_text or (ref and ref.index))
        ):
            # "再翻成英文" after a list of titles: the whole list, written again in that language.
            return self._show_copy(last.query.model_copy(update={"lang": slots.to_lang}), turn, state)
        if slots.copy_text and not ref:
            origin, piece, where = "user", NoteDraft(pillar="edit", title="", body=slots.copy_text), "user"
            copy_lang = _copy_lang(slots.copy_text)
        else:
            found = self._piece(ref, state)
            if found is None:
                last_check = state.last("check")
                if isinstance(last_check, CheckShown):
                    text = last_check.result.rewritten or last_check.query.text
                    origin, piece, where = "user", NoteDraft(pillar="edit", title="", body=text), "check"
                    copy_lang = _copy_lang(text)
                else:
                    return self._ask(turn, state, "copy", "ask.copy_to_edit")
            else:
                piece, where = found
                shown = state.last("edit")
                origin = shown.origin if where == "edit" and isinstance(shown, EditShown) else "ours"
                copy_lang = self._piece_lang(where, state)
        if not slots.tone and not slots.to_lang:
            return self._ask(turn, state, "copy", "ask.how_to_edit")
        # Our own copy is written again in the language asked for (or the asker's); the user's own copy stays
        # in its language (it cannot be translated offline).
        target_lang = slots.to_lang or (turn.lang if origin == "ours" else copy_lang)
        source = where
        if where == "edit":
            shown_edit = state.last("edit")
            source = shown_edit.source if isinstance(shown_edit, EditShown) and shown_edit.source else where
        if target_lang != copy_lang:
            if origin == "user":
                # Kept as the copy in play, so "再精简一点" or "这条能发吗" next works on it.
                state.remember(EditShown(piece=piece, lang=copy_lang, origin="user"))
                return self._reply(t("copy.translate_user", lang), turn)
            again = self._regenerate(source, target_lang, state)
            if again is not None:
                # The tone asked for before goes with it ("更口语化" then "再翻成英文").
                tone_before = piece.tone if where == "edit" and piece.tone else None
                piece = again.model_copy(update={"tone": tone_before or again.tone})
        tone = slots.tone or piece.tone or "plain"
        query = EditQuery(
            title=piece.title, body=piece.body, hashtags=piece.hashtags, tone=tone, lang=target_lang
        )
        result, call = self._run("edit_copy", query)
        if result.piece is None:
            return self._reply(
                t("copy.edit_failed", lang, issues=join(result.failing_terms[:5], lang) or "-"),
                turn,
                tools=[call],
            )
        rewritten = result.piece.model_copy(update={"cover": piece.cover})
        state.remember(
            EditShown(piece=rewritten, lang=target_lang, origin=origin, source=source)  # type: ignore[arg-type]
        )
        state.last_view = "edit"
        name = t(f"copy.tone_name.{tone}", lang) if tone != "plain" else t(f"common.lang.{target_lang}", lang)
        was = t("copy.edit_was", lang, title=piece.title) + "\n" if piece.title else ""
        unchanged = (rewritten.title, rewritten.body) == (
            piece.title,
            piece.body,
        ) and target_lang == copy_lang
        heading = "copy.edit_unchanged" if unchanged else "copy.edit_heading"
        return self._reply(
            t(heading, lang, tone=name) + "\n" + was + "\n" + render.draft_markdown(1, rewritten, lang),
            turn,
            tools=[call],
            actions=["export"],
        )

    def _piece_lang(self, where: str, state: DialogueState) -> Lang:
        kind = where.split(":")[0]
        item = state.last(kind) if kind in ("campaign", "copy", "edit") else None  # type: ignore[arg-type]
        if isinstance(item, CampaignShown):
            return item.result.lang
        if isinstance(item, CopyShown):
            return item.query.lang
        if isinstance(item, EditShown):
            return item.lang
        return state.lang or "zh"

    def _regenerate(self, where: str, lang: Lang, state: DialogueState) -> NoteDraft | None:
        """Our own copy in the other language: the same piece written again from the same inputs."""
        kind, _, number = where.partition(":")
        index = int(number) - 1 if number.isdigit() else 0
        item = state.last(kind) if kind in ("campaign", "copy") else None  # type: ignore[arg-type]
        if isinstance(item, CampaignShown):
            plan, _ = self._run("draft_campaign", item.query.model_copy(update={"lang": lang}))
            return plan.drafts[index] if index < len(plan.drafts) else None
        if isinstance(item, CopyShown):
            result, _ = self._run("write_copy", item.query.model_copy(update={"lang": lang}))
            return result.pieces[index] if index < len(result.pieces) else None
        return None

    # --- the rest -------------------------------------------------------------------------------------------------

    def _social(self, turn: Turn, state: DialogueState) -> Reply:
        del state
        lang = turn.lang
        key = {"greeting": "social.greeting", "thanks": "social.thanks", "help": "social.help"}.get(
            turn.act, "social.out_of_scope"
        )
        answer = t(key, lang)
        if turn.act in ("greeting", "out_of_scope"):
            answer += "\n\n" + t("social.examples", lang)
        return self._reply(answer, turn)

    def _decline(self, turn: Turn, state: DialogueState) -> Reply:
        del state
        kind = _rule_kind(turn.text)
        return self._reply(t(f"decline.{kind}", turn.lang), turn)

    def _no_data(self, turn: Turn, state: DialogueState) -> Reply:
        del state
        kind = _missing_kind(turn.text)
        lang = turn.lang
        answer = t(f"no_data.{kind}", lang)
        brand = turn.slots.brand
        if brand:
            notes = [p for p in self.ctx.records().posts if p.brand == brand]
            if notes:
                sponsored = sum(1 for p in notes if p.sponsored)
                answer += "\n\n" + t(
                    "no_data.brand_notes", lang, brand=brand, n=len(notes), sponsored=sponsored
                )
        return self._reply(answer, turn)


# --- small pure helpers ---------------------------------------------------------------------------------------------


def call_args(query: BaseModel) -> dict[str, object]:
    """A tool call's arguments as the typed query holds them, with the brief's fields at the top level (what
    the CLI's --json shows and the evaluation checks)."""
    data = query.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    brief = data.pop("brief", None)
    if isinstance(brief, dict):
        data = {**brief, **data}
    return data


_POINTING_AT_TWO = re.compile(r"这俩|这两|两个|俩|both|these two|the two|them", re.I)


def _same_subject(slots: Slots, brief: Brief) -> bool:
    if slots.product and brief.product:
        a, b = slots.product.lower(), brief.product.lower()
        return a in b or b in a
    if slots.product and not brief.product:
        return False
    return slots.category is None or slots.category == brief.category


def _merge_audience(old: Audience | None, new: Audience) -> Audience:
    if old is None:
        return new
    return Audience(
        female_share=new.female_share if new.female_share is not None else old.female_share,
        age=new.age or old.age,
        city_tier=new.city_tier or old.city_tier,
    )


_FIGURES = (
    ("cpe", re.compile(r"\bcpe\b|单次互动成本|互动成本|cost per engagement", re.I)),
    ("ces", re.compile(r"\bces\b", re.I)),
    ("audience", re.compile(r"受众匹配|audience match|匹配度", re.I)),
    ("engagement_rate", re.compile(r"互动率|engagement rate", re.I)),
    ("score", re.compile(r"综合分|\bscore\b|打分|评分", re.I)),
)


def _figure_asked(turn: Turn) -> str | None:
    for name, pattern in _FIGURES:
        if pattern.search(turn.text):
            return name
    return None


def _shape_kind(turn: Turn) -> str | None:
    text = turn.text.lower()
    if re.search(r"达人|名单|博主|creator|influencer|kol|list", text):
        return "creators"
    if re.search(r"方案|plan", text):
        return "campaign"
    if re.search(r"趋势|报告|trend|report", text):
        return "trends"
    return None


def _copy_lang(text: str) -> Lang:
    from bot.i18n import mostly

    return mostly(text)


_SECRETS = re.compile(
    r"system prompt|api[ _-]?key|token|password|密钥|提示词|口令|密码|系统设置|配置文件|环境变量", re.I
)


def _asks_for_secrets(text: str) -> bool:
    return bool(_SECRETS.search(text))


_RULE_KINDS = (
    ("fake_reviews", re.compile(r"假评|好评|评价|测评|review|testimonial|水军|写手", re.I)),
    (
        "disclosure",
        re.compile(r"报备|蒲公英|不标|隐藏|私下|广告标|disclos|label|undisclosed|hide|sponsor|#ad", re.I),
    ),
    (
        "bypass",
        re.compile(
            r"绕|规避|躲|审核|限流|谐音|违禁词|屏蔽|loophole|bypass|get around|avoid|trick|filter|moderation",
            re.I,
        ),
    ),
    (
        "fake_engagement",
        re.compile(r"刷|买粉|买赞|粉丝|赞|僵尸|bot|follower|likes|fans|engagement|comments", re.I),
    ),
)


def _rule_kind(text: str) -> str:
    for kind, pattern in _RULE_KINDS:
        if pattern.search(text):
            return kind
    return "general"


_MISSING_KINDS = (
    (
        "other_platform",
        re.compile(
            r"抖音|快手|淘宝|天猫|京东|拼多多|微博|b站|bilibili|douyin|tiktok|taobao|tmall|jd\.com|instagram|weibo|wechat|微信",
            re.I,
        ),
    ),
    (
        "sales",
        re.compile(r"销量|销售额|卖了多少|gmv|营收|sales figures?|revenue|units sold|how many .* sold", re.I),
    ),
    ("prices", re.compile(r"今天|现在|实时|最新|当前|live|today|right now|current|real[- ]time", re.I)),
    (
        "competitor",
        re.compile(r"竞品|竞对|对手|同行|别家|competitor|rival|their creators|they (?:work|worked)", re.I),
    ),
)


def _missing_kind(text: str) -> str:
    for kind, pattern in _MISSING_KINDS:
        if pattern.search(text):
            return kind
    return "general"
