"""Buttons: next steps under an answer ("a:<action>", a typed turn for the engine), the examples under /start
("ex:<act>"), and 👍/👎 ("fb:<rating>:<answer id>"). Anything else was not made by this bot and is ignored."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import ContextTypes

from bot.engine.offline import ACTIONS
from bot.i18n import t
from bot.telegram.services import chat_key, chat_lang, respond, services

# /start's examples: a command with an argument in each language, typed like the real commands.
EXAMPLES = {
    "trends": ("trends", ("护肤", "skincare")),
    "creators": ("creators", ("多巴胺穿搭新品 预算20万", "men's sunscreen, budget 100k RMB")),
    "campaign": ("campaign", ("精华油新品 预算50万", "launch of our vitamin C serum, budget $30k")),
    "check": ("check", ("全网最好用的面霜，三天见效", "The best cream ever, results in 3 days")),
}


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None or not query.data:
        return
    data = query.data
    if data.startswith("fb:"):
        await _feedback(update, context, data)
        return
    await query.answer()
    if data.startswith("a:") and data[2:] in ACTIONS:
        name = data[2:]
        await respond(update, context, lambda e, k, u: e.action(k, u, name), f"[{name}]")
    elif data.startswith("ex:") and data[3:] in EXAMPLES:
        act, arguments = EXAMPLES[data[3:]]
        argument = arguments[0 if await chat_lang(update, context) == "zh" else 1]
        await respond(update, context, lambda e, k, u: e.command(k, u, act, argument), f"/{act} {argument}")  # type: ignore[arg-type]


async def _feedback(update: Update, context: ContextTypes.DEFAULT_TYPE, data: str) -> None:
    query = update.callback_query
    assert query is not None
    _, rating, answer_id = ([*data.split(":"), "", ""])[:3]
    stored = (
        rating in ("1", "-1")
        and answer_id.isdigit()
        and await asyncio.to_thread(
            services(context).store.rate, int(answer_id), chat_key(update), int(rating)
        )
    )
    if stored:
        await query.answer(t("telegram.thanks_feedback", await chat_lang(update, context)))
    else:
        await query.answer()
