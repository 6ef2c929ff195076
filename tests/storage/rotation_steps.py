"""Hooks that call ``on_step(name)`` before every file-system step of a data key rotation.

Used in-process (with ``monkeypatch.setattr``) to raise at step N, and in a child process
(with plain ``setattr``) to die with ``os._exit`` at step N, as a power cut would.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from therapist_desk.services import vault_store
from therapist_desk.storage import atomic
from therapist_desk.storage.vault import Vault


def _name(path: Any) -> str:
    # Temp files have random names; the step must be named the same in every run.
    return re.sub(r"\.[^.]+\.tmp$", ".*.tmp", Path(path).name)


def install(set_attr: Callable[[Any, str, Any], None], on_step: Callable[[str], None]) -> None:
    real_replace, real_unlink = os.replace, os.unlink

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        on_step(f"replace {_name(src)} -> {_name(dst)}")
        real_replace(src, dst, *args, **kwargs)

    def unlink(path: Any, *args: Any, **kwargs: Any) -> None:
        on_step(f"unlink {_name(path)}")
        real_unlink(path, *args, **kwargs)

    set_attr(os, "replace", replace)
    set_attr(os, "unlink", unlink)
    for module in (vault_store, atomic):
        real_fsync_dir = module.fsync_directory

        def fsync_directory(
            directory: Path, _real: Any = real_fsync_dir, _where: str = module.__name__
        ) -> None:
            on_step(f"fsync folder ({_where.rsplit('.', 1)[-1]})")
            _real(directory)

        set_attr(module, "fsync_directory", fsync_directory)

    real_export = Vault.export_copy

    def export_copy(self: Vault, target: Path, data_key: Any, progress: Any = None) -> None:
        on_step(f"export start {target.name}")

        def tick(count: int) -> None:
            if count == 1:
                on_step(f"export middle {target.name}")
            if progress is not None:
                progress(count)

        real_export(self, target, data_key, tick)
        on_step(f"export done {target.name}")

    set_attr(Vault, "export_copy", export_copy)
