"""Turn a file's bytes into rows (dicts with their line numbers), whatever the encoding or container.

Detects from content, not only from the extension: JSON (an array, or an object holding one), JSON Lines,
CSV/TSV, or prose (a guide).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Container = Literal["json", "jsonl", "csv", "text"]
MAX_JSON_DEPTH = 20


class FileError(ValueError):
    """The whole file cannot be read; the message is one line."""


@dataclass
class Row:
    line: int
    data: dict[str, object] | None  # None: the line was not a JSON object / readable row
    error: str = ""


@dataclass
class ParsedRows:
    container: Container
    rows: list[Row] = field(default_factory=list)
    text: str = ""  # for prose


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (which covers GBK), in that order."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise FileError("not valid UTF-16 text") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise FileError("not text (tried UTF-8, UTF-16 and GBK)") from None
    if _looks_binary(text):
        raise FileError("not text (tried UTF-8, UTF-16 and GBK)")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n") or 0xE000 <= ord(ch) <= 0xF8FF)
    return odd / len(sample) > 0.02


def read_rows(raw: bytes, suffix: str) -> ParsedRows:
    if b"\x00" in raw[:4000] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileError("not text (binary data)")
    text = decode(raw)
    if _looks_binary(text):
        raise FileError("not text (binary data)")
    stripped = text.lstrip()
    if not stripped:
        raise FileError("file is empty")
    if suffix in {".md", ".markdown"}:
        return ParsedRows("text", text=text)
    if stripped[0] in "[{":
        parsed = _read_json(text)
        if parsed is not None:
            return parsed
    if suffix in {".csv", ".tsv"} or (suffix not in {".txt", ".md"} and _looks_csv(text)):
        return _read_csv(text)
    if suffix == ".txt" and _looks_csv(text):
        return _read_csv(text)
    if suffix in {".json", ".jsonl", ".ndjson"}:
        raise FileError("not valid JSON or JSON Lines")
    return ParsedRows("text", text=text)


def _depth_ok(value: object, depth: int = 0) -> bool:
    if depth > MAX_JSON_DEPTH:
        return False
    if isinstance(value, dict):
        return all(_depth_ok(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return all(_depth_ok(v, depth + 1) for v in value)
    return True


def _loads(text: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _read_json(text: str) -> ParsedRows | None:
    try:
        whole = _loads(text)
    except ValueError:
        whole = None
    if whole is not None:
        if not _depth_ok(whole):
            raise FileError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        items = _record_list(whole)
        if items is None:
            raise FileError("JSON holds no list of records")
        lines = _array_item_lines(text, len(items)) if isinstance(whole, list) else None
        rows = []
        for index, item in enumerate(items):
            line = lines[index] if lines else index + 1
            if isinstance(item, dict):
                rows.append(Row(line, item))
            else:
                rows.append(Row(line, None, "record is not a JSON object"))
        return ParsedRows("json", rows)
    # JSON Lines: decide on the first non-blank line.
    lines_text = [line.removesuffix("\r") for line in text.split("\n")]  # not splitlines(): U+2028 is data
    first = next((ln for ln in lines_text if ln.strip()), "")
    try:
        _loads(first)
    except ValueError:
        return None
    rows = []
    for number, line in enumerate(lines_text, start=1):
        if not line.strip():
            continue
        try:
            value = _loads(line)
        except ValueError as exc:
            rows.append(Row(number, None, f"not valid JSON ({str(exc).split(':')[0]})"))
            continue
        if not isinstance(value, dict):
            rows.append(Row(number, None, "line is not a JSON object"))
        elif not _depth_ok(value):
            rows.append(Row(number, None, f"JSON nested deeper than {MAX_JSON_DEPTH} levels"))
        else:
            rows.append(Row(number, value))
    return ParsedRows("jsonl", rows)


def _record_list(whole: object) -> list[object] | None:
    if isinstance(whole, list):
        return whole
    if isinstance(whole, dict):
        # A single record, or an envelope such as {"data": [...]} / {"notes": [...]}.
        for value in whole.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
        return [whole]
    return None


def _array_item_lines(text: str, count: int) -> list[int] | None:
    """Line number where each top-level array item starts, so rejections can say file:line."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    lines: list[int] = []
    try:
        while len(lines) < count:
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
            lines.append(text.count("\n", 0, pos) + 1)
            _, pos = decoder.raw_decode(text, pos)
    except (ValueError, RecursionError):
        return None
    return lines


def _looks_csv(text: str) -> bool:
    head = text.lstrip().split("\n")[:2]
    if len(head) < 2:
        return False
    for delimiter in (",", "\t", ";"):
        if head[0].count(delimiter) >= 1 and head[1].count(delimiter) >= 1:
            return True
    return False


def _read_csv(text: str) -> ParsedRows:
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(10_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except StopIteration:
        raise FileError("file is empty") from None
    except csv.Error as exc:
        raise FileError(f"not readable as CSV ({exc})") from None
    names = [h.strip().lstrip("\ufeff") for h in header]
    if len([n for n in names if n]) < 2:
        raise FileError("CSV header has fewer than two named columns")
    rows = []
    for values in _csv_rows(reader):
        if isinstance(values, str):
            rows.append(Row(reader.line_num, None, values))
            continue
        if not any(v.strip() for v in values):
            continue
        line = reader.line_num  # last physical line of the row; equals its line for one-line rows
        if len(values) != len(names):
            rows.append(Row(line, None, f"{len(values)} cells but the header has {len(names)}"))
            continue
        rows.append(Row(line, dict(zip(names, values, strict=True))))
    return ParsedRows("csv", rows)


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[list[str] | str]:
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield f"unreadable CSV row ({exc})"
