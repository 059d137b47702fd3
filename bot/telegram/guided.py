"""/campaign with no brief: a guided brief (product, goal, budget, audience, timing) with inline keyboards for
the choices and free text where needed; /cancel at any step. It ends with the plan. The answers so far live in
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

PRODUCT, GOAL, BUDGET, AUDIENCE, TIMING = range(5)
GOALS = {
    "launch": ("新品上市", "Launch"),
    "awareness": ("种草曝光", "Awareness"),
    "conversion": ("带货转化", "Sales"),
}
BUDGETS = ["5万", "20万", "50万", "100万"]
AUDIENCES = {
    "f18": ("18-24岁女性", "women 18-24"),
    "f25": ("25-34岁女性", "women 25-34"),
    "m18": ("18-34岁男性", "men 18-34"),
    "any": ("不限", "anyone"),
}
WEEKS = ["4", "6", "8"]


def _zh(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    return context.user_data.get("lang", "zh") == "zh" if context.user_data is not None else True


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
    from bot.telegram.app import lang_of, phrase_command

    if context.args:  # "/campaign 精华油新品 预算50万": straight to the plan
        await phrase_command("campaign")(update, context)
        return ConversationHandler.END
    assert context.user_data is not None
    context.user_data.clear()
    context.user_data["lang"] = lang_of(update, context)
    zh = _zh(update, context)
    await _say(
        update,
        "开始做方案（随时 /cancel 取消）。要推广的品牌和产品是什么？"
        if zh
        else "Let's build a plan (/cancel any time). Which brand and product?",
    )
    return PRODUCT


async def product(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert context.user_data is not None and update.effective_message is not None
    context.user_data["product"] = (update.effective_message.text or "").strip()[:100]
    i = 0 if _zh(update, context) else 1
    await _say(
        update,
        "目标是？" if i == 0 else "What's the goal?",
        _keyboard([[(labels[i], f"cg:goal:{key}") for key, labels in GOALS.items()]]),
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
    zh = _zh(update, context)
    await _say(
        update,
        "预算多少？（点选或直接输入，如 30万、$20k）" if zh else "Budget? (tap or type, e.g. 300k RMB, $20k)",
        _keyboard([[(b, f"cg:budget:{b}") for b in BUDGETS]]),
    )
    return BUDGET


async def budget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    from bot.tools.briefs import AmountError, parse_amount

    assert context.user_data is not None
    zh = _zh(update, context)
    raw = (
        (update.callback_query.data or "").rsplit(":", 1)[-1]
        if update.callback_query
        else (update.effective_message.text if update.effective_message else "") or ""
    )
    try:
        context.user_data["budget"] = parse_amount(raw.strip())
    except AmountError:
        await _say(
            update,
            "没看懂这个金额，试试 30万 或 200k RMB。"
            if zh
            else "I couldn't read that amount; try 300k RMB or $20k.",
        )
        return BUDGET
    i = 0 if zh else 1
    await _say(
        update,
        "目标人群？" if zh else "Who is it for?",
        _keyboard([[(labels[i], f"cg:aud:{key}") for key, labels in AUDIENCES.items()]]),
    )
    return AUDIENCE


async def audience(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    if not _choice(update, context, "audience", AUDIENCES):
        return AUDIENCE
    zh = _zh(update, context)
    await _say(
        update,
        "做几周？" if zh else "How many weeks?",
        _keyboard([[(f"{w}周" if zh else f"{w} weeks", f"cg:weeks:{w}") for w in WEEKS]]),
    )
    return TIMING


async def timing(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    from bot.telegram.app import answer

    assert context.user_data is not None and update.callback_query is not None
    weeks = (update.callback_query.data or "").rsplit(":", 1)[-1]
    if weeks not in WEEKS:
        return TIMING
    await update.callback_query.answer()
    data = context.user_data
    zh = _zh(update, context)
    who = AUDIENCES[data["audience"]][0 if zh else 1]
    goal_word = GOALS[data["goal"]][0 if zh else 1]
    if zh:
        brief = (
            f"帮我做推广方案，产品：{data['product']}，{goal_word}，预算{data['budget']}元，{who}，{weeks}周"
        )
    else:
        brief = (
            f"plan a campaign, product: {data['product']}, goal: {goal_word}, budget {data['budget']} RMB, "
            f"{who}, {weeks} weeks"
        )
    data.clear()
    await answer(update, context, brief)
    return ConversationHandler.END


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    zh = _zh(update, context)
    if context.user_data is not None:
        context.user_data.clear()
    await _say(update, "已取消。" if zh else "Cancelled.")
    return ConversationHandler.END


def campaign_conversation() -> ConversationHandler:  # type: ignore[type-arg]
    with warnings.catch_warnings():
        # PTB warns that with per_message=False callback queries are tracked per chat and user, not per
        # message: exactly what a one-brief-at-a-time flow wants.
        warnings.simplefilter("ignore", PTBUserWarning)
        return _conversation()


def _conversation() -> ConversationHandler:  # type: ignore[type-arg]
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
