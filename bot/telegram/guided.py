"""/campaign with no brief: a guided brief (product, goal, budget, audience, weeks) with buttons for the
choices and free text where needed; /cancel at any step. It ends with a typed campaign turn for the engine: the
goal pressed is the goal planned for, nothing is turned back into a sentence. The answers so far live in
user_data, which the application persists, so a restart does not lose a half-finished brief."""

from __future__ import annotations

import warnings

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.engine.understand.amounts import AmountError, parse_amount
from bot.i18n import Lang, t
from bot.models import Audience
from bot.telegram.chat import command
from bot.telegram.services import chat_lang, respond, services

PRODUCT, GOAL, BUDGET, AUDIENCE, TIMING = range(5)
GOALS = ("launch", "awareness", "conversion")
BUDGETS = ["5万", "20万", "50万", "100万"]
AUDIENCES: dict[str, Audience | None] = {
    "f18": Audience(female_share=0.85, age={"18-24": 1.0}),
    "f25": Audience(female_share=0.85, age={"25-34": 1.0}),
    "m18": Audience(female_share=0.15, age={"18-34": 1.0}),
    "any": None,
}
WEEKS = ["4", "6", "8"]


def _lang(context: ContextTypes.DEFAULT_TYPE) -> Lang:
    return "en" if context.user_data is not None and context.user_data.get("lang") == "en" else "zh"


def _keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def _say(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if update.callback_query:
        await update.callback_query.answer()
    assert message is not None
    await message.get_bot().send_message(message.chat_id, text, reply_markup=markup)


async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int | None:
    if context.args:  # "/campaign 精华油新品 预算50万": straight to the plan
        await command("campaign", "campaign")(update, context)
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data.clear()
    context.user_data["lang"] = await chat_lang(update, context)
    await _say(update, t("guided.product", _lang(context)))
    return PRODUCT


async def product(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None and update.effective_message is not None
    context.user_data["product"] = (update.effective_message.text or "").strip()[:100]
    lang = _lang(context)
    await _say(
        update,
        t("guided.goal", lang),
        _keyboard([[(t(f"common.goal.{g}", lang), f"cg:goal:{g}") for g in GOALS]]),
    )
    return GOAL


def _choice(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, options: object) -> bool:
    """Store the pressed button's value under `name` when it is one of `options`; False for anything else."""
    assert context.user_data is not None and update.callback_query is not None
    key = (update.callback_query.data or "").rsplit(":", 1)[-1]
    if key not in options:  # type: ignore[operator]
        return False
    context.user_data[name] = key
    return True


async def goal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    if not _choice(update, context, "goal", GOALS):
        return GOAL
    await _say(
        update, t("guided.budget", _lang(context)), _keyboard([[(b, f"cg:budget:{b}") for b in BUDGETS]])
    )
    return BUDGET


async def budget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None
    lang = _lang(context)
    raw = (
        (update.callback_query.data or "").rsplit(":", 1)[-1]
        if update.callback_query
        else (update.effective_message.text if update.effective_message else "") or ""
    )
    try:
        context.user_data["budget"] = parse_amount(raw.strip(), services(context).settings.usd_cny_rate)
    except AmountError:
        await _say(update, t("guided.bad_amount", lang))
        return BUDGET
    await _say(
        update,
        t("guided.audience", lang),
        _keyboard([[(t(f"guided.audience_{key}", lang), f"cg:aud:{key}") for key in AUDIENCES]]),
    )
    return AUDIENCE


async def audience(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    if not _choice(update, context, "audience", AUDIENCES):
        return AUDIENCE
    lang = _lang(context)
    await _say(
        update,
        t("guided.weeks", lang),
        _keyboard([[(t("guided.weeks_button", lang, n=w), f"cg:weeks:{w}") for w in WEEKS]]),
    )
    return TIMING


async def timing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None and update.callback_query is not None
    weeks = (update.callback_query.data or "").rsplit(":", 1)[-1]
    if weeks not in WEEKS:
        return TIMING
    await update.callback_query.answer()
    data = dict(context.user_data)
    context.user_data.clear()
    lang: Lang = data.get("lang", "zh")

    def ask(engine, key, user):  # type: ignore[no-untyped-def]
        # The product answer is free text: the engine reads its slots; the buttons' choices are typed.
        turn = engine.prepare(key, "campaign", data["product"], lang)
        turn.slots = turn.slots.model_copy(
            update={
                "product": turn.slots.product or data["product"],
                "goal": data["goal"],
                "budget": data["budget"],
                "currency": "CNY",
                "audience": AUDIENCES[data["audience"]],
                "weeks": int(weeks),
            }
        )
        return engine.act(key, user, turn, lang)

    await respond(
        update, context, ask, f"/campaign {data['product']} ({data['goal']}, {data['budget']}, {weeks}w)"
    )
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    lang = _lang(context)
    if context.user_data is not None:
        context.user_data.clear()
    await _say(update, t("guided.cancelled", lang))
    return ConversationHandler.END


def campaign_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    with warnings.catch_warnings():
        # PTB warns that with per_message=False callback queries are tracked per chat and user, not per
        # message: exactly what a one-brief-at-a-time flow wants.
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler("campaign", begin)],
            states={
                PRODUCT: [MessageHandler(filters.TEXT & ~filters.COMMAND, product)],
                GOAL: [CallbackQueryHandler(goal, pattern=r"^cg:goal:")],
                BUDGET: [
                    CallbackQueryHandler(budget, pattern=r"^cg:budget:"),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, budget),
                ],
                AUDIENCE: [CallbackQueryHandler(audience, pattern=r"^cg:aud:")],
                TIMING: [CallbackQueryHandler(timing, pattern=r"^cg:weeks:")],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="guided_campaign",
            persistent=True,
            # One brief per person per chat; the buttons carry their own step in callback_data.
            per_message=False,
        )
