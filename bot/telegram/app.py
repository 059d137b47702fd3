"""The Telegram bot: a python-telegram-bot application on top of the conversation engine.

Every handler is registered here, readable top to bottom; each lives in the module of its job (chat.py for
what marketers send, callbacks.py for buttons, guided.py for the guided brief, admin.py for knowledge-base
changes). Cross-cutting rules live in one place each: access lists and the rate limit in the group -1 gate,
the admin check in one filter, typing, ordering and sending in services.respond(), failures in on_error().
"""

from __future__ import annotations

import logging
import secrets
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.engine.factory import Engine
from bot.i18n import t
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram import admin, callbacks, chat
from bot.telegram.access import Admins, gate
from bot.telegram.feedback import BotStore
from bot.telegram.guided import campaign_conversation
from bot.telegram.outages import OutageTolerantRateLimiter
from bot.telegram.persistence import SqlitePersistence
from bot.telegram.services import Services, user_lang

log = logging.getLogger("redpilot.telegram")

COMMANDS = [
    ("start", "what RedPilot does"),
    ("help", "how to ask"),
    ("trends", "trends for a topic: /trends 露营"),
    ("kols", "creators for a brief: /kols 精华 预算20万"),
    ("campaign", "a campaign plan: /campaign 精华油新品 预算50万"),
    ("copy", "titles or a note: /copy 防晒喷雾"),
    ("check", "check copy: /check 文案"),
    ("reset", "forget this chat"),
    ("lang", "reply language: /lang zh|en|auto"),
    ("cancel", "stop the guided campaign brief"),
    ("kb", "admins: /kb stats | list | remove ID"),
]


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A short apology with an id for the user; the traceback, with that id, for the log. Never internals."""
    error_id = secrets.token_hex(4)
    log.error("error %s while handling an update", error_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(
                update.effective_chat.id, t("telegram.error", user_lang(update), id=error_id)
            )
        except Exception:
            log.warning("could not send the error reply for %s", error_id)


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
    admins = Admins(settings.admin_user_ids)

    application.add_handler(TypeHandler(Update, gate), group=-1)
    application.add_handler(CommandHandler("start", chat.start))
    application.add_handler(CommandHandler("help", chat.help_command))
    application.add_handler(CommandHandler("trends", chat.command("trends", "trends")))
    application.add_handler(CommandHandler("kols", chat.command("creators", "kols")))
    application.add_handler(campaign_conversation())
    application.add_handler(CommandHandler("copy", chat.command("copywriting", "copy")))
    application.add_handler(CommandHandler("check", chat.command("check", "check")))
    application.add_handler(CommandHandler("reset", chat.reset))
    application.add_handler(CommandHandler("lang", chat.set_lang))
    application.add_handler(CommandHandler("kb", admin.kb_command, filters=admins))
    application.add_handler(CommandHandler("kb", admin.not_admin))
    application.add_handler(CallbackQueryHandler(callbacks.button))
    application.add_handler(MessageHandler(filters.Document.ALL & admins, admin.upload))
    application.add_handler(MessageHandler(filters.Document.ALL, admin.not_admin))
    addressed = filters.ChatType.PRIVATE | filters.Mention(["redpilot"]) | filters.REPLY
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & addressed, chat.text_message))
    application.add_error_handler(on_error)
    return application


async def _post_init(application: Application) -> None:  # type: ignore[type-arg]
    # Group messages count as addressed when they mention this bot by its real username.
    me = await application.bot.get_me()
    for handler in application.handlers.get(0, []):
        if isinstance(handler, MessageHandler) and handler.callback is chat.text_message:
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
