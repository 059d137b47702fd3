"""The records RedPilot knows about and the results it returns. Pure data: no I/O."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.i18n import Lang, Note

Kind = Literal["playbook", "post", "influencer", "comment"]
SEARCHABLE_KINDS: tuple[Kind, ...] = ("playbook", "post", "influencer")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Post(Record):
    """A RED note. Counts are None when the source did not say (not the same as zero)."""

    note_id: str
    title: str = ""
    body: str = ""
    format: Literal["image", "video"] = "image"
    category: str | None = None
    tags: list[str] = Field(default_factory=list)
    published_at: datetime | None = None
    likes: int | None = None
    collects: int | None = None
    comments: int | None = None
    shares: int | None = None
    author_id: str | None = None
    author_name: str | None = None
    location: str | None = None
    sponsored: bool | None = None
    brand: str | None = None
    url: str | None = None
    source_keyword: str | None = None


class Audience(Record):
    """Who follows a creator: shares between 0 and 1."""

    female_share: float | None = Field(None, ge=0, le=1)
    age: dict[str, float] = Field(default_factory=dict)
    city_tier: dict[str, float] = Field(default_factory=dict)


class Influencer(Record):
    """A creator (达人). Averages are per note; prices are quoted CNY per note."""

    influencer_id: str
    nickname: str = ""
    gender: Literal["female", "male"] | None = None
    location: str | None = None
    bio: str = ""
    categories: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    tier: Literal["head", "mid", "junior", "koc"] | None = None
    fans: int | None = None
    follows: int | None = None
    interaction: int | None = None  # total likes + collects received (MediaCrawler's "interaction")
    avg_likes: int | None = None
    avg_collects: int | None = None
    avg_comments: int | None = None
    avg_shares: int | None = None
    price_image: int | None = None
    price_video: int | None = None
    audience: Audience | None = None
    sponsored_share: float | None = Field(None, ge=0, le=1)
    notes_count: int | None = None
    recent_note_ids: list[str] = Field(default_factory=list)


class Comment(Record):
    comment_id: str
    note_id: str
    content: str = ""
    created_at: datetime | None = None
    likes: int | None = None
    location: str | None = None
    parent_comment_id: str | None = None
    user_id: str | None = None
    nickname: str | None = None


class Guide(Record):
    """A playbook guide. `doc_id` is its path relative to the knowledge folder (or the file name)."""

    doc_id: str
    title: str
    lang: Literal["zh", "en"] = "zh"
    category: str | None = None
    tags: list[str] = Field(default_factory=list)
    body: str = ""


AnyRecord = Post | Influencer | Comment | Guide


class Chunk(BaseModel):
    """One searchable passage. `text` is shown and indexed lexically; `embed_text` is what gets embedded."""

    chunk_id: str
    doc_id: str
    kind: Kind
    title: str
    text: str
    embed_text: str
    keywords: list[str] = Field(
        default_factory=list
    )  # indexed with the title (a guide's tags, a post's hashtags)
    category: str | None = None
    published_at: datetime | None = None


class Source(BaseModel):
    """A record an answer rests on: a note, a creator or a guide, named so it can be looked up."""

    doc_id: str
    kind: str
    title: str


class Attachment(BaseModel):
    """A file that goes with an answer (a full plan, a creator list for Excel)."""

    filename: str
    data: bytes
    caption: str = ""


class SearchHit(BaseModel):
    doc_id: str
    kind: Kind
    title: str
    score: float
    snippet: str
    chunk_id: str = ""
    category: str | None = None
    published_at: datetime | None = None


class Rejected(BaseModel):
    source: str  # "file:line"
    reason: str


class IngestReport(BaseModel):
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejected] = Field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)


# --- tools ------------------------------------------------------------------------------------------------

Goal = Literal["awareness", "conversion", "launch"]
Tier = Literal["head", "mid", "junior", "koc"]


class Brief(BaseModel):
    """What a marketer wants, as typed values: read from a message once by the engine, refined by flags,
    buttons or follow-up messages. Tools never see the sentence it came from."""

    product: str | None = None
    brand: str | None = None
    category: str | None = None
    goal: Goal | None = None
    budget: int | None = Field(None, ge=0, description="CNY")
    audience: Audience | None = None
    count: int | None = Field(None, ge=1, description="number of creators wanted")
    tiers: list[Tier] = Field(
        default_factory=list, description="only these creator tiers (empty: the usual mix)"
    )
    currency: Literal["CNY", "USD"] = Field("CNY", description="the currency the budget was given in")
    occasion: str | None = Field(None, description="a shopping festival or season: 双11, 618, 春节 ...")


# --- compliance ---------------------------------------------------------------------------------------------

ComplianceCategory = Literal[
    "absolute_term", "medical_claim", "guarantee", "superstition", "missing_disclosure", "diversion"
]
Severity = Literal["high", "medium", "low"]


class ComplianceIssue(BaseModel):
    term: str  # the text found (for missing_disclosure: the phrase that reads as a paid collaboration)
    category: ComplianceCategory
    start: int  # character offsets into the checked text, end exclusive
    end: int
    severity: Severity
    suggestion: str  # a rewrite, or what to add (in the copy's language)
    replacement: str | None = None  # the words to put instead, when the rule has them (the copy's language)


class ComplianceReport(BaseModel):
    ok: bool
    issues: list[ComplianceIssue] = Field(default_factory=list)
    checked_chars: int = 0
    rewritten: str | None = None  # the text with every suggestion that is a replacement applied


# --- trends -------------------------------------------------------------------------------------------------


class TrendTerm(BaseModel):
    """A hashtag or keyword and how its note volume moved between the two windows."""

    term: str
    kind: Literal["hashtag", "keyword"]
    previous: int  # notes carrying it in the previous window
    current: int  # ... in the current window
    growth: float | None  # change in its share of notes, current vs previous (None: new, absent before)
    engagement_previous: float | None  # median CES per note
    engagement_current: float | None
    engagement_growth: float | None


class PostSummary(BaseModel):
    note_id: str
    title: str
    category: str | None
    published_at: datetime | None
    format: Literal["image", "video"]
    likes: int | None
    collects: int | None
    comments: int | None
    shares: int | None
    ces: int
    vs_category_median: float | None  # CES over the median CES of its category
    baokuan: bool  # engagement far above the category's norm
    author_name: str | None = None


class TitlePattern(BaseModel):
    pattern: str  # a title formula's name in marketing.json (its label in each language lives there)
    share_top: float  # share of the best-performing quarter of titles that use it
    share_all: float
    example: str


class PainPoint(BaseModel):
    term: str
    mentions: int
    example: str


class CommentInsights(BaseModel):
    comments: int
    positive: float
    negative: float
    neutral: float
    pain_points: list[PainPoint] = Field(default_factory=list)


class TrendStats(BaseModel):
    posts_current: int
    posts_previous: int
    volume_growth: float | None
    median_ces_current: float | None
    median_ces_previous: float | None
    category_median_ces: float | None
    video_share: float | None
    median_ces_video: float | None
    median_ces_image: float | None
    best_weekdays: list[int] = Field(default_factory=list)  # 0 = Monday
    best_hours: list[int] = Field(default_factory=list)  # start hour of a 3-hour slot
    title_patterns: list[TitlePattern] = Field(default_factory=list)
    comments: CommentInsights | None = None
    matched_by: dict[str, int] = Field(default_factory=dict)


class TrendWindow(BaseModel):
    as_of: date
    days: int
    current_start: date
    current_end: date
    previous_start: date
    previous_end: date


class TrendReport(BaseModel):
    topic: str
    category: str | None
    window: TrendWindow
    rising: list[TrendTerm] = Field(default_factory=list)
    declining: list[TrendTerm] = Field(default_factory=list)
    top_posts: list[PostSummary] = Field(default_factory=list)
    stats: TrendStats
    sources: list[str] = Field(default_factory=list)  # note ids the figures come from
    notes: list[Note] = Field(default_factory=list)  # caveats a marketer should read


# --- influencer matrix ----------------------------------------------------------------------------------------


class ScoreBreakdown(BaseModel):
    """A pick's score, part by part (each 0..1) with the weight it carries: the answer to "why this one?"."""

    relevance: float  # category fit and similarity of the creator's profile to the brief
    engagement: float  # engagement rate against the tier's median (2x the median or more scores 1)
    cpe_rank: float  # 1 = the cheapest engagement in the tier
    audience: float  # audience match (0.5 when unknown)
    quoted_price: float  # 1 when the price is quoted, 0 when estimated
    weights: dict[str, float]


class Pick(BaseModel):
    """One creator in the matrix, with the numbers behind the choice."""

    influencer_id: str
    nickname: str
    tier: Tier
    categories: list[str]
    vertical: bool  # posts mainly in the brief's category (else an adjacent-category creator)
    fans: int | None
    format: Literal["image", "video"]
    price: int  # CNY per note
    price_estimated: bool
    expected_engagement: int  # likes + collects + comments + shares per note
    engagement_estimated: bool
    expected_cpe: float | None  # price / expected engagement
    engagement_rate: float | None  # engagement per note / fans
    audience_match: float | None  # 0..1, None when the brief or the creator says nothing about audience
    tier_median_rate: float | None = None  # the tier's median engagement rate in the data
    score: float
    breakdown: ScoreBreakdown | None = None


class TierPlan(BaseModel):
    tier: Tier
    share: float  # target share of the budget (rule of thumb, from settings)
    budget: int | None
    spent: int
    creators: int


class PlanTotals(BaseModel):
    budget: int | None
    cost: int
    remaining: int | None
    creators: int
    vertical: int
    adjacent: int
    expected_engagement: int
    expected_cpe: float | None


class Excluded(BaseModel):
    influencer_id: str
    nickname: str
    reason: Note


class InfluencerPlan(BaseModel):
    brief: Brief
    picks: list[Pick] = Field(default_factory=list)
    tiers: list[TierPlan] = Field(default_factory=list)
    totals: PlanTotals
    assumptions: list[Note] = Field(default_factory=list)
    excluded: list[Excluded] = Field(default_factory=list)
    considered: int = 0  # creators in or next to the category that passed the checks


# --- campaign plan ------------------------------------------------------------------------------------------


class Citation(BaseModel):
    doc_id: str
    title: str


class NoteDraft(BaseModel):
    """A note (or just a title) RedPilot wrote: `pillar` is its content pillar or title formula."""

    pillar: str
    title: str  # within RED's ~20 characters (Latin letters count half)
    body: str = ""
    hashtags: list[str] = Field(default_factory=list, max_length=8)
    cover: str = ""
    compliance_ok: bool = False
    tone: str = "plain"


class BudgetLine(BaseModel):
    item: str
    share: float
    amount: int | None


class TimelineWeek(BaseModel):
    week: int
    focus: str
    actions: list[str]


class Kpi(BaseModel):
    name: str
    target: str
    how: str


class CampaignPlan(BaseModel):
    """An IDEA plan: Insights, Define, Expand (BKC matrix, KFS), Advocate; then timeline, KPIs and risks."""

    brief: Brief
    lang: Lang
    weeks: int = 6
    title: str
    insights: list[str]
    selling_points: list[str]
    hero_product: str
    scenarios: list[str]
    content_pillars: list[str]
    drafts: list[NoteDraft]
    matrix: InfluencerPlan
    kfs: list[BudgetLine]
    search_keywords: list[str]
    advocate: list[str]
    timeline: list[TimelineWeek]
    kpis: list[Kpi]
    risks: list[str]
    guides_used: list[Citation]
    sources: list[str]  # note ids behind the insights
    assumptions: list[Note]
