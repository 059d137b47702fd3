"""The Telegram bot: a python-telegram-bot application on top of the conversation engine.

Handlers are small async functions, all registered in build_application(). Cross-cutting rules live in one
place each: access lists and the rate limit in a group -1 gate, the typing indicator and per-chat ordering in
answer(), formatting in format.py, failures in on_error().
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.engine.factory import Engine
from bot.engine.reply import Reply
from bot.store.importers import SUPPORTED_SUFFIXES
from bot.store.knowledge_base import KnowledgeBase, KnowledgeBaseError
from bot.telegram.feedback import BotStore
from bot.telegram.format import plain_text, to_messages
from bot.telegram.guided import campaign_conversation
from bot.telegram.outages import OutageTolerantRateLimiter
from bot.telegram.persistence import SqlitePersistence

log = logging.getLogger("redpilot.telegram")

COMMANDS = [
    ("start", "what RedPilot does"),
    ("help", "how to ask"),
    ("trends", "trends for a topic: /trends 露营"),
    ("kols", "creators for a brief: /kols 精华 预算20万"),
    ("campaign", "a campaign plan: /campaign 精华油新品 预算50万"),
    ("check", "check copy: /check 文案"),
    ("reset", "forget this chat"),
    ("lang", "reply language: /lang zh|en"),
    ("cancel", "stop the guided campaign brief"),
    ("kb", "admins: /kb stats | list | remove ID"),
]
ACTION_TEXT = {
    "cheaper": ("便宜一点", "make it cheaper"),
    "suggest_influencers": ("按这个推荐达人", "suggest creators for this"),
    "draft_campaign": ("按这个出完整方案", "draft a full campaign plan for this"),
}
ACTION_LABEL = {
    "cheaper": ("💸 更便宜的组合", "💸 Cheaper mix"),
    "suggest_influencers": ("👥 推荐达人", "👥 Suggest KOLs"),
    "draft_campaign": ("📋 出完整方案", "📋 Draft a campaign"),
    "export": ("📄 导出方案", "📄 Export plan"),
}


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    store: BotStore
    lang: dict[str, str] = field(default_factory=dict)  # chat key -> forced language
    locks: dict[str, asyncio.Lock] = field(default_factory=lambda: defaultdict(asyncio.Lock))
    pending: dict[str, list[str]] = field(default_factory=dict)
    newest: dict[str, object] = field(default_factory=dict)  # chat key -> token of its newest message


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data["services"]  # type: ignore[no-any-return]


def chat_key(update: Update) -> str:
    """Memory is per chat in private, per person within a group."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    if chat.type == ChatType.PRIVATE or user is None:
        return str(chat.id)
    return f"{chat.id}:{user.id}"


def lang_of(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str = "") -> str:
    forced = services(context).lang.get(chat_key(update))
    if forced:
        return forced
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "zh"
    user = update.effective_user
    return "zh" if (user and (user.language_code or "").startswith("zh")) or not text else "en"


# --- the gate: access lists and rate limit ------------------------------------------------------------------------


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler. Others get one polite refusal and nothing more; unlisted groups are left."""
    s = services(context).settings
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    user_listed = user is not None and user.id in s.allowed_user_ids
    if chat.type == ChatType.PRIVATE:
        allowed = (
            user_listed if s.allowed_user_ids else (not s.allowed_chat_ids or chat.id in s.allowed_chat_ids)
        )
    else:
        if s.allowed_chat_ids and chat.id not in s.allowed_chat_ids:
            await context.bot.leave_chat(chat.id)
            raise ApplicationHandlerStop
        allowed = user_listed or not s.allowed_user_ids
    if not allowed:
        refused = context.application.bot_data.setdefault("refused", set())
        who = (chat.id, user.id if user else 0)
        if who not in refused:  # one polite refusal, then silence
            refused.add(who)
            await context.bot.send_message(
                chat.id, "Sorry, this RedPilot is private. 抱歉，这个机器人仅限授权用户使用。"
            )
        raise ApplicationHandlerStop
    # On the event loop: a sub-millisecond SQLite write. Sent to a worker thread it queued every update behind
    # the engine's work, and with 200 chats at once replies stalled until they timed out (load benchmark).
    if (
        update.message
        and user is not None
        and not services(context).store.admit(user.id, s.rate_limit_per_minute)
    ):
        await update.message.reply_text(
            "慢一点～一分钟内消息太多了，稍后再试。 / Too many messages, please wait a minute."
        )
        raise ApplicationHandlerStop


# --- answering -----------------------------------------------------------------------------------------------------


async def _keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    # A chat action lasts about 5 seconds: renew it until the answer is ready.
    while True:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except Exception:
            log.debug("typing indicator failed", exc_info=True)
        await asyncio.sleep(4)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Ask the engine (in a thread, so one slow chat never blocks another) and send the reply; questions of one
    chat are answered in order."""
    svc = services(context)
    chat = update.effective_chat
    user = update.effective_user
    assert chat is not None
    key = chat_key(update)
    started = time.perf_counter()
    async with svc.locks[key]:
        typing = asyncio.create_task(_keep_typing(context, chat.id))
        try:
            reply = await asyncio.to_thread(
                svc.engine.reply, key, str(user.id if user else ""), text, svc.lang.get(key)
            )
        finally:
            typing.cancel()
        answer_id = await asyncio.to_thread(
            svc.store.record_answer, key, str(user.id if user else ""), text, reply.answer, reply.engine
        )
        if reply.export_markdown:
            await asyncio.to_thread(svc.store.save_export, key, reply.export_markdown)
        await send_reply(context, chat.id, reply, answer_id)
        if reply.export_markdown:
            await send_export(context, chat.id, reply.export_markdown)
    tool = reply.tools[0].name if reply.tools else "-"
    log.info(
        "chat=%s user=%s tool=%s engine=%s latency_ms=%d",
        chat.id,
        user.id if user else "-",
        tool,
        reply.engine,
        round((time.perf_counter() - started) * 1000),
    )


def _sources_line(reply: Reply) -> str:
    guides = [s for s in reply.sources if s.kind == "playbook"]
    notes = [s for s in reply.sources if s.kind == "post"]
    parts = [f"{s.title}" for s in guides[:3]] + [
        f"笔记 {s.doc_id}" if reply.lang == "zh" else f"note {s.doc_id}" for s in notes[:3]
    ]
    if not parts or ("来源" in reply.answer or "Sources:" in reply.answer):
        return ""
    return ("\n\n_来源：" if reply.lang == "zh" else "\n\n_Sources: ") + "; ".join(parts) + "_"


def keyboard(reply: Reply, answer_id: int) -> InlineKeyboardMarkup:
    index = 0 if reply.lang == "zh" else 1
    row = [
        InlineKeyboardButton(ACTION_LABEL[a][index], callback_data=f"act:{a}")
        for a in reply.actions
        if a in ACTION_LABEL
    ][:3]
    rating = [
        InlineKeyboardButton("👍", callback_data=f"fb:1:{answer_id}"),
        InlineKeyboardButton("👎", callback_data=f"fb:-1:{answer_id}"),
    ]
    return InlineKeyboardMarkup([row, rating] if row else [rating])


async def send_reply(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply, answer_id: int) -> None:
    markdown = reply.answer + _sources_line(reply)
    messages = to_messages(markdown)
    for number, html_text in enumerate(messages):
        markup = keyboard(reply, answer_id) if number == len(messages) - 1 else None
        await send_html(context, chat_id, html_text, markup)


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    html_text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Formatting never fails the answer: if Telegram refuses the HTML, the plain text goes out."""
    try:
        await context.bot.send_message(
            chat_id, html_text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )
    except BadRequest as exc:
        if "parse" not in str(exc).lower() and "entit" not in str(exc).lower():
            raise
        text = plain_text(html.unescape(_strip_tags(html_text)))
        for piece in [text[i : i + 4000] for i in range(0, len(text), 4000)] or [""]:
            await context.bot.send_message(chat_id, piece, reply_markup=markup)


def _strip_tags(html_text: str) -> str:
    return re.sub(r"<[^>]+>", "", html_text)


async def send_export(context: ContextTypes.DEFAULT_TYPE, chat_id: int, markdown: str) -> None:
    await context.bot.send_document(
        chat_id,
        markdown.encode("utf-8"),
        filename="redpilot-campaign-plan.md",
        caption="Campaign plan (Markdown)",
    )


# --- handlers ------------------------------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = lang_of(update, context)
    zh = lang == "zh"
    text = (
        "你好！我是 RedPilot，小红书营销助手：看趋势、找达人、出方案、查文案合规。直接用中文或英文问我，或者点下面的按钮。"
        if zh
        else "Hi! I'm RedPilot, your Xiaohongshu marketing assistant: trends, creators, campaign plans and "
        "compliance checks. Ask in Chinese or English, or tap a button."
    )
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("📈 趋势" if zh else "📈 Trends", callback_data="ex:trends"),
                InlineKeyboardButton("👥 达人" if zh else "👥 Creators", callback_data="ex:kols"),
            ],
            [
                InlineKeyboardButton("📋 方案" if zh else "📋 Campaign", callback_data="ex:campaign"),
                InlineKeyboardButton("✅ 合规" if zh else "✅ Compliance", callback_data="ex:check"),
            ],
        ]
    )
    assert update.effective_chat is not None
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=buttons)


EXAMPLES = {
    "trends": ("护肤最近有什么趋势", "what's trending in skincare?"),
    "kols": ("多巴胺穿搭新品，预算20万，帮我找达人", "creators for a men's sunscreen, budget 100k RMB"),
    "campaign": (
        "帮我做一个精华油新品的推广方案，预算50万",
        "plan a launch campaign for our serum, budget $30k",
    ),
    "check": ("检查文案：全网最好用的面霜", "check this copy: 'the best cream ever'"),
}


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = lang_of(update, context)
    await answer(update, context, "你能做什么" if lang == "zh" else "what can you do")


def _command_text(context: ContextTypes.DEFAULT_TYPE) -> str:
    return " ".join(context.args or []).strip()


# /trends, /kols and /campaign turn their argument into the sentence a marketer would type.
COMMAND_PHRASES = {
    "trends": (("{} 最近趋势", "trends for {}"), ("最近有什么趋势", "what's trending")),
    "kols": (("帮我找达人：{}", "find creators for: {}"), ("帮我找达人", "find creators")),
    "campaign": (
        ("帮我做推广方案：{}", "plan a campaign for: {}"),
        ("帮我做一个推广方案", "plan a campaign"),
    ),
}


def phrase_command(name: str):  # type: ignore[no-untyped-def]
    with_argument, without = COMMAND_PHRASES[name]

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        argument = _command_text(context)
        index = 0 if lang_of(update, context, argument) == "zh" else 1
        await answer(update, context, with_argument[index].format(argument) if argument else without[index])

    handler.__name__ = name
    return handler


async def check(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    copy = _command_text(context)
    if not copy and message.reply_to_message:
        copy = message.reply_to_message.text or message.reply_to_message.caption or ""
    lang = lang_of(update, context, copy)
    await answer(
        update,
        context,
        (f"检查文案：{copy}" if lang == "zh" else f"check this copy:\n{copy}")
        if copy
        else ("帮我检查文案" if lang == "zh" else "check my copy"),
    )


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    await asyncio.to_thread(svc.engine.reset, chat_key(update))
    assert update.effective_chat is not None
    zh = lang_of(update, context) == "zh"
    await context.bot.send_message(
        update.effective_chat.id, "好的，这个对话的记忆已清空。" if zh else "Done: I've forgotten this chat."
    )


async def set_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = _command_text(context).lower()
    assert update.effective_chat is not None
    if choice not in ("zh", "en"):
        await context.bot.send_message(update.effective_chat.id, "用法 / usage: /lang zh | /lang en")
        return
    services(context).lang[chat_key(update)] = choice
    await context.bot.send_message(
        update.effective_chat.id, "好的，之后用中文回答。" if choice == "zh" else "OK, English from now on."
    )


async def text_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Free text. Several messages pasted in quick succession by one person are answered as one."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    bot_username = context.bot.username or ""
    if bot_username:
        text = text.replace(f"@{bot_username}", "").strip()
    svc = services(context)
    key = chat_key(update)
    svc.pending.setdefault(key, []).append(text)
    # Each message restarts the pause; only the newest one's pause ends in an answer. Nothing is cancelled, so
    # an answer already under way always finishes.
    svc.newest[key] = token = object()
    # Through the application, so a failure reaches on_error like any handler's.
    context.application.create_task(_answer_after_pause(update, context, key, token), update=update)


async def _answer_after_pause(
    update: Update, context: ContextTypes.DEFAULT_TYPE, key: str, token: object
) -> None:
    svc = services(context)
    await asyncio.sleep(svc.settings.debounce_seconds)
    if svc.newest.get(key) is not token:
        return  # a newer message is pausing; it will answer for both
    del svc.newest[key]
    texts = svc.pending.pop(key, [])
    if texts:
        await answer(update, context, "\n".join(texts))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or not query.data:
        return
    svc = services(context)
    key = chat_key(update)
    data = query.data
    lang = lang_of(update, context)
    if data.startswith("fb:"):
        _, rating, answer_id = ([*data.split(":"), "", ""])[:3]
        if (
            rating in ("1", "-1")
            and answer_id.isdigit()
            and await asyncio.to_thread(svc.store.rate, int(answer_id), key, int(rating))
        ):
            await query.answer("谢谢反馈！" if lang == "zh" else "Thanks for the feedback!")
        else:
            await query.answer()
        return
    await query.answer()
    if data.startswith("ex:") and data[3:] in EXAMPLES:
        await answer(update, context, EXAMPLES[data[3:]][0 if lang == "zh" else 1])
    elif data == "act:export":
        markdown = await asyncio.to_thread(svc.store.export, key)
        if markdown and update.effective_chat:
            await send_export(context, update.effective_chat.id, markdown)
    elif data.startswith("act:") and data[4:] in ACTION_TEXT:
        await answer(update, context, ACTION_TEXT[data[4:]][0 if lang == "zh" else 1])
    # Anything else was not made by this bot: ignored.


async def document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Admins send .md/.txt/.csv/.json/.jsonl files: validated and ingested, with a summary and an audit line."""
    svc = services(context)
    message, user = update.effective_message, update.effective_user
    if message is None or message.document is None or user is None:
        return
    zh = lang_of(update, context, message.caption or "") == "zh" or (user.language_code or "").startswith(
        "zh"
    )
    if user.id not in svc.settings.admin_user_ids:
        await message.reply_text(
            "抱歉，只有管理员可以更新知识库。" if zh else "Sorry, only admins can update the knowledge base."
        )
        return
    doc = message.document
    name = PurePath(doc.file_name or "upload.txt").name  # never a path: "../x" and "/etc/x" become "x"
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        await message.reply_text(
            f"不支持的文件类型 {suffix or '(none)'}；支持 .md .txt .csv .json .jsonl"
            if zh
            else f"Unsupported file type {suffix or '(none)'}: send .md, .txt, .csv, .json or .jsonl"
        )
        return
    limit = int(svc.settings.upload_max_mb * 1024 * 1024)
    if doc.file_size and doc.file_size > limit:
        await message.reply_text(
            f"文件太大（上限 {svc.settings.upload_max_mb:g} MB）"
            if zh
            else f"File too large (limit {svc.settings.upload_max_mb:g} MB)"
        )
        return
    raw = bytes(await (await context.bot.get_file(doc.file_id)).download_as_bytearray())
    if len(raw) > limit:
        await message.reply_text("文件太大" if zh else "File too large")
        return
    try:
        report = await asyncio.to_thread(svc.kb.ingest_bytes, raw, name, f"telegram:{user.id}:{name}")
    except KnowledgeBaseError as exc:  # a full disk, a busy writer: the admin can act on the one line
        await message.reply_text(str(exc))
        return
    await asyncio.to_thread(
        svc.store.audit,
        user.id,
        "ingest",
        file=name,
        bytes=len(raw),
        added=report.added,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=len(report.rejected),
    )
    lines = [
        (
            f"已导入 {name}：新增 {report.added}，更新 {report.updated}，未变 {report.unchanged}，拒绝 {len(report.rejected)}"
            if zh
            else f"Imported {name}: added {report.added}, updated {report.updated}, unchanged "
            f"{report.unchanged}, rejected {len(report.rejected)}"
        )
    ]
    lines += [f"- {r.source}: {r.reason}" for r in report.rejected[:10]]
    await message.reply_text("\n".join(lines))


async def kb_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if user.id not in svc.settings.admin_user_ids:
        await message.reply_text(
            "抱歉，只有管理员可以管理知识库。 / Sorry, only admins can manage the knowledge base."
        )
        return
    args = context.args or []
    if args[:1] == ["stats"] or not args:
        stats = await asyncio.to_thread(svc.kb.stats)
        d = stats.documents
        await message.reply_text(
            f"guides {d['playbook']}, posts {d['post']}, influencers {d['influencer']}, "
            f"comments {d['comment']}; chunks {stats.chunks}"
        )
    elif args[0] == "list":
        kind = args[1] if len(args) > 1 else None
        rows = await asyncio.to_thread(svc.kb.list_documents, kind, 20, 0)
        await message.reply_text("\n".join(f"{r.kind} {r.doc_id} {r.title[:30]}" for r in rows) or "(empty)")
    elif args[0] == "remove" and len(args) > 1:
        removed = await asyncio.to_thread(svc.kb.remove, args[1])
        await asyncio.to_thread(svc.store.audit, user.id, "remove", id=args[1], removed=removed)
        await message.reply_text(f"removed {removed} record(s) with id {args[1]}")
    else:
        await message.reply_text("usage: /kb stats | /kb list [kind] | /kb remove ID")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A short apology with an id for the user; the traceback, with that id, for the log. Never internals."""
    error_id = secrets.token_hex(4)
    log.error("error %s while handling an update", error_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                f"抱歉，出了点问题（错误编号 {error_id}），请稍后再试。 / Sorry, something went wrong (error {error_id}).",
            )
        except Exception:
            log.warning("could not send the error reply for %s", error_id)


# --- the application -----------------------------------------------------------------------------------------------


def build_application(
    settings: Settings, kb: KnowledgeBase, engine: Engine, overall_max_rate: float = 30
) -> Application:  # type: ignore[type-arg]
    """`overall_max_rate` is Telegram's own limit (about 30 messages a second); only a load test against a fake
    server raises it, to measure the bot rather than the limit."""
    assert settings.telegram_bot_token is not None
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .rate_limiter(OutageTolerantRateLimiter(max_retries=3, overall_max_rate=overall_max_rate))
        .concurrent_updates(True)
        .post_init(_post_init)
        # The guided brief's step and answers survive a restart; engine memory has its own SQLite store.
        .persistence(SqlitePersistence(settings.data_dir / "telegram_state.sqlite"))
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.removesuffix("/bot") + "/file/bot")
    application = builder.build()
    application.bot_data["services"] = Services(settings, kb, engine, BotStore(settings.data_dir))

    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("trends", phrase_command("trends")))
    application.add_handler(CommandHandler("kols", phrase_command("kols")))
    application.add_handler(campaign_conversation())
    application.add_handler(CommandHandler("check", check))
    application.add_handler(CommandHandler("reset", reset))
    application.add_handler(CommandHandler("lang", set_lang))
    application.add_handler(CommandHandler("kb", kb_command))
    application.add_handler(CallbackQueryHandler(button))
    application.add_handler(MessageHandler(filters.Document.ALL, document))
    addressed = filters.ChatType.PRIVATE | filters.Mention(["redpilot"]) | filters.REPLY
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & addressed, text_message))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    # Group messages count as addressed when they mention this bot by its real username.
    me = await application.bot.get_me()
    for handler in application.handlers.get(0, []):
        if isinstance(handler, MessageHandler) and handler.callback is text_message:
            handler.filters = (
                filters.TEXT
                & ~filters.COMMAND
                & (filters.ChatType.PRIVATE | filters.Mention([me.username]) | filters.REPLY)
            )
    await application.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS])


def run(settings: Settings, kb: KnowledgeBase, engine: Engine) -> None:
    application = build_application(settings, kb, engine)
    if settings.telegram_webhook_url:
        secret = (
            settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret else None
        )
        application.run_webhook(
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            # Served at the public URL's path, so a proxy can pass requests through unchanged.
            url_path=urlsplit(settings.telegram_webhook_url).path.strip("/"),
            webhook_url=settings.telegram_webhook_url,
            secret_token=secret,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)
