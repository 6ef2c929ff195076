"""after_first_paint: the unlock screen comes first, the rest right after its first frame."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from therapist_desk import app as app_module
from therapist_desk.app import run_gui
from therapist_desk.ui.first_paint import after_first_paint


def test_runs_once_after_the_first_paint_of_the_widget_or_a_child(qtbot):
    window = QWidget()
    QLabel("unlock", window)
    qtbot.addWidget(window)
    calls = []
    after_first_paint(window, lambda: calls.append(window.isVisible()), fallback_ms=60_000)
    assert calls == []  # not before anything was painted
    window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5_000)
    window.repaint()
    window.hide()
    window.show()
    qtbot.wait(50)
    assert calls == [True]  # once, not on every paint


def test_a_widget_never_painted_still_gets_the_callback_after_the_fallback(qtbot):
    hidden = QWidget()
    qtbot.addWidget(hidden)
    calls = []
    after_first_paint(hidden, lambda: calls.append("late"), fallback_ms=100)
    qtbot.waitUntil(lambda: calls == ["late"], timeout=5_000)
    qtbot.wait(200)
    assert calls == ["late"]


def test_other_windows_painting_do_not_count(qtbot):
    target, other = QWidget(), QWidget()
    qtbot.addWidget(target)
    qtbot.addWidget(other)
    calls = []
    after_first_paint(target, lambda: calls.append("target"), fallback_ms=60_000)
    other.show()
    qtbot.waitExposed(other)
    other.repaint()
    qtbot.wait(50)
    assert calls == []


def test_run_gui_shows_the_unlock_screen_then_attaches_the_vault_menu_actions(
    qtbot, paths, monkeypatch
):
    monkeypatch.setattr(app_module, "disable_core_dumps", lambda: None)
    monkeypatch.setattr(app_module, "follow_system", lambda _app: None)
    # A local event loop stands in for app.exec(): quitting the application's own loop would
    # leave it closing for every later test.
    loop = QEventLoop()
    monkeypatch.setattr(QApplication, "exec", lambda *_args: loop.exec())
    seen = {}
    original = app_module.finish_start

    def finish(window, clock, report):
        seen["visible_first"] = window.isVisible()
        seen["actions_before"] = window.findChild(QAction, "backupNowAction") is not None
        original(window, clock, report)
        backup = window.findChild(QAction, "backupNowAction")
        seen["actions_after"] = backup is not None and backup in window.vault_menu.actions()
        loop.quit()

    monkeypatch.setattr(app_module, "finish_start", finish)
    QTimer.singleShot(10_000, loop.quit)  # never hang the suite
    assert run_gui(paths) == 0
    assert seen == {"visible_first": True, "actions_before": False, "actions_after": True}


def test_a_widget_deleted_before_its_first_paint_never_calls_back(qtbot):
    gone = QWidget()
    calls = []
    after_first_paint(gone, lambda: calls.append("too late"), fallback_ms=100)
    gone.deleteLater()
    qtbot.wait(300)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.repaint()
    assert calls == []
