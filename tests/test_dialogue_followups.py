"""Second and later messages the way marketers type them: leftover words that are not products, angles,
"what about X", corrections, "these two", rule-breaking asks inside a request, copy in the other language.
Real understanding, tools and state on the bundled knowledge (the causes behind held-back misses, each
tested on sentences of its own)."""

from __future__ import annotations

import pytest

from bot.engine.factory import build_engine
from bot.engine.offline import OfflineEngine
from bot.engine.state import CreatorsShown, EditShown
from bot.store.knowledge_base import KnowledgeBase
from tests.test_dialogue import Chat, args


@pytest.fixture(scope="module")
def kb(bundled_kb: KnowledgeBase) -> KnowledgeBase:
    return bundled_kb


@pytest.fixture
def engine(kb: KnowledgeBase) -> OfflineEngine:
    built = build_engine(kb)
    assert isinstance(built, OfflineEngine)
    return built


def test_leftover_words_mid_conversation_keep_the_brief(engine: OfflineEngine) -> None:
    chat = Chat(engine, "leftovers")
    chat.say("男士控油洗面奶 预算15w 帮我配达人")
    plan = chat.say("行吧 那认真点 出个完整方案 8周")
    brief = args(plan, "draft_campaign")
    assert plan.act == "campaign" and brief["product"] == "男士控油洗面奶" and brief["budget"] == 150_000
    titles = chat.say("再写5个标题 要有清爽感的那种")
    assert args(titles, "write_copy")["product"] == "男士控油洗面奶"


def test_a_business_introduced_by_name_is_the_brand_and_what_it_sells_the_product(
    engine: OfflineEngine,
) -> None:
    chat = Chat(engine, "introduced")
    reply = chat.say("我们是木言，新出的实木餐边柜想在小红书推一下，帮我找几个家居博主，预算6万")
    call = args(reply, "suggest_influencers")
    assert "餐边柜" in str(call["product"]) and call.get("brand") == "木言" and call["category"] == "home"


def test_an_angle_is_not_the_product(engine: OfflineEngine) -> None:
    chat = Chat(engine, "angle")
    reply = chat.say("给蛋白粉写5个标题，突出办公室加餐的场景")
    assert args(reply, "write_copy")["product"] == "蛋白粉"


def test_what_about_another_product_repeats_the_last_request(engine: OfflineEngine) -> None:
    chat = Chat(engine, "what-about")
    first = chat.say("is glamping still trending on RED?")
    assert first.act == "trends"
    second = chat.say("what about camping lanterns?")
    assert second.act == "trends" and "lantern" in str(args(second, "trend_lookup")["topic"])
    audience = chat.say("what about for men?")  # an audience, not a new subject: the same request refined
    assert audience.act != "creators"


def test_a_correction_replaces_the_product_and_keeps_the_budget(engine: OfflineEngine) -> None:
    chat = Chat(engine, "correction")
    chat.say("猫砂盆 预算5万 找达人")
    fixed = chat.say("不对 是全自动猫砂盆 不是普通的")
    call = args(fixed, "suggest_influencers")
    assert call["product"] == "全自动猫砂盆" and call["budget"] == 50_000


def test_buying_followers_inside_a_request_is_declined_but_filtering_them_out_is_not(
    engine: OfflineEngine,
) -> None:
    chat = Chat(engine, "rules")
    declined = chat.say("新开的咖啡店号 帮我找几个达人 顺便买点粉撑撑场面")
    assert declined.act == "decline" and not declined.tools
    kept = chat.say("找几个咖啡探店达人，预算3万，把刷过粉的排掉")
    assert kept.act == "creators" and kept.tools


def test_these_two_compares_the_two_topics_just_looked_up(engine: OfflineEngine) -> None:
    chat = Chat(engine, "these-two")
    chat.say("早C晚A现在还有热度吗")
    chat.say("那以油养肤呢")
    compared = chat.say("这俩对比一下")
    topics = [c.args["topic"] for c in compared.tools if c.name == "trend_lookup"]
    assert compared.act == "compare" and len(topics) == 2
    assert "以油养肤" in compared.answer and "早C晚A" in compared.answer


def test_tiers_left_out_stay_out_even_when_the_budget_is_not_spent(engine: OfflineEngine) -> None:
    chat = Chat(engine, "tiers")
    chat.say("精华 预算10万 找达人")
    chat.say("only mid-tier and junior, 8 of them")
    shown = engine.state("tiers").last("creators")
    assert isinstance(shown, CreatorsShown)
    assert len(shown.result.picks) == 8 and {p.tier for p in shown.result.picks} <= {"mid", "junior"}


def test_a_title_list_in_the_other_language_is_the_whole_list_again(engine: OfflineEngine) -> None:
    chat = Chat(engine, "titles-again")
    chat.say("给露营灯写5个标题")
    english = chat.say("再翻成英文")
    assert english.lang == "en" and args(english, "write_copy")["lang"] == "en"
    assert english.answer.count("\n") >= 5  # five titles, not one


def test_a_rewritten_draft_goes_to_the_other_language_with_its_tone(engine: OfflineEngine) -> None:
    chat = Chat(engine, "draft-again")
    chat.say("给防晒喷雾出个完整方案，预算20万")
    chat.say("把第二篇笔记改得更口语化")
    english = chat.say("再翻成英文")
    edited = engine.state("draft-again").last("edit")
    assert english.lang == "en" and isinstance(edited, EditShown) and edited.lang == "en"
    assert edited.piece.tone == "casual" and not any("\u4e00" <= ch <= "\u9fff" for ch in edited.piece.title)


def test_the_users_own_copy_stays_in_play_for_the_next_rewrite_and_check(engine: OfflineEngine) -> None:
    chat = Chat(engine, "own-copy")
    chat.say("这段英文文案帮我改成中文：'Stack them, label them, and your closet finally breathes. Try it.'")
    shorter = chat.say("再精简一点")
    assert shorter.act == "edit" and shorter.tools and not shorter.asked
    checked = chat.say("这条能发吗")
    assert checked.act == "check" and "closet" in str(args(checked, "check_compliance")["text"])


def test_a_creator_named_with_nothing_shown_gets_their_card(engine: OfflineEngine) -> None:
    chat = Chat(engine, "named")
    reply = chat.say("what does 大栗子不吃辣 charge per post?")
    assert reply.act in ("detail", "explain") and reply.lang == "en" and "大栗子不吃辣" in reply.answer
    assert "¥" in reply.answer and "not in this plan" not in reply.answer
    sales = chat.say("how many units did 大栗子不吃辣's last sponsored note sell?")
    assert sales.act == "no_data"
