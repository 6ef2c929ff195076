"""The preferences file: typed, ranged, atomic, tolerant of damage, and holding nothing sensitive."""

from __future__ import annotations

import json
import stat

import pytest

from therapist_desk.settings import (
    AUTO_LOCK_MINUTES,
    LOCK_ON_SCREEN_LOCK,
    MAX_FILE_BYTES,
    WINDOW_GEOMETRY,
    Preference,
    Settings,
    register_preference,
)


@pytest.fixture
def settings_path(paths):
    return paths.config_dir / "settings.json"


def test_defaults_without_a_file(settings_path):
    settings = Settings(settings_path)
    assert settings.auto_lock_minutes == 10
    assert settings.lock_on_screen_lock is True
    assert settings.get(WINDOW_GEOMETRY) == ""
    assert not settings_path.exists()  # reading never writes


def test_set_persists_atomically_and_privately(settings_path):
    settings = Settings(settings_path)
    settings.set(AUTO_LOCK_MINUTES, 25)
    settings.set(LOCK_ON_SCREEN_LOCK, False)
    assert stat.S_IMODE(settings_path.stat().st_mode) == 0o600
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.json"]  # no temp left
    again = Settings(settings_path)
    assert again.auto_lock_minutes == 25 and again.lock_on_screen_lock is False


@pytest.mark.parametrize(
    ("stored", "expected"),
    [(0, 1), (-5, 1), (100000, 240), (12.7, 12), ("10", 10), (True, 10), (None, 10), (float("nan"), 10)],
)
def test_values_are_brought_into_range(settings_path, stored, expected):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(json.dumps({"auto_lock_minutes": stored}))
    assert Settings(settings_path).auto_lock_minutes == expected


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"[1, 2]", b"\xff\xfe\x00", b'"a string"', b"null"],
)
def test_damaged_file_means_defaults(settings_path, content):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_bytes(content)
    settings = Settings(settings_path)
    assert settings.auto_lock_minutes == 10
    settings.set(AUTO_LOCK_MINUTES, 15)  # and it can be written again
    assert json.loads(settings_path.read_text())["auto_lock_minutes"] == 15


def test_oversized_file_is_ignored(settings_path):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(json.dumps({"auto_lock_minutes": 30, "pad": "x" * MAX_FILE_BYTES}))
    assert Settings(settings_path).auto_lock_minutes == 10


def test_unknown_scalar_keys_from_newer_versions_are_kept(settings_path):
    settings_path.parent.mkdir(parents=True, exist_ok=True)
    settings_path.write_text(json.dumps({"future_flag": True, "nested": {"a": 1}, "long": "y" * 500}))
    settings = Settings(settings_path)
    settings.set(AUTO_LOCK_MINUTES, 20)
    stored = json.loads(settings_path.read_text())
    assert stored["future_flag"] is True
    assert "nested" not in stored and "long" not in stored


def test_only_registered_preferences_can_be_set(settings_path):
    settings = Settings(settings_path)
    with pytest.raises(KeyError):
        settings.set(Preference("last_search", ""), "client River")
    with pytest.raises(ValueError):
        register_preference(Preference("auto_lock_minutes", 5))  # same key, other meaning
    with pytest.raises(TypeError):
        register_preference(Preference("recent_notes", ["a"]))  # type: ignore[arg-type]


def test_listeners_hear_changes(settings_path):
    settings = Settings(settings_path)
    heard = []
    settings.add_listener(heard.append)
    settings.set(AUTO_LOCK_MINUTES, 30)
    assert heard == [AUTO_LOCK_MINUTES]


def test_geometry_is_length_limited(settings_path):
    settings = Settings(settings_path)
    settings.set(WINDOW_GEOMETRY, "A" * 5000)
    assert settings.get(WINDOW_GEOMETRY) == ""
