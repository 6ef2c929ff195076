"""Byte-level snapshots of folders, to prove that a refused operation changed nothing."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path


def _describe(path: Path) -> str:
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return f"<link to {os.readlink(path)}>"
    if stat.S_ISDIR(info.st_mode):
        return "<dir>"
    if not stat.S_ISREG(info.st_mode):
        return f"<special {stat.S_IFMT(info.st_mode):o}>"  # a pipe or device: never read it
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"{info.st_size}:{digest.hexdigest()}"


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: relative path → its size and SHA-256 (or its kind).

    Do not take one of a vault this process holds open: closing any handle on vault.db
    drops the process's POSIX locks on it, including SQLite's.
    """
    result: dict[str, str] = {}
    if not root.exists():
        return result
    for path in sorted(root.rglob("*")):
        result[path.relative_to(root).as_posix()] = _describe(path)
    return result
