"""One process per vault: an advisory lock file in the runtime folder (not the data folder)."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
from pathlib import Path

from therapist_desk.domain.errors import VaultLockedByOtherInstance


def instance_key(data_dir: Path) -> str:
    """A short stable name for a data folder, for lock files and the local server."""
    return hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]


class InstanceLock:
    """Held while a window or a command uses the vault in ``data_dir``."""

    def __init__(self, runtime_dir: Path, data_dir: Path) -> None:
        self.path = Path(runtime_dir) / f"vault-{instance_key(data_dir)}.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise VaultLockedByOtherInstance(
                "This vault is already open in another Therapist Desk window or command. "
                "Close that first, then try again."
            ) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
