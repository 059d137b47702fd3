"""Retrieval over a folder of guides and MediaCrawler notes: the right passage first, in either language."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from bot.store.knowledge_base import KnowledgeBase
from bot.store.normalize import CHINA_TZ
from tests.helpers import cli_env, guides_and_notes, run_cli


@pytest.fixture(params=["embedded", "server"])
def kb(request: pytest.FixtureRequest) -> KnowledgeBase:
    """The same knowledge base with its vectors in embedded Chroma, or in a Chroma server."""
    return request.getfixturevalue("small_kb" if request.param == "embedded" else "small_kb_server")


@pytest.mark.parametrize(
    ("question", "expected", "within"),
    [
        ("达人报价一般多少钱", "guides/kol-pricing.md", 1),
        ("how much does a mid-tier creator charge per post", "guides/kol-pricing.md", 1),
        ("can I say best or No.1 in a sponsored note", "guides/banned-words.md", 1),
        # Cross-lingual with a trap: the camping note's 第一次 matches 第一 word for word, so the English guide
        # only has to make the top two (it did not appear at all before glossary expansion).
        ("广告里能不能写最好、第一", "guides/banned-words.md", 2),
        ("what time of day should we publish", "guides/posting-times.md", 1),
        ("露营这个品类怎么做种草", "guides/camping.md", 1),
        ("信息流和搜索怎么配合达人笔记", "guides/kfs-notes.txt", 1),
        ("早C晚A 油皮 爆痘", "66a1f0c2000000001d01a001", 1),
        ("cat is a picky eater, switching food", "66a1f0c2000000001d01a003", 1),
    ],
)
def test_right_document_first(kb: KnowledgeBase, question: str, expected: str, within: int) -> None:
    hits = kb.search(question, 3)
    assert expected in [h.doc_id for h in hits[:within]], [h.doc_id for h in hits]


def test_filters_by_kind_category_and_date(kb: KnowledgeBase) -> None:
    assert {h.kind for h in kb.search("露营", 10, kinds=("post",))} == {"post"}
    assert [h.doc_id for h in kb.search("装备", 10, category="travel", kinds=("post",))] == [
        "66a1f0c2000000001d01a002"
    ]
    since = datetime(2026, 10, 27, tzinfo=CHINA_TZ)
    recent = kb.search("护肤 露营 猫", 10, kinds=("post",), since=since)
    assert [h.doc_id for h in recent] == ["66a1f0c2000000001d01a001"]


def test_guides_are_chunked_by_heading_with_the_title_kept(kb: KnowledgeBase) -> None:
    [hit] = kb.search("砍价 长期合作 打包", 1, kinds=("playbook",))
    assert hit.title == "达人报价怎么谈" and hit.chunk_id == "guides/kol-pricing.md#1"
    assert "砍价" in hit.snippet


def test_cli_search_json_on_a_custom_knowledge_folder(tmp_path: Path) -> None:
    knowledge = guides_and_notes(tmp_path / "kb")
    env = cli_env(tmp_path / "data", knowledge)
    result = run_cli(
        "search",
        "how early should I post before the evening peak",
        "--json",
        "--k",
        "3",
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows[0]["doc_id"] == "guides/posting-times.md"
    assert set(rows[0]) == {"doc_id", "kind", "title", "score", "snippet"}
    assert rows[0]["kind"] == "playbook" and rows[0]["title"] == "When to publish notes"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    posts = json.loads(
        run_cli("search", "降噪耳机", "--kind", "post", "--json", env=env, cwd=tmp_path).stdout
    )
    assert all(r["kind"] == "post" for r in posts)
