"""The main window's menus, toolbar and status bar, and the window-wide actions they hold.

``MainWindow`` builds on ``WindowChrome``; features add their menu entries through
``add_window_action`` (their icons follow light and dark like the window's own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar, QWidget

from therapist_desk import APP_DISPLAY_NAME, __version__
from therapist_desk.ui.dialogs import DialogService
from therapist_desk.ui.resources import icon
from therapist_desk.ui.sections import SectionRegistry
from therapist_desk.ui.workspace import Workspace


class WindowChrome(QMainWindow):
    # Set by MainWindow before the chrome is built.
    registry: SectionRegistry
    workspace: Workspace
    dialogs: DialogService

    def _lock_for(self, reason: str) -> Callable[..., None]:
        raise NotImplementedError

    def open_settings(self) -> Any:
        raise NotImplementedError

    # -- building ----------------------------------------------------------------------
    def _action(self, text: str, icon_name: str, shortcut: QKeySequence | str, name: str) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setObjectName(name)
        action.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        action.setStatusTip(action.toolTip())
        self.addAction(action)  # shortcuts work even with the toolbar hidden
        self._icon_actions.append((action, icon_name))
        return action

    def add_window_action(self, text: str, icon_name: str, shortcut: str, name: str) -> QAction:
        """A window-wide action for a feature's menu entries; its icon follows light/dark."""
        return self._action(text, icon_name, shortcut, name)

    def _build_actions(self) -> None:
        self._icon_actions: list[tuple[QAction, str]] = []
        self.lock_action = self._action(self.tr("&Lock"), "lock", "Ctrl+L", "lockAction")
        self.lock_action.triggered.connect(self._lock_for("shortcut"))
        self.settings_action = self._action(self.tr("&Settings…"), "settings", "Ctrl+,", "settingsAction")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = self._action(self.tr("&Quit"), "quit", "Ctrl+Q", "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.about_action = self._action(
            self.tr("&About {app}").format(app=APP_DISPLAY_NAME), "about", "F1", "aboutAction"
        )
        self.about_action.triggered.connect(self._about)

        vault_menu = self.menuBar().addMenu(self.tr("&Vault"))
        self.vault_menu = vault_menu  # features insert their entries before Quit
        vault_menu.addAction(self.lock_action)
        vault_menu.addAction(self.settings_action)
        vault_menu.addSeparator()
        vault_menu.addAction(self.quit_action)
        self.section_actions: dict[str, QAction] = {}
        if len(self.registry):
            go_menu = self.menuBar().addMenu(self.tr("&Go"))
            for section in self.registry.sections():
                action = self._action(
                    section.display_title(), section.icon, section.shortcut, f"go-{section.id}"
                )
                action.triggered.connect(lambda _checked=False, sid=section.id: self.workspace.select(sid))
                go_menu.addAction(action)
                self.section_actions[section.id] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setAccessibleName(self.tr("Main toolbar"))
        for action in (self.lock_action, self.settings_action):
            self.toolbar.addAction(action)
        spacer = QWidget(self.toolbar)
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding, spacer.sizePolicy().Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addAction(self.quit_action)
        for action in (self.lock_action, self.settings_action, self.quit_action):
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", ""))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _build_status_bar(self, folder: str) -> None:
        self.path_label = QLabel(self.tr("Vault: {folder}").format(folder=folder), self)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.path_label.setAccessibleName(self.tr("Vault folder"))
        self.state_label = QLabel(self)
        self.state_label.setAccessibleName(self.tr("Lock state"))
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.state_label)

    def _about(self) -> None:
        self.dialogs.info(
            self,
            self.tr("About {app}").format(app=APP_DISPLAY_NAME),
            self.tr("{app} {version}\nA private, encrypted reflection desk for therapists.").format(
                app=APP_DISPLAY_NAME, version=__version__
            ),
        )
