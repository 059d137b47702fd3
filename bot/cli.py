"""The `redpilot` command. Each command is a thin shell over library functions; heavy imports stay inside them
so `redpilot --help` and one-shot commands start fast."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from bot.config import ConfigError, Settings, load_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import BaseModel

    from bot.engine.reply import Reply
    from bot.i18n import Lang
    from bot.models import Brief
    from bot.store.knowledge_base import KnowledgeBase, Progress
    from bot.tools.context import ToolContext

app = typer.Typer(
    name="redpilot",
    help="RedPilot: a Xiaohongshu (RED) marketing assistant. Knowledge base, search and the Telegram bot.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
kb_app = typer.Typer(help="Inspect and maintain the knowledge base.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure quality on the project's own evaluation sets.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", markup=True, highlight=False)
    raise typer.Exit(2)


def settings() -> Settings:
    try:
        return load_settings()
    except ConfigError as exc:
        fail(str(exc))


@contextmanager
def knowledge_base() -> Iterator[KnowledgeBase]:
    from bot.store.knowledge_base import KnowledgeBase, KnowledgeBaseError

    try:
        kb = KnowledgeBase(settings())
        try:
            yield kb
        finally:
            kb.close()
    except (ConfigError, KnowledgeBaseError) as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{exc.filename or 'data dir'}: {exc.strerror}")


@contextmanager
def progress_bar() -> Iterator[Progress]:
    """A rich progress bar on stderr, so --json output on stdout stays clean."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    task = bar.add_task("preparing", total=None)
    stage = {"label": ""}

    def report(label: str, done: int, total: int) -> None:
        if label != "embedding":
            stage["label"] = label
            bar.update(task, description=label, completed=0, total=None)
            return
        bar.update(task, description=f"{stage['label']}: embedding", completed=done, total=total or None)

    with bar:
        yield report


@app.callback()
def main_callback() -> None:
    from bot.logs import configure

    configure(settings())


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to import.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Import guides, posts, influencers and comments (native, MediaCrawler or Chinese-header exports)."""
    with knowledge_base() as kb, progress_bar() as progress:
        report = kb.ingest_paths(paths, progress)
    if as_json:
        out.print_json(json.dumps(report.model_dump(), ensure_ascii=False))
        return
    out.print(
        f"added {report.added}, updated {report.updated}, unchanged {report.unchanged}, "
        f"rejected {len(report.rejected)}",
        highlight=False,
    )
    for rejected in report.rejected[:50]:
        out.print(f"  rejected {rejected.source}: {rejected.reason}", highlight=False, markup=False)
    if len(report.rejected) > 50:
        out.print(f"  ... and {len(report.rejected) - 50} more (use --json for all)")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A question or keywords, Chinese or English.")],
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="How many results.")] = 5,
    kind: Annotated[str | None, typer.Option(help="playbook, post or influencer.")] = None,
    category: Annotated[str | None, typer.Option(help="Category slug, e.g. skincare.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print results as JSON.")] = False,
) -> None:
    """Search the knowledge base (hybrid: embeddings + BM25)."""
    if kind and kind not in ("playbook", "post", "influencer"):
        fail(f"--kind must be playbook, post or influencer (got {kind!r})")
    with knowledge_base() as kb:
        with progress_bar() as progress:
            kb.ensure_ready(progress)
        hits = kb.search(query, k, kinds=(kind,) if kind else (), category=category)
    if as_json:
        rows = [
            {"doc_id": h.doc_id, "kind": h.kind, "title": h.title, "score": h.score, "snippet": h.snippet}
            for h in hits
        ]
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    if not hits:
        out.print("No results.")
    for number, hit in enumerate(hits, start=1):
        out.print(
            f"[bold]{number}. {hit.title}[/bold]  [dim]{hit.kind} · {hit.doc_id}[/dim]", highlight=False
        )
        out.print(f"   {hit.snippet}", highlight=False, markup=False)


def _lang(text: str, override: str | None) -> Lang:
    from bot.i18n import detect

    if override:
        if override not in ("zh", "en"):
            fail(f"--lang must be zh or en (got {override!r})")
        return override  # type: ignore[return-value]
    return detect(text) or "zh"


def _tool_context(kb: KnowledgeBase) -> ToolContext:
    from bot.tools.context import ToolContext

    with progress_bar() as progress:
        kb.ensure_ready(progress)
    return ToolContext(kb)


def _run_tool(name: str, kb: KnowledgeBase, build: Callable[[ToolContext], BaseModel]) -> BaseModel:
    """Run a registry tool on a query built with the tool context (for slots read from a brief)."""
    from bot.tools.registry import tool

    ctx = _tool_context(kb)
    return tool(name)(ctx, build(ctx))


def _show(name: str, result: BaseModel, lang: Lang, as_json: bool) -> None:
    from bot.tools.registry import tool

    if as_json:
        out.print_json(result.model_dump_json())
    else:
        out.print(tool(name).full(result, lang), markup=False, highlight=False)


@app.command()
def trends(
    topic: Annotated[
        str, typer.Argument(help="Topic, hashtag or keyword; a category name for the whole category.")
    ],
    category: Annotated[
        str | None, typer.Option(help="Category slug or name, e.g. skincare or 护肤.")
    ] = None,
    days: Annotated[int, typer.Option(min=3, max=180, help="Window length in days.")] = 30,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="End of the window (YYYY-MM-DD); default newest post.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="zh or en; default from the topic.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the TrendReport as JSON.")] = False,
) -> None:
    """Rising and declining hashtags and keywords, top notes, timing and comment pain points for a topic."""
    from datetime import date

    from bot.tools.trends import TrendQuery

    try:
        end = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        fail(f"--as-of must be a date like 2026-10-31 (got {as_of!r})")
    language = _lang(topic, lang)
    with knowledge_base() as kb:
        report = _run_tool(
            "trend_lookup", kb, lambda ctx: TrendQuery(topic=topic, category=category, days=days, as_of=end)
        )
    _show("trend_lookup", report, language, as_json)


def _brief(ctx: ToolContext, text: str, budget: str | None, category: str | None) -> Brief:
    """A brief read from free text the way the chat reads it, then the flags on top."""
    from bot.engine.understand.amounts import AmountError, parse_amount
    from bot.engine.understand.lexicon import lexicon
    from bot.engine.understand.slots import extract
    from bot.models import Brief
    from bot.resources import normalize_category

    rate = ctx.settings.usd_cny_rate
    brief = Brief(**extract(text, lexicon(ctx), rate).brief_fields())  # type: ignore[arg-type]
    if budget is not None:
        try:
            brief.budget = parse_amount(budget, rate)
        except AmountError:
            fail(f"--budget: not an amount: {budget!r} (try 50万, 30w, ¥200,000, 200k RMB or $30k)")
        brief.currency = "USD" if "$" in budget or "usd" in budget.lower() else "CNY"
    if category is not None:
        brief.category = normalize_category(category)
    return brief


@app.command()
def kols(
    brief: Annotated[str, typer.Argument(help="The brief in free text, Chinese or English.")],
    budget: Annotated[
        str | None, typer.Option(help="Budget: 50万, 30w, ¥200,000, 200k RMB, $30k ...")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Category slug or name.")] = None,
    n: Annotated[int | None, typer.Option("--n", min=1, max=200, help="Number of creators.")] = None,
    video: Annotated[bool, typer.Option("--video", help="Price video notes instead of image notes.")] = False,
    lang: Annotated[str | None, typer.Option(help="zh or en; default from the brief.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the InfluencerPlan as JSON.")] = False,
) -> None:
    """A BKC influencer matrix for a brief: tier mix, vertical and adjacent creators, within budget."""
    from bot.tools.influencers import KolQuery

    language = _lang(brief, lang)
    with knowledge_base() as kb:
        plan = _run_tool(
            "suggest_influencers",
            kb,
            lambda ctx: KolQuery(
                brief=_brief(ctx, brief, budget, category), count=n, format="video" if video else "image"
            ),
        )
    _show("suggest_influencers", plan, language, as_json)


@app.command()
def campaign(
    brief: Annotated[str, typer.Argument(help="The brief in free text, Chinese or English.")],
    budget: Annotated[
        str | None, typer.Option(help="Budget: 50万, 30w, ¥200,000, 200k RMB, $30k ...")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Category slug or name.")] = None,
    weeks: Annotated[int, typer.Option(min=3, max=12, help="Campaign length in weeks.")] = 6,
    lang: Annotated[str | None, typer.Option(help="zh or en; default from the brief.")] = None,
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Also write the full plan as Markdown here.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the CampaignPlan as JSON.")] = False,
) -> None:
    """An IDEA campaign plan: insights, selling points, note drafts, BKC matrix, KFS split, timeline, KPIs."""
    from bot.tools.campaign import CampaignQuery
    from bot.tools.registry import tool

    language = _lang(brief, lang)
    with knowledge_base() as kb:
        plan = _run_tool(
            "draft_campaign",
            kb,
            lambda ctx: CampaignQuery(brief=_brief(ctx, brief, budget, category), weeks=weeks, lang=language),
        )
    spec = tool("draft_campaign")
    markdown = spec.full(plan, language)
    if out_file is not None:
        try:
            out_file.write_text(markdown, encoding="utf-8")
        except OSError as exc:
            fail(f"--out {out_file}: {exc.strerror}")
    if as_json:
        out.print_json(plan.model_dump_json())
    elif out_file is not None:
        out.print(spec.digest(plan, language), markup=False, highlight=False)
        err.print(f"wrote {out_file}", highlight=False)
    else:
        out.print(markdown, markup=False, highlight=False)


@app.command()
def copy(
    product: Annotated[str, typer.Argument(help="The product or topic, e.g. 防晒喷雾 or 'a camping lamp'.")],
    note: Annotated[bool, typer.Option("--note", help="A whole note instead of titles.")] = False,
    n: Annotated[int, typer.Option("--n", min=1, max=10, help="How many titles.")] = 5,
    tone: Annotated[str, typer.Option(help="plain, casual, professional, shorter or emoji.")] = "plain",
    category: Annotated[str | None, typer.Option(help="Category slug or name.")] = None,
    lang: Annotated[str | None, typer.Option(help="zh or en; default from the product.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the CopyResult as JSON.")] = False,
) -> None:
    """Note titles (within RED's 20 characters) or a whole note, every piece compliance-checked."""
    from bot.resources import normalize_category
    from bot.tools.copywriting import TONES, CopyQuery

    if tone not in TONES:
        fail(f"--tone must be one of {', '.join(TONES)} (got {tone!r})")
    language = _lang(product, lang)
    with knowledge_base() as kb:
        result = _run_tool(
            "write_copy",
            kb,
            lambda ctx: CopyQuery(
                kind="note" if note else "titles",
                product=product,
                category=normalize_category(category) if category else None,
                n=n,
                tone=tone,  # type: ignore[arg-type]
                lang=language,
            ),
        )
    if as_json:
        out.print_json(result.model_dump_json())
    else:
        from bot.tools.registry import tool

        out.print(tool("write_copy").digest(result, language), markup=False, highlight=False)


@app.command()
def check(
    text: Annotated[str | None, typer.Argument(help="The copy to check.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the copy from a UTF-8 text file.")] = None,
    lang: Annotated[str | None, typer.Option(help="zh or en; default from the text.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the ComplianceReport as JSON.")] = False,
) -> None:
    """Check copy for Advertising Law superlatives, efficacy claims, guarantees, missing disclosure, diversion."""
    from bot.tools.compliance import check_compliance
    from bot.tools.render import compliance_markdown

    if (text is None) == (file is None):
        fail("give the copy as TEXT or with --file, not both")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"--file {file}: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}")
    assert text is not None
    report = check_compliance(text)
    if as_json:
        out.print_json(report.model_dump_json())
    else:
        out.print(compliance_markdown(report, _lang(text, lang), limit=1000), markup=False, highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def _save_attachments(reply: Reply, folder: Path) -> None:
    """Files that come with an answer (a plan, a creator list) are written next to where the user works."""
    for attachment in reply.attachments:
        path = folder / attachment.filename
        try:
            path.write_bytes(attachment.data)
        except OSError as exc:
            err.print(f"could not write {path}: {exc.strerror}", highlight=False)
            continue
        err.print(f"wrote {path}", highlight=False)


@app.command()
def ask(
    text: Annotated[str, typer.Argument(help="A message, as a marketer would type it in chat.")],
    chat: Annotated[str, typer.Option("--chat", help="Conversation id; memory is kept per id.")] = "cli",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print answer, engine, act, lang, tools, sources, latency.")
    ] = False,
    save_dir: Annotated[
        Path, typer.Option("--save-dir", help="Where files that come with an answer are written.")
    ] = Path("."),
) -> None:
    """One turn of conversation with the engine (offline unless an LLM endpoint is configured)."""
    from bot.engine.factory import build_engine

    with knowledge_base() as kb:
        with progress_bar() as progress:
            kb.ensure_ready(progress)
        reply = build_engine(kb).reply(chat, "cli", text)
    if as_json:
        out.print_json(json.dumps(reply.cli_json(), ensure_ascii=False))
    else:
        out.print(reply.answer, markup=False, highlight=False)
    _save_attachments(reply, save_dir)


@app.command("chat")
def chat_console() -> None:
    """An interactive console chat on the same engine (/reset forgets the chat, /exit leaves)."""
    with knowledge_base() as kb:
        with progress_bar() as progress:
            kb.ensure_ready(progress)
        _console(kb)


def _console(kb: KnowledgeBase) -> None:
    import contextlib

    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (line editing and history for input())
    from bot.engine.factory import build_engine

    engine = build_engine(kb)
    err.print(
        "RedPilot console. Ask about trends, creators, campaigns or copy; /lang zh|en|auto, /reset to start "
        "over, /exit to leave."
    )
    while True:
        try:
            text = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            err.print()
            return
        if not text:
            continue
        if text in ("/exit", "/quit"):
            return
        if text == "/reset":
            engine.reset("console")
            err.print("(memory of this chat cleared)")
            continue
        if text.startswith("/lang"):
            choice = text.removeprefix("/lang").strip()
            engine.set_language("console", choice if choice in ("zh", "en") else None)  # type: ignore[arg-type]
            err.print(f"(answers in {choice if choice in ('zh', 'en') else 'the language of each message'})")
            continue
        reply = engine.reply("console", "console", text)
        out.print(reply.answer, markup=False, highlight=False)
        if reply.sources:
            err.print(
                f"[dim]sources: {', '.join(s.doc_id for s in reply.sources[:5])}[/dim]", highlight=False
            )
        if reply.actions:
            err.print(f"[dim]next: {' | '.join(a.label for a in reply.actions)}[/dim]", highlight=False)
        _save_attachments(reply, Path("."))


@eval_app.command("routing")
def eval_routing(
    train: Annotated[
        bool, typer.Option("--train", help="Score the training set instead of the held-back one.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Act and routing accuracy of the understanding on the held-back messages, with a confusion table."""
    from bot.engine.understand.turn import ACTS
    from bot.eval.routing import HOLDOUT, TRAIN, evaluate, load_cases

    name = TRAIN if train else HOLDOUT
    result = evaluate(load_cases(name), name)
    if as_json:
        out.print_json(result.model_dump_json())
        return
    from rich.table import Table

    out.print(
        f"{name}: act accuracy {result.accuracy:.1%} ({result.correct}/{result.total}), routing accuracy "
        f"{result.routing_accuracy:.1%}; "
        + ", ".join(f"{lang} {acc:.1%}" for lang, acc in result.per_lang.items()),
        highlight=False,
    )
    table = Table(title="expected (rows) vs predicted (columns)")
    table.add_column("expected")
    for act in ACTS:
        table.add_column(act[:6], justify="right")
    table.add_column("accuracy", justify="right")
    for act in ACTS:
        row = result.confusion[act]
        table.add_row(act, *[str(row.get(p, "")) for p in ACTS], f"{result.per_class[act]:.0%}")
    out.print(table)
    for miss in result.misses:
        out.print(
            f"  miss: {miss['expected']} -> {miss['predicted']}: {miss['text']}",
            markup=False,
            highlight=False,
        )


@eval_app.command("dialogue")
def eval_dialogue(
    tuning: Annotated[
        bool, typer.Option("--tuning", help="Score the tuning set instead of the held-back one.")
    ] = False,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Score the set written last, held back from all tuning.")
    ] = False,
    only: Annotated[
        str | None, typer.Option("--only", help="Only the conversations whose id starts so.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Print every failed turn.")] = False,
) -> None:
    """Multi-turn conversations, turn by turn: act, tool and arguments, names, language, length."""
    from bot.engine.offline import OfflineEngine
    from bot.engine.state import StateStore
    from bot.eval.dialogue import FRESH, HOLDOUT, TUNING, evaluate, knowledge_folder, load
    from bot.store.knowledge_base import KnowledgeBase
    from bot.tools.context import ToolContext

    name = TUNING if tuning else FRESH if fresh else HOLDOUT
    conversations = [c for c in load(name) if not only or c.id.startswith(only)]
    base = settings()
    engines: dict[str, OfflineEngine] = {}
    opened: list[KnowledgeBase] = []

    def engine_for(kb_name: str) -> OfflineEngine:
        if kb_name not in engines:
            data = base.data_dir / "eval" / kb_name
            kb = KnowledgeBase(
                base.model_copy(update={"data_dir": data, "knowledge_dir": knowledge_folder(kb_name)})
            )
            opened.append(kb)
            with progress_bar() as progress:
                kb.ensure_ready(progress)
            engines[kb_name] = OfflineEngine(ToolContext(kb), StateStore(data / "memory.sqlite"))
        return engines[kb_name]

    try:
        result = evaluate(conversations, engine_for, name)
    finally:
        for kb in opened:
            kb.close()
    if as_json:
        out.print_json(result.model_dump_json())
        return
    out.print(
        f"{name}: {result.turns_right}/{result.turns} turns right ({result.turn_accuracy:.1%}), "
        f"{result.conversations_all_right}/{result.conversations} conversations entirely right",
        highlight=False,
    )
    out.print(
        "by language: " + ", ".join(f"{k} {v:.1%}" for k, v in result.per_lang.items()), highlight=False
    )
    out.print(
        "by knowledge folder: " + ", ".join(f"{k} {v:.1%}" for k, v in result.per_kb.items()), highlight=False
    )
    out.print("by act: " + ", ".join(f"{k} {v:.0%}" for k, v in result.per_act.items()), highlight=False)
    out.print("problems: " + ", ".join(f"{k} {v}" for k, v in result.problems.items()), highlight=False)
    if verbose:
        for failure in result.failures:
            out.print(
                f"  {failure.conversation}#{failure.turn} {failure.user!r} -> {failure.act} {failure.tools}: "
                + "; ".join(failure.problems),
                markup=False,
                highlight=False,
            )


@kb_app.command("stats")
def kb_stats(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of records, chunks and index entries."""
    with knowledge_base() as kb:
        with progress_bar() as progress:
            kb.ensure_ready(progress)
        stats = kb.stats()
    if as_json:
        out.print_json(json.dumps(stats.__dict__, ensure_ascii=False))
        return
    docs = stats.documents
    out.print(
        f"guides {docs['playbook']}, posts {docs['post']}, influencers {docs['influencer']}, "
        f"comments {docs['comment']}\nchunks {stats.chunks} (lexical {stats.lexical_entries}, "
        f"vectors {stats.vector_entries})\nembeddings {stats.embedding_model}; vectors in {stats.vector_store}\n"
        f"knowledge folder {stats.knowledge_dir} ({stats.sources} files)",
        highlight=False,
    )


@kb_app.command("list")
def kb_list(
    kind: Annotated[str | None, typer.Option(help="playbook, post, influencer or comment.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List stored records."""
    with knowledge_base() as kb:
        kb.ensure_ready()
        rows = kb.list_documents(kind, limit, offset)
    if as_json:
        out.print_json(
            json.dumps(
                [{"doc_id": r.doc_id, "kind": r.kind, "title": r.title, "source": r.source} for r in rows],
                ensure_ascii=False,
            )
        )
        return
    for row in rows:
        out.print(f"{row.kind:<10} {row.doc_id:<40} {row.title}", highlight=False, markup=False)


@kb_app.command("remove")
def kb_remove(doc_id: Annotated[str, typer.Argument(help="A note id, influencer id or guide path.")]) -> None:
    """Remove a record (and its index entries)."""
    with knowledge_base() as kb:
        removed = kb.remove(doc_id)
    if not removed:
        fail(f"no record with id {doc_id!r}")
    out.print(f"removed {removed} record(s) with id {doc_id}", highlight=False)


@kb_app.command("rebuild")
def kb_rebuild() -> None:
    """Rebuild the lexical and vector indexes from the stored records (e.g. after changing EMBEDDING_MODEL)."""
    with knowledge_base() as kb, progress_bar() as progress:
        kb.ensure_ready(progress)
        count = kb.rebuild(progress)
    out.print(f"rebuilt {count} chunks", highlight=False)


@kb_app.command("export-cache")
def kb_export_cache() -> None:
    """Write the embedding cache of the knowledge folder next to it (shipped so fresh clones start fast)."""
    with knowledge_base() as kb, progress_bar() as progress:
        kb.ensure_ready(progress)
        path, count = kb.export_seed_cache()
    out.print(f"wrote {count} vectors to {path}", highlight=False)


@eval_app.command("retrieval")
def eval_retrieval(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Recall@5, MRR@10 and nDCG@10 of lexical, dense and hybrid search on the bundled evaluation set."""
    from bot.eval.retrieval import evaluate, load_cases

    with knowledge_base() as kb:
        with progress_bar() as progress:
            kb.ensure_ready(progress)
        results = evaluate(kb, load_cases())
    if as_json:
        out.print_json(json.dumps([r.model_dump() for r in results], ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title=f"Retrieval on {results[0].queries} queries (bundled knowledge)")
    for column in ("retriever", "slice", "recall@5", "MRR@10", "nDCG@10"):
        table.add_column(column)
    for r in results:
        table.add_row(r.mode, r.slice, f"{r.recall_at_5:.3f}", f"{r.mrr_at_10:.3f}", f"{r.ndcg_at_10:.3f}")
    out.print(table)


@app.command()
def run() -> None:
    """Start RedPilot: build the knowledge index, then serve."""
    s = settings()
    with knowledge_base() as kb:
        with progress_bar() as progress:
            report = kb.ensure_ready(progress)
        stats = kb.stats()
        if report and (report.added or report.updated):
            err.print(f"indexed {report.added + report.updated} records", highlight=False)
        err.print(
            f"knowledge base ready: {stats.documents['playbook']} guides, {stats.documents['post']} posts, "
            f"{stats.documents['influencer']} influencers",
            highlight=False,
        )
        if s.telegram_bot_token is None:
            err.print(
                "No TELEGRAM_BOT_TOKEN is set. To serve on Telegram, open @BotFather in Telegram, send /newbot, "
                "and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=... (see .env.example).",
                highlight=False,
            )
            if not sys.stdin.isatty():
                raise typer.Exit(2)
            _console(kb)
            return
        from bot.engine.factory import build_engine
        from bot.telegram.app import run as run_bot

        err.print(
            "starting the Telegram bot" + (" (webhook)" if s.telegram_webhook_url else " (long polling)")
        )
        run_bot(s, kb, build_engine(kb))


def main() -> None:
    app()
