"""The dense index: one Chroma collection per embedding model, embedded on disk or on a Chroma server.

We always hand Chroma our own vectors; its default embedding function (which downloads an English-only model)
is never built.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.config import Settings


@dataclass(frozen=True)
class VectorMeta:
    doc_id: str
    kind: str
    category: str
    ts: int  # publication time (epoch seconds), -1 when unknown
    hash: str  # content hash of the chunk; readers compare it with the catalog


def collection_name(model_id: str, store_id: str) -> str:
    """One collection per store and embedding model: two data dirs sharing a Chroma server never touch each
    other's vectors, and a model switch starts a fresh collection of the right dimension."""
    slug = re.sub(r"[^a-zA-Z0-9._-]+", "-", model_id).strip("-._")
    return f"redpilot-{store_id}-{slug}"[:200]


class VectorIndex:
    def __init__(self, settings: Settings, model_id: str, store_id: str) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if settings.chroma_host:
            self._client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
            self.location = f"chroma server {settings.chroma_host}:{settings.chroma_port}"
        else:
            path = settings.data_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            self.location = str(path)
        self.name = collection_name(model_id, store_id)
        self._collection = self._open()

    def _open(self):  # type: ignore[no-untyped-def]
        return self._client.get_or_create_collection(
            self.name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def count(self) -> int:
        return self._collection.count()

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metas: Sequence[VectorMeta]) -> None:
        for start in range(0, len(ids), 1000):
            end = start + 1000
            self._collection.upsert(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end],
                metadatas=[m.__dict__ for m in metas[start:end]],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 1000):
            self._collection.delete(ids=list(ids[start : start + 1000]))

    def hashes(self, ids: Sequence[str] | None = None) -> dict[str, str]:
        """id -> content hash for the given ids (all when None)."""
        out: dict[str, str] = {}
        if ids is None:
            offset = 0
            while True:
                page = self._collection.get(include=["metadatas"], limit=5000, offset=offset)
                for chunk_id, meta in zip(page["ids"], page["metadatas"] or [], strict=False):
                    out[chunk_id] = str((meta or {}).get("hash", ""))
                if len(page["ids"]) < 5000:
                    return out
                offset += 5000
        for start in range(0, len(ids), 1000):
            page = self._collection.get(ids=list(ids[start : start + 1000]), include=["metadatas"])
            for chunk_id, meta in zip(page["ids"], page["metadatas"] or [], strict=False):
                out[chunk_id] = str((meta or {}).get("hash", ""))
        return out

    def query(
        self, vector: np.ndarray, n: int, where: dict[str, object] | None = None
    ) -> list[tuple[str, float, str]]:
        """Nearest chunks: (chunk id, cosine similarity, content hash), best first."""
        # No count() first: it costs ~10 ms at 100k entries, and Chroma already caps n at what it holds.
        result = self._collection.query(
            query_embeddings=[vector],
            n_results=n,
            where=where or None,
            include=["distances", "metadatas"],
        )
        ids = result["ids"][0]
        distances = (result["distances"] or [[]])[0]
        metas = (result["metadatas"] or [[]])[0]
        return [
            (chunk_id, 1.0 - float(dist), str((meta or {}).get("hash", "")))
            for chunk_id, dist, meta in zip(ids, distances, metas, strict=False)
        ]

    def reset(self) -> None:
        """Drop and recreate the collection (used by rebuild)."""
        self._client.delete_collection(self.name)
        self._collection = self._open()
