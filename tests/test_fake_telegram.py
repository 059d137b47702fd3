"""The fake Telegram Bot API, proven with python-telegram-bot's real networking (HTTPXRequest over HTTP)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, InvalidToken
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fake_telegram import (
    BOT_ID,
    BOT_USERNAME,
    EntityParseError,
    FakeTelegram,
    parse_html,
    parse_markdown_v2,
)

CHAT = 42
GROUP = -1001234567890


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(fake.token, base_url=fake.base_url, base_file_url=fake.base_file_url) as client:
        yield client


@asynccontextmanager
async def running_bot(
    fake: FakeTelegram, *handlers: BaseHandler[Any, Any, Any], rate_limiter: AIORateLimiter | None = None
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """A real Application long-polling the fake; fails the test if a handler raised."""
    builder = ApplicationBuilder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url)
    if rate_limiter is not None:
        builder = builder.rate_limiter(rate_limiter)
    app = builder.build()
    for handler in handlers:
        app.add_handler(handler)
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)  # type: ignore[arg-type]

    app.add_error_handler(on_error)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]
        try:
            yield app
        finally:
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
    assert errors == []


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text("Welcome to <b>RedPilot</b>!", parse_mode=ParseMode.HTML)


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await context.bot.send_chat_action(update.effective_chat.id, ChatAction.TYPING)
    await update.effective_message.reply_text(update.effective_message.text)


def sent_to(chat_id: int) -> Any:
    return lambda call: call.method == "sendMessage" and call.ok and call.params["chat_id"] == chat_id


# --------------------------------------------------------------------------------------------------
# End to end with a long-polling Application
# --------------------------------------------------------------------------------------------------


async def test_command_and_echo_over_long_polling(fake: FakeTelegram) -> None:
    async with running_bot(
        fake, CommandHandler("start", start), MessageHandler(filters.TEXT & ~filters.COMMAND, echo)
    ):
        fake.send_text(CHAT, "/start", first_name="Lin")
        await fake.wait_for_async(sent_to(CHAT))
        since = len(fake.calls)  # wait for a new reply, not the one already there
        fake.send_text(CHAT, "小红书 👋 hi")
        await fake.wait_for_async(sent_to(CHAT), since=since)
        fake.send_text(GROUP, f"/start@{BOT_USERNAME}", user_id=7)
        group_reply = await fake.wait_for_async(sent_to(GROUP))

    messages = fake.sent(CHAT)
    assert [m["text"] for m in messages] == ["Welcome to RedPilot!", "小红书 👋 hi"]
    assert messages[0]["entities"] == [{"type": "bold", "offset": 11, "length": 8}]
    assert [m["message_id"] for m in messages] == [2, 4]  # the user's messages are 1 and 3
    assert messages[0]["from"]["id"] == BOT_ID and messages[0]["chat"]["first_name"] == "Lin"
    assert fake.actions(CHAT) == ["typing"]
    # PTB quotes by default outside private chats; the fake answers with the replied-to message
    assert group_reply.params["reply_parameters"] == {"message_id": 1}
    assert group_reply.result["reply_to_message"]["text"] == f"/start@{BOT_USERNAME}"
    methods = [c.method for c in fake.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"] and "getUpdates" in methods
    assert fake.pending_updates == []  # all confirmed by the final getUpdates offset


@pytest.mark.filterwarnings("ignore:.*retry_after.*timedelta:telegram.warnings.PTBDeprecationWarning")
async def test_rate_limited_reply_is_retried_by_aioratelimiter(fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", 429, retry_after=1)
    async with running_bot(fake, CommandHandler("start", start), rate_limiter=AIORateLimiter(max_retries=2)):
        fake.send_text(CHAT, "/start")
        await fake.wait_for_async(sent_to(CHAT), timeout=5)

    first, second = [c for c in fake.calls if c.method == "sendMessage"]
    assert (first.status, first.error) == (429, "Too Many Requests: retry after 1")
    assert second.ok and second.time - first.time >= 1.0
    assert [m["text"] for m in fake.sent(CHAT)] == ["Welcome to RedPilot!"]


async def test_handler_sees_bad_request_for_a_too_long_text(fake: FakeTelegram) -> None:
    async def too_long(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await update.effective_message.reply_text("字" * 4097)
        except BadRequest as exc:
            await update.effective_message.reply_text(f"failed: {exc.message}")

    async with running_bot(fake, CommandHandler("long", too_long)):
        fake.send_text(CHAT, "/long")
        await fake.wait_for_async(sent_to(CHAT))

    rejected = fake.wait_for("sendMessage")
    assert (rejected.status, rejected.error) == (400, "Bad Request: message is too long")
    assert [m["text"] for m in fake.sent(CHAT)] == ["failed: Message is too long"]  # PTB drops the prefix


async def test_document_download_and_upload(fake: FakeTelegram) -> None:
    payload = "品牌指南：小红书投放\n".encode() * 100

    async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        document = update.effective_message.document
        data = await (await context.bot.get_file(document.file_id)).download_as_bytearray()
        await context.bot.send_chat_action(update.effective_chat.id, ChatAction.UPLOAD_DOCUMENT)
        await update.effective_message.reply_document(
            bytes(data[::-1]), filename=f"reversed-{document.file_name}", caption=f"{len(data)} bytes"
        )

    async with running_bot(fake, MessageHandler(filters.Document.ALL, on_document)):
        update_id = fake.send_document(CHAT, "指南.txt", payload, caption="please check")
        await fake.wait_for_async(lambda c: c.method == "sendDocument" and c.ok)

    document = fake.update(update_id)["message"]["document"]
    assert document["mime_type"] == "text/plain" and document["file_size"] == len(payload)
    (sent,) = fake.documents(CHAT)
    assert sent.data == payload[::-1] and sent.file_name == "reversed-指南.txt"
    assert sent.caption == f"{len(payload)} bytes"
    assert fake.actions(CHAT) == ["upload_document"]
    assert [c.method for c in fake.calls if c.method in ("getFile", "downloadFile")] == [
        "getFile",
        "downloadFile",
    ]
    assert fake.sent(CHAT)[0]["document"]["file_name"] == "reversed-指南.txt"


async def test_callback_query_is_answered_and_message_edited(fake: FakeTelegram) -> None:
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        keyboard = [
            [
                InlineKeyboardButton("是", callback_data="brief:yes"),
                InlineKeyboardButton("否", callback_data="brief:no"),
            ]
        ]
        await update.effective_message.reply_text(
            "Write a brief?", reply_markup=InlineKeyboardMarkup(keyboard)
        )

    async def chosen(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer("OK")
        await update.callback_query.edit_message_text(f"You chose {update.callback_query.data}")

    async with running_bot(fake, CommandHandler("menu", menu), CallbackQueryHandler(chosen)) as app:
        fake.send_text(CHAT, "/menu")
        shown = await fake.wait_for_async(sent_to(CHAT))
        assert shown.result["reply_markup"]["inline_keyboard"][0][1]["callback_data"] == "brief:no"
        with pytest.raises(ValueError, match="no button"):
            fake.press_button(CHAT, shown.result["message_id"], "brief:maybe")
        update_id = fake.press_button(CHAT, shown.result["message_id"], "brief:yes")
        await fake.wait_for_async(lambda c: c.method == "editMessageText" and c.ok)

        with pytest.raises(BadRequest, match="Query is too old"):  # a query is answered once
            await app.bot.answer_callback_query(f"cq{update_id}")

    assert fake.callback_answer(update_id)["text"] == "OK"
    (message,) = fake.sent(CHAT)
    assert message["text"] == "You chose brief:yes" and "edit_date" in message
    assert "reply_markup" not in message  # editing without reply_markup drops the keyboard, as on Telegram


# --------------------------------------------------------------------------------------------------
# Direct Bot API calls
# --------------------------------------------------------------------------------------------------


async def test_formatting_is_checked_like_telegram(bot: Bot, fake: FakeTelegram) -> None:
    fake.add_chat(CHAT)
    message = await bot.send_message(
        CHAT, "<b>粗体</b> &amp; <i>it <u>u</u></i> 👍 <code>x</code>", parse_mode="HTML"
    )
    assert message.text == "粗体 & it u 👍 x"
    # PTB renders the entities back to the same HTML; 👍 counts two UTF-16 code units
    assert message.text_html == "<b>粗体</b> &amp; <i>it <u>u</u></i> 👍 <code>x</code>"
    assert message.entities[-1] == MessageEntity("code", 13, 1)

    for html in ("<b>bold</i>", "<div>x</div>", "1 < 2", "<b>open", "AT&T"):
        with pytest.raises(BadRequest, match=r"^Can't parse entities: "):
            await bot.send_message(CHAT, html, parse_mode=ParseMode.HTML)
    # PTB's BadRequest drops "Bad Request: " and str.capitalize()s the rest, lower-casing "Character"
    with pytest.raises(
        BadRequest, match=r"^Can't parse entities: character '\.' is reserved and must be escaped with the"
    ):
        await bot.send_message(CHAT, "Done.", parse_mode=ParseMode.MARKDOWN_V2)
    assert fake.calls[-1].error == (
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'"
    )
    ok = await bot.send_message(CHAT, r"*Done* \(v2\)\.", parse_mode=ParseMode.MARKDOWN_V2)
    assert ok.text == "Done (v2)." and ok.entities == (MessageEntity("bold", 0, 4),)

    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(CHAT, "x" * 4097)
    assert (await bot.send_message(CHAT, "x" * 4096)).text == "x" * 4096
    with pytest.raises(BadRequest, match="Button_data_invalid"):  # str.capitalize() again
        await bot.send_message(
            CHAT,
            "pick",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="d" * 65)]]),
        )
    with pytest.raises(BadRequest, match="beyond the text"):  # "👍 hi" is 5 UTF-16 code units
        await bot.send_message(CHAT, "👍 hi", entities=[MessageEntity("bold", 3, 3)])
    bold_hi = await bot.send_message(CHAT, "👍 hi", entities=[MessageEntity("bold", 3, 2)])
    assert bold_hi.text_html == "👍 <b>hi</b>"
    # PTB sent the entities as a JSON string in a form field; the fake decoded it
    assert fake.calls[-1].params["entities"] == [{"type": "bold", "offset": 3, "length": 2}]


async def test_errors_and_state(bot: Bot, fake: FakeTelegram) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(CHAT, "hello")
    fake.send_text(CHAT, "hi")
    first = await bot.send_message(
        CHAT,
        "hello",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("a", url="https://example.com")]]),
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("hello", CHAT, first.message_id, reply_markup=first.reply_markup)
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("changed", CHAT, 1)  # the user's message
    assert await bot.delete_message(CHAT, first.message_id)
    assert fake.sent(CHAT) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(CHAT, first.message_id)

    fake.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "hello")
    fake.fail_next("sendMessage", 400, description="Bad Request: can't parse entities: injected")
    with pytest.raises(BadRequest, match="injected"):
        await bot.send_message(CHAT, "hello")
    assert (await bot.send_message(CHAT, "hello")).message_id == 3  # failed calls took no message id

    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendPigeon", api_kwargs={"chat_id": CHAT})
    with pytest.raises(InvalidToken, match="was rejected by the server"):  # Bot.initialize rewords 401
        async with Bot("123456:WRONG-token", base_url=fake.base_url):
            pass

    await bot.set_my_commands([("start", "开始"), ("brief", "Write a brief")])
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
        ("start", "开始"),
        ("brief", "Write a brief"),
    ]
    assert fake.commands() == [
        {"command": "start", "description": "开始"},
        {"command": "brief", "description": "Write a brief"},
    ]

    fake.send_text(GROUP, "hi all", user_id=7)
    chat = await bot.get_chat(GROUP)
    assert (chat.type, chat.title) == ("supergroup", "RedPilot test supergroup")
    assert await bot.leave_chat(GROUP)
    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await bot.send_message(GROUP, "still here?")
    assert await bot.close() and await bot.log_out()


async def test_get_updates_long_polls_and_confirms(bot: Bot, fake: FakeTelegram) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == ()  # capped at max_poll_wait
    assert 0.9 <= time.monotonic() - started < 2.5

    first = fake.send_text(CHAT, "one")
    fake.send_text(CHAT, "two")
    updates = await bot.get_updates(timeout=30)
    assert [u.message.text for u in updates] == ["one", "two"] and updates[0].update_id == first
    assert len(await bot.get_updates(offset=first + 1)) == 1  # "one" is confirmed and forgotten
    assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()
    assert fake.pending_updates == []

    await bot.set_webhook("https://example.com/hook")
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    assert fake.webhook_url is None


def test_json_and_form_bodies_and_waits(fake: FakeTelegram) -> None:
    fake.add_chat(CHAT)
    api = f"{fake.base_url}{fake.token}"
    as_json = httpx.post(f"{api}/sendMessage", json={"chat_id": CHAT, "text": "123", "parse_mode": "HTML"})
    as_form = httpx.post(f"{api}/SENDMESSAGE", data={"chat_id": str(CHAT), "text": "456"})
    assert as_json.json()["result"]["text"] == "123" and as_form.json()["result"]["text"] == "456"
    assert fake.calls[-1].method == "sendMessage" and fake.calls[-1]["text"] == "456"
    unknown = httpx.post(f"{api}/sendPigeon")
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    assert httpx.get(f"{fake.base_url}123456:WRONG/getMe").json()["description"] == "Unauthorized"

    with pytest.raises(AssertionError, match=r"(?s)within 0.2 s.*sendMessage chat_id=42 text='456'"):
        fake.wait_for("editMessageText", timeout=0.2)


async def test_blocking_wait_refuses_to_freeze_the_event_loop(fake: FakeTelegram) -> None:
    with pytest.raises(RuntimeError, match="wait_for_async"):
        fake.wait_for("sendMessage")


# --------------------------------------------------------------------------------------------------
# The parsers on their own
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "plain", "entities"),
    [
        (
            '<a href="https://x.cn/?a=1&amp;b=2">链接</a>',
            "链接",
            [{"type": "text_link", "offset": 0, "length": 2, "url": "https://x.cn/?a=1&b=2"}],
        ),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [{"type": "pre", "offset": 0, "length": 5, "language": "python"}],
        ),
        (
            '<span class="tg-spoiler">s</span><tg-spoiler>t</tg-spoiler>',
            "st",
            [{"type": "spoiler", "offset": 0, "length": 1}, {"type": "spoiler", "offset": 1, "length": 1}],
        ),
        (
            "<blockquote expandable>q</blockquote>&#128077;&quot;",
            'q👍"',
            [{"type": "expandable_blockquote", "offset": 0, "length": 1}],
        ),
    ],
)
def test_parse_html(html: str, plain: str, entities: list[dict[str, Any]]) -> None:
    assert parse_html(html) == (plain, entities)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("x</b>", "Unexpected end tag"),
        ("&nbsp;", "Unsupported HTML entity"),
        ("a > b", 'Character ">" must be escaped'),
    ],
)
def test_parse_html_errors(html: str, error: str) -> None:
    with pytest.raises(EntityParseError, match=error):
        parse_html(html)
    assert parse_html("AT&T a > b", strict=False) == ("AT&T a > b", [])


@pytest.mark.parametrize(
    ("markdown", "plain", "entities"),
    [
        (
            r"*b \*x* _i_ __u__ ~s~ ||p||",
            "b *x i u s p",
            [
                ("bold", 0, 4),
                ("italic", 5, 1),
                ("underline", 7, 1),
                ("strikethrough", 9, 1),
                ("spoiler", 11, 1),
            ],
        ),
        (r"[链接](https://x.cn/a\)b) `c\`d`", "链接 c`d", [("text_link", 0, 2), ("code", 3, 3)]),
        ("```python\nprint(1)\n```", "print(1)\n", [("pre", 0, 9)]),
        (">quote\n>more\nafter", "quote\nmore\nafter", [("blockquote", 0, 10)]),
    ],
)
def test_parse_markdown_v2(markdown: str, plain: str, entities: list[tuple[str, int, int]]) -> None:
    text, found = parse_markdown_v2(markdown)
    assert (text, [(e["type"], e["offset"], e["length"]) for e in found]) == (plain, entities)


@pytest.mark.parametrize(
    ("markdown", "error"),
    [
        ("Hello!", "Character '!' is reserved"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("a-b", "Character '-'"),
    ],
)
def test_parse_markdown_v2_errors(markdown: str, error: str) -> None:
    with pytest.raises(EntityParseError, match=error):
        parse_markdown_v2(markdown)
