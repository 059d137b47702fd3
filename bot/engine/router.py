"""Offline intent routing: which tool a message needs, in Chinese or English, from weighted cue patterns.

Each intent has cues with weights; the highest total wins, ties go to the more specific intent (the order of
INTENT_PRIORITY). The cues are plain data, measured with `redpilot eval routing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.engine.reply import Intent
from bot.resources import infer_category

_Cue = tuple[str, float]

CUES: dict[Intent, list[_Cue]] = {
    "check_compliance": [
        (
            r"违禁|违规|违法|极限词|敏感词|合规|广告法|能不能写|可以写|能写吗|能这么写|这么写|审核|过审|限流|会不会被|被罚|"
            r"有没有问题|有问题吗|检查一下|检查下|查一下|帮我看看这|看下这段|文案.{0,6}(?:行|可以|违)|会不会有事|会有事吗|"
            r"风险|扫一下|过一遍",
            3.0,
        ),
        (
            r"\b(?:compliant|compliance|banned words?|allowed to (?:say|write|claim)|can (?:i|we) (?:say|write|claim|use the word)|"
            r"is it ok(?:ay)? to (?:say|write)|check (?:this|my|the) (?:copy|caption|post|text|note)|check this|"
            r"advertising law|violat\w*|get (?:us )?(?:fined|banned|flagged)|legal to say|ok to use|risky|"
            r"scan (?:the|this|my) (?:copy|caption|text)|(?:is|be) (?:that|this|it) (?:going to be )?a problem)\b",
            3.0,
        ),
        (r"报备|disclos\w*|sponsored tag|claims?\b|cured?\b", 1.0),
        (r"[「“\"『].{6,}[」”\"』]|[:：]\s*\S.{12,}", 1.5),  # quoted copy
        (r"最好|第一|全网最|100%|根治|治疗|保证|\bbest\b|\bno\.? ?1\b|\bguarantee", 0.8),
    ],
    "draft_campaign": [
        (
            r"方案|策划|全案|投放计划|营销计划|推广计划|campaign|营销活动|上市计划|种草计划|排期表|"
            r"怎么(?:推|做推广|打)|整体打法|从0到1|idea方法论.*(?:做|出)",
            3.0,
        ),
        (r"\b(?:plan|proposal|launch plan|go-to-market|gtm|roadmap|strategy for (?:our|my|the))\b", 2.5),
        (r"\b(?:draft|put together|build|create|write|make)\b.{0,20}\b(?:plan|campaign|proposal)\b", 1.5),
        (r"帮我(?:做|出|写|规划)|出一个|做一个|做个|写一个", 1.0),
    ],
    "suggest_influencers": [
        (r"达人|博主|红人|kol|koc|网红|素人|creators?|influencers?|bloggers?|reviewers?|\bkols?\b", 2.0),
        (
            r"找|推荐|挑|选|哪些|筛|名单|矩阵|搭配|组合|\bfind\b|\bsuggest\b|\brecommend\b|\bwho\b|\bshortlist|\bmatrix\b|\bwhich\b|\bpick\b",
            1.2,
        ),
        (r"预算|budget|\d+\s*(?:万|w|k)\b|[¥￥$]\s*\d", 0.8),
        (
            r"\d+\s*(?:个|位|名)\s*[\u4e00-\u9fff]{0,4}(?:达人|博主|koc|kol)|\b\d+\s*(?:kols?|kocs?|creators?|influencers?)\b",
            1.5,
        ),
    ],
    "trend_lookup": [
        (
            r"趋势|火吗|还火|很火|最火|热门|热点|流行|风向|爆款话题|在涨|上升|下滑|降温|过气|热度|大家都在|最近.{0,8}(?:什么|啥)|"
            r"有什么新|新风向|爆了|刷到很多|热词|吐槽|痛点|评论区都在|爆款笔记|爆文|标题套路|赛道|还有流量|流量怎么样|"
            r"大家都在说",
            3.0,
        ),
        (
            r"\b(?:trend\w*|hot|popular|rising|buzz\w*|viral right now|what's new|what is new|fading|declining|"
            r"still a thing|taking off|blowing up|momentum|complain\w*|pain points?|resonat\w*|peaked|still growing|"
            r"(?:people|everyone|users) (?:are )?(?:saying|talking))\b",
            3.0,
        ),
        # Timing read from the data belongs to trends only for a category or topic (see _adjust).
        (r"周几|几点发|什么时候发|\b(?:best time (?:of day )?to post|what time|which days?)\b", 1.2),
        (
            r"最近|近期|这个月|近\d+天|last (?:\d+ )?(?:days?|weeks?|months?)|this (?:week|month)|right now|lately",
            0.8,
        ),
    ],
    "search_knowledge": [
        (
            r"怎么|如何|什么是|是什么|为什么|多少钱|一般|方法|技巧|规则|区别|公式|流程|注意什么|要注意|有哪些|怎样|咋|几篇|"
            r"多久|频率|合适",
            1.5,
        ),
        (
            r"\b(?:how (?:do|to|does|can|should|much|many|often|early|long)|what (?:is|are|does)|why|explain|tips?|"
            r"best practices?|difference between|guide|formula|rule of thumb|when should|should (?:we|i))\b",
            1.5,
        ),
        (
            r"kfs|bkc|idea|ces|cpe|cpm|聚光|蒲公英|信息流|封面|标题|话题标签|hashtags?|cadence|发布时间|posting time|"
            r"假粉|fake followers?|报价|rate card|algorithm|算法",
            1.0,
        ),
    ],
    "none": [
        (
            r"^\s*(?:你好|您好|嗨|哈喽|在吗|早上好|晚上好|hi|hello|hey|yo|morning|good (?:morning|evening))\b[\s!！。.~]*$",
            5.0,
        ),
        (
            r"^\s*(?:谢谢|多谢|感谢|thanks?|thank you|thx|ty|好的|ok(?:ay)?|收到|明白了?|got it|cool|great)[\s!！。.~\w]{0,20}$",
            3.0,
        ),
        (
            r"你(?:能|会)做什么|你是\s*(?:谁|chatgpt|gpt|ai|机器人)|谁(?:做|开发)的你|怎么用你|有什么功能|帮助|help|"
            r"what can you do|who are you|who made you|are you (?:a bot|chatgpt|gpt|human|an ai)|"
            r"how do (?:i|you) use (?:you|this bot)",
            4.0,
        ),
        (r"天气|股票|比特币|写代码|翻译|笑话|weather|stock|bitcoin|python|joke|recipe for|movie", 3.0),
    ],
}

# When scores tie, the more specific intent wins.
INTENT_PRIORITY: tuple[Intent, ...] = (
    "check_compliance",
    "draft_campaign",
    "suggest_influencers",
    "trend_lookup",
    "search_knowledge",
    "none",
)
_COMPILED = {intent: [(re.compile(p, re.IGNORECASE), w) for p, w in cues] for intent, cues in CUES.items()}


@dataclass(frozen=True)
class Route:
    intent: Intent
    scores: dict[str, float]


_QUOTE = re.compile(r"[「“\"『][^「“\"『」”\"』]{4,}[」”\"』]|(?<![A-Za-z])'[^']{4,}'(?![A-Za-z])")
_BETWEEN_SCRIPTS = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


def route(text: str) -> Route:
    # "推广plan" -> "推广 plan": English cue words need word boundaries next to Chinese characters too.
    spaced = _BETWEEN_SCRIPTS.sub(" ", text)
    # Quoted copy is being asked about, not asked: "检查：「今年最火的露营灯」" is no trend question.
    outside = _QUOTE.sub(" ", spaced)
    scores = {
        intent: sum(
            w for pattern, w in cues if pattern.search(spaced if intent == "check_compliance" else outside)
        )
        for intent, cues in _COMPILED.items()
    }
    if not re.search(r"\w", text):
        scores = dict.fromkeys(scores, 0.0)
        scores["none"] = 5.0
    _adjust(spaced, scores)
    best = max(INTENT_PRIORITY, key=lambda i: (scores[i], -INTENT_PRIORITY.index(i)))
    if scores[best] < 1.0:
        best = "search_knowledge" if _looks_like_question(text) else "none"
    return Route(best, scores)


def _adjust(text: str, scores: dict[str, float]) -> None:
    """Interactions a single cue list cannot express."""
    lowered = text.lower()
    if scores["trend_lookup"] and infer_category(text):
        scores["trend_lookup"] += 1.5
    # "how do I choose KOLs" is a method question; "find me KOLs" is a request for a matrix.
    if (
        scores["suggest_influencers"]
        and scores["search_knowledge"]
        and not re.search(
            r"找|推荐|挑|给我|帮我|\bfind\b|\bsuggest\b|\brecommend\b|\bshortlist\b|\bpick\b|\bgive me\b|\bbook\b|\d",
            lowered,
        )
    ):
        scores["suggest_influencers"] -= 1.5
    # A campaign request mentions creators and budgets too; the plan is the bigger ask.
    if scores["draft_campaign"] >= 3:
        scores["suggest_influencers"] -= 1.0
    # Rules asked about in general ("what are the rules for disclosing") are a method question; copy to check
    # comes quoted, after a colon or on its own lines.
    has_copy = bool(_QUOTE.search(text) or re.search(r"[:：]\s*\S.{8,}|\n\s*\S", text))
    if scores["check_compliance"] and not has_copy and scores["search_knowledge"]:
        scores["check_compliance"] -= 2.0
    # Thanks followed by a real request is the request.
    if scores["none"] and any(scores[i] >= 2.5 for i in INTENT_PRIORITY[:-1]) and len(text) > 12:
        scores["none"] = 0.0


def _looks_like_question(text: str) -> bool:
    return bool(
        re.search(r"[?？]|吗|呢|怎么|如何|\b(?:how|what|why|when|which|can|should)\b", text, re.IGNORECASE)
    )
