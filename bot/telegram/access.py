"""Who may talk to the bot, how often, and who may change the knowledge base: one gate that runs before every
handler (access lists, the shared rate limit) and one filter for admins, registered once in the application."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.i18n import t
from bot.telegram.services import services, user_lang


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
            await context.bot.send_message(chat.id, t("telegram.private", user_lang(update)))
        raise ApplicationHandlerStop
    # On the event loop: a sub-millisecond SQLite write. Sent to a worker thread it queued every update behind
    # the engine's work, and with 200 chats at once replies stalled until they timed out (load benchmark).
    if (
        update.message
        and user is not None
        and not services(context).store.admit(user.id, s.rate_limit_per_minute)
    ):
        await update.message.reply_text(t("telegram.slow_down", user_lang(update)))
        raise ApplicationHandlerStop


class Admins(filters.UpdateFilter):
    """Updates from a user in ADMIN_USER_IDS: the admin check, written once and combined into the handlers
    that change the knowledge base (`Admins(ids) & filters.Document.ALL`)."""

    def __init__(self, admin_ids: set[int]) -> None:
        super().__init__(name="Admins")
        self.admin_ids = frozenset(admin_ids)

    def filter(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.admin_ids
