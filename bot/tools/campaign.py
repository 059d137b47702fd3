"""draft_campaign: an IDEA campaign plan for a brief, built from the other tools.

Insights come from trend_lookup and the playbook (cited); Define turns them into selling points, scenarios,
pillars and three ready-to-post notes (copywriting, each passed through check_compliance); Expand is the BKC
matrix from suggest_influencers plus the KFS budget split; Advocate keeps people coming back. Then a
week-by-week timeline, KPIs and risks. Wording comes from the message catalogue in the language asked for;
numbers from the data.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from bot.i18n import Lang, Note, both, join, mostly, phrases, t
from bot.models import (
    Brief,
    BudgetLine,
    CampaignPlan,
    Citation,
    InfluencerPlan,
    Kpi,
    TimelineWeek,
    TrendReport,
)
from bot.resources import category_label, marketing
from bot.tools.context import ToolContext
from bot.tools.copywriting import Facts, note_draft, scenes
from bot.tools.influencers import KolQuery, suggest_influencers
from bot.tools.trends import TrendQuery, trend_lookup

_GUIDE_QUESTIONS = (
    "IDEA 营销方法 洞察 定义 扩散 沉淀 IDEA method insights define expand advocate",
    "BKC 达人矩阵 头部 腰部 KOC BKC influencer matrix tiers",
    "KFS 信息流 搜索 放大 KFS feeds search",
    "广告法 极限词 违禁词 报备 advertising law banned words disclosure",
)


class CampaignQuery(BaseModel):
    """A brief to plan for, the campaign's length and the plan's language."""

    brief: Brief
    weeks: int = Field(6, ge=3, le=12, description="campaign length in weeks")
    lang: Lang = Field("zh", description="the plan's language")


def draft_campaign(ctx: ToolContext, query: CampaignQuery) -> CampaignPlan:
    """A full IDEA campaign plan for the brief: insights (trends and playbook, cited), selling points, hero
    product, scenarios, content pillars, three compliant note drafts, the BKC influencer matrix, the KFS budget
    split, advocacy, a weekly timeline, KPIs and risks."""
    brief = query.brief
    lang = query.lang
    category = brief.category
    cat_name = category_label(category, lang) or t("campaign.the_category", lang)
    product = brief.product or t("campaign.default_product", lang, category=cat_name)
    trend = trend_lookup(ctx, TrendQuery(topic="", category=category)) if category else None
    topic_trend = (
        trend_lookup(ctx, TrendQuery(topic=brief.product, category=category)) if brief.product else None
    )
    rules = marketing()
    goal = brief.goal or "launch"
    kfs_split: dict[str, float] = rules["kfs_split_by_goal"][goal]  # type: ignore[index]
    kol_budget = round(brief.budget * kfs_split["kol_notes"]) if brief.budget else None
    matrix = suggest_influencers(ctx, KolQuery(brief=brief.model_copy(update={"budget": kol_budget})))

    rising = [term.term for term in (trend.rising if trend else []) if term.kind == "hashtag"][:4]
    pains = [p.term for p in (trend.stats.comments.pain_points if trend and trend.stats.comments else [])][:3]
    facts = Facts(
        category=category,
        rising=rising,
        pains=pains,
        scenes=scenes(category, lang),
        patterns=trend.stats.title_patterns if trend else [],
    )
    guides = _guides(ctx, category, lang)
    drafts = [note_draft(i, product, category, facts, lang) for i in range(3)]
    title_key = "campaign.title_occasion" if brief.occasion else "campaign.title"
    return CampaignPlan(
        brief=brief,
        lang=lang,
        weeks=query.weeks,
        title=t(title_key, lang, product=product, occasion=brief.occasion or ""),
        insights=_insights(trend, topic_trend, guides, cat_name, lang),
        selling_points=_selling_points(product, rising, pains, facts.scenes, lang),
        hero_product=product,
        scenarios=facts.scenes[:3],
        content_pillars=list(phrases("campaign.pillars", lang)),
        drafts=drafts,
        matrix=matrix,
        kfs=_kfs(kfs_split, brief.budget, lang),
        search_keywords=_keywords(product, cat_name, rising, lang),
        advocate=_advocate(product, matrix, lang),
        timeline=_timeline(query.weeks, lang),
        kpis=_kpis(trend, matrix, lang),
        risks=_risks(category, trend, matrix, lang),
        guides_used=guides,
        sources=(trend.sources[:20] if trend else []) + (topic_trend.sources[:10] if topic_trend else []),
        assumptions=_assumptions(brief, goal, kfs_split, trend) + matrix.assumptions,
    )


def _guides(ctx: ToolContext, category: str | None, lang: Lang) -> list[Citation]:
    """The playbook guides the plan leans on, found by search (so another knowledge folder works too),
    in the plan's language when the knowledge base has one."""
    questions = list(_GUIDE_QUESTIONS)
    if category:
        questions.append(f"{category_label(category, 'zh')} {category_label(category, 'en')} 品类 playbook")
    cited: list[Citation] = []
    for question in questions:
        hits = [
            h
            for h in ctx.kb.search(question, 4, kinds=("playbook",))
            if h.doc_id not in {c.doc_id for c in cited}
        ]
        same = [h for h in hits if mostly(h.title) == lang]
        for hit in (same or hits)[:1]:
            cited.append(Citation(doc_id=hit.doc_id, title=hit.title))
    return cited


def _insights(
    trend: TrendReport | None, topic: TrendReport | None, guides: list[Citation], cat: str, lang: Lang
) -> list[str]:
    out: list[str] = []
    if trend and trend.rising:
        tags = [term for term in trend.rising[:3] if term.kind == "hashtag"]
        if tags:
            listed = join(
                [
                    t("campaign.insight.term", lang, term=x.term, before=x.previous, now=x.current)
                    for x in tags
                ],
                lang,
            )
            out.append(t("campaign.insight.rising", lang, category=cat, days=trend.window.days, terms=listed))
    if trend and trend.declining:
        out.append(
            t("campaign.insight.fading", lang, terms=join([f"#{x.term}" for x in trend.declining[:2]], lang))
        )
    if trend and trend.top_posts:
        top = trend.top_posts[0]
        key = "campaign.insight.top_note_multiple" if top.vs_category_median else "campaign.insight.top_note"
        out.append(t(key, lang, title=top.title, ces=top.ces, multiple=top.vs_category_median or 0))
    if trend and trend.stats.video_share is not None:
        s = trend.stats
        out.append(
            t(
                "campaign.insight.format_timing",
                lang,
                video=s.video_share,
                days=join([t(f"common.weekday.{d}", lang) for d in s.best_weekdays], lang) or "-",
                hours=join([t("common.hours", lang, start=h, end=h + 3) for h in s.best_hours], lang) or "-",
            )
        )
        if s.title_patterns:
            p = s.title_patterns[0]
            out.append(
                t(
                    "campaign.insight.titles",
                    lang,
                    label=pattern_label(p.pattern, lang),
                    top=p.share_top,
                    all=p.share_all,
                )
            )
        if s.comments and s.comments.pain_points:
            pains = join([f"{p.term} ({p.mentions})" for p in s.comments.pain_points[:3]], lang)
            out.append(t("campaign.insight.pains", lang, pains=pains, negative=s.comments.negative))
    if topic and topic.stats.posts_current + topic.stats.posts_previous >= 5:
        s = topic.stats
        out.append(
            t("campaign.insight.topic", lang, topic=topic.topic, before=s.posts_previous, now=s.posts_current)
        )
    if guides:
        out.append(t("campaign.insight.method", lang, guides=join([g.title for g in guides[:2]], lang)))
    if not out:
        out.append(t("campaign.insight.no_data", lang))
    return out


def pattern_label(name: str, lang: Lang) -> str:
    """A title pattern's name in a language, from marketing.json."""
    for rule in marketing()["title_patterns"]:  # type: ignore[union-attr]
        if rule["name"] == name:  # type: ignore[index]
            return str(rule["label_zh" if lang == "zh" else "label_en"])  # type: ignore[index]
    return name


def _selling_points(
    product: str, rising: list[str], pains: list[str], scenarios: list[str], lang: Lang
) -> list[str]:
    points = []
    if rising:
        points.append(t("campaign.point.ride", lang, tag=rising[0], product=product))
    if pains:
        points.append(t("campaign.point.pain", lang, pain=pains[0]))
    points.append(t("campaign.point.scene", lang, scene=scenarios[0] if scenarios else "", product=product))
    return points


def _kfs(split: dict[str, float], budget: int | None, lang: Lang) -> list[BudgetLine]:
    return [
        BudgetLine(
            item=t(f"campaign.kfs.{key}", lang),
            share=share,
            amount=round(budget * share) if budget else None,
        )
        for key, share in split.items()
    ]


def _keywords(product: str, cat: str, rising: list[str], lang: Lang) -> list[str]:
    words = [
        template.format(product=product, category=cat) for template in phrases("campaign.keywords", lang)
    ]
    return list(dict.fromkeys(w for w in [*words, *rising[:3]] if w))[:8]


def _advocate(product: str, matrix: InfluencerPlan, lang: Lang) -> list[str]:
    best = sorted((p for p in matrix.picks if p.expected_cpe), key=lambda p: p.expected_cpe or 0)[:3]
    names = join([p.nickname for p in best], lang)
    return [
        t("campaign.advocate.giveaway", lang, product=product),
        t("campaign.advocate.live", lang),
        t("campaign.advocate.long_term_named", lang, names=names)
        if names
        else t("campaign.advocate.long_term", lang),
        t("campaign.advocate.ugc", lang, tag=product[:12].replace(" ", "")),
    ]


def _timeline(weeks: int, lang: Lang) -> list[TimelineWeek]:
    stages = phrases("campaign.timeline", lang)
    out = []
    for week in range(1, weeks + 1):
        # Stretch the six stages over the campaign: extra weeks repeat the middle (publishing) stages.
        index = min(len(stages) - 1, round((week - 1) * (len(stages) - 1) / max(1, weeks - 1)))
        out.append(
            TimelineWeek(week=week, focus=stages[index]["focus"], actions=list(stages[index]["actions"]))
        )
    return out


def _kpis(trend: TrendReport | None, matrix: InfluencerPlan, lang: Lang) -> list[Kpi]:
    norm = trend.stats.category_median_ces if trend else None
    cpe = matrix.totals.expected_cpe
    reach = sum((p.fans or 0) for p in matrix.picks) // 10
    return [
        Kpi(
            name="CES",
            target=t("campaign.kpi.ces_target", lang, target=round(norm * 2)) if norm else "-",
            how=t("campaign.kpi.ces_how", lang),
        ),
        Kpi(name="CPE", target=f"≤ ¥{cpe * 1.2:.2f}" if cpe else "-", how=t("campaign.kpi.cpe_how", lang)),
        Kpi(
            name=t("campaign.kpi.search_name", lang),
            target=t("campaign.kpi.search_target", lang),
            how=t("campaign.kpi.search_how", lang),
        ),
        Kpi(
            name=t("campaign.kpi.reach_name", lang),
            target=f"≈ {reach:,}" if reach else "-",
            how=t("campaign.kpi.reach_how", lang),
        ),
    ]


def _risks(category: str | None, trend: TrendReport | None, matrix: InfluencerPlan, lang: Lang) -> list[str]:
    risks = []
    if category in ("skincare", "food", "fitness", "parenting", "mens_grooming", "pets"):
        risks.append(t("campaign.risk.efficacy", lang))
    risks.append(t("campaign.risk.disclosure", lang))
    if matrix.excluded:
        risks.append(t("campaign.risk.excluded", lang, n=len(matrix.excluded)))
    if trend and trend.declining:
        risks.append(t("campaign.risk.fading", lang, tag=trend.declining[0].term))
    if matrix.totals.budget and matrix.tiers and matrix.tiers[0].spent > 0.5 * matrix.totals.cost:
        risks.append(t("campaign.risk.head_heavy", lang))
    return risks


def _assumptions(brief: Brief, goal: str, split: dict[str, float], trend: TrendReport | None) -> list[Note]:
    shares = {f"{key}_share": share for key, share in split.items()}
    notes = [
        Note(
            key="campaign.note.goal_stated" if brief.goal else "campaign.note.goal_assumed",
            params={"goal": both(f"common.goal.{goal}"), **shares},
        )
    ]
    if brief.budget is None:
        notes.append(Note(key="campaign.note.no_budget"))
    if trend:
        notes.extend(trend.notes)
    return notes
