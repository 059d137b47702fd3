"""Riding out short Telegram outages: what the bot sends is tried again until Telegram answers, for about a
minute, so an answer computed while Telegram was away still reaches the user once it is back.

It lives in the rate limiter because every Bot API call passes through it: one place, no handler changes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger("redpilot.telegram")

RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0)  # seconds; about a minute in all
# The updater retries getUpdates itself; a typing indicator is stale after five seconds anyway.
NOT_RETRIED = frozenset({"getUpdates", "sendChatAction"})


def surely_not_delivered(exc: NetworkError) -> bool:
    """True when Telegram cannot have carried out the call, so sending it again cannot send it twice."""
    if isinstance(exc, BadRequest):
        return False  # Telegram answered: the request itself is wrong
    if isinstance(exc, TimedOut):
        # A read timeout may come after Telegram accepted the message; only never-connected is safe.
        return isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout)
    return True  # refused or reset connections, 5xx such as 502 Bad Gateway


class OutageTolerantRateLimiter(AIORateLimiter):
    """`AIORateLimiter` (waits out 429s, keeps under Telegram's limits) that also waits out network failures."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        delays = iter(RETRY_DELAYS)
        while True:
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as exc:
                delay = next(delays, None)
                if delay is None or endpoint in NOT_RETRIED or not surely_not_delivered(exc):
                    raise
                log.warning(
                    "Telegram unreachable (%s on %s); trying again in %gs",
                    type(exc).__name__,
                    endpoint,
                    delay,
                )
                await asyncio.sleep(delay)
