"""Seeded, synthetic data for the Supervision screenshots: a caseload, self-care and reflections.

``populate(services)`` fills a fresh vault (also usable as ``tools/screenshots.py --populate
tests.ui.supervision_demo:populate``); ``fill_composer(view, ids)`` ticks and types what a
supervisee might share. No real person anywhere.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.ui import caseload_demo, journal_demo, selfcare_seed
from therapist_desk.ui.supervision.note_picker import ID_ROLE

QUESTIONS = {
    "formative": "How can I tell resistance from a plan that does not fit River any more?\n"
    "Would a short reading list on motivational interviewing in IOP help?",
    "normative": "A client left a voicemail from 555-201-7788 after hours. Do I return it, and how do I note it?",
    "restorative": "Exhaustion has climbed this week. Can we talk about my Thursday group load?",
}


def populate(services: Any) -> dict[str, str]:
    caseload_demo.populate(services)
    selfcare_seed.populate_selfcare(services.selfcare)
    return journal_demo.populate(services)


def fill_composer(view: Any, ids: dict[str, str]) -> None:
    composer = view.composer
    composer.display_name.setText("Alex R.")
    composer.boxes["stalled_aliases"].setChecked(True)
    for name, text in QUESTIONS.items():
        composer.questions[name].setPlainText(text)
    picker = composer.picker
    for index in range(picker.notes.count()):
        item = picker.notes.item(index)
        if item.data(ID_ROLE) == ids["prompted"]:
            item.setCheckState(Qt.CheckState.Checked)
            picker.notes.setCurrentItem(item)
            break
