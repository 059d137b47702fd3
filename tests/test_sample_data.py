"""The bundled sample data is what the committed, seeded generator makes, and it loads cleanly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.models import Comment, Influencer, Post
from bot.store.importers import load_bytes
from tests.helpers import ROOT

FILES = ("posts/posts.jsonl", "influencers/influencers.jsonl", "comments/comments.jsonl")


def test_generator_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate_sample.py"),
            "--out",
            str(tmp_path),
            "--card",
            str(tmp_path / "card.md"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (ROOT / "knowledge" / name).read_bytes(), name


def test_sample_files_import_without_rejections() -> None:
    expected = {
        "posts/posts.jsonl": Post,
        "influencers/influencers.jsonl": Influencer,
        "comments/comments.jsonl": Comment,
    }
    for name, model in expected.items():
        path = ROOT / "knowledge" / name
        loaded = load_bytes(path.read_bytes(), name=path.name, doc_id=name)
        assert not loaded.rejected, loaded.rejected[:3]
        assert loaded.records and all(isinstance(r, model) for r in loaded.records)
    posts = load_bytes((ROOT / "knowledge" / FILES[0]).read_bytes(), name="p", doc_id="p").records
    assert len(posts) >= 3000 and len({p.category for p in posts}) >= 10  # type: ignore[union-attr]
