"""Tool results as Markdown a marketer reads, in one language, every sentence from the message catalogue.

Two sizes of each: a digest that fits one chat message (the numbers that matter, the top items, one line of
why) and the full version for a file or the terminal. Pure functions of the typed results.
"""

from __future__ import annotations

import csv
import io

from bot.i18n import Lang, join, mostly, t
from bot.models import (
    Brief,
    CampaignPlan,
    ComplianceIssue,
    ComplianceReport,
    InfluencerPlan,
    NoteDraft,
    Pick,
    TrendReport,
    TrendTerm,
)
from bot.resources import category_label
from bot.tools.campaign import pattern_label
from bot.tools.copywriting import CopyResult

PAGE = 5  # items of a list shown at a time in chat


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def money(value: int | None, lang: Lang) -> str:
    return t("common.none", lang) if value is None else f"¥{value:,}"


def fans(value: int | None, lang: Lang) -> str:
    if value is None:
        return "-"
    if lang == "zh" and value >= 10_000:
        return f"{value / 10_000:.1f}万".replace(".0万", "万")
    if lang == "en" and value >= 1_000:
        return f"{value / 1_000:.1f}k".replace(".0k", "k")
    return f"{value:,}"


# --- trends ---------------------------------------------------------------------------------------------------


def trend_subject(report: TrendReport, lang: Lang) -> str:
    return report.topic or category_label(report.category, lang) or t("trends.all_notes", lang)


def _term_line(term: TrendTerm, lang: Lang) -> str:
    label = f"#{term.term}" if term.kind == "hashtag" else term.term
    growth = t("trends.new", lang) if term.growth is None else f"x{term.growth:.1f}"
    return t("trends.term_line", lang, term=label, before=term.previous, now=term.current, growth=growth)


def trend_digest(report: TrendReport, lang: Lang, start: int = 0) -> str:
    """The chat digest: the five terms that moved most each way, three top notes, the timing in one line."""
    w, s = report.window, report.stats
    lines = [
        t("trends.heading", lang, subject=trend_subject(report, lang), days=w.days),
        t(
            "trends.window",
            lang,
            start=w.current_start,
            end=w.current_end,
            before=s.posts_previous,
            now=s.posts_current,
        ),
        "",
    ]
    rising, declining = report.rising[start : start + PAGE], report.declining[start : start + 3]
    if not report.rising and not report.declining:
        lines.append(t("trends.nothing_moved", lang))
    if rising:
        lines += [f"**{t('trends.rising', lang)}**", *[f"- {_term_line(x, lang)}" for x in rising], ""]
    if declining:
        lines += [f"**{t('trends.declining', lang)}**", *[f"- {_term_line(x, lang)}" for x in declining], ""]
    if start == 0 and report.top_posts:
        lines.append(f"**{t('trends.top_notes', lang)}**")
        for p in report.top_posts[:3]:
            lines.append(f"- {_post_line(p.title, p.ces, p.vs_category_median, p.baokuan, p.note_id, lang)}")
        lines.append("")
    if start == 0:
        lines.append(_timing_line(report, lang))
    if len(report.rising) > start + PAGE or len(report.declining) > start + 3:
        lines.append(t("trends.more_terms", lang))
    few = [n for n in report.notes if n.key == "trends.note.few_notes"]
    lines += [f"_{n.render(lang)}_" for n in few]
    return "\n".join(lines).strip()


def _post_line(title: str, ces: int, multiple: float | None, baokuan: bool, note_id: str, lang: Lang) -> str:
    times = t("trends.vs_median", lang, multiple=multiple) if multiple else ""
    return f"{_quoted(title, lang)} CES {ces:,}{times}{' 🔥' if baokuan else ''} `{note_id}`"


def _quoted(title: str, lang: Lang) -> str:
    return f"《{title}》" if lang == "zh" else f"“{title}”"


def _timing_line(report: TrendReport, lang: Lang) -> str:
    s = report.stats
    return t(
        "trends.facts",
        lang,
        video=pct(s.video_share),
        days=join([t(f"common.weekday.{d}", lang) for d in s.best_weekdays], lang) or "-",
        hours=join([t("common.hours", lang, start=h, end=h + 3) for h in s.best_hours], lang) or "-",
    )


def trend_markdown(report: TrendReport, lang: Lang) -> str:
    """The whole report: every term, every top note, timing, title patterns, comments, caveats."""
    w, s = report.window, report.stats
    lines = [
        f"## {t('trends.heading', lang, subject=trend_subject(report, lang), days=w.days)}",
        t(
            "trends.window_full",
            lang,
            start=w.current_start,
            end=w.current_end,
            prev_start=w.previous_start,
            prev_end=w.previous_end,
            before=s.posts_previous,
            now=s.posts_current,
        ),
        "",
    ]
    if not report.rising and not report.declining:
        lines += [t("trends.nothing_moved", lang), ""]
    for key, terms in (("trends.rising", report.rising), ("trends.declining", report.declining)):
        if terms:
            lines += [f"**{t(key, lang)}**", *[f"- {_term_line(x, lang)}" for x in terms], ""]
    if report.top_posts:
        lines.append(f"**{t('trends.top_notes', lang)}**")
        lines += [
            f"- {_post_line(p.title, p.ces, p.vs_category_median, p.baokuan, p.note_id, lang)}"
            for p in report.top_posts
        ]
        lines.append("")
    lines.append(_timing_line(report, lang))
    if s.title_patterns:
        patterns = [
            t(
                "trends.pattern",
                lang,
                label=pattern_label(p.pattern, lang),
                top=pct(p.share_top),
                all=pct(p.share_all),
            )
            for p in s.title_patterns
        ]
        lines.append(t("trends.title_patterns", lang, patterns=join(patterns, lang)))
    if s.comments:
        c = s.comments
        pains = join([f"{p.term} ({p.mentions})" for p in c.pain_points], lang) or "-"
        lines.append(
            t(
                "trends.comments",
                lang,
                n=c.comments,
                positive=pct(c.positive),
                negative=pct(c.negative),
                pains=pains,
            )
        )
    lines += [f"_{n.render(lang)}_" for n in report.notes]
    return "\n".join(lines).strip()


def trend_compare(a: TrendReport, b: TrendReport, lang: Lang) -> str:
    lines = [
        t(
            "trends.compare.heading",
            lang,
            a=trend_subject(a, lang),
            b=trend_subject(b, lang),
            days=a.window.days,
        ),
        "",
    ]
    for report in (a, b):
        s = report.stats
        growth = t("trends.new", lang) if s.volume_growth is None else f"x{s.volume_growth:.1f}"
        median = f"{s.median_ces_current:,.0f}" if s.median_ces_current is not None else "-"
        lines.append(
            t(
                "trends.compare.line",
                lang,
                subject=trend_subject(report, lang),
                before=s.posts_previous,
                now=s.posts_current,
                growth=growth,
                ces=median,
            )
        )
    ga, gb = a.stats.volume_growth or 0, b.stats.volume_growth or 0
    if a.stats.posts_current + b.stats.posts_current:
        leader = a if (ga, a.stats.posts_current) >= (gb, b.stats.posts_current) else b
        lines += ["", t("trends.compare.verdict", lang, subject=trend_subject(leader, lang))]
    return "\n".join(lines).strip()


# --- creators ---------------------------------------------------------------------------------------------------


def tier_name(tier: str, lang: Lang) -> str:
    return t(f"common.tier.{tier}", lang)


def pick_line(number: int, pick: Pick, lang: Lang) -> str:
    """One line per creator: who, how big, the price and the figure that made the pick."""
    estimate = t("creators.estimate_mark", lang) if pick.price_estimated else ""
    why = pick_why(pick, lang)
    return t(
        "creators.pick_line",
        lang,
        n=number,
        name=pick.nickname,
        tier=tier_name(pick.tier, lang),
        fans=fans(pick.fans, lang),
        price=f"¥{pick.price:,}{estimate}",
        why=why,
    )


def pick_why(pick: Pick, lang: Lang) -> str:
    """The one reason that stands out, as a short phrase."""
    parts = []
    if pick.engagement_rate is not None and pick.tier_median_rate:
        parts.append(t("creators.why.rate", lang, rate=pick.engagement_rate, median=pick.tier_median_rate))
    if pick.expected_cpe is not None:
        parts.append(t("creators.why.cpe", lang, cpe=pick.expected_cpe))
    if pick.audience_match is not None:
        parts.append(t("creators.why.audience", lang, match=pick.audience_match))
    if not pick.vertical:
        parts.append(
            t(
                "creators.why.adjacent",
                lang,
                category=category_label(pick.categories[0] if pick.categories else None, lang),
            )
        )
    return join(parts, lang) if lang == "en" else "，".join(parts)


def plan_headline(plan: InfluencerPlan, lang: Lang, subject: str) -> str:
    tt = plan.totals
    key = "creators.headline_budget" if tt.budget is not None else "creators.headline"
    return t(
        key,
        lang,
        subject=subject,
        n=tt.creators,
        cost=tt.cost,
        budget=tt.budget or 0,
        engagement=tt.expected_engagement,
        cpe=tt.expected_cpe or 0,
    )


def tier_line(plan: InfluencerPlan, lang: Lang) -> str:
    parts = [
        t("creators.tier_part", lang, tier=tier_name(x.tier, lang), n=x.creators, spent=x.spent)
        for x in plan.tiers
        if x.creators
    ]
    return t("creators.tiers", lang, tiers=" · ".join(parts)) if parts else ""


def brief_subject(brief: Brief, lang: Lang) -> str:
    """What a plan is for, in a few words: the product, else the category."""
    return brief.product or category_label(brief.category, lang) or t("creators.any_category", lang)


def plan_digest(plan: InfluencerPlan, lang: Lang, start: int = 0, size: int = PAGE) -> str:
    """The chat digest: totals, the tier split in one line, a page of picks with one line of why each."""
    subject = brief_subject(plan.brief, lang)
    picks = plan.picks[start : start + size]
    lines = (
        [plan_headline(plan, lang, subject)]
        if start == 0
        else [t("creators.page", lang, first=start + 1, last=start + len(picks), total=len(plan.picks))]
    )
    if start == 0 and plan.picks:
        lines.append(tier_line(plan, lang))
    lines.append("")
    if not plan.picks:
        lines.append(t("creators.none_found", lang))
    lines += [pick_line(start + i + 1, p, lang) for i, p in enumerate(picks)]
    left = len(plan.picks) - start - len(picks)
    if left > 0:
        lines += ["", t("creators.more_left", lang, n=left)]
    if start == 0:
        starter = [a for a in plan.assumptions if a.key == "creators.note.starter"]
        lines += [f"_{a.render(lang)}_" for a in starter]
    return "\n".join(lines).strip()


def plan_markdown(plan: InfluencerPlan, lang: Lang) -> str:
    """The whole plan: tier table, every pick with its figures, exclusions, assumptions."""
    subject = brief_subject(plan.brief, lang)
    tt = plan.totals
    lines = [
        f"## {t('creators.title', lang)}"
        + (f": {subject}" if subject and lang == "en" else f"：{subject}" if subject else ""),
        plan_headline(plan, lang, subject),
        "",
        t("creators.table_header", lang),
        "|---|---|---|---|---|",
    ]
    for tier in plan.tiers:
        budget = "-" if tier.budget is None else f"¥{tier.budget:,}"
        lines.append(
            f"| {tier_name(tier.tier, lang)} | {tier.share:.0%} | {budget} | ¥{tier.spent:,} | {tier.creators} |"
        )
    lines.append("")
    lines += [f"- {pick_line(i + 1, p, lang)}" for i, p in enumerate(plan.picks)]
    if tt.budget is not None:
        lines += ["", t("creators.remaining", lang, left=tt.remaining or 0)]
    if plan.excluded:
        lines += ["", f"**{t('creators.excluded', lang)}**"]
        lines += [f"- {e.nickname}: {e.reason.render(lang)}" for e in plan.excluded[:15]]
    if plan.assumptions:
        lines += ["", *[f"_{a.render(lang)}_" for a in plan.assumptions]]
    return "\n".join(lines).strip()


def plan_csv(plan: InfluencerPlan, lang: Lang) -> str:
    """Every pick with its figures, for Excel (the caller writes it with a BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(t("creators.csv_header", lang).split("|"))
    for number, p in enumerate(plan.picks, start=1):
        writer.writerow(
            [
                number,
                p.nickname,
                p.influencer_id,
                tier_name(p.tier, lang),
                join([category_label(c, lang) for c in p.categories], lang),
                p.fans or "",
                p.price,
                t("common.yes", lang) if p.price_estimated else t("common.no", lang),
                p.expected_engagement,
                "" if p.engagement_rate is None else f"{p.engagement_rate:.4f}",
                "" if p.expected_cpe is None else f"{p.expected_cpe:.2f}",
                "" if p.audience_match is None else f"{p.audience_match:.2f}",
                f"{p.score:.3f}",
            ]
        )
    return buffer.getvalue()


def pick_card(pick: Pick, number: int | None, lang: Lang) -> str:
    """One creator in full: the figures behind the pick."""
    lines = [
        f"**{pick.nickname}**" + (f" (#{number})" if number else "") + f" `{pick.influencer_id}`",
        t(
            "creators.card.profile",
            lang,
            tier=tier_name(pick.tier, lang),
            fans=fans(pick.fans, lang),
            categories=join([category_label(c, lang) for c in pick.categories], lang) or "-",
        ),
        t(
            "creators.card.price",
            lang,
            price=pick.price,
            format=t(f"creators.format.{pick.format}", lang),
            estimate=t("creators.estimate_mark", lang) if pick.price_estimated else "",
        ),
        t(
            "creators.card.engagement",
            lang,
            engagement=pick.expected_engagement,
            estimate=t("creators.estimate_mark", lang) if pick.engagement_estimated else "",
            rate=pct(pick.engagement_rate),
            median=pct(pick.tier_median_rate),
        ),
        t(
            "creators.card.cpe",
            lang,
            cpe=f"¥{pick.expected_cpe:.2f}" if pick.expected_cpe is not None else "-",
            audience=pct(pick.audience_match),
        ),
    ]
    return "\n".join(lines)


def pick_explain(pick: Pick, plan: InfluencerPlan, number: int | None, lang: Lang) -> str:
    """Why this creator: the score part by part with the figures behind each part."""
    b = pick.breakdown
    lines = [t("creators.explain.heading", lang, name=pick.nickname, score=pick.score)]
    if b is not None:
        w = b.weights
        category = category_label(pick.categories[0] if pick.categories else None, lang) or "-"
        fit = (
            t("creators.explain.vertical", lang, category=category)
            if pick.vertical
            else t("creators.explain.adjacent", lang, category=category)
        )
        lines += [
            f"- {t('creators.explain.relevance', lang, value=b.relevance, weight=w['relevance'], fit=fit)}",
            f"- {t('creators.explain.engagement', lang, value=b.engagement, weight=w['engagement'], rate=pct(pick.engagement_rate), median=pct(pick.tier_median_rate))}",
            f"- {t('creators.explain.cpe', lang, value=b.cpe_rank, weight=w['cpe_rank'], cpe=f'¥{pick.expected_cpe:.2f}' if pick.expected_cpe else '-', tier=tier_name(pick.tier, lang))}",
            f"- {t('creators.explain.audience', lang, value=b.audience, weight=w['audience'], match=pct(pick.audience_match))}",
            f"- {t('creators.explain.price', lang, value=b.quoted_price, weight=w['quoted_price'], price=pick.price)}",
        ]
    same_tier = [p for p in plan.picks if p.tier == pick.tier]
    rank = next((i for i, p in enumerate(same_tier, start=1) if p.influencer_id == pick.influencer_id), None)
    if rank:
        lines.append(
            t("creators.explain.rank", lang, rank=rank, n=len(same_tier), tier=tier_name(pick.tier, lang))
        )
    return "\n".join(lines)


def plan_explain(plan: InfluencerPlan, lang: Lang) -> str:
    """Why these creators: the tier mix, how each pick is scored, what was left out."""
    lines = [t("creators.why_these.heading", lang, n=len(plan.picks), considered=plan.considered)]
    mix = [a for a in plan.assumptions if a.key.startswith("creators.note.mix_")]
    lines += [f"- {a.render(lang)}" for a in mix]
    lines.append(f"- {t('creators.why_these.scoring', lang)}")
    if plan.excluded:
        lines.append(f"- {t('creators.why_these.excluded', lang, n=len(plan.excluded))}")
        lines += [f"  - {e.nickname}: {e.reason.render(lang)}" for e in plan.excluded[:3]]
    return "\n".join(lines)


def picks_compare(a: Pick, b: Pick, lang: Lang) -> str:
    rows = [
        (t("creators.compare.tier", lang), tier_name(a.tier, lang), tier_name(b.tier, lang)),
        (t("creators.compare.fans", lang), fans(a.fans, lang), fans(b.fans, lang)),
        (t("creators.compare.price", lang), f"¥{a.price:,}", f"¥{b.price:,}"),
        (t("creators.compare.rate", lang), pct(a.engagement_rate), pct(b.engagement_rate)),
        (
            t("creators.compare.cpe", lang),
            f"¥{a.expected_cpe:.2f}" if a.expected_cpe else "-",
            f"¥{b.expected_cpe:.2f}" if b.expected_cpe else "-",
        ),
        (t("creators.compare.audience", lang), pct(a.audience_match), pct(b.audience_match)),
        (t("creators.compare.score", lang), f"{a.score:.2f}", f"{b.score:.2f}"),
    ]
    lines = [
        t("creators.compare.heading", lang, a=a.nickname, b=b.nickname),
        "",
        f"| | {a.nickname} | {b.nickname} |",
        "|---|---|---|",
    ]
    lines += [f"| {label} | {x} | {y} |" for label, x, y in rows]
    cheaper = a if (a.expected_cpe or 1e9) <= (b.expected_cpe or 1e9) else b
    lines += ["", t("creators.compare.verdict", lang, name=cheaper.nickname)]
    return "\n".join(lines)


# --- campaign ---------------------------------------------------------------------------------------------------


def draft_markdown(number: int, draft: NoteDraft, lang: Lang) -> str:
    mark = "✅" if draft.compliance_ok else "⚠️"
    lines = [f"**{number}. {draft.title}** {mark}" if draft.title else f"**{number}.** {mark}"]
    if draft.body:
        lines.append(draft.body)
    if draft.hashtags:
        lines.append(" ".join(f"#{h}" for h in draft.hashtags))
    if draft.cover:
        lines.append(t("campaign.cover", lang, cover=draft.cover))
    return "\n".join(lines)


def drafts_markdown(plan: CampaignPlan) -> str:
    lang = plan.lang
    return "\n\n".join(
        [
            t("campaign.drafts_heading", lang, n=len(plan.drafts)),
            *[draft_markdown(i + 1, d, lang) for i, d in enumerate(plan.drafts)],
        ]
    )


def campaign_markdown(plan: CampaignPlan) -> str:
    """The whole plan as a Markdown document."""
    lang = plan.lang
    lines = [f"# {plan.title}", ""]
    lines += [f"## {t('campaign.h.insights', lang)}", *[f"- {i}" for i in plan.insights], ""]
    lines += [f"## {t('campaign.h.define', lang)}", t("campaign.hero", lang, product=plan.hero_product), ""]
    lines += [f"**{t('campaign.h.selling_points', lang)}**", *[f"- {s}" for s in plan.selling_points], ""]
    lines += [t("campaign.scenarios", lang, scenarios=join(plan.scenarios, lang))]
    lines += [t("campaign.pillars_line", lang, pillars=" / ".join(plan.content_pillars)), ""]
    lines.append(f"### {t('campaign.h.drafts', lang)}")
    lines += [draft_markdown(i + 1, d, lang) + "\n" for i, d in enumerate(plan.drafts)]
    lines += [
        f"## {t('campaign.h.expand', lang)}",
        plan_markdown(plan.matrix, lang).replace("## ", "### "),
        "",
    ]
    lines.append(f"### {t('campaign.h.kfs', lang)}")
    for line in plan.kfs:
        amount = f"¥{line.amount:,}" if line.amount is not None else "-"
        lines.append(f"- {line.item}: {line.share:.0%} ({amount})")
    lines += ["", t("campaign.search_keywords", lang, keywords=join(plan.search_keywords, lang)), ""]
    lines += [f"## {t('campaign.h.advocate', lang)}", *[f"- {a}" for a in plan.advocate], ""]
    lines.append(f"## {t('campaign.h.timeline', lang)}")
    lines += [f"- W{w.week} {w.focus}: " + "; ".join(w.actions) for w in plan.timeline]
    lines += ["", "## KPI", *[f"- {k.name}: {k.target} ({k.how})" for k in plan.kpis], ""]
    lines += [f"## {t('campaign.h.risks', lang)}", *[f"- {r}" for r in plan.risks], ""]
    lines += [
        f"## {t('campaign.h.guides', lang)}",
        *[f"- {g.title} (`{g.doc_id}`)" for g in plan.guides_used],
        "",
    ]
    lines += [f"## {t('campaign.h.assumptions', lang)}", *[f"- {a.render(lang)}" for a in plan.assumptions]]
    return "\n".join(lines).strip() + "\n"


def campaign_digest(plan: CampaignPlan) -> str:
    lang = plan.lang
    tt = plan.matrix.totals
    budget = money(plan.brief.budget, lang)
    titles = join([_quoted(d.title, lang) for d in plan.drafts], lang)
    return "\n".join(
        [
            f"**{plan.title}**",
            t("campaign.digest.insight", lang, insight=plan.insights[0]),
            t("campaign.digest.point", lang, point=plan.selling_points[0]),
            t(
                "campaign.digest.matrix",
                lang,
                n=tt.creators,
                cost=tt.cost,
                budget=budget,
                cpe=tt.expected_cpe or 0,
            ),
            t(
                "campaign.digest.kfs",
                lang,
                split=" · ".join(
                    f"{line.item.split('：')[0].split(':')[0]} {line.share:.0%}" for line in plan.kfs
                ),
            ),
            t("campaign.digest.drafts", lang, titles=titles),
            t("campaign.digest.rest", lang, weeks=len(plan.timeline), guides=len(plan.guides_used)),
        ]
    )


# --- compliance -------------------------------------------------------------------------------------------------


def issue_advice(issue: ComplianceIssue, lang: Lang) -> str:
    """What to do, in the reader's language; the words to put in stay in the copy's language."""
    if issue.replacement is not None:
        return t("compliance.replace_with", lang, text=issue.replacement)
    if mostly(issue.suggestion) == lang:
        return issue.suggestion
    return t(f"compliance.advice.{issue.category}", lang)


def compliance_markdown(report: ComplianceReport, lang: Lang, limit: int = 10) -> str:
    if report.ok and not report.issues:
        return t("compliance.ok", lang)
    key = "compliance.found" if not report.ok else "compliance.found_minor"
    lines = [t(key, lang, n=len(report.issues))]
    for issue in report.issues[:limit]:
        lines.append(
            t(
                "compliance.issue_line",
                lang,
                severity=t(f"compliance.severity.{issue.severity}", lang),
                kind=t(f"compliance.kind.{issue.category}", lang),
                term=issue.term,
                advice=issue_advice(issue, lang),
            )
        )
    if len(report.issues) > limit:
        lines.append(t("compliance.more_issues", lang, n=len(report.issues) - limit))
    if report.rewritten:
        lines += ["", f"**{t('compliance.rewrite', lang)}**", report.rewritten]
    return "\n".join(lines)


# --- copy -------------------------------------------------------------------------------------------------------


def copy_digest(result: CopyResult, lang: Lang, start: int = 0) -> str:
    q = result.query
    subject = q.product or category_label(q.category, lang)
    if q.kind == "note":
        piece = result.pieces[0] if result.pieces else None
        lines = [t("copy.note_heading", lang, subject=subject)]
        lines += ["", draft_markdown(1, piece, lang)] if piece else ["", t("copy.nothing_passed", lang)]
    else:
        lines = [t("copy.titles_heading", lang, n=len(result.pieces), subject=subject)]
        lines += [f"{i + 1}. {p.title}" for i, p in enumerate(result.pieces)]
        if not result.pieces:
            lines.append(t("copy.nothing_passed", lang))
    if result.patterns:
        labels = join([pattern_label(p.pattern, lang) for p in result.patterns[:2]], lang)
        lines += ["", t("copy.patterns_note", lang, patterns=labels)]
    lines.append(t("copy.checked_note", lang))
    return "\n".join(lines)


def copy_markdown(result: CopyResult, lang: Lang) -> str:
    return "\n\n".join(draft_markdown(i + 1, p, lang) for i, p in enumerate(result.pieces))
