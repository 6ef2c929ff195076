"""Follow the system's light or dark preference.

Most desktops hand Qt a matching palette. Where the platform reports a dark colour scheme
(``QStyleHints.colorScheme()``) but its palette is still light, we switch to Fusion with a
dark palette of our own; ``apply_scheme`` also lets the screenshot tool force either one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

LIGHT, DARK = "light", "dark"


def system_scheme(app: QGuiApplication) -> str:
    """The scheme ("dark" or "light") the desktop reports (falls back to the palette's lightness)."""
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return DARK
        if value == Qt.ColorScheme.Light:
            return LIGHT
    return DARK if palette_is_dark(app.palette()) else LIGHT


def _reported_scheme(app: QGuiApplication) -> str:
    scheme = getattr(app.styleHints(), "colorScheme", None)
    return LIGHT if scheme is not None and scheme() == Qt.ColorScheme.Light else ""


def palette_is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    palette = QPalette()
    window, base, text = QColor("#2b2d30"), QColor("#1f2124"), QColor("#e6e6e6")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#33363a"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3d41"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9da1"),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#3a3d41"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ffffff"),
        QPalette.ColorRole.Highlight: QColor("#4f8f84"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8cc7bb"),
        QPalette.ColorRole.Light: QColor("#4a4d52"),
        QPalette.ColorRole.Midlight: QColor("#3f4246"),
        QPalette.ColorRole.Mid: QColor("#2f3235"),
        QPalette.ColorRole.Dark: QColor("#191a1c"),
        QPalette.ColorRole.Shadow: QColor("#000000"),
    }
    for role, colour in roles.items():
        palette.setColor(role, colour)
    disabled = QColor("#7d8085")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#45484c"))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette with the app's calm accent."""
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#3f7f74"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#2c6e63"))
    return palette


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Force light or dark (Fusion style), e.g. for screenshots."""
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if scheme == DARK else light_palette())


def follow_system(app: QApplication) -> None:
    """Use the platform palette, unless it stays light while the desktop asks for dark."""

    def update() -> None:
        ours = bool(app.property("ourDarkPalette"))
        if system_scheme(app) == DARK and not palette_is_dark(app.palette()):
            apply_scheme(app, DARK)
            app.setProperty("ourDarkPalette", True)
        elif ours and _reported_scheme(app) == LIGHT:
            app.setPalette(QPalette())  # back to the platform's own palette
            app.setProperty("ourDarkPalette", False)

    update()
    hints = app.styleHints()
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: update())
