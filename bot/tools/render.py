"""Tool results as Markdown a marketer reads: in the terminal, in chat, or exported. Pure functions."""

from __future__ import annotations

from bot.models import CampaignPlan, ComplianceReport, InfluencerPlan, TrendReport
from bot.tools.briefs import category_label
from bot.tools.influencers import TIER_EN, TIER_ZH

_CATEGORY_ZH = {
    "absolute_term": "极限词",
    "medical_claim": "功效/医疗宣称",
    "guarantee": "承诺保证",
    "superstition": "封建迷信",
    "missing_disclosure": "未标注合作",
    "diversion": "站外导流",
}
_CATEGORY_EN = {
    "absolute_term": "absolute term",
    "medical_claim": "medical/efficacy claim",
    "guarantee": "guarantee",
    "superstition": "superstition",
    "missing_disclosure": "missing disclosure",
    "diversion": "off-platform diversion",
}


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _growth(value: float | None) -> str:
    return "new" if value is None else f"x{value:.1f}"


def trend_markdown(report: TrendReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    w = report.window
    subject = report.topic or category_label(report.category, lang) or ("全部笔记" if zh else "all notes")
    s = report.stats
    lines = [
        f"## {subject}：近{w.days}天趋势" if zh else f"## {subject}: trends over the last {w.days} days",
        (
            f"{w.current_start} 至 {w.current_end} 对比 {w.previous_start} 至 {w.previous_end}；"
            f"笔记 {s.posts_previous} → {s.posts_current}"
        )
        if zh
        else (
            f"{w.current_start} to {w.current_end} vs {w.previous_start} to {w.previous_end}; "
            f"notes {s.posts_previous} -> {s.posts_current}"
        ),
        "",
    ]
    for title, terms in (
        ("上升" if zh else "Rising", report.rising),
        ("降温" if zh else "Declining", report.declining),
    ):
        if not terms:
            continue
        lines.append(f"**{title}**")
        for t in terms[:8]:
            label = f"#{t.term}" if t.kind == "hashtag" else t.term
            eng = (
                f", {'互动' if zh else 'engagement'} {_growth(t.engagement_growth)}"
                if t.engagement_growth
                else ""
            )
            lines.append(
                f"- {label}: {t.previous} -> {t.current} {'篇' if zh else 'notes'} ({_growth(t.growth)}{eng})"
            )
        lines.append("")
    if report.top_posts:
        lines.append("**爆文候选**" if zh else "**Top notes (baokuan candidates)**")
        for p in report.top_posts:
            multiple = (
                f", {p.vs_category_median:.0f}x {'品类中位' if zh else 'category median'}"
                if p.vs_category_median
                else ""
            )
            mark = " 🔥" if p.baokuan else ""
            lines.append(f"- {p.title} (CES {p.ces:,}{multiple}){mark} `{p.note_id}`")
        lines.append("")
    facts = [
        f"{'视频占比' if zh else 'video share'} {_pct(s.video_share)}",
        f"{'最佳发布日' if zh else 'best days'} {'、'.join(s.best_weekdays) or '-'}",
        f"{'最佳时段' if zh else 'best hours'} {'、'.join(s.best_hours) or '-'}",
    ]
    lines.append(" · ".join(facts))
    if s.title_patterns:
        lines.append(
            ("标题写法：" if zh else "Title patterns: ")
            + "; ".join(
                f"{t.label} {_pct(t.share_top)} vs {_pct(t.share_all)}（{t.example}）"
                for t in s.title_patterns
            )
        )
    if s.comments:
        c = s.comments
        lines.append(
            (
                f"评论 {c.comments} 条：正面 {_pct(c.positive)}，负面 {_pct(c.negative)}"
                if zh
                else f"{c.comments} comments: {_pct(c.positive)} positive, {_pct(c.negative)} negative"
            )
            + ("；痛点：" if zh else "; pain points: ")
            + ", ".join(f"{p.term} ({p.mentions})" for p in c.pain_points)
        )
    for note in report.notes:
        lines.append(f"_{note}_")
    return "\n".join(lines).strip()


def plan_markdown(plan: InfluencerPlan, lang: str = "zh") -> str:
    zh = lang == "zh"
    t = plan.totals
    names = TIER_ZH if zh else TIER_EN
    budget = f"¥{t.budget:,}" if t.budget is not None else ("未设" if zh else "none")
    lines = [
        "## BKC 达人矩阵" if zh else "## BKC influencer matrix",
        (
            f"预算 {budget}，花费 ¥{t.cost:,}，{t.creators} 位达人（垂类 {t.vertical}，泛垂类 {t.adjacent}），"
            f"预计互动 {t.expected_engagement:,}，预计 CPE ¥{t.expected_cpe or 0:.2f}"
        )
        if zh
        else (
            f"Budget {budget}, cost ¥{t.cost:,}, {t.creators} creators ({t.vertical} vertical, {t.adjacent} adjacent), "
            f"expected engagement {t.expected_engagement:,}, expected CPE ¥{t.expected_cpe or 0:.2f}"
        ),
        "",
        "| 层级 | 目标占比 | 预算 | 花费 | 人数 |"
        if zh
        else "| tier | target share | budget | spent | creators |",
        "|---|---|---|---|---|",
    ]
    for tier in plan.tiers:
        lines.append(
            f"| {names[tier.tier]} | {tier.share:.0%} | {'-' if tier.budget is None else f'¥{tier.budget:,}'} "
            f"| ¥{tier.spent:,} | {tier.creators} |"
        )
    lines.append("")
    for pick in plan.picks:
        est = ("（估）" if zh else " (est.)") if pick.price_estimated else ""
        lines.append(f"- **{pick.nickname}** ¥{pick.price:,}{est}: {pick.reason}")
    if plan.excluded:
        lines.append("")
        lines.append("**已排除**" if zh else "**Excluded**")
        lines.extend(f"- {e.nickname}: {e.reason}" for e in plan.excluded[:8])
    if plan.assumptions:
        lines.append("")
        lines.extend(f"_{a}_" for a in plan.assumptions)
    return "\n".join(lines).strip()


def compliance_markdown(report: ComplianceReport, lang: str = "zh") -> str:
    zh = lang == "zh"
    if report.ok and not report.issues:
        return "✅ 未发现违规风险。" if zh else "✅ No compliance issues found."
    names = _CATEGORY_ZH if zh else _CATEGORY_EN
    lines = [("⚠️ 发现 {} 处风险：" if zh else "⚠️ {} issue(s) found:").format(len(report.issues))]
    for issue in report.issues:
        lines.append(
            f"- [{issue.severity}] {names.get(issue.category, issue.category)} “{issue.term}” "
            f"({issue.start}-{issue.end}) → {issue.suggestion}"
        )
    if report.rewritten:
        lines += ["", "**改写建议**" if zh else "**Suggested rewrite**", report.rewritten]
    return "\n".join(lines)


def campaign_markdown(plan: CampaignPlan) -> str:
    zh = plan.lang == "zh"

    def h(zh_text: str, en_text: str) -> str:
        return zh_text if zh else en_text

    lines = [f"# {plan.title}", ""]
    lines += [h("## I 洞察 Insights", "## I: Insights"), *[f"- {i}" for i in plan.insights], ""]
    lines += [
        h("## D 定义 Define", "## D: Define"),
        f"**{h('主推单品', 'Hero product')}**: {plan.hero_product}",
        "",
    ]
    lines += [f"**{h('卖点', 'Selling points')}**", *[f"- {s}" for s in plan.selling_points], ""]
    lines += [
        f"**{h('使用场景', 'Scenarios')}**: " + "、".join(plan.scenarios)
        if zh
        else "**Scenarios**: " + ", ".join(plan.scenarios)
    ]
    lines += [f"**{h('内容支柱', 'Content pillars')}**: " + (" / ".join(plan.content_pillars)), ""]
    lines.append(f"### {h('笔记草稿', 'Note drafts')}")
    for number, draft in enumerate(plan.drafts, start=1):
        check = "✅" if draft.compliance_ok else "⚠️"
        lines += [
            f"**{number}. {draft.title}** ({draft.pillar}) {check}",
            draft.body,
            " ".join(f"#{t}" for t in draft.hashtags),
            f"{h('封面', 'Cover')}: {draft.cover}",
            "",
        ]
    lines += [
        h("## E 扩散 Expand", "## E: Expand"),
        plan_markdown(plan.matrix, plan.lang).replace("## ", "### "),
        "",
    ]
    lines.append(f"### KFS {h('预算拆分', 'budget split')}")
    for line in plan.kfs:
        amount = f"¥{line.amount:,}" if line.amount is not None else "-"
        lines.append(f"- {line.item}: {line.share:.0%} ({amount})")
    lines += ["", f"**{h('搜索关键词', 'Search keywords')}**: " + ", ".join(plan.search_keywords), ""]
    lines += [h("## A 沉淀 Advocate", "## A: Advocate"), *[f"- {a}" for a in plan.advocate], ""]
    lines.append(h("## 排期", "## Timeline"))
    lines += [f"- W{w.week} {w.focus}: " + "; ".join(w.actions) for w in plan.timeline]
    lines += ["", "## KPI", *[f"- {k.name}: {k.target} ({k.how})" for k in plan.kpis], ""]
    lines += [h("## 风险", "## Risks"), *[f"- {r}" for r in plan.risks], ""]
    lines += [
        h("## 参考指南", "## Guides used"),
        *[f"- {g.title} (`{g.doc_id}`)" for g in plan.guides_used],
        "",
    ]
    lines += [h("## 假设", "## Assumptions"), *[f"- {a}" for a in plan.assumptions]]
    return "\n".join(lines).strip() + "\n"


def campaign_summary(plan: CampaignPlan) -> str:
    zh = plan.lang == "zh"
    t = plan.matrix.totals
    budget = f"¥{plan.brief.budget:,}" if plan.brief.budget else ("未设" if zh else "open")
    first = plan.drafts[0]
    if zh:
        return "\n".join(
            [
                f"**{plan.title}**",
                f"洞察：{plan.insights[0]}",
                f"卖点：{plan.selling_points[0]}",
                f"矩阵：{t.creators} 位达人，花费 ¥{t.cost:,}（总预算 {budget}），预计 CPE ¥{t.expected_cpe or 0:.2f}",
                f"首篇草稿：《{first.title}》",
                f"排期 {len(plan.timeline)} 周；参考 {len(plan.guides_used)} 篇指南。完整方案见导出的 Markdown。",
            ]
        )
    return "\n".join(
        [
            f"**{plan.title}**",
            f"Insight: {plan.insights[0]}",
            f"Selling point: {plan.selling_points[0]}",
            f"Matrix: {t.creators} creators, ¥{t.cost:,} (budget {budget}), expected CPE ¥{t.expected_cpe or 0:.2f}",
            f'First draft: "{first.title}"',
            f"{len(plan.timeline)}-week timeline; {len(plan.guides_used)} guides used. The full plan is in the Markdown export.",
        ]
    )
