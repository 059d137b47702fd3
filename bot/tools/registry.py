"""The tools, each declared once: name, typed query, the function, how its result reads (a chat digest, the
full text, a file), what it rests on, and what a marketer may want next. The offline engine, the LLM agent,
the CLI and the Telegram commands all take the tools from here, so a new tool is one entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from bot.i18n import Lang, t
from bot.models import (
    Attachment,
    CampaignPlan,
    ComplianceReport,
    InfluencerPlan,
    Source,
    TrendReport,
)
from bot.tools import render
from bot.tools.campaign import CampaignQuery, draft_campaign
from bot.tools.compliance import check_compliance
from bot.tools.context import ToolContext
from bot.tools.copywriting import CopyQuery, CopyResult, EditQuery, EditResult, edit_copy, write_copy
from bot.tools.influencers import KolQuery, suggest_influencers
from bot.tools.knowledge import KnowledgeQuery, KnowledgeResults, search_knowledge
from bot.tools.trends import TrendQuery, trend_lookup

Q = TypeVar("Q", bound=BaseModel)
R = TypeVar("R", bound=BaseModel)


class ComplianceQuery(BaseModel):
    """Copy (a note's title and body, an ad line) to check before publishing."""

    text: str = Field(..., min_length=1, description="the exact copy to check")


def _check(ctx: ToolContext, query: ComplianceQuery) -> ComplianceReport:
    del ctx  # the rules are data files; the knowledge base is not needed
    return check_compliance(query.text)


_check.__doc__ = check_compliance.__doc__


@dataclass(frozen=True)
class ToolSpec(Generic[Q, R]):
    name: str
    act: str  # the dialogue act that asks for it
    query: type[Q]
    run: Callable[[ToolContext, Q], R]
    digest: Callable[[R, Lang], str]  # fits one chat message
    full: Callable[[R, Lang], str]  # the whole result as Markdown
    sources: Callable[[R], list[Source]]
    export: Callable[[R, Lang], Attachment] | None = None
    follow_ups: tuple[str, ...] = ()  # actions worth offering next, as dialogue acts

    @property
    def description(self) -> str:
        """The function's docstring: what the LLM reads as the tool's description."""
        return " ".join((self.run.__doc__ or self.name).split())

    def __call__(self, ctx: ToolContext, query: Q) -> R:
        return self.run(ctx, query)


def _trend_sources(report: TrendReport) -> list[Source]:
    return [Source(doc_id=p.note_id, kind="post", title=p.title) for p in report.top_posts[:5]]


def _plan_sources(plan: InfluencerPlan) -> list[Source]:
    return [Source(doc_id=p.influencer_id, kind="influencer", title=p.nickname) for p in plan.picks[:10]]


def _campaign_sources(plan: CampaignPlan) -> list[Source]:
    guides = [Source(doc_id=g.doc_id, kind="playbook", title=g.title) for g in plan.guides_used]
    return guides + [Source(doc_id=n, kind="post", title=n) for n in plan.sources[:3]]


def _knowledge_sources(results: KnowledgeResults) -> list[Source]:
    cited = [Source(doc_id=p.doc_id, kind="playbook", title=p.title) for p in results.passages]
    cited += [Source(doc_id=h.doc_id, kind=h.kind, title=h.title) for h in results.hits]
    return list({(s.kind, s.doc_id): s for s in cited}.values())


def _copy_sources(result: CopyResult) -> list[Source]:
    guides = [Source(doc_id=g.doc_id, kind="playbook", title=g.title) for g in result.guides]
    return guides + [Source(doc_id=n, kind="post", title=n) for n in result.sources]


def _knowledge_text(results: KnowledgeResults, lang: Lang) -> str:
    if not results.passages and not results.hits:
        return t("knowledge.nothing", lang)
    parts = [f"{p.title} ({p.doc_id}):\n{p.text}" for p in results.passages]
    shown = {p.doc_id for p in results.passages}
    parts += [f"[{h.kind} {h.doc_id}] {h.title}\n{h.snippet}" for h in results.hits if h.doc_id not in shown]
    return "\n\n".join(parts)


def _edit_text(result: EditResult, lang: Lang) -> str:
    if result.piece is None:
        return t("copy.edit_failed", lang, issues=", ".join(result.failing_terms) or "-")
    return render.draft_markdown(1, result.piece, lang)


def _trend_file(report: TrendReport, lang: Lang) -> Attachment:
    return Attachment(
        filename="redpilot-trends.md",
        data=render.trend_markdown(report, lang).encode("utf-8"),
        caption=t("export.trends", lang),
    )


def _plan_file(plan: InfluencerPlan, lang: Lang) -> Attachment:
    # UTF-8 with a BOM: Excel opens it with the Chinese names intact.
    return Attachment(
        filename="redpilot-creators.csv",
        data=render.plan_csv(plan, lang).encode("utf-8-sig"),
        caption=t("export.creators", lang, n=len(plan.picks)),
    )


def _campaign_file(plan: CampaignPlan, lang: Lang) -> Attachment:
    del lang  # a plan is written in its own language
    return Attachment(
        filename="redpilot-campaign-plan.md",
        data=render.campaign_markdown(plan).encode("utf-8"),
        caption=t("export.campaign", plan.lang),
    )


def _check_file(report: ComplianceReport, lang: Lang) -> Attachment:
    return Attachment(
        filename="redpilot-compliance.md",
        data=render.compliance_markdown(report, lang, limit=1000).encode("utf-8"),
        caption=t("export.check", lang),
    )


def _copy_file(result: CopyResult, lang: Lang) -> Attachment:
    return Attachment(
        filename="redpilot-copy.md",
        data=render.copy_markdown(result, lang).encode("utf-8"),
        caption=t("export.copy", lang),
    )


TOOLS: dict[str, ToolSpec[Any, Any]] = {
    spec.name: spec
    for spec in (
        ToolSpec(
            name="trend_lookup",
            act="trends",
            query=TrendQuery,
            run=trend_lookup,
            digest=render.trend_digest,
            full=render.trend_markdown,
            sources=_trend_sources,
            export=_trend_file,
            follow_ups=("creators", "campaign", "more"),
        ),
        ToolSpec(
            name="suggest_influencers",
            act="creators",
            query=KolQuery,
            run=suggest_influencers,
            digest=render.plan_digest,
            full=render.plan_markdown,
            sources=_plan_sources,
            export=_plan_file,
            follow_ups=("more", "export", "campaign", "cheaper"),
        ),
        ToolSpec(
            name="draft_campaign",
            act="campaign",
            query=CampaignQuery,
            run=draft_campaign,
            digest=lambda plan, lang: render.campaign_digest(plan),
            full=lambda plan, lang: render.campaign_markdown(plan),
            sources=_campaign_sources,
            export=_campaign_file,
            follow_ups=("drafts", "export", "cheaper"),
        ),
        ToolSpec(
            name="check_compliance",
            act="check",
            query=ComplianceQuery,
            run=_check,
            digest=render.compliance_markdown,
            full=lambda report, lang: render.compliance_markdown(report, lang, limit=1000),
            sources=lambda report: [],
            export=_check_file,
        ),
        ToolSpec(
            name="search_knowledge",
            act="knowledge",
            query=KnowledgeQuery,
            run=search_knowledge,
            digest=_knowledge_text,
            full=_knowledge_text,
            sources=_knowledge_sources,
        ),
        ToolSpec(
            name="write_copy",
            act="copywriting",
            query=CopyQuery,
            run=write_copy,
            digest=render.copy_digest,
            full=render.copy_markdown,
            sources=_copy_sources,
            export=_copy_file,
            follow_ups=("more", "check", "export"),
        ),
        ToolSpec(
            name="edit_copy",
            act="edit",
            query=EditQuery,
            run=edit_copy,
            digest=_edit_text,
            full=_edit_text,
            sources=lambda result: [],
        ),
    )
}
BY_ACT: dict[str, ToolSpec[Any, Any]] = {spec.act: spec for spec in TOOLS.values()}


def tool(name: str) -> ToolSpec[Any, Any]:
    return TOOLS[name]
