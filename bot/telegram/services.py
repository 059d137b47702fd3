"""What every handler shares: the services (settings, knowledge base, engine, bot store), the chat key, the
language of replies the bot writes itself, and the one way an engine reply reaches Telegram (typing while it
thinks, one chat's questions in order, the digest as HTML, the buttons, the files)."""

from __future__ import annotations

import asyncio
import html
import logging
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.config import Settings
from bot.engine.factory import Engine
from bot.engine.reply import Reply
from bot.i18n import Lang, t
from bot.models import Attachment
from bot.store.knowledge_base import KnowledgeBase
from bot.telegram.feedback import BotStore
from bot.telegram.format import plain_text, to_messages

log = logging.getLogger("redpilot.telegram")


@dataclass
class Services:
    settings: Settings
    kb: KnowledgeBase
    engine: Engine
    store: BotStore
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


def user_lang(update: Update) -> Lang:
    """For what the bot says before any message is understood (a refusal, /start): the user's app language;
    Chinese when Telegram does not say (RED is a Chinese app)."""
    user = update.effective_user
    code = (user.language_code or "") if user is not None else ""
    return "en" if code and not code.startswith("zh") else "zh"


async def chat_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Lang:
    """The chat's language: /lang when set, else the last answer's, else the user's app language."""
    state = await asyncio.to_thread(services(context).engine.state, chat_key(update))
    return state.forced_lang or state.lang or user_lang(update)


Ask = Callable[[Engine, str, str], Reply]


async def respond(update: Update, context: ContextTypes.DEFAULT_TYPE, ask: Ask, logged: str) -> None:
    """Ask the engine (in a thread, so one slow chat never blocks another) and send its reply; one chat's
    questions are answered in order."""
    svc = services(context)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    key = chat_key(update)
    user_id = str(user.id) if user else ""
    started = time.perf_counter()
    async with svc.locks[key]:
        typing = asyncio.create_task(_keep_typing(context, chat.id))
        try:
            reply = await asyncio.to_thread(ask, svc.engine, key, user_id)
        finally:
            typing.cancel()
        answer_id = await asyncio.to_thread(
            svc.store.record_answer, key, user_id, logged, reply.answer, reply.engine
        )
        await send_reply(context, chat.id, reply, answer_id)
        for attachment in reply.attachments:
            await send_file(context, chat.id, attachment)
    log.info(
        "chat=%s user=%s act=%s tool=%s engine=%s latency_ms=%d",
        chat.id,
        user.id if user else "-",
        reply.act or "-",
        reply.tools[0].name if reply.tools else "-",
        reply.engine,
        round((time.perf_counter() - started) * 1000),
    )


async def _keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    # A chat action lasts about 5 seconds: renew it until the answer is ready.
    while True:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except Exception:
            log.debug("typing indicator failed", exc_info=True)
        await asyncio.sleep(4)


def sources_line(reply: Reply) -> str:
    """Where the answer comes from, in its language, unless the answer already says."""
    guides = [s for s in reply.sources if s.kind == "playbook"]
    notes = [s for s in reply.sources if s.kind == "post"]
    if not (guides or notes) or re.search(r"(?m)^_?(?:来源|依据|Sources|Based on)[:：]", reply.answer):
        return ""
    parts = [s.title for s in guides[:3]] + [
        t("telegram.note_ref", reply.lang, id=s.doc_id) for s in notes[:3]
    ]
    return "\n\n_" + t("telegram.sources", reply.lang, sources="; ".join(parts)) + "_"


def keyboard(reply: Reply, answer_id: int) -> InlineKeyboardMarkup:
    """The reply's next steps (at most three, one row) and 👍/👎. callback_data stays under 64 bytes."""
    row = [InlineKeyboardButton(a.label, callback_data=f"a:{a.name}") for a in reply.actions][:3]
    rating = [
        InlineKeyboardButton("👍", callback_data=f"fb:1:{answer_id}"),
        InlineKeyboardButton("👎", callback_data=f"fb:-1:{answer_id}"),
    ]
    return InlineKeyboardMarkup([row, rating] if row else [rating])


async def send_reply(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply, answer_id: int) -> None:
    messages = to_messages(reply.answer + sources_line(reply))
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
        text = plain_text(html.unescape(re.sub(r"<[^>]+>", "", html_text)))
        for piece in [text[i : i + 4000] for i in range(0, len(text), 4000)] or [""]:
            await context.bot.send_message(chat_id, piece, reply_markup=markup)


async def send_file(context: ContextTypes.DEFAULT_TYPE, chat_id: int, attachment: Attachment) -> None:
    await context.bot.send_document(
        chat_id, attachment.data, filename=attachment.filename, caption=attachment.caption or None
    )
