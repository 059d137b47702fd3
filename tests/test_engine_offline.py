"""The offline engine: routing, slots, clarifying questions, follow-ups, language, memory across restarts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine.factory import build_engine
from bot.engine.offline import OfflineEngine
from bot.engine.slots import find_copy, find_days, find_topic
from bot.eval.routing import RoutingCase, evaluate, load_cases
from bot.store.knowledge_base import KnowledgeBase
from tests.helpers import ROOT, cli_env, make_settings, run_cli


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    knowledge_base = KnowledgeBase(make_settings(tmp_path_factory.mktemp("engine"), ROOT / "knowledge"))
    knowledge_base.ensure_ready()
    yield knowledge_base
    knowledge_base.close()


@pytest.fixture
def engine(kb: KnowledgeBase) -> OfflineEngine:
    built = build_engine(kb)
    assert isinstance(built, OfflineEngine)  # no endpoint configured: the LLM client is never built
    return built


def test_routing_meets_the_target_on_both_sets() -> None:
    main = evaluate(load_cases())
    assert main.total == 120 and main.accuracy >= 0.9
    assert min(main.per_class.values()) >= 0.8 and min(main.per_lang.values()) >= 0.85
    holdout_path = ROOT / "bot" / "eval" / "data" / "routing_holdout.jsonl"
    holdout = [
        RoutingCase.model_validate_json(line) for line in holdout_path.read_text().splitlines() if line
    ]
    assert evaluate(holdout).accuracy >= 0.85


def test_slots_days_copy_topic() -> None:
    assert find_days("近7天护肤趋势") == 7 and find_days("last 2 weeks") == 14 and find_days("这个季度") == 90
    assert find_days("护肤趋势") is None
    assert find_copy("检查文案：全网最好用的面霜") == "全网最好用的面霜"
    assert find_copy("can I say 'best sunscreen in China' in a post?") == "best sunscreen in China"
    assert find_copy("check this please\nThe No.1 cream\nbuy now") == "The No.1 cream\nbuy now"
    assert find_copy("有违禁词吗") is None
    assert find_topic("护肤最近有什么趋势") == ("", "skincare")
    assert find_topic("露营还火吗") == ("露营", None)


def test_each_kind_of_question_in_both_languages(engine: OfflineEngine) -> None:
    cases = {
        "护肤最近有什么趋势": ("trend_lookup", "zh", "以油养肤"),
        "what's trending in skincare right now?": ("trend_lookup", "en", "Rising"),
        "帮我找10个母婴博主推纸尿裤，预算5万": ("suggest_influencers", "zh", "BKC 达人矩阵"),
        "suggest creators for our men's sunscreen, budget 100k RMB": ("suggest_influencers", "en", "BKC"),
        "帮我做一个精华油新品的推广方案，预算50万": ("draft_campaign", "zh", "IDEA"),
        "plan a launch campaign for our trail running shoes, $30k": ("draft_campaign", "en", "IDEA"),
        "检查文案：全网最好用的面霜，三天祛痘": ("check_compliance", "zh", "极限词"),
        "can I say 'the best sunscreen in China' in a post?": ("check_compliance", "en", "absolute term"),
        "KFS 是什么": ("search_knowledge", "zh", "KFS"),
        "how do I spot fake followers?": ("search_knowledge", "en", "假粉"),
        "你好": ("none", "zh", "RedPilot"),
        "thanks!": ("none", "en", "welcome"),
    }
    for number, (text, (tool, lang, expected)) in enumerate(cases.items()):
        reply = engine.reply(f"kinds-{number}", "u", text)
        assert reply.engine == "offline" and reply.lang == lang, text
        assert [t.name for t in reply.tools] == ([] if tool == "none" else [tool]), text
        assert expected in reply.answer, (text, reply.answer[:300])
        if tool in ("search_knowledge", "check_compliance", "draft_campaign"):
            assert any(s.kind == "playbook" for s in reply.sources), text


def test_clarifying_question_then_the_answer(engine: OfflineEngine) -> None:
    first = engine.reply("clarify", "u", "帮我找达人")
    assert not first.tools and "品类" in first.answer
    second = engine.reply("clarify", "u", "露营装备，预算3万")
    assert [t.name for t in second.tools] == ["suggest_influencers"]
    assert second.tools[0].args["budget"] == 30_000 and second.tools[0].args["category"] == "travel"


def test_follow_ups_refine_the_previous_brief(engine: OfflineEngine) -> None:
    engine.reply("refine", "u", "帮我找多巴胺穿搭女装新品的达人，预算20万，18-30岁一二线女性")
    cheaper = engine.reply("refine", "u", "make it cheaper")
    assert cheaper.tools[0].args["budget"] == 140_000
    mid = engine.reply("refine", "u", "换成小红书腰部达人")
    assert mid.tools[0].args["tiers"] == ["mid"] and mid.tools[0].args["budget"] == 140_000
    men = engine.reply("refine", "u", "what about for men?")
    audience = men.tools[0].args["audience"]
    assert isinstance(audience, dict) and audience["female_share"] < 0.5
    assert men.lang == "en" and "BKC influencer matrix" in men.answer


def test_a_bare_brief_asks_which_deliverable(engine: OfflineEngine) -> None:
    question = engine.reply("bare", "u", "多巴胺穿搭女装新品，预算20万，18-30岁一二线女性")
    assert not question.tools and "方案" in question.answer
    plan = engine.reply("bare", "u", "完整方案")
    assert [t.name for t in plan.tools] == ["draft_campaign"] and plan.export_markdown
    assert "## E 扩散" in plan.export_markdown


def test_memory_survives_a_restart(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", ROOT / "knowledge")
    first = run_cli("ask", "帮我找露营装备的达人，预算10万", "--chat", "42", "--json", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    reply = json.loads(first.stdout)
    assert set(reply) == {"answer", "engine", "tools", "sources", "latency_ms"}
    assert reply["engine"] == "offline" and reply["tools"][0]["name"] == "suggest_influencers"
    assert all(set(s) == {"doc_id", "kind", "title"} for s in reply["sources"])
    assert isinstance(reply["latency_ms"], int)
    # A new process: the follow-up still refines the brief of chat 42, and another chat knows nothing of it.
    again = json.loads(run_cli("ask", "便宜一点", "--chat", "42", "--json", env=env, cwd=tmp_path).stdout)
    assert again["tools"][0]["args"]["budget"] == 70_000
    other = json.loads(run_cli("ask", "便宜一点", "--chat", "43", "--json", env=env, cwd=tmp_path).stdout)
    assert other["tools"] == []


def test_eval_routing_command(tmp_path: Path) -> None:
    result = run_cli("eval", "routing", env=cli_env(tmp_path / "d", tmp_path), cwd=tmp_path)
    assert result.returncode == 0 and "routing accuracy" in result.stdout


def test_console_chat_with_reset_and_exit(tmp_path: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="你好\n帮我找达人\n/reset\n护肤\n/exit\n",
        text=True,
        capture_output=True,
        timeout=300,
        env=cli_env(tmp_path / "data", ROOT / "knowledge"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "RedPilot" in result.stdout and "品类" in result.stdout
    assert "(memory of this chat cleared)" in result.stderr
    # After /reset, "护肤" is not taken as the answer to the earlier question: it is a trend lookup.
    assert "护肤：近30天趋势" in result.stdout
