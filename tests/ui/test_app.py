"""The composition root: single instance, run_gui's exits, the crash dialog, sections registry."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from therapist_desk import app as app_module
from therapist_desk.app import Services, build_sections, configure_application, crash_message, run_gui
from therapist_desk.logsetup import configure_logging, install_excepthook
from therapist_desk.storage.instance_lock import InstanceLock
from therapist_desk.ui.main_window import MainWindow
from therapist_desk.ui.sections import Section, SectionRegistry
from therapist_desk.ui.single_instance import Claim, SingleInstance, server_name
from therapist_desk.ui.workspace import SectionFailed


def test_second_launch_raises_the_first(qtbot, paths):
    first = SingleInstance(paths)
    assert first.claim() is Claim.OWNED
    try:
        second = SingleInstance(paths)
        with qtbot.waitSignal(first.raiseRequested, timeout=5_000):
            assert second.claim() is Claim.RAISED_OTHER
    finally:
        first.release()
    # Released: the next launch owns it.
    third = SingleInstance(paths)
    assert third.claim() is Claim.OWNED
    third.release()


def test_lock_held_by_a_command_is_explained(paths):
    with InstanceLock(paths.runtime_dir, paths.data_dir):  # what the CLI holds
        instance = SingleInstance(paths)
        assert instance.claim(timeout_ms=200) is Claim.HELD_ELSEWHERE
        assert "already open" in instance.held_message


def test_another_data_folder_is_another_instance(paths, tmp_path):
    from therapist_desk.paths import resolve_paths

    first = SingleInstance(paths)
    assert first.claim() is Claim.OWNED
    other = SingleInstance(resolve_paths(tmp_path / "other-data"))
    try:
        assert server_name(other.paths) != server_name(paths)
        assert other.claim() is Claim.OWNED
    finally:
        other.release()
        first.release()


@pytest.fixture
def no_prctl(monkeypatch):
    monkeypatch.setattr(app_module, "disable_core_dumps", lambda: None)
    monkeypatch.setattr(app_module, "follow_system", lambda _app: None)


def test_run_gui_exits_5_with_a_message_when_locked_elsewhere(qtbot, paths, monkeypatch, no_prctl):
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    with InstanceLock(paths.runtime_dir, paths.data_dir):
        assert run_gui(paths) == 5
    assert shown and "already open" in shown[0]


def test_run_gui_exits_0_after_raising_the_first(qtbot, paths, no_prctl):
    first = SingleInstance(paths)
    assert first.claim() is Claim.OWNED
    try:
        with qtbot.waitSignal(first.raiseRequested, timeout=5_000):
            assert run_gui(paths) == 0
    finally:
        first.release()


def test_configure_application(qapp, no_prctl):
    configure_application(qapp)
    assert qapp.applicationName() == "therapist-desk"
    assert qapp.applicationDisplayName() == "Therapist Desk"
    assert qapp.desktopFileName() == "therapist-desk"
    assert not qapp.windowIcon().isNull()


def test_crash_dialog_is_calm_and_content_free(qapp, monkeypatch, paths):
    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log_file = configure_logging(paths.log_dir)
    canary = "CANARY-note-text-in-an-exception"
    install_excepthook(show=lambda name: app_module.show_crash_dialog(str(paths.log_dir), name))
    try:
        raise ValueError(canary)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    logging.shutdown()
    assert shown == [crash_message(str(paths.log_dir))]
    assert "Your saved work is safe" in shown[0] and str(paths.log_dir) in shown[0]
    assert canary not in shown[0]
    assert log_file is not None and canary not in log_file.read_text()
    configure_logging(paths.log_dir)


def test_services_lock_hooks(unlocked):
    services = app_module.build_services(unlocked)
    assert isinstance(services, Services)
    assert services.vault is unlocked.vault
    calls = []
    services.add_lock_hook(lambda: calls.append(1))
    assert len(services.lock_hooks) == 1


def test_no_placeholder_sections_are_registered():
    # Features register their own sections; the shell lists nothing that is not built.
    for section in build_sections().sections():
        assert section.create is not None


def test_registry_refuses_duplicates_and_shortcut_clashes():
    def make(section_id: str, shortcut: str, order: int = 10) -> Section:
        return Section(
            id=section_id, title=section_id, icon="journal", shortcut=shortcut, order=order, create=QWidget
        )

    registry = SectionRegistry([make("b", "Ctrl+2", 20), make("a", "Ctrl+1", 10)])
    assert [s.id for s in registry.sections()] == ["a", "b"]
    with pytest.raises(ValueError):
        registry.add(make("a", "Ctrl+5"))
    with pytest.raises(ValueError):
        registry.add(make("c", "Ctrl+2"))


def test_a_section_that_fails_to_build_does_not_break_the_window(qtbot, make_window, recovery_code, registry):
    def broken(services, parent):
        raise RuntimeError("boom")

    registry.add(
        Section(id="trends", title="Trends", icon="trends", shortcut="Ctrl+5", order=50, create=broken)
    )
    window: MainWindow = make_window()
    from tests.ui.conftest import unlock_via_ui

    unlock_via_ui(qtbot, window)
    window.workspace.select("trends")
    assert isinstance(window.workspace.section_views()["trends"], SectionFailed)
    window.workspace.select("journal")
    assert window.workspace.current_section == "journal"


def test_empty_registry_shows_the_home_page(qtbot, paths, clock, dialogs, settings, recovery_code):
    window = app_module.create_main_window(
        paths,
        kdf_profile=app_module.KdfProfile(memory_kib=256, parallelism=1, fixed_time_cost=1),
        clock=clock,
        dialogs=dialogs,
        settings=settings,
        sections=SectionRegistry(),
    )
    qtbot.addWidget(window)
    window.show()
    from tests.ui.conftest import unlock_via_ui

    unlock_via_ui(qtbot, window)
    assert not window.workspace.sidebar.isVisible()
    assert window.workspace.content.currentWidget() is window.workspace.home
    assert QApplication.instance() is not None
