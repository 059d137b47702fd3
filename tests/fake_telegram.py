"""A fake Telegram Bot API server for end-to-end tests.

The fake is a real HTTP server on 127.0.0.1 (standard library only), so tests run python-telegram-bot's own
networking (``HTTPXRequest``, long polling, the ``AIORateLimiter``, file downloads) against it. Nothing of
the bot is mocked::

    from tests.fake_telegram import FakeTelegram

    with FakeTelegram() as fake:
        app = (
            ApplicationBuilder()
            .token(fake.token)
            .base_url(fake.base_url)
            .base_file_url(fake.base_file_url)
            .build()
        )
        ...  # start the application with long polling
        fake.send_text(42, "/start")
        call = await fake.wait_for_async(lambda c: c.method == "sendMessage" and c.ok)
        assert call.result["text"] == "Welcome!"

Endpoints:

* ``POST``/``GET /bot<token>/<method>`` with a JSON, form-encoded or multipart body (or a query string).
  Method names are case-insensitive, as on Telegram. Implemented: ``getMe``, ``getUpdates``, ``setWebhook``,
  ``deleteWebhook``, ``getWebhookInfo``, ``setMyCommands``, ``getMyCommands``, ``deleteMyCommands``,
  ``sendMessage``, ``editMessageText``, ``sendChatAction``, ``sendDocument``, ``answerCallbackQuery``,
  ``getFile``, ``leaveChat``, ``deleteMessage``, ``getChat``, ``close`` and ``logOut``. Any other method
  answers 404 ``Not Found: method not found``; another token answers 401 ``Unauthorized``.
* ``GET /file/bot<token>/<file_path>``: the bytes of a file registered with :meth:`FakeTelegram.add_file`,
  sent by a user with :meth:`FakeTelegram.send_document` or uploaded by the bot with ``sendDocument``.
  Downloads are recorded as calls of the pseudo-method ``downloadFile``.

Answers are Bot API objects (``{"ok": true, "result": ...}``) that python-telegram-bot deserialises: complete
``Message`` objects (``message_id`` increasing per chat, shared with the user's messages as in a real chat,
``from`` the bot, the text as Telegram renders it after parsing ``parse_mode`` plus the resulting
``entities``, the inline keyboard echoed, ``reply_to_message`` when replying), ``User``, ``File``,
``ChatFullInfo``, ``WebhookInfo`` and ``True``.

Telegram's checks that bots trip over are enforced with Telegram's error texts (status 400 unless noted):

* sending to a chat the bot has never seen: ``chat not found`` (users' messages introduce chats; so does
  :meth:`FakeTelegram.add_chat`); to a group the bot left: 403 ``Forbidden: bot is not a member of ...``;
* message text empty or over 4096 characters after entity parsing (``message is too long``), captions over
  1024 (``message caption is too long``);
* ``parse_mode="HTML"``: only Telegram's tags (b, strong, i, em, u, ins, s, strike, del,
  ``span class="tg-spoiler"``, tg-spoiler, ``a href``, code, pre, blockquote, ``tg-emoji emoji-id``),
  properly nested and closed, ``&``, ``<`` and ``>`` written as entities (``&lt; &gt; &amp; &quot;`` and
  numeric ones): ``can't parse entities: ...``. Real Telegram tolerates a bare ``&`` or ``>``; the fake does
  not, unless built with ``strict_html=False``, because such text means the bot forgot to escape;
* ``parse_mode="MarkdownV2"``: reserved characters ``_*[]()~`>#+-=|{}.!`` must be escaped outside entities
  (``can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'``),
  entities must be closed (``Can't find end of Bold entity at byte offset 0``). Legacy ``Markdown`` is
  parsed too. The parsers are close approximations of Telegram's, not copies;
* explicit ``entities`` (which take precedence over ``parse_mode``, as on Telegram) must lie within the
  text, counted in UTF-16 code units;
* inline keyboards: ``callback_data`` of 1-64 bytes (``BUTTON_DATA_INVALID``), every button needs an action;
* editing: ``message to edit not found``, ``message can't be edited`` (not the bot's),
  ``message is not modified: ...`` (same text, entities and keyboard). Like Telegram, ``editMessageText``
  without ``reply_markup`` removes the inline keyboard;
* ``answerCallbackQuery`` on an unknown or already answered query: ``query is too old and response timeout
  expired or query ID is invalid``; ``deleteMessage`` of an unknown message: ``message to delete not found``;
* ``getUpdates`` while a webhook is set: 409 ``Conflict: can't use getUpdates method while webhook is
  active; use deleteWebhook to delete the webhook first``.

``getUpdates`` long-polls like Telegram: it confirms (forgets) updates below ``offset``, answers as soon as
updates are queued, and otherwise waits ``timeout`` seconds, capped at ``max_poll_wait`` (1 s by default)
so that stopping a bot stays fast.

Driving the bot (each returns the new ``update_id``): :meth:`FakeTelegram.send_text`,
:meth:`FakeTelegram.send_document`, :meth:`FakeTelegram.press_button` and, for anything else,
:meth:`FakeTelegram.send_update`. Fault injection: :meth:`FakeTelegram.fail_next`; outages:
:meth:`FakeTelegram.go_away` and :meth:`FakeTelegram.come_back` (same port, same state; updates sent
meanwhile wait, pending long polls end).

Inspection (:func:`sent_message` builds the usual predicate): :attr:`FakeTelegram.calls` (every request, as :class:`Call`), :meth:`FakeTelegram.sent`,
:meth:`FakeTelegram.actions`, :meth:`FakeTelegram.documents`, :meth:`FakeTelegram.callback_answer`,
:meth:`FakeTelegram.commands`, and the waits :meth:`FakeTelegram.wait_for` (blocking, for a bot running in
another thread or process) and :meth:`FakeTelegram.wait_for_async` (for a bot running on the test's event
loop, which a blocking wait would freeze).

Things worth knowing about python-telegram-bot 22:

* It does not send JSON: every call is ``application/x-www-form-urlencoded`` with nested values
  (``reply_markup``, ``entities``, ``reply_parameters``...) JSON-encoded as strings, or multipart when it
  uploads a file. The fake decodes those values, so :attr:`Call.params` holds ints, dicts and lists.
* ``telegram.error.BadRequest`` drops Telegram's ``"Bad Request: "`` prefix and then ``str.capitalize()``-s
  the rest, lower-casing everything after the first letter: ``can't parse entities: Character '.' ...``
  becomes ``Can't parse entities: character '.' ...`` and ``BUTTON_DATA_INVALID`` ``Button_data_invalid``.
  :attr:`Call.error` keeps Telegram's exact text.
* A 404 (unknown method) raises ``InvalidToken`` from ordinary methods and ``EndPointNotFound`` from
  ``Bot.do_api_request``; a 401 raises ``InvalidToken``, which ``Bot.initialize`` rewords as
  ``The token `...` was rejected by the server.``
* ``Message.reply_text`` quotes by default (``reply_parameters={"message_id": ...}``) in groups and
  supergroups, not in private chats.
* ``AIORateLimiter`` sleeps ``retry_after + 0.1`` seconds on a 429 and holds every other request meanwhile;
  it also limits each group to 20 messages a minute. Building the ``RetryAfter`` exception emits a
  ``PTBDeprecationWarning`` (about ``retry_after`` becoming a timedelta) unless ``PTB_TIMEDELTA=1`` is set.
* ``Updater.stop()`` cancels the pending long poll (the fake notices only when it tries to answer) and
  then confirms the handled updates with one last ``getUpdates(offset=..., timeout=0)``.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import mimetypes
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from email.message import Message as _EmailMessage
from http.server import BaseHTTPRequestHandler
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tests.loopback import LoopbackServer, QuietServer

__all__ = [
    "BOT_ID",
    "BOT_USER",
    "BOT_USERNAME",
    "DEFAULT_USER_ID",
    "TOKEN",
    "Call",
    "EntityParseError",
    "FakeTelegram",
    "SentDocument",
    "UploadedFile",
    "detect_entities",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "sent_message",
    "utf16_len",
]

TOKEN = "123456:TEST-token"
BOT_ID = 123456
BOT_USERNAME = "redpilot_test_bot"
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "RedPilot Test",
    "username": BOT_USERNAME,
}
DEFAULT_USER_ID = 1001  # the sender in group chats when no user_id is given
MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files, as Telegram does

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
BUTTON_ACTIONS = frozenset(
    {
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    }
)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a content and reply markup of the current message"
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)
_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

# Form and multipart values are strings; these stay strings, every other value is JSON-decoded when it
# parses (so "42" becomes 42 and '{"inline_keyboard": ...}' a dict, while "@channel" stays a string).
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "file_id",
        "action",
        "url",
        "secret_token",
        "ip_address",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "title",
        "description",
        "short_description",
        "name",
        "query",
        "emoji",
        "question",
        "custom_emoji_id",
        "document",
        "photo",
        "audio",
        "video",
        "voice",
        "animation",
        "sticker",
        "video_note",
        "thumbnail",
    }
)
# JSON-serialised parameters, decoded even when a JSON body carries them as strings.
_STRUCTURED_PARAMS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "reply_parameters",
        "link_preview_options",
        "media",
    }
)


def utf16_len(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """One multipart file part as received."""

    file_name: str | None
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class Call:
    """One request the bot made, recorded once answered. ``call["text"]`` is short for ``call.params["text"]``.

    ``method`` is spelled as in the Bot API documentation (``"sendMessage"``) whatever case the request used;
    file downloads are recorded with the pseudo-method ``"downloadFile"``. ``time`` is the
    ``time.monotonic()`` of the request's arrival. ``result`` is what ``"result"`` held on success;
    ``error`` the description on failure.
    """

    method: str
    params: dict[str, Any]
    files: dict[str, UploadedFile] = field(default_factory=dict)
    time: float = field(default_factory=time.monotonic)
    status: int = 200
    result: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def summary(self) -> str:
        """One line for failure messages, e.g. ``sendMessage chat_id=42 text='hi' -> 200``."""
        shown = []
        for key, value in self.params.items():
            text = repr(value)
            shown.append(f"{key}={text[:60] + '...' if len(text) > 60 else text}")
        shown.extend(f"{key}=<file {f.file_name!r}, {len(f.data)} bytes>" for key, f in self.files.items())
        outcome = str(self.status) + (f" {self.error!r}" if self.error else "")
        return f"{self.method} {' '.join(shown)} -> {outcome}"


@dataclass(frozen=True)
class SentDocument:
    """A document the bot sent with ``sendDocument``; ``data`` is ``None`` when it sent a URL."""

    chat_id: int
    message_id: int
    file_id: str
    file_name: str | None
    mime_type: str | None
    data: bytes | None
    caption: str | None


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes | None
    file_name: str | None
    mime_type: str | None
    file_path: str

    def as_file(self) -> dict[str, Any]:
        result: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.data is not None:
            result["file_size"] = len(self.data)
        result["file_path"] = self.file_path
        return result

    def as_document(self) -> dict[str, Any]:
        result: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            result["file_name"] = self.file_name
        if self.mime_type:
            result["mime_type"] = self.mime_type
        if self.data is not None:
            result["file_size"] = len(self.data)
        return result


@dataclass(frozen=True)
class _Failure:
    status: int
    description: str
    parameters: dict[str, Any] | None


class ApiError(Exception):
    """An error answer: ``{"ok": false, "error_code": status, "description": ..., "parameters": ...}``."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


# --------------------------------------------------------------------------------------------------
# Formatting: Telegram's parse modes
# --------------------------------------------------------------------------------------------------


class EntityParseError(ValueError):
    """Text that Telegram would refuse with ``Bad Request: can't parse entities: <message>``."""


class _Builder:
    """Plain text under construction, with its length in UTF-16 code units."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.pos += utf16_len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _entity(kind: str, offset: int, end: int, **extra: Any) -> dict[str, Any] | None:
    if end <= offset:
        return None  # Telegram drops empty entities
    return {"type": kind, "offset": offset, "length": end - offset, **extra}


def _sorted(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})|([a-zA-Z][a-zA-Z0-9]{0,31}));")
_HTML_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[^\s\"'<>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*>"
)
_HTML_ATTRIBUTE = re.compile(r"([^\s\"'<>/=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?")
_HTML_END_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")


def _html_unescape(value: str, source: str, start: int, strict: bool) -> str:
    """Decode the entities of an attribute value (``start`` is its index in ``source``, for errors)."""
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] != "&":
            j = value.find("&", i)
            j = len(value) if j == -1 else j
            out.append(value[i:j])
            i = j
            continue
        match = _HTML_ENTITY.match(value, i)
        decoded = _decode_html_entity(match, source, start + i, strict) if match else None
        if decoded is None:
            if strict:
                raise EntityParseError(
                    f'Character "&" must be written as "&amp;" at byte offset {_byte_offset(source, start + i)}'
                )
            out.append("&")
            i += 1
        else:
            out.append(decoded)
            i = match.end()  # type: ignore[union-attr]
    return "".join(out)


def _decode_html_entity(match: re.Match[str], source: str, index: int, strict: bool) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name in _HTML_NAMED_ENTITIES:
            return _HTML_NAMED_ENTITIES[name]
        if strict:
            raise EntityParseError(
                f'Unsupported HTML entity "&{name};" at byte offset {_byte_offset(source, index)}; '
                "only &lt; &gt; &amp; &quot; and numeric entities are supported"
            )
        return None
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise EntityParseError(f"Invalid HTML entity at byte offset {_byte_offset(source, index)}")
    return chr(code)


def parse_html(text: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(plain_text, entities)``; offsets and lengths in UTF-16 code units.

    Raises :class:`EntityParseError` with a Telegram-like message for what Telegram refuses. With
    ``strict`` (the default) a bare ``&`` or ``>`` and unknown named entities are refused too.
    """
    out = _Builder()
    stack: list[tuple[str, int, dict[str, str], int]] = []  # (tag, start, attributes, index in text)
    entities: list[dict[str, Any]] = []
    code_languages: dict[tuple[int, int], str] = {}
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            match = _HTML_ENTITY.match(text, i)
            decoded = _decode_html_entity(match, text, i, strict) if match else None
            if decoded is None:
                if strict:
                    raise EntityParseError(
                        f'Character "&" must be escaped as "&amp;" at byte offset {_byte_offset(text, i)}'
                    )
                out.add("&")
                i += 1
            else:
                out.add(decoded)
                i = match.end()  # type: ignore[union-attr]
        elif char == "<" and text.startswith("</", i):
            match = _HTML_END_TAG.match(text, i)
            if match is None:
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, i)}")
            name = match.group(1).lower()
            if not stack:
                raise EntityParseError(f'Unexpected end tag "{name}" at byte offset {_byte_offset(text, i)}')
            tag, start, attributes, _ = stack.pop()
            if tag != name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {_byte_offset(text, i)}, expected "</{tag}>", '
                    f'found "</{name}>"'
                )
            entity = _html_entity(tag, start, out.pos, attributes)
            if entity is not None:
                if tag == "code" and attributes.get("class", "").startswith("language-"):
                    code_languages[(start, out.pos)] = attributes["class"][len("language-") :]
                entities.append(entity)
            i = match.end()
        elif char == "<":
            match = _HTML_START_TAG.match(text, i)
            opening = re.match(r"<([a-zA-Z][a-zA-Z0-9-]*)", text[i : i + 40])
            if opening is None:
                raise EntityParseError(
                    f'Character "<" must be escaped as "&lt;" at byte offset {_byte_offset(text, i)}'
                )
            name = opening.group(1).lower()
            if name not in _HTML_TAGS:
                raise EntityParseError(
                    f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, i)}'
                )
            if match is None:
                raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, i)}")
            attributes: dict[str, str] = {}
            offset = match.start(2)
            for attribute in _HTML_ATTRIBUTE.finditer(match.group(2)):
                value_index = next((k for k in (2, 3, 4) if attribute.group(k) is not None), None)
                value = "" if value_index is None else attribute.group(value_index)
                value_start = offset + (attribute.start(value_index) if value_index else attribute.end())
                attributes[attribute.group(1).lower()] = _html_unescape(value, text, value_start, strict)
            if name == "span" and attributes.get("class") != "tg-spoiler":
                raise EntityParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, i)}'
                )
            if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
                raise EntityParseError(
                    f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {_byte_offset(text, i)}'
                )
            stack.append((name, out.pos, attributes, i))
            i = match.end()
        elif char == ">" and strict:
            raise EntityParseError(
                f'Character ">" must be escaped as "&gt;" at byte offset {_byte_offset(text, i)}'
            )
        else:
            j = i + 1
            while j < n and text[j] not in "&<>":
                j += 1
            out.add(text[i:j])
            i = j
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    # <pre><code class="language-x">...</code></pre> is one pre entity with a language
    for entity in entities:
        if entity["type"] == "pre":
            language = code_languages.get((entity["offset"], entity["offset"] + entity["length"]))
            if language:
                entity["language"] = language
    merged = [
        e
        for e in entities
        if not (
            e["type"] == "code"
            and (e["offset"], e["offset"] + e["length"]) in code_languages
            and any(
                p["type"] == "pre" and p["offset"] == e["offset"] and p["length"] == e["length"]
                for p in entities
            )
        )
    ]
    return out.text(), _sorted(merged)


def _html_entity(tag: str, start: int, end: int, attributes: dict[str, str]) -> dict[str, Any] | None:
    kind = _HTML_TAGS[tag]
    if kind == "text_link":
        href = attributes.get("href")
        return _entity(kind, start, end, url=href) if href else None
    if kind == "blockquote" and "expandable" in attributes:
        return _entity("expandable_blockquote", start, end)
    if kind == "custom_emoji":
        return _entity(kind, start, end, custom_emoji_id=attributes["emoji-id"])
    return _entity(kind, start, end)


MARKDOWN_V2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MD2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_MD2_TOGGLES = (
    ("__", "underline"),
    ("||", "spoiler"),
    ("*", "bold"),
    ("_", "italic"),
    ("~", "strikethrough"),
)


def _reserved(char: str) -> EntityParseError:
    return EntityParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram MarkdownV2 into ``(plain_text, entities)``, an approximation of Telegram's parser.

    Supports ``*bold*``, ``_italic_``, ``__underline__``, ``~strike~``, ``||spoiler||``, ``[text](url)``,
    ``![emoji](tg://emoji?id=...)``, inline code, pre blocks with a language, ``>`` block quotes (and
    ``**>`` expandable ones) and ``\\`` escapes. Raises :class:`EntityParseError` like Telegram.
    """
    out = _Builder()
    stack: list[tuple[str, int, int, str]] = []  # (type, start, index in text, pre language)
    entities: list[dict[str, Any]] = []
    quote: tuple[int, bool] | None = None  # (start, expandable) of the open block quote
    i, n = 0, len(text)

    def close_quote() -> None:
        nonlocal quote
        if quote is not None:
            entity = _entity("expandable_blockquote" if quote[1] else "blockquote", quote[0], out.pos)
            if entity is not None:
                entities.append(entity)
            quote = None

    while i < n:
        char = text[i]
        top = stack[-1][0] if stack else None
        if top in ("code", "pre"):
            if char == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
                out.add(text[i + 1])
                i += 2
                continue
            closing = "```" if top == "pre" else "`"
            if text.startswith(closing, i):
                kind, start, _, language = stack.pop()
                entity = _entity(kind, start, out.pos, **({"language": language} if language else {}))
                if entity is not None:
                    entities.append(entity)
                i += len(closing)
            else:
                out.add(char)
                i += 1
            continue
        if char == "\\":
            if i + 1 < n and 0 < ord(text[i + 1]) <= 126:
                out.add(text[i + 1])
                i += 2
            else:
                out.add(char)
                i += 1
            continue
        if i == 0 or text[i - 1] == "\n":
            if text.startswith("**>", i):
                if quote is None:
                    quote = (out.pos, True)
                i += 3
                continue
            if char == ">":
                if quote is None:
                    quote = (out.pos, False)
                i += 1
                continue
        if char == "\n":
            following = text[i + 1 : i + 4]
            if quote is not None and not (following.startswith(">") or following == "**>"):
                close_quote()
            out.add(char)
            i += 1
            continue
        if quote is not None and quote[1] and text.startswith("||", i) and text[i + 2 : i + 3] in ("", "\n"):
            i += 2  # the end mark of an expandable block quote
            continue
        if char == "`":
            if text.startswith("```", i):
                j = i + 3
                newline = text.find("\n", j)
                language = ""
                if newline != -1 and not re.search(r"[\s`]", text[j:newline]):
                    language = text[j:newline]
                    j = newline + 1
                stack.append(("pre", out.pos, i, language))
                i = j
            else:
                stack.append(("code", out.pos, i, ""))
                i += 1
            continue
        if char == "!" and text.startswith("![", i):
            stack.append(("custom_emoji", out.pos, i, ""))
            i += 2
            continue
        if char == "[":
            stack.append(("text_link", out.pos, i, ""))
            i += 1
            continue
        if char == "]":
            if top not in ("text_link", "custom_emoji"):
                raise _reserved(char)
            kind, start, opened_at, _ = stack.pop()
            i += 1
            if not text.startswith("(", i):
                continue  # no URL: Telegram keeps the text without an entity
            url_chars: list[str] = []
            j = i + 1
            while j < n and text[j] != ")":
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                url_chars.append(text[j])
                j += 1
            if j >= n:
                raise EntityParseError(f"Can't find end of a URL at byte offset {_byte_offset(text, i + 1)}")
            url = "".join(url_chars)
            i = j + 1
            if kind == "custom_emoji":
                emoji = re.fullmatch(r"tg://emoji\?id=(\d+)", url)
                if emoji is None:
                    raise EntityParseError(
                        f"Custom emoji entity must contain a tg://emoji URL at byte offset "
                        f"{_byte_offset(text, opened_at)}"
                    )
                entity = _entity(kind, start, out.pos, custom_emoji_id=emoji.group(1))
            else:
                entity = _entity(kind, start, out.pos, url=url) if url else None
            if entity is not None:
                entities.append(entity)
            continue
        toggle = next(((mark, kind) for mark, kind in _MD2_TOGGLES if text.startswith(mark, i)), None)
        if toggle is not None:
            mark, kind = toggle
            if top == kind:
                _, start, _, _ = stack.pop()
                entity = _entity(kind, start, out.pos)
                if entity is not None:
                    entities.append(entity)
            else:
                opened = next((entry for entry in stack if entry[0] == kind), None)
                if opened is not None:
                    raise EntityParseError(
                        f"Can't find end of {_MD2_NAMES[kind]} entity at byte offset {_byte_offset(text, opened[2])}"
                    )
                stack.append((kind, out.pos, i, ""))
            i += len(mark)
            continue
        if char in MARKDOWN_V2_RESERVED:
            raise _reserved(char)
        j = i + 1
        while j < n and text[j] not in MARKDOWN_V2_RESERVED and text[j] not in "\\\n":
            j += 1
        out.add(text[i:j])
        i = j
    if stack:
        kind, _, opened_at, _ = stack[-1]
        raise EntityParseError(
            f"Can't find end of {_MD2_NAMES[kind]} entity at byte offset {_byte_offset(text, opened_at)}"
        )
    close_quote()
    return out.text(), _sorted(entities)


def parse_markdown(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy Telegram ``Markdown``: ``*bold*``, ``_italic_``, inline code, pre blocks, ``[text](url)``.

    Entities do not nest; ``\\`` escapes ``_ * ` [``. Raises :class:`EntityParseError` like Telegram.
    """
    out = _Builder()
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        unclosed = EntityParseError(
            f"Can't find end of the entity starting at byte offset {_byte_offset(text, i)}"
        )
        start = out.pos
        if char == "[":
            close = text.find("]", i + 1)
            if close == -1:
                raise unclosed
            out.add(text[i + 1 : close])
            i = close + 1
            if text.startswith("(", i):
                end = text.find(")", i + 1)
                if end == -1:
                    raise unclosed
                entity = _entity("text_link", start, out.pos, url=text[i + 1 : end])
                if entity is not None and text[i + 1 : end]:
                    entities.append(entity)
                i = end + 1
            continue
        if text.startswith("```", i):
            end = text.find("```", i + 3)
            if end == -1:
                raise unclosed
            body, language = text[i + 3 : end], ""
            first_line, newline, rest = body.partition("\n")
            if newline and first_line and not re.search(r"\s", first_line):
                body, language = rest, first_line
            out.add(body)
            entity = _entity("pre", start, out.pos, **({"language": language} if language else {}))
            i = end + 3
        else:
            end = text.find(char, i + 1)
            if end == -1:
                raise unclosed
            out.add(text[i + 1 : end])
            entity = _entity(kinds[char], start, out.pos)
            i = end + 1
        if entity is not None:
            entities.append(entity)
    return out.text(), _sorted(entities)


def _check_entities(text: str, entities: Any) -> list[dict[str, Any]]:
    """Validate explicit ``entities``: well-formed and inside the text (UTF-16 code units)."""
    if not isinstance(entities, list):
        raise _bad_request("can't parse entities JSON object")
    size = utf16_len(text)
    checked = []
    for index, entity in enumerate(entities):
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            raise _bad_request(f"can't parse entities: entity {index} must be an object with a type")
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise _bad_request(f"can't parse entities: entity {index} needs a non-negative offset and length")
        if offset + length > size:
            raise _bad_request(
                f"can't parse entities: entity {index} ({entity['type']}, offset {offset}, length {length}) "
                f"ends beyond the text, which is {size} UTF-16 code units long"
            )
        if entity["type"] == "text_link" and not entity.get("url"):
            raise _bad_request(f"can't parse entities: text_link entity {index} needs a url")
        if length:
            checked.append(dict(entity))
    return _sorted(checked)


def _format(
    text: Any, parse_mode: Any, entities: Any, *, strict_html: bool
) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if entities is not None:
        return text, _check_entities(text, entities)
    mode = str(parse_mode or "").lower()
    try:
        if mode == "html":
            return parse_html(text, strict=strict_html)
        if mode == "markdownv2":
            return parse_markdown_v2(text)
        if mode == "markdown":
            return parse_markdown(text)
    except EntityParseError as exc:
        raise _bad_request(f"can't parse entities: {exc}") from None
    if mode:
        raise _bad_request("unsupported parse_mode")
    return text, []


def _check_markup(markup: Any) -> dict[str, Any] | None:
    """Validate ``reply_markup``; return it when Telegram echoes it in the Message (inline keyboards only)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return None  # reply keyboards, ForceReply and ReplyKeyboardRemove are not part of the Message
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad_request(
            "can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays"
        )
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise _bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
            if not BUTTON_ACTIONS & button.keys():
                raise _bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and (
                not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
            ):
                raise _bad_request("BUTTON_DATA_INVALID")
    return copy.deepcopy(markup)


# --------------------------------------------------------------------------------------------------
# The fake
# --------------------------------------------------------------------------------------------------

_BOT_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_MENTION = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{3,32}")
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


def detect_entities(text: str) -> list[dict[str, Any]]:
    """The ``bot_command`` and ``mention`` entities a Telegram client would attach to ``text``."""
    found = []
    for pattern, kind in ((_BOT_COMMAND, "bot_command"), (_MENTION, "mention")):
        for match in pattern.finditer(text):
            offset = utf16_len(text[: match.start()])
            found.append({"type": kind, "offset": offset, "length": utf16_len(match.group())})
    return _sorted(found)


class FakeTelegram(LoopbackServer):
    """A fake Bot API on 127.0.0.1 with a free port, served from a background thread.

    Use as a context manager, or call :meth:`start` and :meth:`close`. Every method is thread-safe.
    """

    def __init__(self, token: str = TOKEN, *, strict_html: bool = True, max_poll_wait: float = 1.0) -> None:
        self.token = token
        self.strict_html = strict_html
        self.max_poll_wait = max_poll_wait
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)  # notified on every new update and call
        self._closing = False
        super().__init__()
        self._update_ids = itertools.count(1)
        self._queue: list[dict[str, Any]] = []  # updates not yet confirmed by getUpdates' offset
        self._updates: dict[int, dict[str, Any]] = {}  # every update ever queued
        self._calls: list[Call] = []
        self._chats: dict[int, dict[str, Any]] = {}
        self._left: set[int] = set()
        self._users: dict[int, dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._bot_messages: list[tuple[int, int]] = []
        self._files: dict[str, _StoredFile] = {}
        self._file_paths: dict[str, str] = {}
        self._file_numbers = itertools.count(1)
        self._documents: list[SentDocument] = []
        self._queries: dict[str, dict[str, Any]] = {}  # callback query id -> {"update_id", "answer"}
        self._failures: dict[str, deque[_Failure]] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._webhook: dict[str, Any] | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    thread_name = "fake-telegram"

    def _make_server(self) -> _Server:
        self._closing = False
        server = _Server(("127.0.0.1", self.listen_port), _Handler)
        server.fake = self
        return server

    def _before_close(self) -> None:
        # Pending long polls end at once.
        with self._changed:
            self._closing = True
            self._changed.notify_all()

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``: ``http://127.0.0.1:PORT/bot`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)``: ``http://127.0.0.1:PORT/file/bot``."""
        return f"{self.url}/file/bot"

    def __repr__(self) -> str:
        where = self.base_url if self._server is not None else "stopped"
        with self._lock:
            return f"<FakeTelegram {where} pending={len(self._queue)} calls={len(self._calls)}>"

    # -- driving the bot ---------------------------------------------------------------------------

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        username: str | None = None,
        first_name: str | None = None,
    ) -> dict[str, Any]:
        """Make a chat known (as if its user had started the bot) and return its ``Chat`` object.

        ``chat_type`` defaults from the id: positive ids are private chats, ``-100...`` supergroups, other
        negative ids groups. Repeated calls return the existing chat.
        """
        with self._lock:
            if chat_id in self._chats:
                chat = self._chats[chat_id]
                if chat_type is not None and chat_type != chat["type"]:
                    raise ValueError(f"chat {chat_id} is a {chat['type']} chat, not {chat_type}")
                return copy.deepcopy(chat)
            kind = chat_type or (
                "private" if chat_id > 0 else "supergroup" if str(chat_id).startswith("-100") else "group"
            )
            if kind not in ("private", "group", "supergroup", "channel"):
                raise ValueError(f"unknown chat type {kind!r}")
            chat: dict[str, Any] = {"id": chat_id, "type": kind}
            if kind == "private":
                user = self._user(chat_id, username=username, first_name=first_name)
                chat["first_name"] = user["first_name"]
                if user.get("username"):
                    chat["username"] = user["username"]
            else:
                chat["title"] = title or f"RedPilot test {kind}"
                if username:
                    chat["username"] = username
            self._chats[chat_id] = chat
            return copy.deepcopy(chat)

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        reply_to: int | None = None,
        username: str | None = None,
        first_name: str | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> int:
        """Queue a text Message from a user; return its ``update_id``.

        Without ``entities``, ``bot_command`` (e.g. ``/start``, ``/start@redpilot_test_bot``) and ``mention``
        entities are added as a Telegram client would. ``reply_to`` is the ``message_id`` of a message in the
        chat (the bot's or the user's), included in full as ``reply_to_message``. The sender defaults to the
        chat's user in private chats and to :data:`DEFAULT_USER_ID` in groups.
        """
        with self._lock:
            message = self._user_message(chat_id, user_id, chat_type, reply_to, username, first_name)
            message["text"] = text
            try:
                found = detect_entities(text) if entities is None else _check_entities(text, entities)
            except ApiError as exc:
                raise ValueError(exc.description) from None
            if found:
                message["entities"] = found
            return self._queue_update({"message": message})

    def send_document(
        self,
        chat_id: int,
        file_name: str,
        data: bytes,
        *,
        user_id: int | None = None,
        caption: str | None = None,
        mime_type: str | None = None,
        chat_type: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        """Register ``data`` as a file and queue a Message with that Document; return its ``update_id``.

        The document's ``file_id`` is in ``fake.update(update_id)["message"]["document"]["file_id"]``.
        """
        with self._lock:
            message = self._user_message(chat_id, user_id, chat_type, reply_to, None, None)
            stored = self._store_file(None, bytes(data), file_name, mime_type)
            message["document"] = stored.as_document()
            if caption is not None:
                message["caption"] = caption
                found = detect_entities(caption)
                if found:
                    message["caption_entities"] = found
            return self._queue_update({"message": message})

    def press_button(
        self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None, check: bool = True
    ) -> int:
        """Queue a CallbackQuery for the inline button with ``callback_data == data`` of a bot message.

        With ``check`` (the default) the message must be the bot's, not deleted, and currently show a
        button with that data, or ``ValueError`` is raised; pass ``check=False`` to forge any data. The
        query's id is ``f"cq{update_id}"``; see :meth:`callback_answer`. Returns the ``update_id``.
        """
        with self._lock:
            key = (chat_id, message_id)
            message = self._messages.get(key)
            if check:
                if message is None or key in self._deleted or message["from"]["id"] != BOT_ID:
                    raise ValueError(f"the bot has no message {message_id} in chat {chat_id}")
                buttons = [
                    button.get("callback_data")
                    for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                    for button in row
                ]
                if data not in buttons:
                    raise ValueError(
                        f"message {message_id} has no button with callback_data {data!r}: {buttons}"
                    )
            chat = self._chats.get(chat_id) or self.add_chat(chat_id)
            user = self._user(self._default_user_id(chat, user_id))
            update_id = next(self._update_ids)
            query: dict[str, Any] = {
                "id": f"cq{update_id}",
                "from": user,
                "chat_instance": f"ci{chat_id}",
                "data": data,
            }
            if message is not None:
                query["message"] = copy.deepcopy(message)
            self._queries[query["id"]] = {"update_id": update_id, "answer": None}
            return self._queue_update({"callback_query": query}, update_id)

    def send_update(self, update: Mapping[str, Any]) -> int:
        """Queue any update (without ``update_id``, which is assigned and returned), e.g. ``my_chat_member``."""
        with self._lock:
            return self._queue_update(copy.deepcopy(dict(update)))

    def add_file(
        self, file_id: str, data: bytes, *, file_name: str | None = None, mime_type: str | None = None
    ) -> dict[str, Any]:
        """Register bytes that ``getFile`` and the download endpoint serve; return the ``File`` object."""
        with self._lock:
            return self._store_file(file_id, bytes(data), file_name, mime_type).as_file()

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 2,
        description: str | None = None,
        *,
        parameters: dict[str, Any] | None = None,
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``status`` instead of being carried out.

        A 429 answers ``Too Many Requests: retry after N`` with ``parameters.retry_after`` (``retry_after``
        is ignored for other statuses). Other statuses use ``description`` or a Telegram-like default, e.g.
        ``fail_next("sendMessage", 403)`` is ``Forbidden: bot was blocked by the user``. Failures queue up;
        ``"downloadFile"`` fails file downloads.
        """
        if not 400 <= status <= 599:
            raise ValueError(f"failure status must be 4xx or 5xx, got {status}")
        params = dict(parameters or {})
        if status == 429:
            params.setdefault("retry_after", retry_after)
            description = description or f"Too Many Requests: retry after {params['retry_after']}"
        failure = _Failure(status, description or _DEFAULT_DESCRIPTIONS.get(status, "Error"), params or None)
        with self._lock:
            self._failures.setdefault(method.lower(), deque()).extend([failure] * times)

    # -- inspection --------------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every request answered so far (long polls included), in answer order."""
        with self._lock:
            return list(self._calls)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed by a ``getUpdates`` with a higher ``offset``."""
        with self._lock:
            return copy.deepcopy(self._queue)

    def update(self, update_id: int) -> dict[str, Any]:
        """The update queued with ``update_id`` (delivered or not)."""
        with self._lock:
            return copy.deepcopy(self._updates[update_id])

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """The Messages the bot sent (to ``chat_id``, or anywhere), in order, as edited since; deleted ones omitted."""
        with self._lock:
            return [
                copy.deepcopy(self._messages[key])
                for key in self._bot_messages
                if key not in self._deleted and (chat_id is None or key[0] == chat_id)
            ]

    def actions(self, chat_id: int | None = None) -> list[str]:
        """The chat actions (``"typing"``, ``"upload_document"``...) the bot sent successfully, in order."""
        return [
            c.params["action"]
            for c in self.calls
            if c.method == "sendChatAction"
            and c.ok
            and (chat_id is None or c.params.get("chat_id") == chat_id)
        ]

    def documents(self, chat_id: int | None = None) -> list[SentDocument]:
        """The documents the bot sent, with their bytes, in order."""
        with self._lock:
            return [d for d in self._documents if chat_id is None or d.chat_id == chat_id]

    def callback_answer(self, update_id: int) -> dict[str, Any] | None:
        """The ``answerCallbackQuery`` parameters for the query queued as ``update_id``, or None if unanswered."""
        with self._lock:
            return copy.deepcopy(self._queries[f"cq{update_id}"]["answer"])

    def commands(
        self, scope: Mapping[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The commands set with ``setMyCommands`` for ``scope`` (default ``{"type": "default"}``) and language."""
        with self._lock:
            return copy.deepcopy(self._commands.get((_scope_key(scope), language_code), []))

    @property
    def webhook_url(self) -> str | None:
        with self._lock:
            return None if self._webhook is None else self._webhook["url"]

    def wait_for(
        self, predicate: Callable[[Call], bool] | str, timeout: float = 10.0, *, since: int = 0
    ) -> Call:
        """Block until a call matching ``predicate`` (or with that method name) has been answered; return it.

        Only calls from index ``since`` of :attr:`calls` on are considered (pass ``len(fake.calls)`` to wait
        for a new one). Raises ``AssertionError`` listing the calls that did arrive. On a thread with a
        running event loop, which waiting would freeze, it only returns a call that already arrived and
        raises ``RuntimeError`` instead of waiting: use :meth:`wait_for_async` there.
        """
        match = _matcher(predicate)
        deadline = time.monotonic() + timeout
        with self._changed:
            checked = since
            while True:
                found = self._find(match, checked)
                if found is not None:
                    return found
                if checked == since and _in_event_loop():
                    raise RuntimeError(
                        "FakeTelegram.wait_for() would block the running event loop (and the bot on it); "
                        "use `await fake.wait_for_async(...)`"
                    )
                checked = max(checked, len(self._calls))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
        raise AssertionError(self._nothing_matched(predicate, timeout, since))

    async def wait_for_async(
        self, predicate: Callable[[Call], bool] | str, timeout: float = 10.0, *, since: int = 0
    ) -> Call:
        """:meth:`wait_for` for tests whose bot runs on the same event loop: polls without blocking it."""
        match = _matcher(predicate)
        deadline = time.monotonic() + timeout
        checked = since
        while True:
            with self._lock:
                found = self._find(match, checked)
                checked = max(checked, len(self._calls))
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(self._nothing_matched(predicate, timeout, since))
            await asyncio.sleep(0.01)

    def _find(self, match: Callable[[Call], bool], start: int) -> Call | None:
        return next((call for call in self._calls[start:] if match(call)), None)

    def _nothing_matched(self, predicate: object, timeout: float, since: int) -> str:
        calls = [c for c in self.calls[since:] if c.method != "getUpdates"]
        listing = "\n".join(f"  {c.summary()}" for c in calls[-30:]) or "  (none)"
        return f"no Bot API call matching {predicate!r} within {timeout} s; calls (getUpdates omitted):\n{listing}"

    # -- internals: state (callers hold the lock) --------------------------------------------------

    def _queue_update(self, update: dict[str, Any], update_id: int | None = None) -> int:
        update_id = next(self._update_ids) if update_id is None else update_id
        update = copy.deepcopy({"update_id": update_id, **update})
        self._queue.append(update)
        self._updates[update_id] = copy.deepcopy(update)
        self._changed.notify_all()
        return update_id

    def _user(
        self, user_id: int, *, username: str | None = None, first_name: str | None = None
    ) -> dict[str, Any]:
        user = self._users.setdefault(
            user_id,
            {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}"},
        )
        if first_name:
            user["first_name"] = first_name
        if username:
            user["username"] = username
        return copy.deepcopy(user)

    @staticmethod
    def _default_user_id(chat: dict[str, Any], user_id: int | None) -> int:
        if user_id is not None:
            return user_id
        return chat["id"] if chat["type"] == "private" else DEFAULT_USER_ID

    def _user_message(
        self,
        chat_id: int,
        user_id: int | None,
        chat_type: str | None,
        reply_to: int | None,
        username: str | None,
        first_name: str | None,
    ) -> dict[str, Any]:
        chat = self.add_chat(chat_id, chat_type)
        user = self._user(self._default_user_id(chat, user_id), username=username, first_name=first_name)
        if chat["type"] == "private":  # the private chat mirrors its user's names
            chat.update({k: user[k] for k in ("first_name", "username") if user.get(k)})
            self._chats[chat_id].update(chat)
        message = self._new_message(chat_id, user)
        if reply_to is not None:
            replied = self._messages.get((chat_id, reply_to))
            if replied is None:
                raise ValueError(f"no message {reply_to} in chat {chat_id} to reply to")
            message["reply_to_message"] = copy.deepcopy(replied)
        return message  # the stored dict itself: the caller adds the text or document

    def _new_message(self, chat_id: int, sender: dict[str, Any]) -> dict[str, Any]:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        message = {
            "message_id": message_id,
            "from": copy.deepcopy(sender),
            "chat": copy.deepcopy(self._chats[chat_id]),
            "date": int(time.time()),
        }
        self._messages[(chat_id, message_id)] = message
        return message

    def _store_file(
        self, file_id: str | None, data: bytes | None, file_name: str | None, mime_type: str | None
    ) -> _StoredFile:
        number = next(self._file_numbers)
        file_id = file_id or f"BQACAgFAKE{number:06d}"
        suffix = PurePosixPath(file_name).suffix if file_name else ""
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0] or "application/octet-stream"
        stored = _StoredFile(
            file_id=file_id,
            file_unique_id=f"AgADFAKE{number:06d}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"documents/file_{number}{suffix}",
        )
        self._files[file_id] = stored
        self._file_paths[stored.file_path] = file_id
        return stored

    def _chat_for_sending(self, params: dict[str, Any]) -> int:
        chat_id = params.get("chat_id")
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if isinstance(chat_id, str):
            chat_id = next(
                (cid for cid, c in self._chats.items() if f"@{c.get('username')}" == chat_id), None
            )
        if chat_id is None or chat_id not in self._chats:
            raise _bad_request("chat not found")
        if chat_id in self._left:
            raise ApiError(403, f"Forbidden: bot is not a member of the {self._chats[chat_id]['type']} chat")
        return chat_id

    def _bot_message(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any]:
        message = self._new_message(chat_id, BOT_USER)
        self._bot_messages.append((chat_id, message["message_id"]))
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {"message_id": params["reply_to_message_id"]}
        if isinstance(reply, dict):
            key = (reply.get("chat_id", chat_id), reply.get("message_id"))
            if key in self._messages and key not in self._deleted:
                message["reply_to_message"] = copy.deepcopy(self._messages[key])
            elif not reply.get("allow_sending_without_reply"):
                self._undo_message(chat_id, message["message_id"])
                raise _bad_request("message to be replied not found")
        return message

    def _undo_message(self, chat_id: int, message_id: int) -> None:
        del self._messages[(chat_id, message_id)]
        self._bot_messages.pop()
        self._next_message_id[chat_id] = message_id

    # -- internals: the Bot API methods (called with the lock held, except getUpdates) ----------------

    def _get_me(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return {
            **BOT_USER,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        wait = min(max(float(params.get("timeout") or 0), 0.0), self.max_poll_wait)
        allowed = params.get("allowed_updates") or None
        deadline = time.monotonic() + wait
        with self._changed:
            if self._webhook is not None:
                raise ApiError(409, _WEBHOOK_ACTIVE)
            if offset > 0:
                self._queue = [u for u in self._queue if u["update_id"] >= offset]
            elif offset < 0:
                self._queue = self._queue[offset:]
            while True:
                ready = [u for u in self._queue if allowed is None or any(kind in u for kind in allowed)]
                remaining = deadline - time.monotonic()
                if ready or self._closing or remaining <= 0:
                    return copy.deepcopy(ready[:limit])
                self._changed.wait(remaining)

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        url = params.get("url") or ""
        if params.get("drop_pending_updates"):
            self._queue.clear()
        if not url:
            self._webhook = None
            return True
        if not str(url).startswith("https://"):
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook = {"url": url, **{k: v for k, v in params.items() if k != "url"}}
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        if params.get("drop_pending_updates"):
            self._queue.clear()
        self._webhook = None
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return {
            "url": self._webhook["url"] if self._webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        self._commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        key = (_scope_key(params.get("scope")), params.get("language_code") or "")
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self._commands.pop((_scope_key(params.get("scope")), params.get("language_code") or ""), None)
        return True

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_for_sending(params)
        text, entities = _format(
            params.get("text"), params.get("parse_mode"), params.get("entities"), strict_html=self.strict_html
        )
        if not text.strip():
            raise _bad_request("message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise _bad_request("message is too long")
        markup = _check_markup(params.get("reply_markup"))
        message = self._bot_message(chat_id, params)
        message["text"] = text
        if entities:
            message["entities"] = entities
        if markup is not None:
            message["reply_markup"] = markup
        return copy.deepcopy(message)

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        if params.get("inline_message_id"):
            return True  # inline messages are not tracked
        chat_id = self._chat_for_sending(params)
        key = (chat_id, params.get("message_id"))
        message = self._messages.get(key)  # type: ignore[arg-type]
        if message is None or key in self._deleted:
            raise _bad_request("message to edit not found")
        if message["from"]["id"] != BOT_ID:
            raise _bad_request("message can't be edited")
        if "text" not in message:
            raise _bad_request("there is no text in the message to edit")
        text, entities = _format(
            params.get("text"), params.get("parse_mode"), params.get("entities"), strict_html=self.strict_html
        )
        if not text.strip():
            raise _bad_request("message text is empty")
        if len(text) > MAX_MESSAGE_LENGTH:
            raise _bad_request("message is too long")
        markup = _check_markup(params.get("reply_markup"))
        if (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise _bad_request(_NOT_MODIFIED.removeprefix("Bad Request: "))
        message["text"] = text
        message.pop("entities", None)
        message.pop("reply_markup", None)  # an edit without reply_markup removes the inline keyboard
        if entities:
            message["entities"] = entities
        if markup is not None:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        self._chat_for_sending(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        return True

    def _send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_for_sending(params)
        document = params.get("document")
        upload = files.get("document")
        if upload is None and isinstance(document, str) and document.startswith("attach://"):
            upload = files.get(document.removeprefix("attach://"))
        if upload is not None:
            if not upload.data:
                raise _bad_request("file must be non-empty")
            stored = self._store_file(None, upload.data, upload.file_name, upload.content_type)
        elif isinstance(document, str) and document in self._files:
            stored = self._files[document]
        elif isinstance(document, str) and re.match(r"https?://", document):
            stored = self._store_file(None, None, PurePosixPath(urlsplit(document).path).name or None, None)
        elif document:
            raise _bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise _bad_request("there is no document in the request")
        caption, caption_entities = _format(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            strict_html=self.strict_html,
        )
        if len(caption) > MAX_CAPTION_LENGTH:
            raise _bad_request("message caption is too long")
        markup = _check_markup(params.get("reply_markup"))
        message = self._bot_message(chat_id, params)
        message["document"] = stored.as_document()
        if caption:
            message["caption"] = caption
        if caption_entities:
            message["caption_entities"] = caption_entities
        if markup is not None:
            message["reply_markup"] = markup
        self._documents.append(
            SentDocument(
                chat_id=chat_id,
                message_id=message["message_id"],
                file_id=stored.file_id,
                file_name=stored.file_name,
                mime_type=stored.mime_type,
                data=stored.data,
                caption=caption or None,
            )
        )
        return copy.deepcopy(message)

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        query = self._queries.get(str(params.get("callback_query_id")))
        if query is None or query["answer"] is not None:
            raise ApiError(400, _QUERY_INVALID)
        if len(str(params.get("text") or "")) > 200:
            raise _bad_request("MESSAGE_TOO_LONG")
        query["answer"] = copy.deepcopy(params)
        return True

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise _bad_request("invalid file_id")
        if stored.data is not None and len(stored.data) > MAX_DOWNLOAD_BYTES:
            raise _bad_request("file is too big")
        return stored.as_file()

    def _leave_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_for_sending(params)
        if self._chats[chat_id]["type"] == "private":
            raise _bad_request("chat member status can't be changed in private chats")
        self._left.add(chat_id)
        return True

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_for_sending(params)
        key = (chat_id, params.get("message_id"))
        if key not in self._messages or key in self._deleted:
            raise _bad_request("message to delete not found")
        self._deleted.add(key)  # type: ignore[arg-type]
        return True

    def _get_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        chat_id = self._chat_for_sending(params)
        return {
            **copy.deepcopy(self._chats[chat_id]),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _ok(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Any:
        return True

    # -- internals: request handling ---------------------------------------------------------------

    def _call(self, name: str, params: dict[str, Any], files: dict[str, UploadedFile]) -> tuple[int, Any]:
        """Carry out one Bot API call; return ``(status, JSON payload)`` and record it."""
        arrived = time.monotonic()
        entry = _METHODS.get(name.lower())
        method = entry[0] if entry else name
        status, result, error = 200, None, None
        try:
            with self._lock:
                failures = self._failures.get(method.lower())
                failure = failures.popleft() if failures else None
            if failure is not None:
                raise ApiError(failure.status, failure.description, failure.parameters)
            if entry is None:
                raise ApiError(404, "Not Found: method not found")
            handler = getattr(self, entry[1])
            if method == "getUpdates":
                result = handler(params, files)  # waits without holding the lock
            else:
                with self._lock:
                    result = handler(params, files)
            payload: Any = {"ok": True, "result": result}
        except ApiError as exc:
            status, error, payload = exc.status, exc.description, exc.payload()
        except (ValueError, TypeError) as exc:  # e.g. int("abc") for a numeric parameter
            status, error = 400, f"Bad Request: invalid parameters: {exc}"
            payload = {"ok": False, "error_code": 400, "description": error}
        self._record(Call(method, params, files, arrived, status, copy.deepcopy(result), error))
        return status, payload

    def _download(self, file_path: str) -> tuple[int, bytes | None, dict[str, Any] | None]:
        arrived = time.monotonic()
        with self._lock:
            failures = self._failures.get("downloadfile")
            failure = failures.popleft() if failures else None
            file_id = self._file_paths.get(file_path)
            stored = self._files.get(file_id) if file_id else None
        call = Call("downloadFile", {"file_path": file_path}, {}, arrived)
        if failure is not None:
            error = ApiError(failure.status, failure.description, failure.parameters)
        elif stored is None or stored.data is None:
            error = ApiError(404, "Not Found")
        else:
            self._record(call)
            return 200, stored.data, None
        self._record(Call(call.method, call.params, {}, arrived, error.status, None, error.description))
        return error.status, None, error.payload()

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()


_METHODS: dict[str, tuple[str, str]] = {
    name.lower(): (name, handler)
    for name, handler in {
        "getMe": "_get_me",
        "getUpdates": "_get_updates",
        "setWebhook": "_set_webhook",
        "deleteWebhook": "_delete_webhook",
        "getWebhookInfo": "_get_webhook_info",
        "setMyCommands": "_set_my_commands",
        "getMyCommands": "_get_my_commands",
        "deleteMyCommands": "_delete_my_commands",
        "sendMessage": "_send_message",
        "editMessageText": "_edit_message_text",
        "sendChatAction": "_send_chat_action",
        "sendDocument": "_send_document",
        "answerCallbackQuery": "_answer_callback_query",
        "getFile": "_get_file",
        "leaveChat": "_leave_chat",
        "deleteMessage": "_delete_message",
        "getChat": "_get_chat",
        "close": "_ok",
        "logOut": "_ok",
    }.items()
}


def _scope_key(scope: Any) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def sent_message(chat_id: int | None = None, containing: str | None = None) -> Callable[[Call], bool]:
    """A predicate for the waits: a ``sendMessage`` call (to ``chat_id``, with ``containing`` in its text)."""

    def match(call: Call) -> bool:
        return (
            call.method == "sendMessage"
            and (chat_id is None or call.params.get("chat_id") == chat_id)
            and (containing is None or containing in call.params.get("text", ""))
        )

    return match


def _in_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _matcher(predicate: Callable[[Call], bool] | str) -> Callable[[Call], bool]:
    if isinstance(predicate, str):
        name = predicate.lower()
        return lambda call: call.method.lower() == name
    return predicate


# --------------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------------


class _Server(QuietServer):
    # The default backlog of 5 resets connections when hundreds of chats talk at once (the load benchmark).
    request_queue_size = 1024
    fake: FakeTelegram


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "FakeTelegram/1"
    timeout = 30

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass

    def _dispatch(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        path = unquote(url.path)
        body = self._read_body()
        if path.startswith("/file/bot"):
            token, _, file_path = path.removeprefix("/file/bot").partition("/")
            if token != fake.token:
                self._send_json(*_token_error(token))
                return
            status, data, error = fake._download(file_path)
            if data is None:
                self._send_json(status, error)
            else:
                self._send_bytes(status, data, "application/octet-stream")
            return
        if not path.startswith("/bot"):
            self._send_json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        token, _, method = path.removeprefix("/bot").partition("/")
        if token != fake.token:
            self._send_json(*_token_error(token))
            return
        if not method or "/" in method:
            self._send_json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        try:
            params, files = _parse_params(url.query, self.headers.get("Content-Type", ""), body)
        except ValueError as exc:
            description = f"Bad Request: can't parse request body: {exc}"
            self._send_json(400, {"ok": False, "error_code": 400, "description": description})
            return
        self._send_json(*fake._call(method, params, files))

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send_json(self, status: int, payload: Any) -> None:
        self._send_bytes(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _send_bytes(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _token_error(token: str) -> tuple[int, dict[str, Any]]:
    """Telegram answers 401 to a well-formed but wrong token, 404 to a malformed one."""
    if re.fullmatch(r"\d+:[\w-]+", token):
        return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
    return 404, {"ok": False, "error_code": 404, "description": "Not Found"}


def _decode_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_params(
    query: str, content_type: str, body: bytes
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    params: dict[str, Any] = {k: _decode_value(k, v) for k, v in parse_qsl(query, keep_blank_values=True)}
    files: dict[str, UploadedFile] = {}
    media_type = content_type.split(";")[0].strip().lower()
    if body and media_type == "application/json":
        decoded = json.loads(body)
        if not isinstance(decoded, dict):
            raise ValueError("the JSON body must be an object")
        params.update(decoded)
    elif body and media_type == "multipart/form-data":
        for name, file_name, part_type, data in _multipart_parts(content_type, body):
            if file_name is None:
                params[name] = _decode_value(name, data.decode("utf-8"))
            else:
                files[name] = UploadedFile(file_name, data, part_type)
    elif body:
        text = body.decode("utf-8")
        params.update({k: _decode_value(k, v) for k, v in parse_qsl(text, keep_blank_values=True)})
    for name in _STRUCTURED_PARAMS & params.keys():
        if isinstance(params[name], str):
            try:
                params[name] = json.loads(params[name])
            except ValueError:
                raise ValueError(f"{name} is not valid JSON") from None
    return params, files


def _header_params(value: str) -> _EmailMessage:
    message = _EmailMessage()
    message["x"] = value
    return message


def _multipart_parts(content_type: str, body: bytes) -> Iterator[tuple[str, str | None, str | None, bytes]]:
    """Yield ``(name, file_name or None, content type, data)`` for each part of a multipart/form-data body."""
    boundary = _header_params(content_type).get_param("boundary", header="x")
    if not isinstance(boundary, str) or not boundary:
        raise ValueError("multipart body without boundary")
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    for chunk in (b"\r\n" + body).split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            return
        head, separator, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not separator:
            raise ValueError("malformed multipart part")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8").split("\r\n"):
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        disposition = headers.get("content-disposition", "")
        name = _disposition_param(disposition, "name")
        if name is None:
            raise ValueError("multipart part without a name")
        yield name, _disposition_param(disposition, "filename"), headers.get("content-type"), data


def _disposition_param(disposition: str, key: str) -> str | None:
    """A Content-Disposition parameter: ``key="..."`` (httpx percent-escapes quotes) or RFC 2231 ``key*=``."""
    extended = re.search(rf";\s*{key}\*=([^;]+)", disposition)
    if extended:
        charset, _, encoded = extended.group(1).strip().partition("''")
        return unquote(encoded, encoding=charset or "utf-8")
    match = re.search(rf';\s*{key}="((?:[^"\\]|\\.)*)"', disposition) or re.search(
        rf";\s*{key}=([^;\s]+)", disposition
    )
    if match is None:
        return None
    value = re.sub(r"\\(.)", r"\1", match.group(1))
    return value.replace("%22", '"').replace("%0D", "\r").replace("%0A", "\n")
