"""draft_campaign: an IDEA campaign plan for a brief, built from the other tools.

Insights come from trend_lookup and the playbook (cited); Define turns them into selling points, scenarios,
pillars and three ready-to-post notes (each passed through check_compliance); Expand is the BKC matrix from
suggest_influencers plus the KFS budget split; Advocate keeps people coming back. Then a week-by-week
timeline, KPIs and risks. Wording comes from templates in the brief's language; numbers from the data.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from bot.models import (
    Brief,
    BudgetLine,
    CampaignPlan,
    Citation,
    InfluencerPlan,
    Kpi,
    NoteDraft,
    TimelineWeek,
    TrendReport,
)
from bot.resources import marketing
from bot.tools.briefs import category_label
from bot.tools.compliance import check_compliance
from bot.tools.context import ToolContext
from bot.tools.influencers import KolQuery, suggest_influencers
from bot.tools.trends import TrendQuery, trend_lookup

TITLE_MAX = 20
_CJK = re.compile(r"[\u4e00-\u9fff]")


class CampaignQuery(BaseModel):
    brief: Brief
    weeks: int = Field(6, ge=3, le=12, description="campaign length in weeks")


def plan_language(brief: Brief) -> Literal["zh", "en"]:
    return "zh" if _CJK.search(brief.text or brief.product or "") else "en"


def draft_campaign(ctx: ToolContext, query: CampaignQuery) -> CampaignPlan:
    """A full IDEA campaign plan for the brief: insights (trends and playbook, cited), selling points, hero
    product, scenarios, content pillars, three compliant note drafts, the BKC influencer matrix, the KFS budget
    split, advocacy, a weekly timeline, KPIs and risks."""
    brief = query.brief
    lang = plan_language(brief)
    zh = lang == "zh"
    category = brief.category
    cat_name = category_label(category, lang) or ("本品类" if zh else "the category")
    product = brief.product or (f"{cat_name}新品" if zh else f"a new {cat_name} product")
    trend = trend_lookup(ctx, TrendQuery(topic="", category=category, lang=lang)) if category else None
    topic_trend = (
        trend_lookup(ctx, TrendQuery(topic=brief.product, category=category, lang=lang))
        if (brief.product)
        else None
    )
    rules = marketing()
    goal = brief.goal or "launch"
    kfs_split: dict[str, float] = rules["kfs_split_by_goal"][goal]  # type: ignore[index]
    kol_budget = round(brief.budget * kfs_split["kol_notes"]) if brief.budget else None
    matrix = suggest_influencers(
        ctx, KolQuery(brief=brief.model_copy(update={"budget": kol_budget}), lang=lang)
    )

    rising = [t.term for t in (trend.rising if trend else []) if t.kind == "hashtag"][:4]
    pains = [p.term for p in (trend.stats.comments.pain_points if trend and trend.stats.comments else [])][:3]
    scenarios = list(rules["scenarios"].get(category, []))[:3] if category else []  # type: ignore[union-attr]
    if not scenarios:
        scenarios = (
            ["日常通勤", "周末休闲", "节日送礼"] if zh else ["the daily commute", "weekends", "gifting"]
        )
    guides = _guides(ctx, category, lang)

    drafts = [_draft(i, product, cat_name, rising, pains, scenarios, lang) for i in range(3)]
    plan = CampaignPlan(
        brief=brief,
        lang=lang,
        title=(f"{product}｜小红书 IDEA 种草方案" if zh else f"{product}: a RED IDEA campaign plan"),
        insights=_insights(trend, topic_trend, guides, cat_name, lang),
        selling_points=_selling_points(product, rising, pains, scenarios, lang),
        hero_product=product,
        scenarios=scenarios,
        content_pillars=_pillars(lang),
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
        assumptions=_assumptions(brief, goal, kfs_split, trend, lang) + matrix.assumptions,
    )
    return plan


def _guides(ctx: ToolContext, category: str | None, lang: str) -> list[Citation]:
    """The playbook guides the plan leans on, found by search so another knowledge folder works too."""
    questions = [
        "IDEA 营销方法 洞察 定义 扩散 沉淀",
        "BKC 达人矩阵 头部 腰部 KOC",
        "KFS 信息流 搜索 放大",
        "广告法 极限词 违禁词 报备",
    ]
    if category:
        questions.append(f"{category_label(category, 'zh')} {category_label(category, 'en')} 品类 playbook")
    cited: list[Citation] = []
    for question in questions:
        for hit in ctx.kb.search(question, 1, kinds=("playbook",)):
            if all(c.doc_id != hit.doc_id for c in cited):
                cited.append(Citation(doc_id=hit.doc_id, title=hit.title))
    del lang
    return cited


def _insights(
    trend: TrendReport | None, topic: TrendReport | None, guides: list[Citation], cat: str, lang: str
) -> list[str]:
    zh = lang == "zh"
    out: list[str] = []
    if trend and trend.rising:
        rising = "、".join(
            f"#{t.term}（{t.previous}→{t.current}篇）" for t in trend.rising[:3] if t.kind == "hashtag"
        )
        rising_en = ", ".join(
            f"#{t.term} ({t.previous}→{t.current} notes)" for t in trend.rising[:3] if t.kind == "hashtag"
        )
        w = trend.window
        out.append(
            f"{cat}近{w.days}天上升话题：{rising}"
            if zh
            else f"Rising in {cat} over the last {w.days} days: {rising_en}"
        )
    if trend and trend.declining:
        fading = [f"#{t.term}" for t in trend.declining[:2]]
        out.append(
            ("降温话题：" + "、".join(fading) + "，避免把预算押在这些方向")
            if zh
            else "Fading: " + ", ".join(fading) + " — avoid betting the budget on these"
        )
    if trend and trend.top_posts:
        top = trend.top_posts[0]
        times = f"（品类中位数的{top.vs_category_median:.0f}倍）" if top.vs_category_median else ""
        times_en = f" ({top.vs_category_median:.0f}x the category median)" if top.vs_category_median else ""
        out.append(
            f"窗口内爆文：《{top.title}》CES {top.ces:,}{times}"
            if zh
            else f'Top note of the window: "{top.title}", CES {top.ces:,}{times_en}'
        )
    if trend and trend.stats.video_share is not None:
        s = trend.stats
        days = "、".join(s.best_weekdays) or "-"
        hours = "、".join(s.best_hours) or "-"
        out.append(
            f"视频占比 {s.video_share:.0%}；互动更好的发布时间：{days}，{hours}"
            if zh
            else f"Video is {s.video_share:.0%} of notes; best days and hours by median CES: {days}, {hours}"
        )
        if s.title_patterns:
            p = s.title_patterns[0]
            out.append(
                f"高互动标题常见写法：{p.label}（头部四分之一中占 {p.share_top:.0%}，整体 {p.share_all:.0%}）"
                if zh
                else f"Titles that perform: {p.label} ({p.share_top:.0%} of the top quarter vs {p.share_all:.0%} overall)"
            )
        if s.comments and s.comments.pain_points:
            pains = "、".join(f"{p.term}（{p.mentions}）" for p in s.comments.pain_points[:3])
            out.append(
                f"评论区痛点：{pains}；负面评论占 {s.comments.negative:.0%}"
                if zh
                else f"Pain points in comments: {pains}; {s.comments.negative:.0%} of comments are negative"
            )
    if topic and topic.stats.posts_current + topic.stats.posts_previous >= 5:
        s = topic.stats
        growth = f"{s.volume_growth:.1f}倍" if s.volume_growth else "新出现"
        out.append(
            f"「{topic.topic}」相关笔记 {s.posts_previous}→{s.posts_current} 篇（{growth}）"
            if zh
            else f'Notes about "{topic.topic}": {s.posts_previous}→{s.posts_current}'
        )
    if guides:
        out.append(("方法参考：" if zh else "Method: ") + "; ".join(g.title for g in guides[:2]))
    if not out:
        out.append(
            "知识库里暂无该品类的笔记数据，洞察仅来自方法论指南。"
            if zh
            else "The knowledge base has no notes for this category yet; insights come from the guides only."
        )
    return out


def _selling_points(
    product: str, rising: list[str], pains: list[str], scenarios: list[str], lang: str
) -> list[str]:
    zh = lang == "zh"
    points = []
    if rising:
        points.append(
            f"借势 #{rising[0]}：把{product}放进正在上升的话题里讲"
            if zh
            else f"Ride #{rising[0]}: tell {product}'s story inside a topic that is growing"
        )
    if pains:
        points.append(
            f"正面回应评论区的「{pains[0]}」顾虑：用实测和使用细节说话"
            if zh
            else f'Answer the "{pains[0]}" worry from the comments with real tests and details'
        )
    points.append(
        f"场景化：{scenarios[0]}时用{product}" if zh else f"Scenario-led: {product} for {scenarios[0]}"
    )
    return points


def _pillars(lang: str) -> list[str]:
    names = list(marketing()["content_pillars"])  # type: ignore[arg-type]
    if lang == "zh":
        return names[:4]
    return ["honest reviews", "how-to guides", "scenario seeding", "comparisons and lists"]


def _fit_title(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _draft(
    index: int, product: str, cat: str, rising: list[str], pains: list[str], scenarios: list[str], lang: str
) -> NoteDraft:
    zh = lang == "zh"
    tag = rising[index % len(rising)] if rising else cat
    pain = pains[index % len(pains)] if pains else ("踩雷" if zh else "wasting money")
    scene = scenarios[index % len(scenarios)]
    if zh:
        options = [
            (
                "真实测评",
                f"{product}用了28天｜真实感受",
                f"连续用了28天{product}，说说真实感受。最关心的{pain}问题：我是怎么判断的、哪些情况要注意，都写在下面。"
                f"优点和不足都会讲，按自己的情况选就好。你们最想看哪一项实测？评论区告诉我。",
                "前后对比图 + 大字“28天真实感受”",
            ),
            (
                "干货教程",
                f"{scene}｜3步搞定",
                f"{scene}的时候，我的做法只有3步：1）先确认需求；2）用{product}解决最花时间的一步；3）留5分钟检查细节。"
                f"按这个顺序来，{pain}的情况少了很多。收藏起来下次照着做。",
                "三宫格步骤图，每格一个数字",
            ),
            (
                "场景种草",
                f"{scene}必备清单",
                f"整理了{scene}会用到的清单，{product}是我这阵子用得最多的一个。适合什么人、怎么搭配、多少钱，"
                f"都列在图里了。还有什么想加的，评论区一起补充。",
                "平铺清单图，主推单品放在中间",
            ),
        ]
    else:
        options = [
            (
                "honest review",
                f"{product}: 28 days in",
                f'I used {product} every day for 28 days. Here is what I noticed, including the "{pain}" question '
                "everyone asks, the good and the not-so-good. Which test should I do next? Tell me in the comments.",
                'before/after split with a big "28 days" headline',
            ),
            (
                "how-to guide",
                "3 steps, done",
                f"For {scene}, my routine is three steps: check what you need, let {product} handle the slowest step, "
                "then spend five minutes on the details. Save this for next time.",
                "three-panel step image, one number per panel",
            ),
            (
                "scenario seeding",
                "My go-to checklist",
                f"My checklist for {scene}. {product} is the one I reach for most these weeks: who it suits, how I "
                "pair it, what it costs. What would you add?",
                "flat-lay of the checklist with the hero product in the middle",
            ),
        ]
    pillar, title, body, cover = options[index]
    hashtags = list(
        dict.fromkeys([tag, cat, *(rising[:2]), "好物分享" if zh else "RED finds", product[:12]])
    )[:8]
    hashtags = [h for h in hashtags if h][:8]
    while len(hashtags) < 3:
        hashtags.append(("种草" if zh else "seeding") + str(len(hashtags)))
    title = _fit_title(title)
    report = check_compliance(f"{title}\n{body}")
    if not report.ok and report.rewritten:
        rewritten_title, _, rewritten_body = report.rewritten.partition("\n")
        title, body = _fit_title(rewritten_title), rewritten_body
        report = check_compliance(f"{title}\n{body}")
    return NoteDraft(
        pillar=pillar, title=title, body=body, hashtags=hashtags, cover=cover, compliance_ok=report.ok
    )


def _kfs(split: dict[str, float], budget: int | None, lang: str) -> list[BudgetLine]:
    labels = {
        "kol_notes": ("K：达人笔记", "K: creator notes"),
        "feeds": ("F：信息流加热已验证的笔记", "F: feed ads on notes that already perform"),
        "search": ("S：搜索关键词卡位", "S: search keywords held for the category"),
        "production_and_reserve": ("制作与机动预算", "production and reserve"),
    }
    return [
        BudgetLine(
            item=labels[key][0 if lang == "zh" else 1],
            share=share,
            amount=round(budget * share) if budget else None,
        )
        for key, share in split.items()
    ]


def _keywords(product: str, cat: str, rising: list[str], lang: str) -> list[str]:
    if lang == "zh":
        words = [product, f"{product}推荐", f"{product}怎么选", f"{cat}好物", *rising[:3]]
    else:
        words = [
            product,
            f"best {product}".replace("best ", ""),
            f"{product} review",
            f"{cat} picks",
            *rising[:3],
        ]
    return list(dict.fromkeys(w for w in words if w))[:8]


def _advocate(product: str, matrix: InfluencerPlan, lang: str) -> list[str]:
    best = sorted((p for p in matrix.picks if p.expected_cpe), key=lambda p: p.expected_cpe or 0)[:3]
    names = "、".join(p.nickname for p in best) if best else ""
    if lang == "zh":
        return [
            f"评论区互动抽奖：晒{product}使用场景即可参与，规则写清楚、中奖公示，避免只为抽奖而来的羊毛党",
            "直播：达人直播讲解+品牌店播承接，预告笔记提前3天发布",
            f"长期合作：CPE 最低的达人（{names}）签 3-6 个月长期合作，持续内容而不是一次性曝光"
            if names
            else "长期合作：把表现最好的达人转为 3-6 个月长期合作",
            f"UGC：发起话题 #{product[:10]}打卡，精选用户笔记二次传播",
        ]
    return [
        f"Comment giveaway: share how you use {product}; clear rules and public winners keep freebie hunters out",
        "Live streaming: a creator live session plus the brand's own stream; announce it with a note 3 days ahead",
        f"Long-term partnerships: sign the lowest-CPE creators ({names}) for 3-6 months of steady content"
        if names
        else "Long-term partnerships: move the best performers to 3-6 month deals",
        f"UGC: a #{product[:20].replace(' ', '')} challenge; re-share the best user notes",
    ]


def _timeline(weeks: int, lang: str) -> list[TimelineWeek]:
    zh = lang == "zh"
    stages = [
        ("洞察与准备", ["确认卖点与人群", "筛选达人、发 brief、报备排期"])
        if zh
        else ("Insights and set-up", ["confirm selling points and audience", "book creators, send briefs"]),
        ("KOC 与初级达人铺量", ["KOC/初级达人首批发布", "观察前 48 小时互动"])
        if zh
        else ("KOC and junior seeding", ["first KOC and junior notes go live", "watch the first 48 hours"]),
        ("腰部与头部发布", ["腰部、头部达人发布", "评论区运营与答疑"])
        if zh
        else ("Mid-tier and head notes", ["mid-tier and head creators publish", "answer in the comments"]),
        ("信息流加热", ["挑出互动前 20% 的笔记投信息流", "停投表现差的笔记"])
        if zh
        else (
            "Feed amplification",
            ["put feed ads behind the top 20% of notes by engagement", "stop the weak ones"],
        ),
        ("搜索卡位与直播", ["核心词搜索卡位", "达人/品牌直播承接"])
        if zh
        else ("Search and live", ["hold the core search keywords", "creator and brand live streams"]),
        ("复盘与沉淀", ["按 CES、CPE、搜索占比复盘", "签长期合作、发起 UGC 话题"])
        if zh
        else (
            "Review and advocacy",
            ["review CES, CPE and search share", "sign long-term creators, start UGC"],
        ),
    ]
    out = []
    for week in range(1, weeks + 1):
        # Stretch the six stages over the campaign: extra weeks repeat the middle (publishing) stages.
        index = min(len(stages) - 1, round((week - 1) * (len(stages) - 1) / max(1, weeks - 1)))
        focus, actions = stages[index]
        out.append(TimelineWeek(week=week, focus=focus, actions=list(actions)))
    return out


def _kpis(trend: TrendReport | None, matrix: InfluencerPlan, lang: str) -> list[Kpi]:
    zh = lang == "zh"
    norm = trend.stats.category_median_ces if trend else None
    cpe = matrix.totals.expected_cpe
    reach = sum((p.fans or 0) for p in matrix.picks) // 10
    kpis = [
        Kpi(
            name="CES",
            target=(
                f"单篇 CES ≥ {round(norm * 2):,}（品类中位数 2 倍）"
                if zh
                else f"CES per note >= {round(norm * 2):,} (2x the category median)"
            )
            if norm
            else "-",
            how="点赞+收藏+评论×4+分享×4+关注×8"
            if zh
            else "likes + collects + comments x4 + shares x4 + follows x8",
        ),
        Kpi(
            name="CPE",
            target=f"≤ ¥{cpe * 1.2:.2f}" if cpe else "-",
            how="费用 / 互动（矩阵预计值的 1.2 倍为上限）"
            if zh
            else "cost / engagement (1.2x the matrix estimate as a ceiling)",
        ),
        Kpi(
            name="搜索占比" if zh else "Search share",
            target="核心词前 10 篇笔记中品牌相关 ≥ 30%"
            if zh
            else ">= 30% of the top 10 notes for the core keywords",
            how="每周记录核心词搜索结果" if zh else "check the core keywords' results weekly",
        ),
        Kpi(
            name="曝光" if zh else "Reach",
            target=f"≈ {reach:,}" if reach else "-",
            how="达人粉丝总数 × 10%（经验值）" if zh else "sum of creators' fans x 10% (rule of thumb)",
        ),
    ]
    return kpis


def _risks(category: str | None, trend: TrendReport | None, matrix: InfluencerPlan, lang: str) -> list[str]:
    zh = lang == "zh"
    risks = []
    if category in ("skincare", "food", "fitness", "parenting", "mens_grooming", "pets"):
        risks.append(
            "功效宣称：避免医疗用语和未经证实的功效，稿件发布前逐篇过合规检查"
            if zh
            else "Efficacy claims: no medical terms or unproven benefits; check every draft before it goes live"
        )
    risks.append(
        "广告法极限词与报备：合作笔记须通过蒲公英报备"
        if zh
        else "Advertising Law superlatives and disclosure: paid notes go through 蒲公英 with the collaboration label"
    )
    if matrix.excluded:
        risks.append(
            f"已排除 {len(matrix.excluded)} 位疑似刷量或过度商业化的达人，替补时同样要查数据"
            if zh
            else f"{len(matrix.excluded)} creators excluded as suspected fake fans or over-commercialised; check replacements the same way"
        )
    if trend and trend.declining:
        risks.append(
            f"话题降温：#{trend.declining[0].term} 等方向在走弱"
            if zh
            else f"Fading topics: #{trend.declining[0].term} and others are cooling"
        )
    if matrix.totals.budget and matrix.tiers and matrix.tiers[0].spent > 0.5 * matrix.totals.cost:
        risks.append(
            "预算集中在头部，单篇翻车影响大"
            if zh
            else "Budget concentrated on head creators: one weak note hurts"
        )
    return risks


def _assumptions(
    brief: Brief, goal: str, split: dict[str, float], trend: TrendReport | None, lang: str
) -> list[str]:
    del lang
    notes = [
        f"Goal taken as {goal}"
        + ("" if brief.goal else " (not stated in the brief)")
        + "; KFS split "
        + ", ".join(f"{k} {v:.0%}" for k, v in split.items())
        + " (rule of thumb).",
    ]
    if brief.budget is None:
        notes.append("No budget given: amounts are left open and the matrix is a starter set.")
    if trend:
        notes.extend(trend.notes)
    return notes
