"""Briefs in free text: budgets in every spelling, audiences, counts, goals, products."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.tools.briefs import AmountError, find_budget, find_count, parse_amount, parse_brief


@pytest.mark.parametrize(
    ("text", "cny"),
    [
        ("50万", 500_000),
        ("30w", 300_000),
        ("¥200,000", 200_000),
        ("200k RMB", 200_000),
        ("$30k", 216_000),
        ("1.5万元", 15_000),
        ("3000", 3000),
        ("￥8,800", 8800),
        ("2百万", 2_000_000),
        ("30K", 30_000),
    ],
)
def test_amounts(text: str, cny: int) -> None:
    assert parse_amount(text) == cny


def test_usd_rate_is_configurable() -> None:
    assert parse_amount("$10k", usd_rate=7.0) == 70_000


@pytest.mark.parametrize("text", ["", "lots", "万", "-5万", "$"])
def test_not_amounts(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@given(st.integers(min_value=1, max_value=9_999))
def test_wan_and_w_and_k_agree(n: int) -> None:
    assert parse_amount(f"{n}万") == parse_amount(f"{n}w") == parse_amount(f"{n * 10}k") == n * 10_000


@given(st.integers(min_value=1_000, max_value=10**9))
def test_comma_grouped_yuan(n: int) -> None:
    assert parse_amount(f"¥{n:,}") == n == parse_amount(f"{n} RMB")


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("多巴胺穿搭女装新品，预算20万，18-30岁一二线女性", 200_000),
        ("launch in 618 with 15 KOLs, budget $30k", 216_000),
        ("找10个达人 18-24岁 预算 5w", 50_000),
        ("618大促找20个博主", None),
        ("预算控制在 80000 以内", 80_000),
    ],
)
def test_budget_in_a_sentence_ignores_ages_counts_and_dates(text: str, budget: int | None) -> None:
    assert find_budget(text) == budget


@given(
    st.integers(min_value=1, max_value=300),
    st.sampled_from(["个达人", "位博主", " KOLs", " creators", "个母婴博主"]),
)
def test_counts(n: int, suffix: str) -> None:
    assert find_count(f"帮我找{n}{suffix}") == n


@pytest.mark.parametrize(
    ("text", "n"), [("五位博主", 5), ("十个达人", 10), ("二十个KOC", 20), ("十五个达人", 15)]
)
def test_chinese_numeral_counts(text: str, n: int) -> None:
    assert find_count(text) == n


def test_a_full_chinese_brief() -> None:
    brief = parse_brief("多巴胺穿搭女装新品，预算20万，18-30岁一二线女性")
    assert brief.product == "多巴胺穿搭女装新品" and brief.category == "fashion" and brief.goal == "launch"
    assert brief.budget == 200_000 and brief.audience is not None
    assert brief.audience.female_share and brief.audience.female_share > 0.5
    assert brief.audience.age == {"18-30": 1.0}
    assert set(brief.audience.city_tier) == {"tier1", "new_tier1", "tier2"}


def test_a_full_english_brief() -> None:
    brief = parse_brief("Launch a vitamin C serum for Gen Z women in tier 1 cities, budget $30k, 15 KOLs")
    assert brief.product == "vitamin C serum" and brief.category == "skincare" and brief.goal == "launch"
    assert brief.budget == 216_000 and brief.count == 15
    assert brief.audience is not None and brief.audience.age == {"18-24": 1.0}


def test_men_and_conversion() -> None:
    brief = parse_brief("男士洗面奶 618带货 面向25-35岁男性 预算30万")
    assert brief.goal == "conversion" and brief.category == "mens_grooming"
    assert brief.audience is not None and brief.audience.female_share is not None
    assert brief.audience.female_share < 0.5
