"""What bot processes sharing one data dir share through BotStore: the per-user rate limit holds across them."""

from __future__ import annotations

from pathlib import Path

from bot.telegram.feedback import BotStore


def test_the_rate_limit_holds_across_processes_on_one_data_dir(tmp_path: Path) -> None:
    first, second = BotStore(tmp_path), BotStore(tmp_path)  # two bot processes' stores
    admitted = [store.admit(7, 5) for store in [first, second] * 4]
    assert admitted == [True] * 5 + [False] * 3  # five a minute in all, not five each
    assert second.admit(8, 5)  # per user
    first.close()
    second.close()
