"""Slots read from a message: budgets in every spelling, counts, tiers, audiences, goals, products, tones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.engine.understand.amounts import AmountError, find_budget, find_count, parse_amount
from bot.engine.understand.lexicon import Lexicon, lexicon
from bot.engine.understand.slots import extract, find_tiers
from bot.store.knowledge_base import KnowledgeBase
from bot.tools.context import ToolContext


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
    found = find_budget(text)
    assert (found[0] if found else None) == budget


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


@pytest.fixture(scope="module")
def lex(bundled_kb: KnowledgeBase) -> Lexicon:
    """The lexicon of the bundled data: its hashtags, brands and creators."""
    return lexicon(ToolContext(bundled_kb))


def test_a_full_chinese_brief(lex: Lexicon) -> None:
    slots = extract("多巴胺穿搭女装新品，预算20万，18-30岁一二线女性", lex)
    assert slots.product == "多巴胺穿搭女装" and slots.category == "fashion" and slots.goal == "launch"
    assert slots.budget == 200_000 and slots.audience is not None
    assert slots.audience.female_share and slots.audience.female_share > 0.5
    assert slots.audience.age == {"18-30": 1.0}
    assert set(slots.audience.city_tier) == {"tier1", "new_tier1", "tier2"}


def test_a_full_english_brief(lex: Lexicon) -> None:
    slots = extract("Launch a vitamin C serum for Gen Z women in tier 1 cities, budget $30k, 15 KOLs", lex)
    assert slots.product == "vitamin C serum" and slots.category == "skincare" and slots.goal == "launch"
    assert slots.budget == 216_000 and slots.currency == "USD" and slots.count == 15
    assert slots.audience is not None and slots.audience.age == {"18-24": 1.0}


def test_men_and_conversion(lex: Lexicon) -> None:
    slots = extract("男士洗面奶 618带货 面向25-35岁男性 预算30万", lex)
    assert slots.goal == "conversion" and slots.category == "mens_grooming" and slots.occasion == "618"
    assert slots.audience is not None and slots.audience.female_share is not None
    assert slots.audience.female_share < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "推荐达人",
        "找一些达人",
        "帮我做一下小红书推广",
        "帮我配一套达人矩阵",
        "按这个出完整方案",
        "what about for men?",
    ],
)
def test_request_words_are_never_a_product(text: str, lex: Lexicon) -> None:
    assert extract(text, lex).product is None


@pytest.mark.parametrize(
    ("text", "product", "category"),
    [
        ("帮我给徒步鞋找一些达人", "徒步鞋", "travel"),
        ("扫地机器人双11转化方案", "扫地机器人", "home"),
        ("我们是做冻干猫粮的，想找几个KOC", "冻干猫粮", "pets"),
        ("给蛋白粉写篇笔记 讲增肌期怎么喝", "蛋白粉", "fitness"),
        (
            "男士防晒，预算10万，帮我找达人",
            "男士防晒",
            "mens_grooming",
        ),  # grooming for men is its own category
        (
            "Could you draft a RED campaign plan for our oak side table? Budget ¥300,000",
            "oak side table",
            "home",
        ),
        ("Looking for creators for a robot vacuum, budget 200k RMB", "robot vacuum", "home"),
        ("we have 80k RMB, who should we book for our dog shampoo?", "dog shampoo", "pets"),
    ],
)
def test_the_product_the_message_names(text: str, product: str, category: str, lex: Lexicon) -> None:
    slots = extract(text, lex)
    assert (slots.product, slots.category) == (product, category)


def test_the_occasion_and_goal_are_not_part_of_the_product(lex: Lexicon) -> None:
    slots = extract("扫地机器人双11转化方案", lex)
    assert (slots.goal, slots.occasion) == ("conversion", "双11")


def test_a_brand_the_data_knows_is_its_own_slot(lex: Lexicon) -> None:
    slots = extract("汪小乐狗零食 预算3万 找一组达人", lex)
    assert slots.product == "狗零食" and slots.brand and "汪小乐" in slots.brand
    assert slots.category == "pets" and slots.count == 8 and slots.budget == 30_000


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("帮我配一套达人矩阵", 8),
        ("要8个左右", 8),
        ("十来个就够", 10),
        ("a dozen creators", 12),
        ("找几个KOC", 5),
        ("a handful of KOCs please", 5),
        ("8ish, ~50k", 8),
        ("Could we make it 10 instead of 5?", 10),
        ("find me 8 fitness creators", 8),
        ("要头部和腰部 二十个", 20),
    ],
)
def test_counts_exact_approximate_and_vague(text: str, count: int) -> None:
    assert find_count(text) == count


@pytest.mark.parametrize(
    ("text", "tiers"),
    [
        ("只要头部和腰部", ["head", "mid"]),
        ("不要KOC", ["head", "mid", "junior"]),
        ("那把头部去掉，只要腰部和初级", ["mid", "junior"]),
        ("only mid-tier", ["mid"]),
        ("no KOCs please", ["head", "mid", "junior"]),
    ],
)
def test_tiers_asked_for_and_left_out(text: str, tiers: list[str]) -> None:
    assert find_tiers(text) == tiers


@pytest.mark.parametrize(
    ("text", "budget"),
    [("~50k", 50_000), ("预算40万 8周", 400_000), ("1.2 million RMB", 1_200_000), ("预算七万五", 75_000)],
)
def test_budgets_next_to_other_numbers(text: str, budget: int) -> None:
    found = find_budget(text)
    assert found is not None and found[0] == budget


def test_cheaper_and_no_budget_yet(lex: Lexicon) -> None:
    assert extract("make it cheaper", lex).budget_scale == 0.7
    assert extract("太贵了，便宜一点", lex).budget_scale == 0.7
    assert extract("ok find me a few travel creators, no budget yet", lex).no_budget


@pytest.mark.parametrize(
    ("text", "tone", "lang"),
    [
        ("把第二篇笔记改得更口语化", "casual", None),
        ("make the first title shorter", "shorter", None),
        ("加点emoji", "emoji", None),
        ("translate that draft into English", None, "en"),
        ("用中文再说一遍", None, "zh"),
    ],
)
def test_tone_and_language_asked_for(text: str, tone: str | None, lang: str | None, lex: Lexicon) -> None:
    slots = extract(text, lex)
    assert (slots.tone, slots.to_lang) == (tone, lang)
