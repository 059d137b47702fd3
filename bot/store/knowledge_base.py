"""The knowledge base: records, the lexical index and the vector index kept in agreement.

Writes take a cross-process file lock, so one process writes at a time while any number read. Each file is
ingested as a unit: vectors are written under a journal entry, then the records and lexical postings commit
in one SQLite transaction that also closes the journal. If the process dies in between, the next writer
rolls the vector index back to what the catalog committed, so the three always agree.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import numpy as np
from filelock import FileLock, Timeout

from bot.config import Settings
from bot.models import AnyRecord, Comment, Guide, Influencer, IngestReport, Post, Rejected, SearchHit
from bot.resources import fingerprint as resources_fingerprint
from bot.store.catalog import Catalog, ChunkRow, DocumentRow
from bot.store.chunking import chunk_record
from bot.store.embeddings import CachedEmbedder, EmbeddingCache, make_embedder, seed_cache_path
from bot.store.importers import SUPPORTED_SUFFIXES, FileError, LoadedFile, load_bytes, record_id
from bot.store.search import Filters, Mode, Searcher
from bot.store.storage_errors import ensure_room, storage_problem
from bot.store.tokenize import tokens
from bot.store.vectors import VectorIndex, VectorMeta

# (stage label, done, total): the CLI turns this into a progress bar.
Progress = Callable[[str, int, int], None]
LOCK_WAIT_SECONDS = 600
# Bump when chunking or tokenising changes: stored records are then re-indexed on the next start. The
# glossary and category lexicon shape jieba's dictionary, so editing them re-indexes too.
INDEX_VERSION = "3"
_KIND_OF = {Post: "post", Influencer: "influencer", Comment: "comment", Guide: "playbook"}
_MODEL_OF = {kind: model for model, kind in _KIND_OF.items()}


_P = ParamSpec("_P")
_R = TypeVar("_R")


class KnowledgeBaseError(RuntimeError):
    """A one-line, user-facing failure (lock busy, unreadable path...)."""


CANNOT_USE = "cannot use the knowledge base in"


@contextmanager
def _storage_failures(data_dir: Path, failed: str) -> Iterator[None]:
    """A full disk, a read-only data dir or missing permissions become one line: `failed`, the data dir and
    the problem. What is committed stays as it was: the catalog's transaction rolls back and the write
    journal has the next writer undo vectors (undoing them at once could block: see ensure_room)."""
    try:
        yield
    except KnowledgeBaseError:
        raise
    except Exception as exc:
        problem = storage_problem(exc, data_dir)
        if problem is None:
            raise
        raise KnowledgeBaseError(f"{failed} {data_dir}: {problem}") from exc


def _storage_guarded(
    method: Callable[Concatenate[KnowledgeBase, _P], _R],
) -> Callable[Concatenate[KnowledgeBase, _P], _R]:
    @functools.wraps(method)
    def guarded(self: KnowledgeBase, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _storage_failures(self.settings.data_dir, CANNOT_USE):
            return method(self, *args, **kwargs)

    return guarded


@dataclass
class KBStats:
    documents: dict[str, int]
    chunks: int
    lexical_entries: int
    vector_entries: int
    embedding_model: str
    vector_store: str
    knowledge_dir: str
    sources: int
    pending_journal: int


def index_version() -> str:
    return f"{INDEX_VERSION}-{resources_fingerprint()}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _ts(value: datetime | None) -> int | None:
    return int(value.timestamp()) if value else None


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def iter_knowledge_files(root: Path) -> Iterator[Path]:
    """Files RedPilot reads in a knowledge folder: supported types, skipping hidden and README files."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith((".", "_")) or name.lower().startswith("readme"):
                continue
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path


class KnowledgeBase:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        with _storage_failures(settings.data_dir, CANNOT_USE):
            settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            self.catalog = Catalog(settings.data_dir / "kb.sqlite")
        self._lock = FileLock(str(settings.data_dir / "write.lock"))
        self._embedder: CachedEmbedder | None = None
        self._vectors: VectorIndex | None = None
        self._kind_vectors: dict[str, tuple[int, list[str], np.ndarray]] = {}
        self._ready = False

    # --- components, built on first use (Chroma and the embedding model are slow to load) ---------------

    @property
    def embedder(self) -> CachedEmbedder:
        if self._embedder is None:
            inner = make_embedder(self.settings)
            cache = EmbeddingCache(
                self.settings.data_dir / "embeddings.sqlite",
                seed=seed_cache_path(self.settings.knowledge_dir, inner.model_id),
            )
            self._embedder = CachedEmbedder(inner, cache)
        return self._embedder

    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            self._vectors = VectorIndex(self.settings, self.embedder.model_id, self.catalog.store_id())
        return self._vectors

    @property
    def searcher(self) -> Searcher:
        return Searcher(
            self.catalog,
            self.vectors,
            self.embedder,
            self.settings.search_dense_weight,
            self.settings.search_lexical_weight,
        )

    def close(self) -> None:
        self.catalog.close()

    # --- locking ------------------------------------------------------------------------------------------

    @contextmanager
    def _locked(self, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
        try:
            self._lock.acquire(timeout=wait)
        except Timeout:
            raise KnowledgeBaseError(
                f"another RedPilot process is writing the knowledge base in {self.settings.data_dir}; try again"
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    # --- start-up -----------------------------------------------------------------------------------------

    @_storage_guarded
    def ensure_ready(self, progress: Progress | None = None) -> IngestReport | None:
        """Recover from a crashed writer, then index new or changed files of the knowledge folder.

        If another process is writing right now, serve what is committed instead of waiting.
        """
        if self._ready:
            return None
        try:
            self._lock.acquire(timeout=0.5 if self.catalog.counts().get("chunks") else LOCK_WAIT_SECONDS)
        except Timeout:
            self._ready = True
            return None
        try:
            self._recover()
            if self.catalog.meta("index_version") != index_version():
                if self.catalog.counts()["chunks"]:
                    self._rebuild_locked(progress)
                with self.catalog.transaction() as db:
                    Catalog.set_meta(db, "index_version", index_version())
            report = self._sync_knowledge(progress)
            if self._stamp_seen() != self._vectors_stamp():
                self._reconcile(progress)
                self._remember_vectors_stamp()
        finally:
            self._lock.release()
        self._ready = True
        return report

    def _recover(self) -> None:
        for journal_id, payload in self.catalog.journal():
            ids = list(dict.fromkeys(payload.get("upsert", []) + payload.get("delete", [])))
            committed = self.catalog.chunks_by_id(ids)
            self._write_vectors([committed[i] for i in ids if i in committed])
            absent = [i for i in ids if i not in committed]
            if absent:
                self.vectors.delete(absent)
            with self.catalog.transaction() as db:
                Catalog.close_journal(db, journal_id)

    def _vectors_stamp(self) -> str:
        """The embedded Chroma folder's files (names, sizes, times) as they were after the last check: unchanged,
        the vectors cannot have drifted, and start-up need not open Chroma at all (about a second and a half
        of a cold `redpilot ask`). A Chroma server is always checked."""
        if self.settings.chroma_host:
            return "server"
        root = self.settings.data_dir / "chroma"
        if not root.is_dir():
            return "absent"
        # Chroma's own SQLite file is touched by every reader (its time changes, not its size); the vector
        # segment files change only when vectors are written.
        files = sorted(
            (
                str(p.relative_to(root)),
                p.stat().st_size,
                0 if p.suffix == ".sqlite3" else p.stat().st_mtime_ns,
            )
            for p in root.rglob("*")
            if p.is_file()
        )
        return hashlib.sha256(repr((self.embedder.model_id, files)).encode()).hexdigest()

    def _stamp_file(self) -> Path:
        return self.settings.data_dir / "vectors.stamp"

    def _stamp_seen(self) -> str | None:
        try:
            return self._stamp_file().read_text(encoding="utf-8")
        except OSError:
            return None

    def _remember_vectors_stamp(self) -> None:
        # Only a shortcut for the next start, kept out of the catalog: on a full or read-only disk it is
        # skipped, and the write that needs the room reports it.
        temporary = self._stamp_file().with_suffix(".tmp")
        try:
            temporary.write_text(self._vectors_stamp(), encoding="utf-8")
            temporary.replace(self._stamp_file())
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)

    def _reconcile(self, progress: Progress | None) -> None:
        """Make the vector index hold exactly the catalog's chunks after drift the journal does not cover
        (a deleted chroma folder, a new Chroma server, a switched embedding model). A count check keeps the
        common case cheap."""
        wanted = self.catalog.all_chunk_hashes()
        if self.vectors.count() == len(wanted):
            return
        have = self.vectors.hashes()
        extra = [i for i in have if i not in wanted]
        if extra:
            self.vectors.delete(extra)
        missing = [i for i, h in wanted.items() if have.get(i) != h]
        rows = self.catalog.chunks_by_id(missing)
        self._write_vectors([rows[i] for i in missing if i in rows], progress)

    def _write_vectors(self, rows: Sequence[ChunkRow], progress: Progress | None = None) -> None:
        if not rows:
            return
        report = (lambda done, total: progress("embedding", done, total)) if progress else None
        vectors = self.embedder.passages([r.embed_text for r in rows], report)
        self.vectors.upsert(
            [r.chunk_id for r in rows],
            vectors,
            [VectorMeta(r.doc_id, r.kind, r.category or "", r.published_ts or -1, r.hash) for r in rows],
        )

    def _sync_knowledge(self, progress: Progress | None) -> IngestReport:
        root = self.settings.knowledge_dir.resolve()
        report = IngestReport()
        known = self.catalog.sources()
        seen: set[str] = set()
        files = list(iter_knowledge_files(root)) if root.is_dir() else []
        for number, path in enumerate(files, start=1):
            key = str(path)
            seen.add(key)
            stat = path.stat()
            previous = known.get(key)
            if previous and previous[1:] == (stat.st_size, stat.st_mtime_ns):
                continue
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if progress:
                progress(f"indexing {path.relative_to(root)} ({number}/{len(files)})", 0, 0)
            if previous is None or previous[0] != digest:
                doc_id = path.relative_to(root).as_posix()
                report.merge(self._ingest_file_bytes(raw, doc_id, doc_id, key, progress))
            with self.catalog.transaction() as db:
                Catalog.set_source(db, key, digest, stat.st_size, stat.st_mtime_ns, _now())
        # Files gone from the folder (or a different folder configured): their records go too.
        for key in known:
            if key not in seen:
                self._remove_keys(self.catalog.documents_from_source(key))
                with self.catalog.transaction() as db:
                    Catalog.forget_source(db, key)
        return report

    # --- ingest -------------------------------------------------------------------------------------------

    @_storage_guarded
    def ingest_paths(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files and folders (recursively). Each file lands whole or not at all."""
        targets: list[tuple[Path, str]] = []
        for path in paths:
            if path.is_dir():
                targets.extend((f, f.relative_to(path).as_posix()) for f in iter_knowledge_files(path))
            elif path.is_file():
                targets.append((path, path.name))
            else:
                raise KnowledgeBaseError(f"{path}: no such file or folder")
        self.ensure_ready(progress)
        report = IngestReport()
        with self._locked():
            self._recover()
            for path, doc_id in targets:
                if progress:
                    progress(f"ingesting {path.name}", 0, 0)
                try:
                    raw = path.read_bytes()
                except OSError as exc:
                    report.rejected.append(
                        Rejected(source=f"{path}:0", reason=f"cannot read file ({exc.strerror})")
                    )
                    continue
                report.merge(
                    self._ingest_file_bytes(
                        raw,
                        path.name if doc_id == path.name else doc_id,
                        doc_id,
                        str(path.resolve()),
                        progress,
                    )
                )
        return report

    @_storage_guarded
    def ingest_bytes(
        self, raw: bytes, name: str, source: str, progress: Progress | None = None
    ) -> IngestReport:
        """Ingest one uploaded file (e.g. from Telegram). `name` is the label and a guide's doc id."""
        self.ensure_ready(progress)
        with self._locked():
            self._recover()
            return self._ingest_file_bytes(raw, name, name, source, progress)

    def _ingest_file_bytes(
        self, raw: bytes, name: str, doc_id: str, source: str, progress: Progress | None
    ) -> IngestReport:
        try:
            loaded = load_bytes(raw, name=name, doc_id=doc_id)
        except FileError as exc:
            return IngestReport(rejected=[Rejected(source=f"{name}:0", reason=str(exc))])
        with _storage_failures(
            self.settings.data_dir, f"{name} was not stored: cannot write the knowledge base in"
        ):
            return self._store(loaded, source, progress)

    def _store(self, loaded: LoadedFile, source: str, progress: Progress | None) -> IngestReport:
        report = IngestReport(rejected=list(loaded.rejected))
        docs = [(self._document(r, source), r) for r in loaded.records]
        existing = self.catalog.document_hashes((d.kind, d.doc_id) for d, _ in docs)
        changed = [(d, r) for d, r in docs if existing.get((d.kind, d.doc_id)) != d.content_hash]
        report.unchanged = len(docs) - len(changed)
        report.updated = sum(1 for d, _ in changed if (d.kind, d.doc_id) in existing)
        report.added = len(changed) - report.updated
        if not changed:
            return report
        keys = [(d.kind, d.doc_id) for d, _ in changed]
        old_ids = self.catalog.chunk_ids_of(keys)
        rows = [self._chunk_row(c) for _, r in changed for c in chunk_record(r)]
        new_ids = [r.chunk_id for r in rows]
        stale = sorted(set(old_ids) - set(new_ids))
        # Embed first (slow, and only touches the content-addressed cache), then write.
        report_progress = (lambda done, total: progress("embedding", done, total)) if progress else None
        vectors = self.embedder.passages([r.embed_text for r in rows], report_progress)
        # Room for the vectors and the text (catalog, lexical index, Chroma's copy) several times over.
        text_bytes = sum(
            len(r.text.encode()) + len(r.embed_text.encode()) + len(r.body_tokens.encode()) for r in rows
        )
        ensure_room(self.settings.data_dir, 3 * (vectors.nbytes + text_bytes) + 1024 * 1024)
        journal_id = self.catalog.open_journal(new_ids, stale)
        if rows:
            self.vectors.upsert(
                new_ids,
                vectors,
                [VectorMeta(r.doc_id, r.kind, r.category or "", r.published_ts or -1, r.hash) for r in rows],
            )
        if stale:
            self.vectors.delete(stale)
        with self.catalog.transaction() as db:
            Catalog.delete_chunks(db, old_ids)
            Catalog.insert_chunks(db, rows)
            Catalog.upsert_documents(db, [d for d, _ in changed], _now())
            Catalog.close_journal(db, journal_id)
        return report

    @staticmethod
    def _document(record: AnyRecord, source: str) -> DocumentRow:
        kind = _KIND_OF[type(record)]
        data = record.model_dump_json()
        if isinstance(record, Post):
            title, category, ts = record.title or record.body[:40], record.category, _ts(record.published_at)
        elif isinstance(record, Influencer):
            title, category, ts = record.nickname, (record.categories or [None])[0], None
        elif isinstance(record, Comment):
            title, category, ts = record.content[:40], None, _ts(record.created_at)
        else:
            title, category, ts = record.title, record.category, None
        return DocumentRow(kind, record_id(record), title, category, ts, source, _hash(data), data)

    @staticmethod
    def _chunk_row(chunk) -> ChunkRow:  # type: ignore[no-untyped-def]
        payload = json.dumps(
            [chunk.text, chunk.embed_text, chunk.keywords, chunk.category, _ts(chunk.published_at)],
            ensure_ascii=False,
        )
        return ChunkRow(
            chunk_id=chunk.chunk_id,
            kind=chunk.kind,
            doc_id=chunk.doc_id,
            title=chunk.title,
            text=chunk.text,
            embed_text=chunk.embed_text,
            category=chunk.category,
            published_ts=_ts(chunk.published_at),
            hash=_hash(payload),
            title_tokens=" ".join(tokens(" ".join([chunk.title, *chunk.keywords]))),
            body_tokens=" ".join(tokens(chunk.text)),
        )

    # --- removal and rebuild ------------------------------------------------------------------------------

    @_storage_guarded
    def remove(self, doc_id: str) -> int:
        """Remove every record with this id (a note, an influencer, a guide path). Returns how many."""
        self.ensure_ready()
        with self._locked():
            self._recover()
            keys = self.catalog.find_documents(doc_id)
            self._remove_keys(keys)
            return len(keys)

    def _remove_keys(self, keys: Sequence[tuple[str, str]]) -> None:
        if not keys:
            return
        chunk_ids = self.catalog.chunk_ids_of(keys)
        journal_id = self.catalog.open_journal([], chunk_ids)
        if chunk_ids:
            self.vectors.delete(chunk_ids)
        with self.catalog.transaction() as db:
            Catalog.delete_chunks(db, chunk_ids)
            Catalog.delete_documents(db, list(keys))
            Catalog.close_journal(db, journal_id)

    @_storage_guarded
    def rebuild(self, progress: Progress | None = None) -> int:
        """Re-derive chunks, the lexical index and the vectors from the stored records. Returns chunk count."""
        with self._locked():
            self._recover()
            return self._rebuild_locked(progress)

    def _rebuild_locked(self, progress: Progress | None) -> int:
        rows: list[ChunkRow] = []
        for kind, model in _MODEL_OF.items():
            for data in self.catalog.records(kind):
                rows.extend(self._chunk_row(c) for c in chunk_record(model.model_validate(data)))
        self.vectors.reset()
        self.catalog.clear_lexical()
        with self.catalog.transaction() as db:
            Catalog.insert_chunks(db, rows)
        self._write_vectors(rows, progress)
        return len(rows)

    # --- reading ------------------------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        *,
        kinds: Sequence[str] = (),
        category: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        mode: Mode = "hybrid",
    ) -> list[SearchHit]:
        self.ensure_ready()
        filters = Filters(tuple(kinds), category, since, until)
        return self.searcher.search(query, k, filters, mode)

    def similar_of_kind(self, query: str, kind: str) -> list[tuple[str, float]]:
        """Every chunk of a kind (creators: a few thousand) by exact cosine similarity to the query, best first.
        The chunks' vectors come from the embedding cache, kept in memory per catalog generation: exact, and no
        Chroma to open (a second of a cold start)."""
        self.ensure_ready()
        generation = self.catalog.generation()
        cached = self._kind_vectors.get(kind)
        if cached is None or cached[0] != generation:
            rows = self.catalog.db.execute(
                "SELECT chunk_id, embed_text FROM chunks WHERE kind=? ORDER BY chunk_id", (kind,)
            ).fetchall()
            ids = [r[0] for r in rows]
            matrix = self.embedder.passages([r[1] for r in rows]) if rows else np.zeros((0, 1), np.float32)
            matrix = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
            cached = self._kind_vectors[kind] = (generation, ids, matrix)
        _, ids, matrix = cached
        if not ids:
            return []
        vector = self.embedder.query(query)
        scores = matrix @ (vector / max(float(np.linalg.norm(vector)), 1e-12))
        order = np.argsort(-scores, kind="stable")
        return [(ids[i], float(scores[i])) for i in order]

    def stats(self) -> KBStats:
        counts = self.catalog.counts()
        return KBStats(
            documents={k: counts.get(k, 0) for k in ("playbook", "post", "influencer", "comment")},
            chunks=counts["chunks"],
            lexical_entries=counts["lexical"],
            vector_entries=self.vectors.count(),
            embedding_model=self.embedder.model_id,
            vector_store=self.vectors.location,
            knowledge_dir=str(self.settings.knowledge_dir),
            sources=len(self.catalog.sources()),
            pending_journal=len(self.catalog.journal()),
        )

    def list_documents(self, kind: str | None = None, limit: int = 50, offset: int = 0) -> list[DocumentRow]:
        return self.catalog.documents(kind, limit, offset)

    def export_seed_cache(self) -> tuple[Path, int]:
        """Write the vectors of every chunk that came from the knowledge folder next to it, so a fresh clone
        indexes without embedding."""
        root = str(self.settings.knowledge_dir.resolve())
        texts = [
            row[0]
            for row in self.catalog.db.execute(
                "SELECT c.embed_text FROM chunks c JOIN documents d ON d.kind = c.kind AND d.doc_id = c.doc_id "
                "WHERE d.source LIKE ? ORDER BY c.chunk_id",
                (root + os.sep + "%",),
            )
        ]
        target = seed_cache_path(self.settings.knowledge_dir, self.embedder.model_id)
        count = self.embedder.cache.export([self.embedder.key(t) for t in texts], target)
        return target, count
