"""Counts, times and tags as RED exports spell them."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store.normalize import CHINA_TZ, hashtags_in_text, parse_count, parse_share, parse_tags, parse_time


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234", 1234),
        ("1,234", 1234),
        ("1.2万", 12000),
        ("3.4w", 34000),
        ("3.4W", 34000),
        ("10万+", 100000),
        ("1.5k", 1500),
        ("2亿", 200_000_000),
        (987, 987),
        (12.0, 12),
        ("  56 ", 56),
        ("", None),
        (None, None),
        ("-", None),
        ("1，234", 1234),
    ],
)
def test_counts_in_every_spelling(raw: object, expected: int | None) -> None:
    assert parse_count(raw) == expected


@pytest.mark.parametrize("raw", ["-5", "lots", "1.2.3万", True, [1], "12 345 678x"])
def test_bad_counts_are_refused_with_a_reason(raw: object) -> None:
    with pytest.raises(ValueError, match="count"):
        parse_count(raw)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_plain_or_comma_grouped_integer_round_trips(number: int) -> None:
    assert parse_count(str(number)) == number
    assert parse_count(f"{number:,}") == number


@given(st.integers(min_value=0, max_value=99_999), st.sampled_from(["万", "w", "W"]))
def test_wan_means_ten_thousand(tenths: int, suffix: str) -> None:
    text = f"{tenths / 10:.1f}{suffix}"
    assert parse_count(text) == round(float(text[:-1]) * 10_000)


def test_times_from_epoch_seconds_milliseconds_iso_and_chinese_formats() -> None:
    expected = datetime(2026, 10, 27, 16, 0, tzinfo=CHINA_TZ)
    assert parse_time(1793088000) == expected
    assert parse_time(1793088000000) == expected
    assert parse_time("1793088000000") == expected
    assert parse_time("2026-10-27 16:00:00") == expected
    assert parse_time("2026-10-27T08:00:00Z") == expected
    assert parse_time("2026/10/27 16:00") == expected
    assert parse_time("2026年10月27日 16:00") == expected
    assert parse_time("2026-10-27").date() == expected.date()
    assert parse_time("") is None


@pytest.mark.parametrize("raw", ["yesterday", "3天前", 99, "2026-13-40", "9999999999999999"])
def test_bad_times_are_refused(raw: object) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(raw)


@given(st.datetimes(min_value=datetime(2011, 1, 1), max_value=datetime(2099, 1, 1)))
def test_time_round_trips_through_epoch_and_text(moment: datetime) -> None:
    aware = moment.replace(microsecond=0, tzinfo=CHINA_TZ)
    assert parse_time(int(aware.timestamp())) == aware
    assert parse_time(int(aware.timestamp() * 1000)) == aware
    assert parse_time(aware.strftime("%Y-%m-%d %H:%M:%S")) == aware


def test_tags_from_lists_json_and_comma_joined_text() -> None:
    assert parse_tags("护肤,早C晚A, 油皮护肤") == ["护肤", "早C晚A", "油皮护肤"]
    assert parse_tags('["#露营", "露营装备"]') == ["露营", "露营装备"]
    assert parse_tags('{"profession": "护肤博主", "location": "上海"}') == ["护肤博主", "上海"]
    assert parse_tags("a，b、a") == ["a", "b"]
    assert hashtags_in_text("真好用 #早C晚A[话题]# #油皮护肤[话题]#") == ["早C晚A", "油皮护肤"]


def test_shares_accept_fractions_and_percentages() -> None:
    assert parse_share("35%") == pytest.approx(0.35)
    assert parse_share(0.2) == pytest.approx(0.2)
    assert parse_share("80") == pytest.approx(0.8)
    with pytest.raises(ValueError):
        parse_share("150%")
