"""The marketing tools on data built so the right answer is known by construction."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Audience, Brief
from bot.store.knowledge_base import KnowledgeBase
from bot.store.normalize import CHINA_TZ
from bot.tools.campaign import CampaignQuery, draft_campaign
from bot.tools.compliance import check_compliance
from bot.tools.context import ToolContext
from bot.tools.copywriting import title_width
from bot.tools.influencers import KolQuery, suggest_influencers
from bot.tools.trends import TrendQuery, trend_lookup
from tests.helpers import make_settings

AS_OF = date(2026, 10, 31)
FAKE_ID = "fake-fans-creator"
PAID_ID = "paid-everything-creator"


def _post(i: int, day: date, tags: list[str], likes: int, title: str = "") -> dict[str, object]:
    at = datetime(day.year, day.month, day.day, 20, 0, tzinfo=CHINA_TZ)
    return {
        "note_id": f"p{i:04d}",
        "title": title or f"护肤日常 {i}",
        "body": "今天分享一下我的护肤步骤，" + "，".join(tags),
        "format": "video" if i % 3 == 0 else "image",
        "category": "skincare",
        "tags": tags,
        "published_at": at.isoformat(),
        "likes": likes,
        "collects": likes // 2,
        "comments": likes // 20,
        "shares": likes // 50,
    }


def _build_posts() -> list[dict[str, object]]:
    rng = random.Random(3)
    posts: list[dict[str, object]] = []
    # Steady background: 2 notes a day for 60 days, everyday tags.
    for offset in range(60):
        day = AS_OF - timedelta(days=offset)
        for _ in range(2):
            posts.append(
                _post(len(posts), day, ["护肤", rng.choice(["好物分享", "护肤日常"])], rng.randint(50, 300))
            )
    # Planted: 冰川精华 rises (2 -> 14 notes), 水光针平替 fades (14 -> 2), 昙花一现 has 2 new notes only.
    for n, (tag, before, after) in enumerate(
        (("冰川精华", 2, 14), ("水光针平替", 14, 2), ("昙花一现", 0, 2))
    ):
        for k in range(before):
            posts.append(_post(len(posts), AS_OF - timedelta(days=31 + (k * 2 + n) % 28), ["护肤", tag], 200))
        for k in range(after):
            posts.append(_post(len(posts), AS_OF - timedelta(days=(k * 2 + n) % 28), ["护肤", tag], 260))
    # One viral note in the current window.
    posts.append(
        _post(len(posts), AS_OF - timedelta(days=3), ["护肤", "冰川精华"], 90_000, "冰川精华用了一个月")
    )
    return posts


def _influencer(i: int, fans: int, price: int | None, likes: int, **extra: object) -> dict[str, object]:
    return {
        "influencer_id": extra.pop("influencer_id", f"inf{i:03d}"),
        "nickname": f"护肤博主{i}",
        "categories": extra.pop("categories", ["skincare"]),
        "fans": fans,
        "avg_likes": likes,
        "avg_collects": likes // 2,
        "avg_comments": likes // 20,
        "price_image": price,
        "price_video": round(price * 1.5) if price else None,
        "audience": {"female_share": 0.9, "age": {"18-24": 0.5, "25-30": 0.5}, "city_tier": {"tier1": 0.6}},
        "sponsored_share": extra.pop("sponsored_share", 0.1),
        **extra,
    }


def _build_influencers() -> list[dict[str, object]]:
    rng = random.Random(5)
    rows = []
    for i in range(60):
        tier_fans = [
            rng.randint(500_000, 1_500_000),
            rng.randint(100_000, 499_999),
            rng.randint(10_000, 99_999),
            rng.randint(1_000, 9_999),
        ][i % 4]
        price = None if i % 10 == 7 else max(300, round(tier_fans * rng.uniform(0.05, 0.1), -2))
        rows.append(_influencer(i, tier_fans, price, round(tier_fans * rng.uniform(0.03, 0.06))))
    rows.append(_influencer(90, 900_000, 20_000, 150, influencer_id=FAKE_ID))  # 0.03% engagement
    rows.append(_influencer(91, 300_000, 8_000, 15_000, influencer_id=PAID_ID, sponsored_share=0.85))
    rows.append(_influencer(92, 200_000, 9_000, 9_000, categories=["mens_grooming"]))  # adjacent category
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ToolContext]:
    root = tmp_path_factory.mktemp("tools")
    knowledge = root / "knowledge"
    _write_jsonl(knowledge / "posts.jsonl", _build_posts())
    _write_jsonl(knowledge / "influencers.jsonl", _build_influencers())
    comments = [
        {"comment_id": f"c{i}", "note_id": "p0130", "content": text, "created_at": "2026-10-30 10:00:00"}
        for i, text in enumerate(["用了有点过敏", "过敏了怎么办", "好用，已回购", "求链接", "太贵了"])
    ]
    _write_jsonl(knowledge / "comments.jsonl", comments)
    (knowledge / "guide.md").write_text(
        "# 护肤品类打法\n\n## 达人矩阵\n头部、腰部、KOC 搭配，先铺量再加热。\n", encoding="utf-8"
    )
    kb = KnowledgeBase(make_settings(root / "data", knowledge))
    kb.ensure_ready()
    yield ToolContext(kb)
    kb.close()


# --- trend_lookup ---------------------------------------------------------------------------------------------


def test_planted_rising_and_fading_tags_come_first(ctx: ToolContext) -> None:
    report = trend_lookup(ctx, TrendQuery(topic="", category="skincare", days=30))
    assert report.window.as_of == AS_OF and report.window.current_start == AS_OF - timedelta(days=29)
    rising_tags = [t.term for t in report.rising if t.kind == "hashtag"]
    assert rising_tags[0] == "冰川精华"
    first = report.rising[0]
    assert (first.previous, first.current) == (2, 15) and first.growth and first.growth > 3
    assert first.engagement_growth and first.engagement_growth > 1
    assert next(t.term for t in report.declining if t.kind == "hashtag") == "水光针平替"
    # Two notes are not a trend (minimum support).
    assert "昙花一现" not in [t.term for t in report.rising]


def test_top_posts_flag_the_viral_note_and_sources_are_window_notes(ctx: ToolContext) -> None:
    report = trend_lookup(ctx, TrendQuery(topic="冰川精华", days=30))
    assert report.category == "skincare"
    top = report.top_posts[0]
    assert (
        top.title == "冰川精华用了一个月"
        and top.baokuan
        and top.vs_category_median
        and top.vs_category_median > 3
    )
    assert [p.ces for p in report.top_posts] == sorted((p.ces for p in report.top_posts), reverse=True)
    assert report.stats.posts_current == 15 and report.stats.posts_previous == 2
    assert set(report.sources) == {p.note_id for p in report.top_posts} | set(report.sources)
    assert len(report.sources) == 17
    assert report.stats.matched_by == {"hashtag": 17}


def test_comment_pain_points_where_comments_exist(ctx: ToolContext) -> None:
    report = trend_lookup(ctx, TrendQuery(topic="", category="护肤", days=30))
    assert report.stats.comments is not None
    assert report.stats.comments.pain_points[0].term == "过敏"
    assert report.stats.comments.pain_points[0].mentions == 2


def test_as_of_moves_the_window(ctx: ToolContext) -> None:
    report = trend_lookup(ctx, TrendQuery(topic="冰川精华", days=10, as_of=AS_OF - timedelta(days=30)))
    assert report.window.current_end == AS_OF - timedelta(days=30)
    assert report.stats.posts_current <= 2


# --- suggest_influencers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("budget", [20_000, 80_000, 300_000, 1_000_000])
def test_budget_is_never_exceeded_and_fakes_are_excluded(ctx: ToolContext, budget: int) -> None:
    plan = suggest_influencers(ctx, KolQuery(brief=Brief(category="skincare", budget=budget)))
    assert plan.totals.cost == sum(p.price for p in plan.picks) <= budget
    assert plan.totals.creators == len(plan.picks) > 0
    ids = {p.influencer_id for p in plan.picks}
    assert FAKE_ID not in ids and PAID_ID not in ids
    reasons = {e.influencer_id: e.reason for e in plan.excluded}
    assert reasons[FAKE_ID].render("en").startswith("suspected fake fans")
    assert reasons[PAID_ID].render("en").startswith("over-commercialised")
    assert reasons[PAID_ID].render("zh").startswith("商业化过重")


def test_tiers_follow_the_configured_ratios(ctx: ToolContext) -> None:
    plan = suggest_influencers(ctx, KolQuery(brief=Brief(category="skincare", budget=400_000)))
    mix = ctx.settings.tier_mix
    assert {t.tier: t.share for t in plan.tiers} == mix
    # A tier spends its share plus what the tiers above it could not use, never what belongs below it.
    budget_so_far = spent_so_far = 0
    for tier in plan.tiers:
        budget_so_far += tier.budget or 0
        spent_so_far += tier.spent
        assert tier.creators > 0
    assert spent_so_far <= 400_000
    head = next(t for t in plan.tiers if t.tier == "head")
    assert head.spent <= head.budget  # type: ignore[operator]
    assert any(not p.vertical for p in plan.picks)  # a few adjacent-category creators
    assert sum(not p.vertical for p in plan.picks) <= max(1, len(plan.picks) // 3)


def test_missing_prices_are_estimated_and_said_so(ctx: ToolContext) -> None:
    plan = suggest_influencers(ctx, KolQuery(brief=Brief(category="skincare", budget=1_000_000)))
    estimated = [p for p in plan.picks if p.price_estimated]
    assert estimated and all(
        p.influencer_id.startswith("inf") and int(p.influencer_id[3:]) % 10 == 7 for p in estimated
    )
    assert any("estimated" in a.render("en") for a in plan.assumptions)
    assert any("估算" in a.render("zh") for a in plan.assumptions)


def test_count_and_audience_from_the_brief(ctx: ToolContext) -> None:
    brief = Brief(
        product="护肤精华",
        category="skincare",
        count=8,
        audience=Audience(female_share=0.85, age={"18-24": 1.0}, city_tier={"tier1": 1.0, "new_tier1": 1.0}),
    )
    plan = suggest_influencers(ctx, KolQuery(brief=brief))
    assert len(plan.picks) == 8 and plan.totals.budget is None
    assert all(p.audience_match is not None and p.audience_match > 0.5 for p in plan.picks)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=3_000_000))
def test_any_budget_is_respected(ctx: ToolContext, budget: int) -> None:
    plan = suggest_influencers(ctx, KolQuery(brief=Brief(category="skincare", budget=budget)))
    assert plan.totals.cost <= budget
    assert plan.totals.remaining == budget - plan.totals.cost


# --- draft_campaign -----------------------------------------------------------------------------------------------


def test_campaign_plan_is_complete_and_its_copy_is_compliant(ctx: ToolContext) -> None:
    brief = Brief(
        product="冰川精华",
        category="skincare",
        goal="launch",
        budget=300_000,
        audience=Audience(female_share=0.85, age={"18-30": 1.0}),
    )
    plan = draft_campaign(ctx, CampaignQuery(brief=brief, lang="zh"))
    assert plan.lang == "zh" and plan.hero_product
    assert any("冰川精华" in line for line in plan.insights)
    assert len(plan.drafts) == 3
    for draft in plan.drafts:
        assert title_width(draft.title) <= 20 and 3 <= len(draft.hashtags) <= 8
        assert draft.compliance_ok and check_compliance(f"{draft.title}\n{draft.body}").ok
    kol_line = plan.kfs[0]
    assert kol_line.amount is not None and plan.matrix.totals.cost <= kol_line.amount
    assert sum(line.amount or 0 for line in plan.kfs) <= 300_000
    assert [c.doc_id for c in plan.guides_used] == ["guide.md"]
    assert len(plan.timeline) == 6 and plan.kpis and plan.risks and plan.advocate


def test_english_brief_gets_an_english_plan(ctx: ToolContext) -> None:
    plan = draft_campaign(
        ctx,
        CampaignQuery(
            brief=Brief(
                product="glacier serum", category="skincare", goal="launch", budget=144_000, currency="USD"
            ),
            weeks=4,
            lang="en",
        ),
    )
    assert plan.lang == "en" and plan.title.endswith("a RED IDEA campaign plan")
    # The words around the data are English; hashtags and quoted pain points are data and stay as written.
    for line in [*plan.selling_points, *plan.advocate, *plan.risks, *(t.focus for t in plan.timeline)]:
        assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"#\S+|\"[^\"]*\"|\([^)]*\)", "", line)), line
    assert len(plan.timeline) == 4 and plan.timeline[-1].focus == "Review and advocacy"
    assert all(d.compliance_ok for d in plan.drafts)
