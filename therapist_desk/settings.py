"""A typed registry of NON-sensitive preferences, kept as JSON in the config folder.

Only registered preferences are ever written, each checked against its type and range, so
nothing a user typed into the vault (note text, search terms, aliases, "recently opened")
can end up here by accident. The file is replaced atomically. No Qt: the window stores its
geometry as the base64 text of ``QWidget.saveGeometry()``.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from therapist_desk.paths import AppPaths
from therapist_desk.storage.atomic import atomic_write_bytes

log = logging.getLogger(__name__)

SETTINGS_NAME = "settings.json"
MAX_FILE_BYTES = 256 * 1024  # a settings file this large was not written by us
T = TypeVar("T", int, bool, str, float)


@dataclass(frozen=True)
class Preference(Generic[T]):
    """One preference: its key in the file, its type and default, and how to keep it in range."""

    key: str
    default: T
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 200
    choices: tuple[T, ...] = ()

    @property
    def kind(self) -> type:
        return type(self.default)

    def coerce(self, value: object) -> T:
        """The value as this preference's type and range; the default when it cannot be."""
        result = self._convert(value)
        if result is None or (self.choices and result not in self.choices):
            return self.default
        return result  # type: ignore[return-value]

    def _convert(self, value: object) -> object:
        kind = self.kind
        if kind is bool:
            return value if isinstance(value, bool) else None
        if kind is str:
            return value if isinstance(value, str) and len(value) <= self.max_length else None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        if isinstance(value, float) and not math.isfinite(value):
            return None
        number = float(value)
        if self.minimum is not None:
            number = max(number, self.minimum)
        if self.maximum is not None:
            number = min(number, self.maximum)
        return int(number) if kind is int else number


_REGISTRY: dict[str, Preference[Any]] = {}


def register_preference(preference: Preference[T]) -> Preference[T]:
    """Add a preference to the registry (features call this at import time for their own)."""
    existing = _REGISTRY.get(preference.key)
    if existing is not None and existing != preference:
        raise ValueError(f"preference {preference.key!r} is already registered differently")
    if preference.kind not in (int, bool, str, float):
        raise TypeError(f"preference {preference.key!r} must be an int, bool, str or float")
    _REGISTRY[preference.key] = preference
    return preference


def registered_preferences() -> dict[str, Preference[Any]]:
    return dict(_REGISTRY)


AUTO_LOCK_MINUTES = register_preference(Preference("auto_lock_minutes", 10, minimum=1, maximum=240))
LOCK_ON_SCREEN_LOCK = register_preference(Preference("lock_on_screen_lock", True))
# base64 of QWidget.saveGeometry(): a few hundred bytes, never content.
WINDOW_GEOMETRY = register_preference(Preference("window_geometry", "", max_length=4096))


class Settings:
    """Reads and writes the preferences file; every ``set`` is saved at once."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._values: dict[str, object] = {}
        self._unknown: dict[str, object] = {}
        self._listeners: list[Callable[[Preference[Any]], None]] = []
        self.load()

    @classmethod
    def for_paths(cls, paths: AppPaths) -> Settings:
        return cls(paths.config_dir / SETTINGS_NAME)

    def load(self) -> None:
        """Read the file; a missing, oversized or unreadable file means all defaults."""
        self._values, self._unknown = {}, {}
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                log.warning("settings file is too large; using defaults")
                return
            data = json.loads(self.path.read_bytes())
        except FileNotFoundError:
            return
        except (OSError, ValueError):
            log.warning("settings file could not be read; using defaults")
            return
        if not isinstance(data, dict):
            log.warning("settings file is not an object; using defaults")
            return
        for key, value in data.items():
            preference = _REGISTRY.get(key)
            if preference is None:
                # Written by a newer version: keep it, but only plain scalars.
                if isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= 200):
                    self._unknown[key] = value
            else:
                self._values[key] = preference.coerce(value)

    def get(self, preference: Preference[T]) -> T:
        value = self._values.get(preference.key, preference.default)
        return preference.coerce(value)

    def set(self, preference: Preference[T], value: T) -> None:
        """Store a value (brought into range) and save the file atomically."""
        if _REGISTRY.get(preference.key) != preference:
            raise KeyError(f"preference {preference.key!r} is not registered")
        coerced = preference.coerce(value)
        if self._values.get(preference.key, preference.default) == coerced and self.path.exists():
            return
        self._values[preference.key] = coerced
        self.save()
        for listener in list(self._listeners):
            listener(preference)

    def add_listener(self, listener: Callable[[Preference[Any]], None]) -> None:
        """Called with the preference after each change (e.g. the auto-lock timer)."""
        self._listeners.append(listener)

    def save(self) -> None:
        document = dict(self._unknown)
        document.update(self._values)
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(self.path, (json.dumps(document, indent=2, sort_keys=True) + "\n").encode())

    # Convenience for the two preferences the shell reads all the time.
    @property
    def auto_lock_minutes(self) -> int:
        return self.get(AUTO_LOCK_MINUTES)

    @property
    def lock_on_screen_lock(self) -> bool:
        return self.get(LOCK_ON_SCREEN_LOCK)
