"""What a marketer does in the chat: /start, /help, the commands that ask for one thing (/trends, /kols,
/check ...), /reset, /lang, and free text. Commands pass their act and argument to the engine typed; only free
text goes through understanding."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.engine.understand.turn import Act
from bot.i18n import t
from bot.telegram.services import chat_key, chat_lang, respond, services


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = await chat_lang(update, context)
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("telegram.start.trends", lang), callback_data="ex:trends"),
                InlineKeyboardButton(t("telegram.start.creators", lang), callback_data="ex:creators"),
            ],
            [
                InlineKeyboardButton(t("telegram.start.campaign", lang), callback_data="ex:campaign"),
                InlineKeyboardButton(t("telegram.start.check", lang), callback_data="ex:check"),
            ],
        ]
    )
    assert update.effective_chat is not None
    await context.bot.send_message(
        update.effective_chat.id, t("telegram.start.text", lang), reply_markup=buttons
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = await chat_lang(update, context)
    await respond(update, context, lambda e, k, u: e.command(k, u, "help", "", lang), "/help")


def command(act: Act, name: str):  # type: ignore[no-untyped-def]
    """A command that asks for one act; its argument gives the slots ("/kols 精华 预算20万")."""

    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        argument = " ".join(context.args or []).strip()
        message = update.effective_message
        if act == "check" and not argument and message is not None and message.reply_to_message:
            # "/check" as a reply to the copy: the replied-to message is the argument.
            argument = message.reply_to_message.text or message.reply_to_message.caption or ""
        await respond(
            update, context, lambda e, k, u: e.command(k, u, act, argument), f"/{name} {argument}".strip()
        )

    handler.__name__ = name
    return handler


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    await asyncio.to_thread(svc.engine.reset, chat_key(update))
    assert update.effective_chat is not None
    await context.bot.send_message(
        update.effective_chat.id, t("telegram.reset", await chat_lang(update, context))
    )


async def set_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = " ".join(context.args or []).strip().lower()
    assert update.effective_chat is not None
    if choice not in ("zh", "en", "auto"):
        await context.bot.send_message(
            update.effective_chat.id, t("telegram.lang_usage", await chat_lang(update, context))
        )
        return
    forced = None if choice == "auto" else choice
    await asyncio.to_thread(services(context).engine.set_language, chat_key(update), forced)  # type: ignore[arg-type]
    lang = forced or await chat_lang(update, context)
    key = "telegram.lang_auto" if forced is None else "telegram.lang_set"
    await context.bot.send_message(update.effective_chat.id, t(key, lang))


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
        text = "\n".join(texts)
        await respond(update, context, lambda e, k, u: e.reply(k, u, text), text)
