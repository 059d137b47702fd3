"""The bot end to end: real python-telegram-bot networking (long polling) against the fake Bot API server."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.engine.factory import build_engine
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram.app import build_application
from tests.fake_telegram import FakeTelegram, sent_message
from tests.helpers import ROOT, make_settings, polling

ADMIN, MARKETER, STRANGER = 7001, 7002, 7003


@pytest.fixture(scope="module")
def knowledge_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the bundled knowledge indexed once; each test copies nothing, only reads and adds."""
    data = tmp_path_factory.mktemp("bot-data")
    kb = KnowledgeBase(make_settings(data, ROOT / "knowledge"))
    kb.ensure_ready()
    kb.close()
    return data


@pytest.fixture
async def bot(knowledge_data: Path, request: pytest.FixtureRequest) -> AsyncIterator[FakeTelegram]:
    extra = getattr(request, "param", {})
    with FakeTelegram() as fake:
        settings = make_settings(
            knowledge_data,
            ROOT / "knowledge",
            telegram_bot_token=fake.token,
            telegram_api_base_url=fake.base_url,
            admin_user_ids={ADMIN},
            debounce_seconds=0.2,
            **extra,
        )
        kb = KnowledgeBase(settings)
        async with polling(build_application(settings, kb, build_engine(kb))):
            yield fake
        kb.close()


def texts(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.get("text", "") for m in fake.sent(chat_id)]


async def test_start_registers_commands_and_offers_buttons(bot: FakeTelegram) -> None:
    bot.send_text(MARKETER, "/start", user_id=MARKETER)
    await bot.wait_for_async(sent_message(MARKETER))
    assert {c["command"] for c in bot.commands()} >= {
        "start",
        "help",
        "trends",
        "kols",
        "campaign",
        "check",
        "reset",
    }
    message = bot.sent(MARKETER)[-1]
    assert "RedPilot" in message["text"]
    buttons = [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["ex:trends", "ex:creators", "ex:campaign", "ex:check"]
    since = len(bot.calls)
    bot.press_button(MARKETER, message["message_id"], "ex:trends", user_id=MARKETER)
    await bot.wait_for_async(
        sent_message(containing="以油养肤"),
        timeout=30,
        since=since,
    )


async def test_question_answer_with_sources_typing_and_feedback(
    bot: FakeTelegram, knowledge_data: Path
) -> None:
    bot.send_text(MARKETER, "KFS 是什么", user_id=MARKETER)
    call = await bot.wait_for_async(sent_message(containing="KFS"), timeout=30)
    assert call.params["parse_mode"] == "HTML"
    assert "来源：KFS" in call.params["text"]  # the guides the answer came from, by title
    assert "typing" in bot.actions(MARKETER)
    message = bot.sent(MARKETER)[-1]
    buttons = [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    assert all(len(b.encode()) <= 64 for b in buttons)
    thumbs_up = next(b for b in buttons if b.startswith("fb:1:"))
    update_id = bot.press_button(MARKETER, message["message_id"], thumbs_up, user_id=MARKETER)
    await bot.wait_for_async(
        lambda c: c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == f"cq{update_id}"
    )
    with sqlite3.connect(knowledge_data / "bot.sqlite") as db:
        question, rating = db.execute(
            "SELECT question, rating FROM answers WHERE id=?", (int(thumbs_up.split(":")[2]),)
        ).fetchone()
    assert (question, rating) == ("KFS 是什么", 1)


async def test_check_command_and_reply_to_a_message(bot: FakeTelegram) -> None:
    bot.send_text(MARKETER, "/check 全网最好用的面霜，三天祛痘", user_id=MARKETER)
    await bot.wait_for_async(sent_message(containing="极限词"), timeout=30)
    chat = MARKETER + 100
    draft = bot.send_text(chat, "这款精华是史上最强的，100%有效", user_id=chat)
    await bot.wait_for_async(sent_message(chat), timeout=30)
    since = len(bot.calls)
    bot.send_text(chat, "/check", user_id=chat, reply_to=bot.update(draft)["message"]["message_id"])
    call = await bot.wait_for_async(
        sent_message(chat, "史上最"),
        timeout=30,
        since=since,
    )
    assert "极限词" in call.params["text"]


async def test_a_big_matrix_is_one_message_with_buttons_and_the_rest_comes_as_files(
    bot: FakeTelegram,
) -> None:
    chat = MARKETER + 1100
    bot.send_text(chat, "多巴胺穿搭女装新品，帮我找达人，预算50万", user_id=chat)
    call = await bot.wait_for_async(
        lambda c: (
            c.method == "sendMessage" and c.params.get("chat_id") == chat and "fb:1:" in json.dumps(c.params)
        ),
        timeout=60,
    )
    assert len(texts(bot, chat)) == 1 and len(call.params["text"]) <= 1500
    buttons = [b["callback_data"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[:3] == ["a:more", "a:export", "a:campaign"]
    since = len(bot.calls)
    bot.press_button(chat, bot.sent(chat)[-1]["message_id"], "a:more", user_id=chat)
    page = await bot.wait_for_async(sent_message(chat, "第 6-10 位"), timeout=60, since=since)
    assert "6." in page.params["text"]
    bot.press_button(chat, bot.sent(chat)[-1]["message_id"], "a:export", user_id=chat)
    await bot.wait_for_async("sendDocument", timeout=60, since=since)
    csv = bot.documents(chat)[-1]
    assert csv.file_name == "redpilot-creators.csv" and csv.data.startswith(
        b"\xef\xbb\xbf"
    )  # a BOM for Excel
    since = len(bot.calls)
    bot.send_text(chat, "按这个出完整方案", user_id=chat)
    await bot.wait_for_async("sendDocument", timeout=60, since=since)
    document = bot.documents(chat)[-1]
    assert document.file_name == "redpilot-campaign-plan.md" and "## E 扩散".encode() in document.data
    assert "多巴胺穿搭女装".encode() in document.data  # the brief of the matrix, not a product called 按这个


async def test_admin_upload_ingests_and_audits_others_are_refused(
    bot: FakeTelegram, knowledge_data: Path
) -> None:
    notes = (ROOT / "tests" / "fixtures" / "mediacrawler" / "search_contents_2026-10-30.jsonl").read_bytes()
    bot.send_document(ADMIN, "../../etc/notes.jsonl", notes, user_id=ADMIN)
    call = await bot.wait_for_async(sent_message(containing="notes.jsonl"), timeout=60)
    assert (
        "added 3" in call.params["text"]
        or "新增 3" in call.params["text"]
        or "unchanged 3" in call.params["text"]
    )
    assert "rejected 3" in call.params["text"] or "拒绝 3" in call.params["text"]
    audit = (knowledge_data / "audit.log").read_text(encoding="utf-8").splitlines()
    last = json.loads(audit[-1])
    assert last["who"] == ADMIN and last["file"] == "notes.jsonl" and last["action"] == "ingest"
    assert not (knowledge_data.parent / "etc").exists()

    bot.send_document(MARKETER, "notes.jsonl", notes, user_id=MARKETER)
    await bot.wait_for_async(sent_message(MARKETER, "管理员"), timeout=30)
    assert len(audit) == len((knowledge_data / "audit.log").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("bot", [{"allowed_user_ids": {MARKETER}}], indirect=True)
async def test_access_list_refuses_once_and_then_stays_silent(bot: FakeTelegram) -> None:
    bot.send_text(STRANGER, "你好", user_id=STRANGER)
    await bot.wait_for_async(sent_message(STRANGER))
    bot.send_text(STRANGER, "在吗", user_id=STRANGER)
    bot.send_text(MARKETER, "你好", user_id=MARKETER)
    await bot.wait_for_async(sent_message(MARKETER), timeout=30)
    assert len(bot.sent(STRANGER)) == 1 and "授权用户" in bot.sent(STRANGER)[0]["text"]


async def test_429_is_waited_out_and_unparseable_html_falls_back_to_text(bot: FakeTelegram) -> None:
    bot.fail_next("sendMessage", 429, retry_after=1)
    bot.send_text(MARKETER, "你好", user_id=MARKETER)
    await bot.wait_for_async(
        lambda c: c.method == "sendMessage" and c.ok and c.params.get("chat_id") == MARKETER, timeout=30
    )
    bot.fail_next("sendMessage", 400, description="Bad Request: can't parse entities: unsupported start tag")
    bot.send_text(MARKETER + 1, "hi", user_id=MARKETER + 1)
    call = await bot.wait_for_async(
        lambda c: c.method == "sendMessage" and c.ok and c.params.get("chat_id") == MARKETER + 1, timeout=30
    )
    assert "parse_mode" not in call.params and "RedPilot" in call.params["text"]


async def test_many_chats_at_once_each_answered_in_order(bot: FakeTelegram) -> None:
    chats = [9000 + i for i in range(12)]
    for chat in chats:
        bot.send_text(chat, "你好", user_id=chat)
    for chat in chats:
        await bot.wait_for_async(
            lambda c, chat=chat: c.method == "sendMessage" and c.params.get("chat_id") == chat, timeout=60
        )
    assert all(texts(bot, chat) for chat in chats)


async def test_groups_answer_only_when_addressed(bot: FakeTelegram) -> None:
    group = -100123
    bot.send_text(group, "随便聊聊今天的天气", user_id=MARKETER, chat_type="supergroup")
    bot.send_text(group, "@redpilot_test_bot KFS 是什么", user_id=MARKETER, chat_type="supergroup")
    call = await bot.wait_for_async(sent_message(group), timeout=30)
    assert "KFS" in call.params["text"]
    assert len(bot.sent(group)) == 1


async def test_guided_campaign_with_buttons_ends_with_the_plan(bot: FakeTelegram) -> None:
    chat = MARKETER + 200

    async def last_buttons(since: int) -> tuple[int, list[str]]:
        await bot.wait_for_async(
            lambda c: (
                c.method == "sendMessage" and c.params.get("chat_id") == chat and "reply_markup" in c.params
            ),
            timeout=30,
            since=since,
        )
        message = bot.sent(chat)[-1]
        return message["message_id"], [
            b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row
        ]

    bot.send_text(chat, "/campaign", user_id=chat)
    await bot.wait_for_async(sent_message(containing="品牌"), timeout=30)
    since = len(bot.calls)
    bot.send_text(chat, "澜肌 以油养肤精华油", user_id=chat)
    message_id, buttons = await last_buttons(since)
    assert buttons == ["cg:goal:launch", "cg:goal:awareness", "cg:goal:conversion"]
    since = len(bot.calls)
    bot.press_button(chat, message_id, "cg:goal:launch", user_id=chat)
    message_id, buttons = await last_buttons(since)
    assert "cg:budget:50万" in buttons
    since = len(bot.calls)
    bot.send_text(chat, "很多很多", user_id=chat)  # not an amount: asked again, nothing lost
    await bot.wait_for_async(sent_message(containing="没看懂"), since=since)
    since = len(bot.calls)
    bot.send_text(chat, "30万", user_id=chat)
    message_id, buttons = await last_buttons(since)
    since = len(bot.calls)
    bot.press_button(chat, message_id, "cg:aud:f25", user_id=chat)
    message_id, buttons = await last_buttons(since)
    assert buttons == ["cg:weeks:4", "cg:weeks:6", "cg:weeks:8"]
    bot.press_button(chat, message_id, "cg:weeks:8", user_id=chat)
    await bot.wait_for_async(
        lambda c: c.method == "sendDocument" and c.params.get("chat_id") == chat, timeout=60
    )
    plan = bot.documents(chat)[-1].data.decode("utf-8")
    assert "以油养肤精华油" in plan and "W8" in plan and "¥165,000" in plan  # 55% of 300,000 to creator notes


async def test_the_guided_goal_is_the_goal_planned_for(bot: FakeTelegram) -> None:
    chat = MARKETER + 250

    async def buttons_after(since: int) -> int:
        call = await bot.wait_for_async(
            lambda c: (
                c.method == "sendMessage" and c.params.get("chat_id") == chat and "reply_markup" in c.params
            ),
            timeout=30,
            since=since,
        )
        return int(call.result["message_id"])  # type: ignore[index]

    bot.send_text(chat, "/campaign", user_id=chat)
    await bot.wait_for_async(sent_message(chat, "品牌"), timeout=30)
    since = len(bot.calls)
    bot.send_text(chat, "北岸 男士洗面奶", user_id=chat)
    message = await buttons_after(since)
    for data in ("cg:goal:conversion", "cg:budget:20万", "cg:aud:m18"):
        since = len(bot.calls)
        bot.press_button(chat, message, data, user_id=chat)
        message = await buttons_after(since)
    bot.press_button(chat, message, "cg:weeks:4", user_id=chat)
    await bot.wait_for_async(
        lambda c: c.method == "sendDocument" and c.params.get("chat_id") == chat, timeout=60
    )
    plan = bot.documents(chat)[-1].data.decode("utf-8")
    # 带货转化 is planned as conversion (KFS search share 20%), for men, over 4 weeks: no launch plan.
    assert "目标：带货转化" in plan and "搜索 20%" in plan and "W4" in plan and "W5" not in plan


async def test_cancel_stops_the_guided_brief(bot: FakeTelegram) -> None:
    chat = MARKETER + 300
    bot.send_text(chat, "/campaign", user_id=chat)
    await bot.wait_for_async(sent_message(containing="品牌"), timeout=30)
    bot.send_text(chat, "/cancel", user_id=chat)
    await bot.wait_for_async(sent_message(containing="已取消"), timeout=30)
    since = len(bot.calls)
    bot.send_text(chat, "你好", user_id=chat)  # back to normal chat, not taken as the product
    call = await bot.wait_for_async(sent_message(chat), timeout=30, since=since)
    assert "RedPilot" in call.params["text"]


@pytest.mark.parametrize("bot", [{"rate_limit_per_minute": 2}], indirect=True)
async def test_rate_limit_answers_kindly(bot: FakeTelegram) -> None:
    chat = MARKETER + 400
    for text in ("你好", "在吗", "hello?"):
        bot.send_text(chat, text, user_id=chat)
    await bot.wait_for_async(sent_message(containing="消息太多"), timeout=30)


async def test_messages_pasted_together_are_answered_as_one(bot: FakeTelegram, knowledge_data: Path) -> None:
    chat = MARKETER + 500
    bot.send_text(chat, "帮我找达人", user_id=chat)
    bot.send_text(chat, "露营装备，预算3万", user_id=chat)
    await bot.wait_for_async(sent_message(chat, "露营装备"), timeout=60)
    with sqlite3.connect(knowledge_data / "bot.sqlite") as db:
        questions = [r[0] for r in db.execute("SELECT question FROM answers WHERE chat_id=?", (str(chat),))]
    assert questions == ["帮我找达人\n露营装备，预算3万"]


async def test_a_failure_gets_an_apology_with_an_id_and_no_internals(bot: FakeTelegram) -> None:
    chat = MARKETER + 600
    # A refusal, not an outage (5xx and refused connections are tried again; see test_telegram_outage.py).
    bot.fail_next("sendMessage", 400, description="Bad Request: message thread not found (boom)")
    bot.send_text(chat, "你好", user_id=chat)
    call = await bot.wait_for_async(
        lambda c: c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat, timeout=30
    )
    assert "错误编号" in call.params["text"] and "Traceback" not in call.params["text"]
    assert bot.token not in call.params["text"] and "boom" not in call.params["text"]


async def test_webhook_mode_rejects_requests_without_the_secret(knowledge_data: Path) -> None:
    import socket

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with FakeTelegram() as fake:
        settings = make_settings(
            knowledge_data,
            ROOT / "knowledge",
            telegram_bot_token=fake.token,
            telegram_api_base_url=fake.base_url,
            telegram_webhook_url="https://bot.example.invalid/telegram",
            telegram_webhook_secret="s3cret-token",
            debounce_seconds=0.1,
        )
        kb = KnowledgeBase(settings)
        application = build_application(settings, kb, build_engine(kb))
        async with application:
            await application.start()
            await application.updater.start_webhook(  # type: ignore[union-attr]
                listen="127.0.0.1",
                port=port,
                url_path="telegram",
                webhook_url=settings.telegram_webhook_url,
                secret_token="s3cret-token",
            )
            try:
                assert fake.webhook_url == "https://bot.example.invalid/telegram"
                update = {
                    "update_id": 1,
                    "message": {
                        "message_id": 1,
                        "date": 1793088000,
                        "text": "你好",
                        "chat": {"id": MARKETER, "type": "private"},
                        "from": {"id": MARKETER, "is_bot": False, "first_name": "M"},
                    },
                }
                fake.add_chat(MARKETER)
                async with httpx.AsyncClient() as client:
                    url = f"http://127.0.0.1:{port}/telegram"
                    forged = await client.post(url, json=update)
                    wrong = await client.post(
                        url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
                    )
                    right = await client.post(
                        url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
                    )
                assert (forged.status_code, wrong.status_code, right.status_code) == (403, 403, 200)
                await fake.wait_for_async(sent_message(MARKETER), timeout=30)
                assert len(fake.sent(MARKETER)) == 1
            finally:
                await application.updater.stop()  # type: ignore[union-attr]
                await application.stop()
        kb.close()


async def test_a_half_finished_guided_brief_survives_a_restart(knowledge_data: Path) -> None:
    chat = MARKETER + 700
    with FakeTelegram() as fake:
        settings = make_settings(
            knowledge_data,
            ROOT / "knowledge",
            telegram_bot_token=fake.token,
            telegram_api_base_url=fake.base_url,
            debounce_seconds=0.1,
        )
        for step in ("before", "after"):
            kb = KnowledgeBase(settings)
            async with polling(build_application(settings, kb, build_engine(kb))):
                since = len(fake.calls)
                if step == "before":
                    fake.send_text(chat, "/campaign", user_id=chat)
                    await fake.wait_for_async(
                        lambda c: "品牌" in c.params.get("text", ""), timeout=30, since=since
                    )
                    fake.send_text(chat, "北岸 男士洗面奶", user_id=chat)
                    await fake.wait_for_async(
                        lambda c: "目标" in c.params.get("text", ""), timeout=30, since=since
                    )
                else:  # a new process: the goal buttons of the old message still work
                    goal_message = next(m for m in reversed(fake.sent(chat)) if m.get("reply_markup"))
                    fake.press_button(chat, goal_message["message_id"], "cg:goal:conversion", user_id=chat)
                    await fake.wait_for_async(
                        lambda c: "预算" in c.params.get("text", ""), timeout=30, since=since
                    )
            kb.close()


async def test_every_marketer_command(bot: FakeTelegram) -> None:
    chat = MARKETER + 800

    async def after(text: str, expected: str) -> str:
        since = len(bot.calls)
        bot.send_text(chat, text, user_id=chat)
        call = await bot.wait_for_async(
            sent_message(chat, expected),
            timeout=60,
            since=since,
        )
        return str(call.params["text"])

    await after("/help", "我能帮你")
    await after("/trends 露营", "露营")
    await after("/kols 露营装备 预算3万", "露营装备")
    await after("/lang en", "English from now on")
    assert "¥30,000 -&gt; ¥21,000" in await after(
        "便宜一点", "creators"
    )  # refines the brief, answers in English
    await after("/reset", "forgotten this chat")
    assert "露营" not in await after("便宜一点", "?")  # nothing to refine any more: asks what it is for
    await after("/lang xx", "Usage")
    assert "露营帐篷" in await after("/campaign 露营帐篷新品 预算10万", "IDEA")
    assert "标题" not in await after("/copy 露营灯", "titles")  # /lang en still holds, after /reset too
    await after("/lang auto", "language of each message")
    await after("/copy 露营灯", "标题")


async def test_admin_kb_commands_and_refusal(bot: FakeTelegram, knowledge_data: Path) -> None:
    since = len(bot.calls)
    bot.send_text(ADMIN, "/kb stats", user_id=ADMIN)
    call = await bot.wait_for_async(
        sent_message(containing="指南 36"),
        timeout=30,
        since=since,
    )
    assert "笔记" in call.params["text"]
    bot.send_text(ADMIN, "/kb list playbook", user_id=ADMIN)
    await bot.wait_for_async(
        sent_message(containing="playbook/"),
        timeout=30,
        since=since,
    )
    bot.send_text(MARKETER, "/kb remove playbook/kfs.md", user_id=MARKETER)
    await bot.wait_for_async(
        sent_message(MARKETER, "管理员"),
        timeout=30,
        since=since,
    )
    kb = KnowledgeBase(make_settings(knowledge_data, ROOT / "knowledge"))
    assert kb.catalog.document("playbook", "playbook/kfs.md") is not None  # nothing changed
    kb.close()


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_redpilot_run_serves_telegram_with_a_token(knowledge_data: Path, tmp_path: Path, level: str) -> None:
    """The real entry point (`redpilot run`, what `make run` starts) in its own process, over loopback. The
    token never reaches the log, at any level; message bodies stay out at the default level."""
    import signal
    import subprocess
    import sys

    from tests.helpers import cli_env

    with FakeTelegram() as fake:
        env = cli_env(
            knowledge_data,
            ROOT / "knowledge",
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_BASE_URL=fake.base_url,
            LOG_LEVEL=level,
        )
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            fake.wait_for("setMyCommands", timeout=60)
            fake.send_text(MARKETER + 900, "/start", user_id=MARKETER + 900)
            fake.wait_for(sent_message(MARKETER + 900), timeout=60)
            fake.send_text(MARKETER + 900, "KFS 是什么", user_id=MARKETER + 900)
            fake.wait_for(sent_message(containing="KFS"), timeout=60)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                _, stderr = process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                _, stderr = process.communicate()
    assert "long polling" in stderr and "act=knowledge tool=search_knowledge" in stderr
    assert fake.token not in stderr and fake.token.split(":")[1] not in stderr
    if level == "INFO":
        assert "KFS 是什么" not in stderr
    else:
        assert " DEBUG telegram.ext" in stderr  # the libraries' debug records were written, and searched


async def test_callback_data_not_made_by_the_bot_is_ignored(bot: FakeTelegram) -> None:
    chat = MARKETER + 1000
    bot.send_text(chat, "/start", user_id=chat)
    await bot.wait_for_async(sent_message(chat))
    message_id = bot.sent(chat)[-1]["message_id"]
    sent_before = len(bot.sent(chat))
    for forged in ("a:drop_tables", "act:cheaper", "fb:1:999999", "ex:../../etc", "x" * 64):
        update_id = bot.press_button(chat, message_id, forged, user_id=chat, check=False)
        await bot.wait_for_async(
            lambda c, u=update_id: (
                c.method == "answerCallbackQuery" and c.params.get("callback_query_id") == f"cq{u}"
            ),
            timeout=30,
        )
    assert len(bot.sent(chat)) == sent_before


@pytest.mark.parametrize("bot", [{"upload_max_mb": 0.001}], indirect=True)
async def test_uploads_only_allowed_types_and_sizes(bot: FakeTelegram) -> None:
    since = len(bot.calls)
    bot.send_document(ADMIN, "payload.exe", b"MZ\x90\x00", user_id=ADMIN)
    await bot.wait_for_async(
        lambda c: (
            c.method == "sendMessage"
            and (
                "Unsupported file type .exe" in c.params.get("text", "")
                or "不支持的文件类型 .exe" in c.params.get("text", "")
            )
        ),
        timeout=30,
        since=since,
    )
    bot.send_document(ADMIN, "big.jsonl", b'{"note_id": "x"}\n' * 200, user_id=ADMIN)
    await bot.wait_for_async(
        lambda c: (
            c.method == "sendMessage"
            and ("too large" in c.params.get("text", "") or "太大" in c.params.get("text", ""))
        ),
        timeout=30,
        since=since,
    )
