"""New reflection from a prompt: browse by theme, pick one at random, or take the prompt of the day.

Opened with ``open()`` (never ``exec()``): a lock rejects open dialogs and deletes the view.
"""

from __future__ import annotations

import random
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.journal import KINDS
from therapist_desk.domain.prompts import Prompt, PromptLibrary
from therapist_desk.ui.journal.common import add_action, kind_label, tr
from therapist_desk.ui.widgets import set_tone

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALL_THEMES = ""


def _caption(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    font = label.font()
    font.setWeight(font.Weight.DemiBold)
    label.setFont(font)
    return label


class PromptDialog(QDialog):
    def __init__(
        self,
        library: PromptLibrary,
        today: date,
        parent: QWidget | None = None,
        *,
        theme: str | None = None,
        rng: random.Random | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.today = today
        self.rng = rng or random.Random()  # noqa: S311 (choosing a prompt, not a secret)
        self.setWindowTitle(tr("New reflection from a prompt"))
        self.setObjectName("promptDialog")
        self.resize(960, 600)

        self.themes = QListWidget(self)
        self.themes.setAccessibleName(tr("Themes"))
        all_item = QListWidgetItem(tr("All prompts ({n})").format(n=len(library.prompts)), self.themes)
        all_item.setData(ID_ROLE, ALL_THEMES)
        for label in library.themes:
            count = len(library.prompts_by_theme(label.id))
            item = QListWidgetItem(f"{label.label} ({count})", self.themes)
            item.setData(ID_ROLE, label.id)
            item.setToolTip(label.description)
        self.prompts = QListWidget(self)
        self.prompts.setAccessibleName(tr("Prompts"))
        self.prompts.setWordWrap(True)
        self.prompts.setUniformItemSizes(False)
        self.prompts.setSpacing(3)
        self.prompts.setAlternatingRowColors(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("promptPreview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setWordWrap(True)
        set_tone(self.preview, "muted")

        self.themes.setSpacing(2)
        self.themes.setWordWrap(True)
        self.themes.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.prompts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(_caption(tr("&Themes"), self.themes, left))
        left_layout.addWidget(self.themes, 1)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(_caption(tr("&Prompts"), self.prompts, right))
        right_layout.addWidget(self.prompts, 1)
        right_layout.addWidget(self.preview)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([300, 580])
        splitter.setChildrenCollapsible(False)

        self.kind = QComboBox(self)
        self.kind.setAccessibleName(tr("Write it as"))
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        kind_caption = QLabel(tr("&Write it as"), self)
        kind_caption.setBuddy(self.kind)
        self.random_action = add_action(self, tr("&Random prompt"), "Ctrl+R", self.pick_random)
        self.today_action = add_action(self, tr("Prompt of the &day"), "Ctrl+D", self.pick_of_the_day)
        random_button = QPushButton(tr("&Random prompt"), self)
        random_button.setToolTip(self.random_action.toolTip())
        random_button.clicked.connect(self.pick_random)
        today_button = QPushButton(tr("Prompt of the &day"), self)
        today_button.setToolTip(self.today_action.toolTip())
        today_button.clicked.connect(self.pick_of_the_day)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.start_button = self.buttons.addButton(
            tr("&Start writing"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(random_button)
        bottom.addWidget(today_button)
        bottom.addSpacing(16)
        bottom.addWidget(kind_caption)
        bottom.addWidget(self.kind)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.themes.currentItemChanged.connect(lambda *_: self._fill_prompts())
        self.prompts.currentItemChanged.connect(lambda *_: self._prompt_changed())
        self.prompts.itemDoubleClicked.connect(lambda _item: self.accept())
        self.select_theme(theme or ALL_THEMES)
        self.prompts.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- browsing ------------------------------------------------------------------------------
    def select_theme(self, theme: str) -> None:
        for row in range(self.themes.count()):
            if self.themes.item(row).data(ID_ROLE) == theme:
                self.themes.setCurrentRow(row)
                return
        self.themes.setCurrentRow(0)

    def current_theme(self) -> str:
        item = self.themes.currentItem()
        return str(item.data(ID_ROLE)) if item is not None else ALL_THEMES

    def _fill_prompts(self, select: str | None = None) -> None:
        theme = self.current_theme()
        prompts = self.library.prompts_by_theme(theme) if theme else self.library.prompts
        self.prompts.blockSignals(True)
        self.prompts.clear()
        for prompt in prompts:
            item = QListWidgetItem(prompt.text, self.prompts)  # plain text in a list item
            item.setData(ID_ROLE, prompt.id)
        self.prompts.blockSignals(False)
        self.select_prompt(select or (prompts[0].id if prompts else ""))

    def select_prompt(self, prompt_id: str) -> None:
        for row in range(self.prompts.count()):
            if self.prompts.item(row).data(ID_ROLE) == prompt_id:
                self.prompts.setCurrentRow(row)
                self.prompts.scrollToItem(self.prompts.item(row))
                self._prompt_changed()
                return

    def current_prompt(self) -> Prompt | None:
        item = self.prompts.currentItem()
        return self.library.get(str(item.data(ID_ROLE))) if item is not None else None

    def _prompt_changed(self) -> None:
        prompt = self.current_prompt()
        self.start_button.setEnabled(prompt is not None)
        if prompt is None:
            self.preview.setText("")
            return
        lines = [
            tr("Themes: {themes}").format(
                themes=", ".join(self.library.theme_label(t) for t in prompt.themes)
            )
        ]
        if prompt.is_bias_prompt:
            lines.append(
                tr("About: {types}. Dimensions: {dims}.").format(
                    types=", ".join(self.library.assumption_type_label(t) for t in prompt.assumption_types),
                    dims=", ".join(self.library.dimension_label(d) for d in prompt.dimensions),
                )
            )
        self.preview.setText("\n".join(lines))
        self.kind.setCurrentIndex(self.kind.findData("bias" if prompt.is_bias_prompt else "free"))

    def pick_random(self) -> None:
        theme = self.current_theme() or None
        self._show(self.library.random_prompt(self.rng, theme))

    def pick_of_the_day(self) -> None:
        self._show(self.library.prompt_of_the_day(self.today))

    def _show(self, prompt: Prompt) -> None:
        if prompt.id not in {self.prompts.item(r).data(ID_ROLE) for r in range(self.prompts.count())}:
            self.themes.blockSignals(True)
            self.themes.setCurrentRow(0)
            self.themes.blockSignals(False)
            self._fill_prompts(select=prompt.id)
        else:
            self.select_prompt(prompt.id)
        self.prompts.setFocus(Qt.FocusReason.OtherFocusReason)

    def choice(self) -> tuple[str, str] | None:
        """(prompt id, kind of note) chosen, or None."""
        prompt = self.current_prompt()
        if prompt is None:
            return None
        return prompt.id, str(self.kind.currentData())
