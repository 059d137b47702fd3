"""Each supported export, read from real files, becomes the right records; bad rows are rejected by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Comment, Guide, Influencer, Post
from bot.store.importers import FileError, load_bytes
from tests.helpers import FIXTURES


def load(path: Path):
    return load_bytes(path.read_bytes(), name=path.name, doc_id=path.name)


def test_mediacrawler_notes_jsonl() -> None:
    loaded = load(FIXTURES / "mediacrawler" / "search_contents_2026-10-30.jsonl")
    posts = {p.note_id: p for p in loaded.records if isinstance(p, Post)}
    assert len(posts) == 3
    first = posts["66a1f0c2000000001d01a001"]
    assert (first.likes, first.collects, first.comments, first.shares) == (12000, 8923, 456, 120)
    assert first.tags[:2] == ["早C晚A", "油皮护肤"] and "护肤" in first.tags
    assert first.category == "skincare"
    assert first.published_at is not None and first.published_at.isoformat() == "2026-10-27T16:00:00+08:00"
    assert first.author_id == "5f1e00000000000001000a01" and first.author_name == "油皮小林"
    camping = posts["66a1f0c2000000001d01a002"]
    assert camping.format == "video" and camping.likes == 34000 and camping.shares == 100000
    assert camping.collects == 21000 and camping.comments == 1024 and camping.category == "travel"
    assert posts["66a1f0c2000000001d01a003"].shares is None  # blank is unknown, not zero
    reasons = {r.source: r.reason for r in loaded.rejected}
    name = "search_contents_2026-10-30.jsonl"
    assert reasons[f"{name}:4"].startswith("published_at: not a time")
    assert reasons[f"{name}:5"] == "likes: negative count: -5" or "likes" in reasons[f"{name}:5"]
    assert "not valid JSON" in reasons[f"{name}:6"]


def test_mediacrawler_comments_json_array_keeps_line_numbers() -> None:
    loaded = load(FIXTURES / "mediacrawler" / "search_comments_2026-10-30.json")
    comments = [c for c in loaded.records if isinstance(c, Comment)]
    assert [c.comment_id for c in comments] == ["6700000000000000000c0001", "6700000000000000000c0002"]
    assert comments[0].likes == 11000 and comments[0].note_id == "66a1f0c2000000001d01a001"
    assert comments[1].parent_comment_id == "6700000000000000000c0001"
    assert comments[0].parent_comment_id == "0" or comments[0].parent_comment_id is None
    [rejected] = loaded.rejected
    assert rejected.source == "search_comments_2026-10-30.json:4" and "created_at" in rejected.reason


def test_mediacrawler_creators_old_schema_csv() -> None:
    loaded = load(FIXTURES / "mediacrawler" / "creators_old.csv")
    creators = {c.influencer_id: c for c in loaded.records if isinstance(c, Influencer)}
    lin = creators["5f1e00000000000001000a01"]
    assert (lin.fans, lin.interaction, lin.follows) == (86000, 1_200_000, 120)
    assert lin.gender == "female" and lin.location == "上海" and lin.tags == ["护肤博主", "上海"]
    assert lin.categories == ["skincare"] and lin.price_image is None
    assert creators["5f1e00000000000001000a02"].fans == 325000
    [rejected] = loaded.rejected
    assert rejected.source == "creators_old.csv:4" and rejected.reason.startswith("fans: not a count")


def test_mediacrawler_creators_new_schema_with_creator_hash() -> None:
    loaded = load(FIXTURES / "mediacrawler" / "creators_new.json")
    creators = {c.influencer_id: c for c in loaded.records if isinstance(c, Influencer)}
    may = creators["c7b1a2e4d5f60718293a4b5c"]
    assert may.fans == 152000 and may.interaction == 2_300_000 and may.categories == ["fitness"]
    assert creators["c7b1a2e4d5f60718293a4b5d"].fans == 9870
    assert not loaded.rejected


def test_chinese_header_csv_takes_note_id_from_the_link() -> None:
    loaded = load(FIXTURES / "exports" / "qiangua_notes.csv")
    posts = {p.note_id: p for p in loaded.records if isinstance(p, Post)}
    assert set(posts) == {"6600000000000000000b0001", "6600000000000000000b0002"}
    amy = posts["6600000000000000000b0001"]
    assert amy.likes == 23000 and amy.collects == 11000 and amy.author_name == "穿搭日记Amy"
    assert amy.tags == ["美拉德穿搭", "秋冬穿搭"] and amy.category == "fashion"
    assert posts["6600000000000000000b0002"].format == "video"
    assert loaded.rejected[0].source == "qiangua_notes.csv:4"
    assert "note id" in loaded.rejected[0].reason


@pytest.mark.parametrize("name", ["chuanyang_bom.csv", "gbk_notes.csv", "utf16_notes.csv"])
def test_bom_gbk_and_utf16_exports(name: str) -> None:
    loaded = load(FIXTURES / "exports" / name)
    [post] = loaded.records
    assert isinstance(post, Post) and post.likes and post.title and not loaded.rejected
    assert any("\u4e00" <= ch <= "\u9fff" for ch in post.title)


def test_native_jsonl_influencer_with_audience_and_prices() -> None:
    line = (
        '{"influencer_id": "abc", "nickname": "小雨", "categories": ["skincare", "fashion"], "tier": "mid", '
        '"fans": 230000, "avg_likes": 5400, "price_image": 18000, "price_video": 26000, '
        '"audience": {"female_share": 0.91, "age": {"18-24": 0.4, "25-30": 0.6}, "city_tier": {"tier1": 0.5}}}\n'
    )
    loaded = load_bytes(line.encode(), name="inf.jsonl", doc_id="inf.jsonl")
    [influencer] = loaded.records
    assert isinstance(influencer, Influencer)
    assert influencer.tier == "mid" and influencer.price_video == 26000
    assert influencer.audience is not None and influencer.audience.female_share == pytest.approx(0.91)


def test_duplicate_ids_in_one_file_are_rejected_after_the_first() -> None:
    rows = '{"note_id": "n1", "title": "a", "likes": 1}\n{"note_id": "n1", "title": "b", "likes": 2}\n'
    loaded = load_bytes(rows.encode(), name="dup.jsonl", doc_id="dup.jsonl")
    assert [p.title for p in loaded.records] == ["a"]  # type: ignore[union-attr]
    assert loaded.rejected[0].source == "dup.jsonl:2"
    assert loaded.rejected[0].reason == "duplicate id n1 (first on line 1)"


def test_guides_from_markdown_with_front_matter_and_plain_text() -> None:
    md = load(FIXTURES / "guides" / "banned-words.md").records[0]
    assert isinstance(md, Guide)
    assert md.title == "Absolute claims you cannot make in ads" and md.lang == "en"
    txt = load(FIXTURES / "guides" / "kfs-notes.txt").records[0]
    assert isinstance(txt, Guide) and txt.title == "KFS 投放组合" and txt.lang == "zh"


@pytest.mark.parametrize(
    ("raw", "suffix", "message"),
    [
        (b"", ".csv", "empty"),
        (b"\x00\x01\x02\x03binary", ".json", "binary"),
        (bytes(range(128, 256)) * 20, ".jsonl", "not text"),
        (b"{not json", ".json", "not valid JSON"),
        (b"[1, 2, 3]", ".json", None),
    ],
)
def test_unusable_files_fail_with_one_line(raw: bytes, suffix: str, message: str | None) -> None:
    if message is None:  # a JSON list of non-objects: every row rejected, no crash
        loaded = load_bytes(raw, name=f"f{suffix}", doc_id=f"f{suffix}")
        assert len(loaded.rejected) == 3 and not loaded.records
        return
    with pytest.raises(FileError) as error:
        load_bytes(raw, name=f"f{suffix}", doc_id=f"f{suffix}")
    assert message in str(error.value) and "\n" not in str(error.value)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".csv", ".json", ".jsonl", ".md", ".txt", ".tsv"]))
def test_any_bytes_give_records_rejections_or_one_line_error(raw: bytes, suffix: str) -> None:
    try:
        loaded = load_bytes(raw, name=f"f{suffix}", doc_id=f"f{suffix}")
    except FileError as error:
        assert "\n" not in str(error)
        return
    assert loaded.records or loaded.rejected
    assert all(r.source.startswith(f"f{suffix}:") and r.reason for r in loaded.rejected)


_cell = st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                [
                    "note_id",
                    "title",
                    "liked_count",
                    "time",
                    "tag_list",
                    "fans",
                    "user_id",
                    "comment_id",
                    "audience",
                    "type",
                ]
            ),
            _cell,
            max_size=8,
        ),
        min_size=1,
        max_size=5,
    )
)
def test_rows_with_wrong_types_in_any_column_never_crash(rows: list[dict[str, object]]) -> None:
    import json

    raw = "\n".join(json.dumps(row, ensure_ascii=False) for row in rows).encode()
    try:
        loaded = load_bytes(raw, name="f.jsonl", doc_id="f.jsonl")
    except FileError:
        return
    assert len(loaded.records) + len(loaded.rejected) == len(rows)
