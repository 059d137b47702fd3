"""The offline engine: no network, no keys. Routes a message to a tool, reads the slots it needs (asking one
short question when a required one is missing), runs the tool and answers from templates in the user's
language, citing the guides and notes behind the answer. Follow-ups refine the previous brief."""

from __future__ import annotations

import re
import time

from bot.engine.memory import ChatMemory, ChatState
from bot.engine.reply import MAX_MESSAGE_CHARS, Intent, Reply, Source, ToolCall
from bot.engine.router import route
from bot.engine.slots import detect_lang, find_copy, find_days, find_topic, refine
from bot.models import Brief, SearchHit
from bot.tools.briefs import category_label, parse_brief
from bot.tools.campaign import CampaignQuery, draft_campaign
from bot.tools.compliance import check_compliance
from bot.tools.context import ToolContext
from bot.tools.influencers import KolQuery, suggest_influencers
from bot.tools.knowledge import KnowledgeQuery, search_knowledge
from bot.tools.render import (
    campaign_markdown,
    campaign_summary,
    compliance_markdown,
    plan_markdown,
    trend_markdown,
)
from bot.tools.trends import TrendQuery, trend_lookup

HELP = {
    "zh": (
        "我是 RedPilot，小红书营销助手。可以这样问我：\n"
        "- 趋势：「护肤最近有什么趋势」\n"
        "- 达人：「多巴胺穿搭新品，预算20万，找腰部达人」\n"
        "- 方案：「帮我做一个精华油的上新方案，预算50万」\n"
        "- 合规：「检查文案：全网最好用的面霜」\n"
        "- 方法：「KFS 怎么做」"
    ),
    "en": (
        "I'm RedPilot, your Xiaohongshu (RED) marketing assistant. Try:\n"
        '- Trends: "what\'s trending in skincare"\n'
        '- Creators: "creators for a men\'s sunscreen, budget 100k RMB"\n'
        '- Campaigns: "plan a launch for our vitamin C serum, $30k"\n'
        "- Compliance: \"check this copy: 'the best cream ever'\"\n"
        '- Method: "how does KFS work?"'
    ),
}


class OfflineEngine:
    name = "offline"

    def __init__(self, ctx: ToolContext, memory: ChatMemory) -> None:
        self.ctx = ctx
        self.memory = memory

    def reply(self, chat_id: str, user: str, text: str, lang: str | None = None) -> Reply:
        """Answer one message. `lang` forces the reply language (zh / en); by default it follows the message."""
        started = time.perf_counter()
        state = self.memory.state(chat_id)
        text = text.strip()[:MAX_MESSAGE_CHARS]
        lang = lang if lang in ("zh", "en") else detect_lang(text, state.lang)
        intent, brief = self._understand(state, text)
        reply = self._answer(intent, brief, text, lang, state)
        reply.latency_ms = round((time.perf_counter() - started) * 1000)
        state.lang = lang
        self.memory.save(chat_id, state, text, reply.answer)
        del user
        return reply

    def reset(self, chat_id: str) -> None:
        self.memory.reset(chat_id)

    # --- understanding ----------------------------------------------------------------------------------------

    def _understand(self, state: ChatState, text: str) -> tuple[Intent, Brief | None]:
        usd = self.ctx.settings.usd_cny_rate
        routed = route(text)
        if state.pending == "choose" and state.pending_text:
            # We asked "a creator matrix or a whole plan?" about the brief in pending_text.
            if re.search(r"方案|计划|全案|plan|campaign|proposal|both|都要", text, re.I):
                return "draft_campaign", parse_brief(state.pending_text, usd)
            if re.search(r"达人|博主|矩阵|kol|koc|creator|influencer|matrix", text, re.I):
                return "suggest_influencers", parse_brief(state.pending_text, usd)
            state.pending = state.pending_text = None  # something else: a new message
        if state.pending and (routed.scores[routed.intent] < 3 or routed.intent == state.pending):
            # The answer to our clarifying question: read it together with the original request.
            combined = f"{state.pending_text} {text}"
            intent = state.pending  # type: ignore[assignment]
            return intent, parse_brief(combined, usd).model_copy(update={"text": combined})  # type: ignore[return-value]
        if state.brief and state.last_intent in ("suggest_influencers", "draft_campaign"):
            refined = refine(state.brief, text, usd)
            if refined is not None and routed.scores[routed.intent] < 3.5:
                return state.last_intent, refined  # type: ignore[return-value]
        if routed.intent in ("none", "search_knowledge") and routed.scores[routed.intent] < 1.5:
            bare = parse_brief(text, usd)
            if bare.budget or (bare.product and (bare.audience or bare.goal)):
                return "choose", bare  # type: ignore[return-value]  # a brief with no request: ask which
            if len(text) <= 16 and bare.category and not re.search(r"[?？]", text):
                return "trend_lookup", None  # a bare topic ("露营装备"): what is happening around it
        brief = parse_brief(text, usd) if routed.intent in ("suggest_influencers", "draft_campaign") else None
        return routed.intent, brief

    # --- answering ----------------------------------------------------------------------------------------------

    def _answer(self, intent: Intent, brief: Brief | None, text: str, lang: str, state: ChatState) -> Reply:
        state.pending = state.pending_text = None
        if intent == "suggest_influencers":
            return self._influencers(brief or parse_brief(text), text, lang, state)
        if intent == "draft_campaign":
            return self._campaign(brief or parse_brief(text), text, lang, state)
        if intent == "trend_lookup":
            return self._trends(text, lang, state)
        if intent == "check_compliance":
            return self._compliance(text, lang, state)
        if intent == "search_knowledge":
            return self._search(text, lang, state)
        if intent == "choose":
            subject = (brief.product if brief else None) or text[:30]
            return self._ask(
                "choose",
                text,
                f"收到：{subject}。要我出达人矩阵，还是完整的投放方案？",  # type: ignore[arg-type]
                f"Got it: {subject}. Do you want a creator matrix or a full campaign plan?",
                lang,
                state,
            )
        return self._small_talk(text, lang, state)

    def _ask(
        self, intent: Intent, text: str, question_zh: str, question_en: str, lang: str, state: ChatState
    ) -> Reply:
        state.pending, state.pending_text = intent, text
        return Reply(answer=question_zh if lang == "zh" else question_en, engine="offline", lang=lang)  # type: ignore[arg-type]

    def _influencers(self, brief: Brief, text: str, lang: str, state: ChatState) -> Reply:
        if not (brief.category or brief.product):
            return self._ask(
                "suggest_influencers",
                text,
                "好的！是哪个品类或产品？（比如：护肤精华、露营装备）",
                "Sure. For which product or category? (e.g. a serum, camping gear)",
                lang,
                state,
            )
        plan = suggest_influencers(self.ctx, KolQuery(brief=brief, lang=lang))
        state.brief, state.last_intent = brief, "suggest_influencers"
        t = plan.totals
        if lang == "zh":
            intro = (
                f"按 BKC 思路给{brief.product or category_label(brief.category)}搭了一个达人矩阵："
                f"{t.creators} 位达人，花费 ¥{t.cost:,}"
                + (f"（预算 ¥{t.budget:,}）" if t.budget else "")
                + "。"
            )
        else:
            intro = (
                f"Here is a BKC creator matrix for {brief.product or category_label(brief.category, 'en')}: "
                f"{t.creators} creators, ¥{t.cost:,}"
                + (f" of a ¥{t.budget:,} budget" if t.budget else "")
                + "."
            )
        sources = [
            Source(doc_id=p.influencer_id, kind="influencer", title=p.nickname) for p in plan.picks[:10]
        ]
        return Reply(
            answer=f"{intro}\n\n{plan_markdown(plan, lang)}",
            engine="offline",
            lang=lang,  # type: ignore[arg-type]
            tools=[ToolCall(name="suggest_influencers", args=_brief_args(brief))],
            sources=sources,
            actions=["cheaper", "draft_campaign"],
        )

    def _campaign(self, brief: Brief, text: str, lang: str, state: ChatState) -> Reply:
        if not (brief.category or brief.product):
            return self._ask(
                "draft_campaign",
                text,
                "没问题。要推的是什么产品？（品牌、品类，有预算也可以一起说）",
                "Happy to. What are we promoting? (product or category; a budget helps too)",
                lang,
                state,
            )
        weeks = re.search(r"(\d{1,2})\s*(?:周|weeks?)", brief.text)
        plan = draft_campaign(
            self.ctx, CampaignQuery(brief=brief, weeks=min(12, max(3, int(weeks.group(1)))) if weeks else 6)
        )
        state.brief, state.last_intent = brief, "draft_campaign"
        sources = [Source(doc_id=g.doc_id, kind="playbook", title=g.title) for g in plan.guides_used]
        sources += [Source(doc_id=n, kind="post", title=n) for n in plan.sources[:3]]
        return Reply(
            answer=campaign_summary(plan),
            engine="offline",
            lang=plan.lang,
            tools=[ToolCall(name="draft_campaign", args=_brief_args(brief))],
            sources=sources,
            actions=["export", "cheaper"],
            export_markdown=campaign_markdown(plan),
        )

    def _trends(self, text: str, lang: str, state: ChatState) -> Reply:
        topic, category = find_topic(text)
        if not topic and not category:
            return self._ask(
                "trend_lookup",
                text,
                "想看哪个品类或话题的趋势？（比如：护肤、露营、咖啡）",
                "Trends for which category or topic? (e.g. skincare, camping, coffee)",
                lang,
                state,
            )
        days = find_days(text) or 30
        report = trend_lookup(self.ctx, TrendQuery(topic=topic, category=category, days=days, lang=lang))
        state.topic, state.last_intent = topic or category, "trend_lookup"
        if report.category:
            state.brief = Brief(text=text, product=topic or None, category=report.category)
        sources = [Source(doc_id=p.note_id, kind="post", title=p.title) for p in report.top_posts[:5]]
        return Reply(
            answer=trend_markdown(report, lang),
            engine="offline",
            lang=lang,  # type: ignore[arg-type]
            tools=[ToolCall(name="trend_lookup", args={"topic": topic, "category": category, "days": days})],
            sources=sources,
            actions=["suggest_influencers", "draft_campaign"],
        )

    def _compliance(self, text: str, lang: str, state: ChatState) -> Reply:
        copy = find_copy(text)
        if not copy:
            return self._ask(
                "check_compliance",
                text,
                "请把要检查的文案直接发给我。",
                "Send me the copy you want checked.",
                lang,
                state,
            )
        report = check_compliance(copy)
        state.last_intent = "check_compliance"
        guides = self.ctx.kb.search("广告法 极限词 违禁词 功效宣称 报备", 2, kinds=("playbook",))
        answer = compliance_markdown(report, lang) + _cite(guides, lang)
        return Reply(
            answer=answer,
            engine="offline",
            lang=lang,  # type: ignore[arg-type]
            tools=[ToolCall(name="check_compliance", args={"text": copy})],
            sources=_sources(guides),
        )

    def _search(self, text: str, lang: str, state: ChatState) -> Reply:
        results = search_knowledge(self.ctx, KnowledgeQuery(query=text, k=4))
        state.last_intent = "search_knowledge"
        hits = results.hits
        if not hits:
            answer = (
                "知识库里没有找到相关内容，换个说法试试？"
                if lang == "zh"
                else "The knowledge base has nothing on that yet. Could you put it another way?"
            )
            return Reply(
                answer=answer,
                engine="offline",
                lang=lang,  # type: ignore[arg-type]
                tools=[ToolCall(name="search_knowledge", args={"query": text})],
            )
        guides = [h for h in hits if h.kind == "playbook"] or hits
        best = guides[0]
        intro = f"《{best.title}》里是这么说的：" if lang == "zh" else f'From "{best.title}":'
        lines = [intro, "", f"> {best.snippet}", ""]
        more = [h for h in hits if h is not best][:3]
        if more:
            lines.append("相关内容：" if lang == "zh" else "Related:")
            lines.extend(f"- {h.title}: {h.snippet[:90]}" for h in more)
        return Reply(
            answer="\n".join(lines).strip() + _cite(hits, lang),
            engine="offline",
            lang=lang,  # type: ignore[arg-type]
            tools=[ToolCall(name="search_knowledge", args={"query": text, "k": 4})],
            sources=_sources(hits),
            actions=["trend_lookup"],
        )

    def _small_talk(self, text: str, lang: str, state: ChatState) -> Reply:
        lowered = text.lower()
        if re.search(
            r"system prompt|api[ _-]?key|token|password|密钥|提示词|口令|密码|系统设置|配置文件", lowered
        ):
            answer = (
                "这些是系统内部信息，我不能透露。有营销问题随时问我！"
                if lang == "zh"
                else "That is internal configuration, which I can't share. Happy to help with your marketing!"
            )
        elif re.search(r"谢|thank|thx|\bty\b|好的|收到|got it", lowered):
            answer = (
                "不客气！还需要看趋势、找达人或者出方案，随时说。"
                if lang == "zh"
                else ("You're welcome! Ask any time for trends, creators or a campaign plan.")
            )
        elif re.search(r"你好|您好|嗨|哈喽|在吗|^\s*(?:hi|hello|hey)\b", lowered):
            answer = ("你好！" if lang == "zh" else "Hi! ") + HELP[lang]
        elif re.search(r"天气|股票|代码|翻译|笑话|weather|stock|bitcoin|python|code|joke|movie", lowered):
            answer = (
                "这个我帮不上忙，我只懂小红书营销。\n\n"
                if lang == "zh"
                else "I can't help with that; I only know Xiaohongshu marketing.\n\n"
            ) + HELP[lang]
        else:
            answer = HELP[lang]
        state.last_intent = "none"
        return Reply(answer=answer, engine="offline", lang=lang)  # type: ignore[arg-type]


def _brief_args(brief: Brief) -> dict[str, object]:
    return brief.model_dump(exclude_none=True, exclude_defaults=True, mode="json")


def _sources(hits: list[SearchHit]) -> list[Source]:
    return [Source(doc_id=h.doc_id, kind=h.kind, title=h.title) for h in hits]


def _cite(hits: list[SearchHit], lang: str) -> str:
    guides = [h for h in hits if h.kind == "playbook"][:3]
    if not guides:
        return ""
    return ("\n\n来源：" if lang == "zh" else "\n\nSources: ") + "; ".join(
        f"{h.title} ({h.doc_id})" for h in guides
    )
