"""Bundled resources: icons render and follow the palette, the .desktop file and AppStream metainfo."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QColor, QPalette

from therapist_desk.resources_path import RESOURCES_DIR
from therapist_desk.ui import resources
from therapist_desk.ui.theme import dark_palette, light_palette

TOOLBAR_AND_SECTION_ICONS = [
    "lock",
    "settings",
    "quit",
    "about",
    "copy",
    "print",
    "folder",
    "key",
    "dashboard",
    "journal",
    "caseload",
    "self-care",
    "trends",
    "supervision",
]


@pytest.mark.parametrize("name", TOOLBAR_AND_SECTION_ICONS)
def test_icons_exist_and_render(qapp, name):
    assert resources.icon_path(name).is_file()
    assert resources.STROKE_COLOUR in resources.icon_path(name).read_text()  # recolourable
    image = resources.icon(name).pixmap(32, 32).toImage()
    assert any(image.pixelColor(x, y).alpha() > 0 for x in range(32) for y in range(32))


def darkest_and_lightest_stroke(qapp, palette: QPalette) -> float:
    qapp.setPalette(palette)
    resources.clear_icon_cache()
    image = resources.icon("lock").pixmap(48, 48).toImage()
    opaque = [
        image.pixelColor(x, y) for x in range(48) for y in range(48) if image.pixelColor(x, y).alpha() > 200
    ]
    assert opaque
    return max(c.lightnessF() for c in opaque)


def test_icons_are_recoloured_for_light_and_dark(qapp):
    original = qapp.palette()
    try:
        on_light = darkest_and_lightest_stroke(qapp, light_palette())
        on_dark = darkest_and_lightest_stroke(qapp, dark_palette())
    finally:
        qapp.setPalette(original)
        resources.clear_icon_cache()
    assert on_light < 0.3  # dark strokes on a light window
    assert on_dark > 0.7  # light strokes on a dark window


def test_app_icon(qapp):
    assert not resources.app_icon().isNull()
    assert resources.app_icon().pixmap(64, 64).toImage().pixelColor(32, 32) != QColor(0, 0, 0, 0)


def test_desktop_file():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(RESOURCES_DIR / "therapist-desk.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "therapist-desk"
    assert entry["Icon"] == "therapist-desk"
    assert entry["Name"] == "Therapist Desk"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(
            ["desktop-file-validate", str(RESOURCES_DIR / "therapist-desk.desktop")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_appstream_metainfo():
    path = RESOURCES_DIR / "org.therapistdesk.TherapistDesk.metainfo.xml"
    root = ET.parse(path).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == "org.therapistdesk.TherapistDesk"
    assert root.findtext("launchable") == "therapist-desk.desktop"
    assert root.findtext("metadata_license") == "CC0-1.0"
    if shutil.which("appstreamcli"):
        result = subprocess.run(
            ["appstreamcli", "validate", "--no-net", str(path)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stdout + result.stderr
