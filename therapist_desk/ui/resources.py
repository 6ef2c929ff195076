"""Icons and other bundled files from ``resources/`` next to the package.

Toolbar and section icons are drawn with one mid-tone stroke colour (``#5b6770``); they are
recoloured to the palette's text colour when loaded, so they read on light and dark themes
alike. The app icon keeps its own colours.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from therapist_desk.resources_path import RESOURCES_DIR, resource_path

ICONS_DIR = RESOURCES_DIR / "icons"
APP_ICON_NAME = "therapist-desk"
STROKE_COLOUR = "#5b6770"
_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128)  # Qt picks the nearest for the screen's density
_cache: dict[tuple[str, str, bool], QIcon] = {}


def icon_path(name: str) -> Path:
    """The SVG file of a named icon, e.g. ``icon_path("lock")``."""
    return resource_path("icons", f"{name}.svg")


def app_icon() -> QIcon:
    return QIcon(str(icon_path(APP_ICON_NAME)))


def _text_colour() -> QColor:
    app = QGuiApplication.instance()
    palette = app.palette() if isinstance(app, QGuiApplication) else QPalette()
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def icon(name: str, *, muted: bool = False) -> QIcon:
    """A themed icon, recoloured for the current palette (an empty icon if the file is missing)."""
    colour = _text_colour()
    if muted:
        colour = QColor(colour)
        colour.setAlphaF(0.6)
    key = (name, colour.name(QColor.NameFormat.HexArgb), muted)
    if key in _cache:
        return _cache[key]
    try:
        svg = icon_path(name).read_text(encoding="utf-8")
    except OSError:
        return QIcon()
    recoloured = svg.replace(STROKE_COLOUR, colour.name(QColor.NameFormat.HexRgb))
    if colour.alphaF() < 1.0:
        recoloured = recoloured.replace("<svg ", f'<svg opacity="{colour.alphaF():.2f}" ', 1)
    renderer = QSvgRenderer(QByteArray(recoloured.encode("utf-8")))
    result = QIcon()
    for size in _SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    _cache[key] = result
    return result


def clear_icon_cache() -> None:
    """Forget recoloured icons (after the palette changes between light and dark)."""
    _cache.clear()
