"""suggest_influencers: a BKC creator matrix for a brief, within budget.

Not a ranking: a mix of tiers (head / mid / junior / KOC, budget shares from settings or the goal's rule of
thumb), vertical creators plus a few from adjacent categories, never over budget. Every number comes from the
creator records; what is missing (prices, per-note averages) is estimated from the tier's medians in the data and
marked as an estimate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from bot.i18n import Note, both
from bot.models import (
    Audience,
    Brief,
    Excluded,
    Influencer,
    InfluencerPlan,
    Pick,
    PlanTotals,
    ScoreBreakdown,
    Tier,
    TierPlan,
)
from bot.resources import category_label, marketing, normalize_category
from bot.tools.context import ToolContext
from bot.tools.metrics import median

TIERS: tuple[Tier, ...] = ("head", "mid", "junior", "koc")
STARTER_COUNT = 6  # a matrix asked for with neither a budget nor a number: small, and it says so
WEIGHTS = {"relevance": 0.35, "engagement": 0.2, "cpe_rank": 0.2, "audience": 0.2, "quoted_price": 0.05}
_AGE_BUCKETS = {"<18": (0, 17), "18-24": (18, 24), "25-30": (25, 30), "31-40": (31, 40), ">40": (41, 99)}


class KolQuery(BaseModel):
    """A brief plus the knobs a marketer turns."""

    brief: Brief
    count: int | None = Field(None, ge=1, le=200, description="number of creators; default from the brief")
    format: Literal["image", "video"] = Field("image", description="note format the prices are for")


@dataclass
class Candidate:
    influencer: Influencer
    tier: Tier
    vertical: bool
    price: int
    price_estimated: bool
    engagement: int
    engagement_estimated: bool
    engagement_rate: float | None
    audience_match: float | None
    relevance: float
    score: float = 0.0
    breakdown: ScoreBreakdown | None = None

    @property
    def cpe(self) -> float | None:
        return round(self.price / self.engagement, 2) if self.engagement else None


@dataclass
class TierNorms:
    engagement_rate: float | None
    price: dict[str, float | None]


def suggest_influencers(ctx: ToolContext, query: KolQuery) -> InfluencerPlan:
    """Build a BKC influencer matrix for the brief: tier mix, vertical plus adjacent-category creators, total
    cost within budget, a reason per pick, totals (cost, expected engagement, CPE), assumptions, and creators
    excluded with the reason (suspected fake fans, over-commercialised)."""
    settings = ctx.settings
    rules = marketing()
    brief = query.brief
    category = normalize_category(brief.category) if brief.category else None
    influencers = ctx.records().influencers
    tier_of = {i.influencer_id: _tier(i, settings.tier_min_fans) for i in influencers}
    norms = _norms(influencers, tier_of)
    assumptions: list[Note] = []
    excluded: list[Excluded] = []
    similarity = _similarity(ctx, brief, category)
    adjacent_categories = set(rules["adjacent_categories"].get(category, [])) if category else set()  # type: ignore[union-attr]

    candidates: list[Candidate] = []
    for influencer in influencers:
        primary = influencer.categories[0] if influencer.categories else None
        # Vertical: the brief's category is the creator's main one. Adjacent: a secondary category of theirs,
        # or a main category next to it (BKC borrows trust from neighbouring audiences).
        vertical = category is None or primary == category
        if not vertical and category not in influencer.categories and primary not in adjacent_categories:
            continue
        tier = tier_of[influencer.influencer_id]
        reason = _red_flag(influencer, tier, norms, rules)
        if reason:
            excluded.append(
                Excluded(influencer_id=influencer.influencer_id, nickname=influencer.nickname, reason=reason)
            )
            continue
        price, price_estimated = _price(influencer, tier, query.format, norms, rules)
        engagement, engagement_estimated = _engagement(influencer, tier, norms)
        rate = round(engagement / influencer.fans, 4) if influencer.fans and engagement else None
        candidates.append(
            Candidate(
                influencer,
                tier,
                vertical,
                price,
                price_estimated,
                engagement,
                engagement_estimated,
                rate,
                _audience_match(brief.audience, influencer.audience),
                similarity.get(influencer.influencer_id, 0.0),
            )
        )
    _score(candidates, norms)

    mix = _mix(brief, settings.tier_mix, rules)
    budget = brief.budget
    count = query.count or brief.count
    if budget is None and count is None:
        count = STARTER_COUNT
        assumptions.append(Note(key="creators.note.starter", params={"n": STARTER_COUNT}))
    picks, tier_plans = _build(candidates, mix, budget, count, float(rules["adjacent_share"]))  # type: ignore[arg-type]
    chosen = [_pick(c, norms, query.format) for c in picks]
    cost = sum(p.price for p in chosen)
    engagement = sum(p.expected_engagement for p in chosen)
    totals = PlanTotals(
        budget=budget,
        cost=cost,
        remaining=budget - cost if budget is not None else None,
        creators=len(chosen),
        vertical=sum(p.vertical for p in chosen),
        adjacent=sum(not p.vertical for p in chosen),
        expected_engagement=engagement,
        expected_cpe=round(cost / engagement, 2) if engagement else None,
    )
    assumptions += _assumptions(brief, category, mix, chosen, query.format, settings.usd_cny_rate)
    if count is not None and budget is not None and len(chosen) >= count and totals.remaining:
        assumptions.append(
            Note(key="creators.note.stopped_at_count", params={"n": count, "left": totals.remaining})
        )
    for plan in tier_plans:
        if plan.budget and not plan.creators:
            assumptions.append(
                Note(
                    key="creators.note.tier_unfilled",
                    params={"tier": both(f"common.tier.{plan.tier}"), "budget": plan.budget},
                )
            )
    excluded.sort(key=lambda e: (e.reason.key, e.nickname))
    return InfluencerPlan(
        brief=brief,
        picks=chosen,
        tiers=tier_plans,
        totals=totals,
        assumptions=assumptions,
        excluded=excluded[:30],
        considered=len(candidates),
    )


def _tier(influencer: Influencer, cutoffs: dict[str, int]) -> Tier:
    if influencer.fans is not None:
        for tier in TIERS:
            if influencer.fans >= cutoffs[tier]:
                return tier
        return "koc"
    return influencer.tier or "koc"


def _raw_engagement(influencer: Influencer) -> int | None:
    parts = [influencer.avg_likes, influencer.avg_collects, influencer.avg_comments]
    if all(p is None for p in parts):
        return None
    return sum(p or 0 for p in parts) + (influencer.avg_shares or 0)


def _norms(influencers: list[Influencer], tier_of: dict[str, Tier]) -> dict[str, TierNorms]:
    norms: dict[str, TierNorms] = {}
    for tier in TIERS:
        members = [i for i in influencers if tier_of[i.influencer_id] == tier]
        rates = [e / i.fans for i in members if i.fans and (e := _raw_engagement(i)) is not None]
        norms[tier] = TierNorms(
            engagement_rate=median(rates),
            price={
                "image": median(i.price_image for i in members if i.price_image),
                "video": median(i.price_video for i in members if i.price_video),
            },
        )
    return norms


def _red_flag(influencer: Influencer, tier: Tier, norms: dict[str, TierNorms], rules: dict) -> Note | None:  # type: ignore[type-arg]
    engagement = _raw_engagement(influencer)
    norm = norms[tier].engagement_rate
    if influencer.fans and engagement is not None and norm:
        rate = engagement / influencer.fans
        if rate < rules["fake_fans_ratio"] * norm:
            return Note(
                key="creators.excluded.fake_rate",
                params={"rate": rate, "norm": norm, "fans": influencer.fans},
            )
    elif influencer.fans and influencer.interaction is not None:
        per_fan = influencer.interaction / influencer.fans
        if per_fan < rules["min_interaction_per_fan"]:
            return Note(key="creators.excluded.fake_interaction", params={"per_fan": per_fan})
    if influencer.sponsored_share is not None and influencer.sponsored_share > rules["overcommercial_share"]:
        return Note(key="creators.excluded.overcommercial", params={"share": influencer.sponsored_share})
    return None


def _price(
    influencer: Influencer,
    tier: Tier,
    fmt: str,
    norms: dict[str, TierNorms],
    rules: dict,  # type: ignore[type-arg]
) -> tuple[int, bool]:
    quoted = influencer.price_video if fmt == "video" else influencer.price_image
    if quoted:
        return quoted, False
    other = influencer.price_image if fmt == "video" else influencer.price_video
    multiple = float(rules["video_price_multiple"])
    if other:
        return round(other * multiple if fmt == "video" else other / multiple, -2) or 100, True
    tier_median = norms[tier].price.get(fmt)
    if tier_median:
        return int(round(tier_median, -2)), True
    return max(300, int(round((influencer.fans or 1000) * float(rules["estimated_price_per_fan"]), -2))), True


def _engagement(influencer: Influencer, tier: Tier, norms: dict[str, TierNorms]) -> tuple[int, bool]:
    engagement = _raw_engagement(influencer)
    if engagement is not None:
        return engagement, False
    if influencer.interaction and influencer.notes_count:
        return max(1, influencer.interaction // influencer.notes_count), True
    rate = norms[tier].engagement_rate or 0.03
    return max(1, round((influencer.fans or 0) * rate)), True


def _similarity(ctx: ToolContext, brief: Brief, category: str | None) -> dict[str, float]:
    """Cosine similarity of each creator's profile to the brief, as a 0..1 rank (scores sit in a narrow band)."""
    text = " ".join(
        filter(
            None, [brief.product, brief.brand, category_label(category, "zh"), category_label(category, "en")]
        )
    )
    if not text.strip():
        return {}
    ranked = ctx.kb.similar_of_kind(text, "influencer")
    total = max(1, len(ranked) - 1)
    return {chunk_id.split(":", 1)[1]: 1 - i / total for i, (chunk_id, _) in enumerate(ranked)}


def _audience_match(wanted: Audience | None, actual: Audience | None) -> float | None:
    if wanted is None or actual is None:
        return None
    parts: list[float] = []
    if wanted.female_share is not None and actual.female_share is not None:
        parts.append(1 - abs(wanted.female_share - actual.female_share))
    if wanted.age and actual.age:
        low = min(int(k.split("-")[0]) for k in wanted.age)
        high = max(int(k.split("-")[1]) for k in wanted.age)
        parts.append(
            sum(
                share
                for bucket, share in actual.age.items()
                if bucket in _AGE_BUCKETS and _overlaps(_AGE_BUCKETS[bucket], (low, high))
            )
        )
    if wanted.city_tier and actual.city_tier:
        parts.append(sum(share for tier, share in actual.city_tier.items() if tier in wanted.city_tier))
    return round(sum(parts) / len(parts), 3) if parts else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _score(candidates: list[Candidate], norms: dict[str, TierNorms]) -> None:
    """0..1: relevance 35%, engagement rate vs tier 20%, CPE within tier 20%, audience 20%, quoted price 5%."""
    cpe_rank: dict[str, float] = {}
    for tier in TIERS:
        members = sorted((c for c in candidates if c.tier == tier and c.cpe), key=lambda c: c.cpe or 0)
        for i, c in enumerate(members):
            cpe_rank[c.influencer.influencer_id] = 1 - i / max(1, len(members) - 1)
    for c in candidates:
        norm = norms[c.tier].engagement_rate
        parts = {
            "relevance": 0.5 * (1.0 if c.vertical else 0.6) + 0.5 * c.relevance,
            "engagement": min(2.0, (c.engagement_rate or 0) / norm) / 2 if norm else 0.5,
            "cpe_rank": cpe_rank.get(c.influencer.influencer_id, 0.5),
            "audience": c.audience_match if c.audience_match is not None else 0.5,
            "quoted_price": 0.0 if c.price_estimated else 1.0,
        }
        c.breakdown = ScoreBreakdown(**{k: round(v, 4) for k, v in parts.items()}, weights=WEIGHTS)
        c.score = round(sum(WEIGHTS[k] * v for k, v in parts.items()), 4)


def _mix(brief: Brief, default: dict[str, float], rules: dict) -> dict[str, float]:  # type: ignore[type-arg]
    if brief.tiers:  # the marketer asked for these tiers only: split evenly between them
        return {t: (1 / len(set(brief.tiers)) if t in brief.tiers else 0.0) for t in TIERS}
    by_goal = rules["tier_mix_by_goal"]
    if brief.goal in by_goal:
        return dict(by_goal[brief.goal])
    return dict(default)


def _build(
    candidates: list[Candidate],
    mix: dict[str, float],
    budget: int | None,
    count: int | None,
    adjacent_share: float,
) -> tuple[list[Candidate], list[TierPlan]]:
    """Fill each tier's share of the budget (or of the count) best score first; what a tier cannot use flows
    to the next tier down, then a last pass fills what is left. Never exceeds the budget."""
    by_tier = {t: sorted((c for c in candidates if c.tier == t), key=lambda c: -c.score) for t in TIERS}
    picked: list[Candidate] = []
    taken: set[str] = set()
    spent_by_tier = dict.fromkeys(TIERS, 0)
    carry = 0.0

    def fits(c: Candidate, allowance: float | None) -> bool:
        if c.influencer.influencer_id in taken:
            return False
        if budget is not None and sum(p.price for p in picked) + c.price > budget:
            return False
        if allowance is not None and c.price > allowance:
            return False
        adjacent = sum(not p.vertical for p in picked)
        return c.vertical or adjacent + 1 <= max(1, math.floor(adjacent_share * (len(picked) + 1)))

    def take(c: Candidate) -> None:
        picked.append(c)
        taken.add(c.influencer.influencer_id)
        spent_by_tier[c.tier] += c.price

    for tier in TIERS:
        allowance = budget * mix[tier] + carry if budget is not None else None
        target = math.ceil(count * mix[tier]) if count is not None else None
        in_tier = 0
        for c in by_tier[tier]:
            if (count is not None and len(picked) >= count) or (target is not None and in_tier >= target):
                break
            if fits(c, allowance):
                take(c)
                in_tier += 1
                if allowance is not None:
                    allowance -= c.price
        carry = allowance if allowance is not None else 0.0
    # Last pass: what is left of the budget (or the count) goes to the best remaining creators, cheapest
    # tiers first, so a small budget still gets a matrix.
    for tier in reversed(TIERS):
        if not mix[tier]:
            continue  # a tier left out ("only mid-tier and junior") stays out
        for c in by_tier[tier]:
            if count is not None and len(picked) >= count:
                break
            if fits(c, None):
                take(c)
    plans = [
        TierPlan(
            tier=t,
            share=mix[t],
            budget=round(budget * mix[t]) if budget is not None else None,
            spent=spent_by_tier[t],
            creators=sum(1 for p in picked if p.tier == t),
        )
        for t in TIERS
    ]
    order = {t: i for i, t in enumerate(TIERS)}
    picked.sort(key=lambda c: (order[c.tier], -c.score))
    return picked, plans


def _pick(c: Candidate, norms: dict[str, TierNorms], fmt: Literal["image", "video"]) -> Pick:
    i = c.influencer
    return Pick(
        influencer_id=i.influencer_id,
        nickname=i.nickname,
        tier=c.tier,
        categories=i.categories,
        vertical=c.vertical,
        fans=i.fans,
        format=fmt,
        price=c.price,
        price_estimated=c.price_estimated,
        expected_engagement=c.engagement,
        engagement_estimated=c.engagement_estimated,
        expected_cpe=c.cpe,
        engagement_rate=c.engagement_rate,
        audience_match=c.audience_match,
        tier_median_rate=norms[c.tier].engagement_rate,
        score=c.score,
        breakdown=c.breakdown,
    )


def _assumptions(
    brief: Brief,
    category: str | None,
    mix: dict[str, float],
    picks: list[Pick],
    fmt: str,
    usd_rate: float,
) -> list[Note]:
    shares = {f"{t}_share": mix[t] for t in TIERS}
    basis = (
        "creators.note.mix_asked"
        if brief.tiers
        else f"creators.note.mix_{brief.goal}"
        if brief.goal in ("awareness", "conversion")
        else "creators.note.mix_default"
    )
    notes = [
        Note(key=basis, params=shares),
        Note(key="creators.note.prices", params={"format": both(f"creators.format.{fmt}")}),
    ]
    if category is None:
        notes.append(Note(key="creators.note.no_category"))
    estimated = sum(p.price_estimated for p in picks)
    if estimated:
        notes.append(Note(key="creators.note.prices_estimated", params={"n": estimated}))
    guessed = sum(p.engagement_estimated for p in picks)
    if guessed:
        notes.append(Note(key="creators.note.engagement_estimated", params={"n": guessed}))
    if brief.currency == "USD":
        notes.append(Note(key="creators.note.usd", params={"rate": usd_rate}))
    return notes


def profile(ctx: ToolContext, influencer_id: str, fmt: Literal["image", "video"] = "image") -> Pick | None:
    """One creator's figures as a matrix would show them (tier, price, engagement, CPE against the tier's
    median), for a creator who is not in a plan: "tell me about X", "X vs Y"."""
    settings = ctx.settings
    influencers = ctx.records().influencers
    record = next((i for i in influencers if i.influencer_id == influencer_id), None)
    if record is None:
        return None
    tier_of = {i.influencer_id: _tier(i, settings.tier_min_fans) for i in influencers}
    norms = _norms(influencers, tier_of)
    tier = tier_of[influencer_id]
    price, price_estimated = _price(record, tier, fmt, norms, marketing())
    engagement, engagement_estimated = _engagement(record, tier, norms)
    rate = round(engagement / record.fans, 4) if record.fans and engagement else None
    candidate = Candidate(
        record, tier, True, price, price_estimated, engagement, engagement_estimated, rate, None, 0.0
    )
    return _pick(candidate, norms, fmt)
