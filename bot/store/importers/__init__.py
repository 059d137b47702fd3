"""Read one file into records: native, MediaCrawler and Chinese-header exports, and guides."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.models import AnyRecord, Comment, Guide, Influencer, Post, Rejected
from bot.store.importers.guides import parse_guide
from bot.store.importers.records import to_record
from bot.store.importers.rows import FileError, read_rows

__all__ = ["SUPPORTED_SUFFIXES", "FileError", "LoadedFile", "load_bytes", "record_id"]

SUPPORTED_SUFFIXES = {".md", ".markdown", ".txt", ".csv", ".tsv", ".json", ".jsonl", ".ndjson"}


@dataclass
class LoadedFile:
    records: list[AnyRecord] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def record_id(record: AnyRecord) -> str:
    if isinstance(record, Post):
        return record.note_id
    if isinstance(record, Influencer):
        return record.influencer_id
    if isinstance(record, Comment):
        return record.comment_id
    return record.doc_id


def load_bytes(raw: bytes, *, name: str, doc_id: str) -> LoadedFile:
    """Parse a file's bytes. `name` labels rejections (name:line); `doc_id` names a guide.

    Raises FileError (one line) when nothing in the file can be used at all.
    """
    suffix = Path(name).suffix.lower()
    parsed = read_rows(raw, suffix)
    loaded = LoadedFile()
    if parsed.container == "text":
        try:
            loaded.records.append(parse_guide(parsed.text, doc_id))
        except ValueError as exc:
            raise FileError(str(exc)) from None
        return loaded
    first_line: dict[tuple[str, str], int] = {}
    for row in parsed.rows:
        where = f"{name}:{row.line}"
        if row.data is None:
            loaded.rejected.append(Rejected(source=where, reason=row.error))
            continue
        try:
            record = to_record(row.data)
        except ValueError as exc:
            loaded.rejected.append(Rejected(source=where, reason=str(exc)))
            continue
        key = (type(record).__name__, record_id(record))
        if key in first_line:
            loaded.rejected.append(
                Rejected(source=where, reason=f"duplicate id {key[1]} (first on line {first_line[key]})")
            )
            continue
        first_line[key] = row.line
        loaded.records.append(record)
    if not loaded.records and not loaded.rejected:
        raise FileError("no records found")
    return loaded


def is_guide(record: AnyRecord) -> bool:
    return isinstance(record, Guide)
