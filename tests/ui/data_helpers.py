"""Shared by the data-actions UI tests: dialogs that record what the window said, and a document."""

from __future__ import annotations

from pathlib import Path

from therapist_desk.ui.dialogs import ScriptedDialogs
from therapist_desk.ui.main_window import MainWindow

DATA = Path(__file__).resolve().parent.parent / "services" / "data"
DOCUMENT = {
    "format": "therapist-desk/export",
    "version": 1,
    "clients": [
        {"id": "c-river", "alias": "River", "program_level": "iop"},
        {"id": "c-k7", "alias": "K7", "program_level": "outpatient"},
    ],
    "sessions": [{"id": "s1", "client_alias": "River", "date": "2026-02-23", "minutes": 50, "intensity": 3}],
    "notes": [
        {"id": "n1", "created_at": "2026-02-24T18:00:00+00:00", "title": "After group", "body": "Steady."}
    ],
}


class RecordingDialogs(ScriptedDialogs):
    """Scripted answers, and the texts the window showed (ScriptedDialogs keeps only titles)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, list[str]] = {}
        self.suggested: list[Path] = []

    def _text(self, method: str, text: str) -> None:
        self.texts.setdefault(method, []).append(text)

    def info(self, parent, title, text):
        self._text("info", text)
        super().info(parent, title, text)

    def error(self, parent, title, text):
        self._text("error", text)
        super().error(parent, title, text)

    def confirm(self, parent, title, text, *, confirm_label="", destructive=False):
        self._text("confirm", text)
        return super().confirm(parent, title, text, confirm_label=confirm_label, destructive=destructive)

    def pick_save_file(self, parent, title, suggested, filters=""):
        self.suggested.append(Path(suggested))
        return super().pick_save_file(parent, title, suggested, filters)


def wait_for(qtbot, dialogs: RecordingDialogs, method: str, title: str) -> None:
    qtbot.waitUntil(lambda: title in dialogs.titles(method), timeout=20_000)


def clients_in(window: MainWindow) -> int:
    return window.bridge.session.services.vault.scalar("SELECT count(*) FROM clients")


def lock(qtbot, window: MainWindow) -> None:
    window.lock_action.trigger()
    qtbot.waitUntil(lambda: not window.bridge.session.is_unlocked)
