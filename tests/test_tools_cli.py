"""`redpilot trends | kols | campaign | check` on the bundled sample data and on a MediaCrawler export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.models import CampaignPlan, ComplianceReport, InfluencerPlan, TrendReport
from tests.helpers import FIXTURES, ROOT, cli_env, run_cli


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return cli_env(tmp_path_factory.mktemp("bundled"), ROOT / "knowledge")


def test_trends_on_the_sample_data_find_the_planted_topics(bundled: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("trends", "护肤", "--json", env=bundled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = TrendReport.model_validate_json(result.stdout)
    rising = [t.term for t in report.rising if t.kind == "hashtag"][:3]
    assert "以油养肤" in rising and "早c晚a" in rising  # planted by scripts/generate_sample.py
    assert "刷酸" in [t.term for t in report.declining][:3]
    assert report.window.as_of.isoformat() == "2026-10-31" and report.sources

    english = run_cli("trends", "camping", "--category", "travel", env=bundled, cwd=tmp_path)
    assert english.returncode == 0 and "trends over the last 30 days" in english.stdout


def test_kols_json_within_budget_in_both_languages(bundled: dict[str, str], tmp_path: Path) -> None:
    zh = run_cli(
        "kols", "多巴胺穿搭女装新品，预算20万，18-30岁一二线女性", "--json", env=bundled, cwd=tmp_path
    )
    plan = InfluencerPlan.model_validate_json(zh.stdout)
    assert plan.brief.budget == 200_000 and plan.totals.cost <= 200_000 and plan.picks
    assert plan.picks[0].breakdown is not None and plan.picks[0].tier_median_rate
    en = run_cli("kols", "sunscreen for men", "--budget", "$10k", "--n", "6", env=bundled, cwd=tmp_path)
    assert en.returncode == 0 and "BKC creator matrix" in en.stdout and "of a ¥72,000 budget" in en.stdout
    assert not re.search(r"预算|达人|层级", en.stdout)  # the English report has no Chinese wording
    bad = run_cli("kols", "x", "--budget", "lots", env=bundled, cwd=tmp_path)
    assert bad.returncode == 2 and "--budget: not an amount: 'lots'" in bad.stderr


def test_campaign_writes_markdown_and_json(bundled: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    result = run_cli("campaign", "以油养肤精华油新品，预算50万", "--out", str(out), env=bundled, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    markdown = out.read_text(encoding="utf-8")
    for heading in (
        "## I 洞察",
        "## D 定义",
        "## E 扩散",
        "## A 沉淀",
        "## 排期",
        "## KPI",
        "## 风险",
        "## 参考指南",
    ):
        assert heading in markdown
    assert "矩阵" in result.stdout  # the short chat summary
    plan = CampaignPlan.model_validate_json(
        run_cli("campaign", "以油养肤精华油新品，预算50万", "--json", env=bundled, cwd=tmp_path).stdout
    )
    assert all(g.doc_id.startswith("playbook/") for g in plan.guides_used) and plan.guides_used
    assert all(d.compliance_ok for d in plan.drafts)


def test_check_flags_and_passes(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", tmp_path)
    flagged = run_cli("check", "全网最好用的面霜，加微信 abc123456 领券", "--json", env=env, cwd=tmp_path)
    assert flagged.returncode == 1
    report = ComplianceReport.model_validate_json(flagged.stdout)
    assert {i.category for i in report.issues} >= {"absolute_term", "diversion"}
    copy = tmp_path / "copy.txt"
    copy.write_text("第一次用这款面霜，质地很轻薄，最近换季也没有不舒服。", encoding="utf-8")
    clean = run_cli("check", "--file", str(copy), env=env, cwd=tmp_path)
    assert clean.returncode == 0 and "没有发现" in clean.stdout
    neither = run_cli("check", env=env, cwd=tmp_path)
    assert neither.returncode == 2 and "give the copy as TEXT or with --file" in neither.stderr


def test_tools_on_an_imported_mediacrawler_folder(tmp_path: Path) -> None:
    knowledge = tmp_path / "kb"
    shutil.copytree(FIXTURES / "mediacrawler", knowledge)
    env = cli_env(tmp_path / "data", knowledge)
    plan = InfluencerPlan.model_validate_json(
        run_cli("kols", "露营装备 预算5万", "--json", env=env, cwd=tmp_path).stdout
    )
    # MediaCrawler creators have fans and interaction but no prices: estimates, marked as such.
    assert plan.picks and all(p.price_estimated and p.engagement_estimated for p in plan.picks)
    assert plan.totals.cost <= 50_000
    report = TrendReport.model_validate_json(
        run_cli("trends", "露营", "--json", env=env, cwd=tmp_path).stdout
    )
    assert report.sources == ["66a1f0c2000000001d01a002"]
    assert any(note.key == "trends.note.few_notes" for note in report.notes)
    assert report.stats.comments is None  # its only comment had an unreadable time and was rejected
