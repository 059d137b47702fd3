"""Admins keep the knowledge base current from the chat: send a file to import it, /kb to look and remove.
Registered behind the Admins filter; everyone else gets one line saying it is for admins."""

from __future__ import annotations

import asyncio
from pathlib import PurePath

from telegram import Update
from telegram.ext import ContextTypes

from bot.i18n import t
from bot.store.importers import SUPPORTED_SUFFIXES
from bot.store.knowledge_base import KnowledgeBaseError
from bot.telegram.services import services, user_lang


async def upload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A .md/.txt/.csv/.json/.jsonl file: validated and ingested, with a summary and an audit line."""
    svc = services(context)
    message, user = update.effective_message, update.effective_user
    if message is None or message.document is None or user is None:
        return
    lang = user_lang(update)
    doc = message.document
    name = PurePath(doc.file_name or "upload.txt").name  # never a path: "../x" and "/etc/x" become "x"
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        await message.reply_text(t("telegram.upload.type", lang, suffix=suffix or "(none)"))
        return
    limit = int(svc.settings.upload_max_mb * 1024 * 1024)
    if doc.file_size and doc.file_size > limit:
        await message.reply_text(t("telegram.upload.too_big", lang, mb=svc.settings.upload_max_mb))
        return
    raw = bytes(await (await context.bot.get_file(doc.file_id)).download_as_bytearray())
    if len(raw) > limit:
        await message.reply_text(t("telegram.upload.too_big", lang, mb=svc.settings.upload_max_mb))
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
        t(
            "telegram.upload.done",
            lang,
            name=name,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            rejected=len(report.rejected),
        )
    ]
    lines += [f"- {r.source}: {r.reason}" for r in report.rejected[:10]]
    await message.reply_text("\n".join(lines))


async def kb_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = services(context)
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    lang = user_lang(update)
    args = context.args or []
    if args[:1] == ["stats"] or not args:
        stats = await asyncio.to_thread(svc.kb.stats)
        d = stats.documents
        await message.reply_text(
            t(
                "telegram.kb.stats",
                lang,
                guides=d["playbook"],
                posts=d["post"],
                creators=d["influencer"],
                comments=d["comment"],
                chunks=stats.chunks,
            )
        )
    elif args[0] == "list":
        kind = args[1] if len(args) > 1 else None
        rows = await asyncio.to_thread(svc.kb.list_documents, kind, 20, 0)
        await message.reply_text(
            "\n".join(f"{r.kind} {r.doc_id} {r.title[:30]}" for r in rows) or t("telegram.kb.empty", lang)
        )
    elif args[0] == "remove" and len(args) > 1:
        removed = await asyncio.to_thread(svc.kb.remove, args[1])
        await asyncio.to_thread(svc.store.audit, user.id, "remove", id=args[1], removed=removed)
        await message.reply_text(t("telegram.kb.removed", lang, n=removed, id=args[1]))
    else:
        await message.reply_text(t("telegram.kb.usage", lang))


async def not_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    del context
    message = update.effective_message
    if message is not None:
        await message.reply_text(t("telegram.admins_only", user_lang(update)))
