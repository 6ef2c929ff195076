"""Fixtures and helpers for the Self-care UI tests: the real section in a real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.ui.keyboard import ALT as ALT
from tests.ui.keyboard import CTRL as CTRL
from tests.ui.keyboard import SHIFT as SHIFT
from tests.ui.keyboard import focused as focused
from tests.ui.keyboard import open_section, views_of
from tests.ui.keyboard import press as press
from tests.ui.keyboard import type_text as type_text
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.selfcare import SELF_CARE_SECTION, SelfCareView


@pytest.fixture
def registry() -> SectionRegistry:
    """Only the Self-care section (overrides the stand-in sections of tests/ui/conftest.py)."""
    return SectionRegistry([SELF_CARE_SECTION])


def open_self_care(qtbot, window: MainWindow) -> SelfCareView:
    """Ctrl+4, the way a user opens the section."""
    return open_section(qtbot, window, Qt.Key.Key_4, "self-care", SelfCareView)


def self_care_views() -> list[QWidget]:
    return views_of(SelfCareView)
