"""The record store and lexical index: one SQLite file, so records and BM25 postings change in one transaction.

Tables: documents (every record as JSON), chunks (searchable passages), chunks_fts (FTS5 BM25 over jieba
tokens), sources (files already ingested from the knowledge folder), journal (vector writes in flight, for
recovery after a crash) and meta.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL, doc_id TEXT NOT NULL, title TEXT NOT NULL, category TEXT,
    published_ts INTEGER, source TEXT NOT NULL, content_hash TEXT NOT NULL, data TEXT NOT NULL,
    updated_at TEXT NOT NULL, PRIMARY KEY (kind, doc_id)
);
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE INDEX IF NOT EXISTS documents_kind_ts ON documents (kind, published_ts);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY, chunk_id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, doc_id TEXT NOT NULL,
    title TEXT NOT NULL, text TEXT NOT NULL, embed_text TEXT NOT NULL, category TEXT, published_ts INTEGER,
    hash TEXT NOT NULL, title_tokens TEXT NOT NULL, body_tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (kind, doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    title_tokens, body_tokens, content='chunks', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_vocab USING fts5vocab(chunks_fts, 'row');
CREATE TABLE IF NOT EXISTS sources (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    kind: str
    doc_id: str
    title: str
    text: str
    embed_text: str
    category: str | None
    published_ts: int | None
    hash: str
    title_tokens: str
    body_tokens: str


@dataclass(frozen=True)
class DocumentRow:
    kind: str
    doc_id: str
    title: str
    category: str | None
    published_ts: int | None
    source: str
    content_hash: str
    data: str


class Catalog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.db.executescript(SCHEMA)

    @property
    def db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            self._local.db = db
        return db

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all of it lands or none of it does."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")  # can fail too (a full disk): the transaction is then still open
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    # --- reading -----------------------------------------------------------------------------------------

    def document_hashes(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        by_kind: dict[str, list[str]] = {}
        for kind, doc_id in keys:
            by_kind.setdefault(kind, []).append(doc_id)
        for kind, ids in by_kind.items():
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ",".join("?" * len(part))
                sql = f"SELECT doc_id, content_hash FROM documents WHERE kind=? AND doc_id IN ({marks})"
                for doc_id, content_hash in self.db.execute(sql, [kind, *part]):
                    out[(kind, doc_id)] = content_hash
        return out

    def chunk_ids_of(self, keys: Iterable[tuple[str, str]]) -> list[str]:
        out: list[str] = []
        for kind, doc_id in keys:
            out.extend(
                r[0]
                for r in self.db.execute(
                    "SELECT chunk_id FROM chunks WHERE kind=? AND doc_id=?", (kind, doc_id)
                )
            )
        return out

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, ChunkRow]:
        out: dict[str, ChunkRow] = {}
        for start in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[start : start + 500])
            marks = ",".join("?" * len(part))
            for row in self.db.execute(
                f"SELECT chunk_id, kind, doc_id, title, text, embed_text, category, published_ts, hash, "
                f"title_tokens, body_tokens FROM chunks WHERE chunk_id IN ({marks})",
                part,
            ):
                out[row[0]] = ChunkRow(*row)
        return out

    def all_chunk_hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT chunk_id, hash FROM chunks"))

    def term_document_counts(self, terms: Sequence[str]) -> dict[str, int]:
        """How many chunks contain each term (from FTS5's own vocabulary table)."""
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        return dict(
            self.db.execute(f"SELECT term, doc FROM chunks_vocab WHERE term IN ({marks})", list(terms))
        )

    def chunk_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])

    def lexical(
        self,
        match: str,
        limit: int,
        kinds: Sequence[str] | None,
        category: str | None,
        since: int | None,
        until: int | None,
    ) -> list[tuple[str, float]]:
        """(chunk id, BM25 score; higher is better) best first, the title column weighted double."""
        filters, args = [], []
        if kinds:
            filters.append(f"c.kind IN ({','.join('?' * len(kinds))})")
            args.extend(kinds)
        if category:
            filters.append("c.category = ?")
            args.append(category)
        if since is not None:
            filters.append("c.published_ts >= ?")
            args.append(since)
        if until is not None:
            filters.append("c.published_ts <= ?")
            args.append(until)
        if filters:
            sql = (
                "SELECT c.chunk_id, -bm25(chunks_fts, 2.0, 1.0) AS score FROM chunks_fts "
                f"JOIN chunks c ON c.id = chunks_fts.rowid WHERE chunks_fts MATCH ? AND {' AND '.join(filters)} "
                "ORDER BY score DESC LIMIT ?"
            )
        else:
            # Rank inside FTS5 first and join only the winners: half the time of joining every match.
            sql = (
                "SELECT c.chunk_id, f.score FROM (SELECT rowid, -bm25(chunks_fts, 2.0, 1.0) AS score FROM chunks_fts "
                "WHERE chunks_fts MATCH ? ORDER BY score DESC LIMIT ?) f JOIN chunks c ON c.id = f.rowid "
                "ORDER BY f.score DESC"
            )
        params = [match, *args, limit] if filters else [match, limit]
        try:
            return [(r[0], float(r[1])) for r in self.db.execute(sql, params)]
        except sqlite3.OperationalError:
            return []  # a query FTS5 cannot parse finds nothing lexically; dense search still answers

    def document(self, kind: str, doc_id: str) -> DocumentRow | None:
        row = self.db.execute(
            "SELECT kind, doc_id, title, category, published_ts, source, content_hash, data "
            "FROM documents WHERE kind=? AND doc_id=?",
            (kind, doc_id),
        ).fetchone()
        return DocumentRow(*row) if row else None

    def documents(
        self, kind: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[DocumentRow]:
        sql = "SELECT kind, doc_id, title, category, published_ts, source, content_hash, data FROM documents"
        args: list[object] = []
        if kind:
            sql += " WHERE kind=?"
            args.append(kind)
        sql += " ORDER BY kind, doc_id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args.extend([limit, offset])
        return [DocumentRow(*r) for r in self.db.execute(sql, args)]

    def records(self, kind: str) -> Iterator[dict[str, object]]:
        for (data,) in self.db.execute("SELECT data FROM documents WHERE kind=? ORDER BY doc_id", (kind,)):
            yield json.loads(data)

    def find_documents(self, doc_id: str) -> list[tuple[str, str]]:
        return [
            (k, d) for k, d in self.db.execute("SELECT kind, doc_id FROM documents WHERE doc_id=?", (doc_id,))
        ]

    def documents_from_source(self, source: str) -> list[tuple[str, str]]:
        return [
            (k, d) for k, d in self.db.execute("SELECT kind, doc_id FROM documents WHERE source=?", (source,))
        ]

    def counts(self) -> dict[str, int]:
        out = {kind: n for kind, n in self.db.execute("SELECT kind, COUNT(*) FROM documents GROUP BY kind")}
        out["chunks"] = self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        out["lexical"] = self.db.execute("SELECT COUNT(*) FROM chunks_fts_docsize").fetchone()[0]
        return out

    def sources(self) -> dict[str, tuple[str, int, int]]:
        return {
            p: (h, s, m) for p, h, s, m in self.db.execute("SELECT path, sha256, size, mtime_ns FROM sources")
        }

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def journal(self) -> list[tuple[int, dict[str, list[str]]]]:
        return [(i, json.loads(p)) for i, p in self.db.execute("SELECT id, payload FROM journal ORDER BY id")]

    # --- writing (callers hold the writer lock and a transaction) ----------------------------------------

    @staticmethod
    def delete_chunks(db: sqlite3.Connection, chunk_ids: Sequence[str]) -> None:
        for chunk_id in chunk_ids:
            row = db.execute(
                "SELECT id, title_tokens, body_tokens FROM chunks WHERE chunk_id=?", (chunk_id,)
            ).fetchone()
            if row is None:
                continue
            db.execute(
                "INSERT INTO chunks_fts (chunks_fts, rowid, title_tokens, body_tokens) VALUES ('delete', ?, ?, ?)",
                row,
            )
            db.execute("DELETE FROM chunks WHERE id=?", (row[0],))

    @staticmethod
    def insert_chunks(db: sqlite3.Connection, rows: Sequence[ChunkRow]) -> None:
        for r in rows:
            cursor = db.execute(
                "INSERT INTO chunks (chunk_id, kind, doc_id, title, text, embed_text, category, published_ts, hash, "
                "title_tokens, body_tokens) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    r.chunk_id,
                    r.kind,
                    r.doc_id,
                    r.title,
                    r.text,
                    r.embed_text,
                    r.category,
                    r.published_ts,
                    r.hash,
                    r.title_tokens,
                    r.body_tokens,
                ),
            )
            db.execute(
                "INSERT INTO chunks_fts (rowid, title_tokens, body_tokens) VALUES (?, ?, ?)",
                (cursor.lastrowid, r.title_tokens, r.body_tokens),
            )

    @staticmethod
    def upsert_documents(db: sqlite3.Connection, rows: Sequence[DocumentRow], now: str) -> None:
        db.executemany(
            "INSERT OR REPLACE INTO documents (kind, doc_id, title, category, published_ts, source, content_hash, "
            "data, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (r.kind, r.doc_id, r.title, r.category, r.published_ts, r.source, r.content_hash, r.data, now)
                for r in rows
            ],
        )

    @staticmethod
    def delete_documents(db: sqlite3.Connection, keys: Sequence[tuple[str, str]]) -> None:
        db.executemany("DELETE FROM documents WHERE kind=? AND doc_id=?", keys)

    @staticmethod
    def set_source(
        db: sqlite3.Connection, path: str, sha256: str, size: int, mtime_ns: int, now: str
    ) -> None:
        db.execute(
            "INSERT OR REPLACE INTO sources (path, sha256, size, mtime_ns, ingested_at) VALUES (?,?,?,?,?)",
            (path, sha256, size, mtime_ns, now),
        )

    @staticmethod
    def forget_source(db: sqlite3.Connection, path: str) -> None:
        db.execute("DELETE FROM sources WHERE path=?", (path,))

    @staticmethod
    def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def open_journal(self, upsert: Sequence[str], delete: Sequence[str]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO journal (payload) VALUES (?)",
                (json.dumps({"upsert": list(upsert), "delete": list(delete)}),),
            )
            return int(cursor.lastrowid or 0)

    @staticmethod
    def close_journal(db: sqlite3.Connection, journal_id: int) -> None:
        """Ends a write: also bumps the generation, which tells readers' caches the records changed."""
        db.execute("DELETE FROM journal WHERE id=?", (journal_id,))
        db.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def store_id(self) -> str:
        """A random id made once per store, naming its vector collection."""
        existing = self.meta("store_id")
        if existing:
            return existing
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)", (secrets.token_hex(4),)
            )
        return str(self.meta("store_id"))

    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def clear_lexical(self) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('delete-all')")
            db.execute("DELETE FROM chunks")
