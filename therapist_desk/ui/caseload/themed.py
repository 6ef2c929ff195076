"""Icons that follow a light/dark switch: remember each icon's name, recolour on palette change."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QWidget

from therapist_desk.ui.resources import icon

ICON_PROPERTY = "themedIcon"


def set_themed_icon(target: QAction | QAbstractButton, name: str) -> None:
    target.setIcon(icon(name))
    target.setProperty(ICON_PROPERTY, name)


def refresh_icons(root: QWidget) -> None:
    """Re-render every remembered icon under ``root`` for the current palette."""
    for obj in root.findChildren(QObject):
        name = obj.property(ICON_PROPERTY)
        if name and isinstance(obj, QAction | QAbstractButton):
            obj.setIcon(icon(str(name)))
