"""Where things live: platformdirs defaults, with a --data-dir override, resolved once."""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from therapist_desk import APP_NAME

DB_NAME = "vault.db"
KEYS_NAME = "vault.keys.json"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path
    runtime_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keys_path(self) -> Path:
        return self.data_dir / KEYS_NAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    def ensure(self) -> None:
        for directory in (self.data_dir, self.config_dir, self.cache_dir, self.log_dir):
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no XDG_RUNTIME_DIR (CI, ssh): fall back quietly
        runtime = platformdirs.user_runtime_dir(APP_NAME)
    if not os.access(Path(runtime).parent, os.W_OK):
        runtime = str(Path(platformdirs.user_cache_dir(APP_NAME)) / "run")
    return AppPaths(
        data_dir=Path(data_dir).expanduser().resolve()
        if data_dir
        else Path(platformdirs.user_data_dir(APP_NAME)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_NAME)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME)),
        runtime_dir=Path(runtime),
    )
