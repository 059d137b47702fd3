"""Retrieval quality on the bundled knowledge, measured by the real `redpilot eval retrieval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ROOT, cli_env, run_cli


@pytest.fixture(scope="module")
def bundled_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return cli_env(tmp_path_factory.mktemp("bundled-data"), ROOT / "knowledge")


def test_hybrid_beats_both_single_retrievers(bundled_env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("eval", "retrieval", "--json", env=bundled_env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = {(r["mode"], r["slice"]): r for r in json.loads(result.stdout)}
    hybrid, lexical, dense = (rows[(mode, "all")] for mode in ("hybrid", "lexical", "dense"))
    assert hybrid["queries"] >= 40
    for metric in ("recall_at_5", "mrr_at_10"):
        assert hybrid[metric] > lexical[metric] and hybrid[metric] > dense[metric], metric
    assert hybrid["recall_at_5"] >= 0.75


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("KFS 是什么，信息流怎么配合达人笔记", "playbook/kfs.md"),
        ("how do I spot fake followers", "playbook/fake-followers.md"),
        ("广告法 极限词 有哪些", "playbook/banned-terms.md"),
        ("what is the CES score and how are comments weighted", "playbook/ces-scoring.md"),
    ],
)
def test_typical_questions_find_the_guide_first(
    bundled_env: dict[str, str], tmp_path: Path, question: str, expected: str
) -> None:
    rows = json.loads(run_cli("search", question, "--json", env=bundled_env, cwd=tmp_path).stdout)
    assert rows[0]["doc_id"] == expected, [r["doc_id"] for r in rows]
