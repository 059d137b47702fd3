"""What went wrong with the disk under the data dir, in words an admin can act on.

SQLite, the file system and Chroma each report a full disk or a read-only folder in their own way. This
turns them into one short phrase and leaves every other error alone: those are bugs and keep their traceback.
It also checks for room before a write, because embedded Chroma copes badly with running out of it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

_BY_ERRNO = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "a file grew past the size the system allows",
}
# Lower-case fragments of the messages SQLite and Chroma (whose embedded store is SQLite plus files) use.
_BY_TEXT = (
    ("database or disk is full", "the disk is full"),
    ("no space left on device", "the disk is full"),
    ("readonly database", "the data dir is read-only"),
    ("read-only file system", "the file system is read-only"),
    ("permission denied", "permission denied"),
    (
        "unable to open database file",
        "a database file cannot be opened (read-only, no permission or disk full)",
    ),
    ("disk i/o error", "disk I/O error"),
)


def _reports_storage(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error | OSError) or "chromadb" in type(exc).__module__


def storage_problem(exc: BaseException, data_dir: Path) -> str | None:
    """A phrase naming the storage fault behind `exc` (or anything it was raised from), else None.

    Some errors only say that a write failed (Chroma: "Failed to apply logs to the metadata segment"); for
    those the data dir itself is asked whether it is full or read-only."""
    seen: set[int] = set()
    current: BaseException | None = exc
    storage_error = False
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _BY_ERRNO:
            return _BY_ERRNO[current.errno]
        if _reports_storage(current):
            storage_error = True
            text = str(current).lower()
            for fragment, phrase in _BY_TEXT:
                if fragment in text:
                    return phrase
        current = current.__cause__ or current.__context__
    return _probe(data_dir) if storage_error else None


def _probe(data_dir: Path) -> str | None:
    try:
        usage = os.statvfs(data_dir)
    except OSError:
        return None
    if usage.f_bavail * usage.f_frsize < 1024 * 1024:
        return "the disk is full"
    if not os.access(data_dir, os.W_OK):  # also false for root on a read-only file system
        return "the data dir is read-only"
    return None


def ensure_room(data_dir: Path, needed: int) -> None:
    """Raise ENOSPC before a write the disk under `data_dir` clearly cannot take.

    Embedded Chroma that runs out of space in the middle of a write can leave its writer stuck (a later write
    in the same process may block for good), so a full disk is better found before touching it."""
    usage = os.statvfs(data_dir)
    if usage.f_bavail * usage.f_frsize < needed:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(data_dir))
