"""Logging set-up: levels from settings, noisy libraries quieted, and every secret redacted from every record,
whichever library wrote it (HTTP clients log request URLs, and a Telegram URL contains the bot token)."""

from __future__ import annotations

import logging

from bot.config import Settings


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 6]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        changed = False
        for secret in self._secrets:
            if secret in message:
                message = message.replace(secret, "***")
                changed = True
            if record.exc_text and secret in record.exc_text:
                record.exc_text = record.exc_text.replace(secret, "***")
        if changed:
            record.msg, record.args = message, None
        return True


def configure(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    secrets = [
        s.get_secret_value()
        for s in (settings.telegram_bot_token, settings.openai_api_key, settings.telegram_webhook_secret)
        if s is not None
    ]
    redact = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    # Request-by-request HTTP logs add nothing at INFO and would print URLs carrying tokens.
    for noisy in ("httpx", "httpcore", "chromadb", "jieba", "telegram.ext.ExtBot", "openai", "urllib3"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(settings.log_level)))
