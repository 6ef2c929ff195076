"""Editor fields: tags with completion, the client link, and a plain-text box for guided forms."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.journal import MAX_TAG_LENGTH, MAX_TAGS
from therapist_desk.ui.journal.common import tr
from therapist_desk.ui.widgets import set_tone

NO_CLIENT = ""


def plain_editor(parent: QWidget | None, name: str, *, lines: int = 4) -> QPlainTextEdit:
    """A plain-text box (pasted rich text arrives as plain text); Tab moves on, as in a form."""
    edit = QPlainTextEdit(parent)
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(int(QFontMetrics(edit.font()).lineSpacing() * lines + 14))
    return edit


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text box for a guided form: as tall as its text (within limits), so a form of
    short answers reads as one page instead of many small scrolling boxes."""

    def __init__(self, parent: QWidget | None, name: str, *, lines: int = 3, max_lines: int = 16) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        self.min_lines, self.max_lines = lines, max_lines
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self.fit)
        self.fit()

    def fit(self) -> None:
        line = QFontMetrics(self.font()).lineSpacing()
        content = 0.0
        block = self.document().begin()
        while block.isValid():
            content += self.blockBoundingRect(block).height()  # lays the block out if needed
            block = block.next()
        content = min(max(content, self.min_lines * line), self.max_lines * line)
        height = int(content + 2 * self.document().documentMargin() + 2 * self.frameWidth() + 2)
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()  # rewrapped at the new width


class TagsEdit(QLineEdit):
    """Tags separated by commas, completing the word being typed from the tags already in use."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(tr("Tags, separated by commas"))
        self.setAccessibleName(tr("Tags"))
        self.setMaxLength(MAX_TAGS * (MAX_TAG_LENGTH + 2))
        self._known = QStringListModel(self)
        self.completer_ = QCompleter(self._known, self)
        self.completer_.setWidget(self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._edited)
        self._loaded: tuple[str, ...] = ()
        self._user_edited = False

    def set_known(self, tags: Iterable[str]) -> None:
        """The tags in use, most used first (``JournalService.tags()``)."""
        self._known.setStringList(list(tags))

    def known(self) -> list[str]:
        return self._known.stringList()

    def set_tags(self, tags: tuple[str, ...]) -> None:
        self._loaded = tags
        self._user_edited = False
        self.setText(", ".join(tags))

    def tags(self) -> tuple[str, ...]:
        # Until the user edits the field, hand back exactly what was loaded: a tag that itself
        # contains a comma (from an import) must not be split by an unrelated autosave.
        if not self._user_edited:
            return self._loaded
        return tuple(part.strip() for part in self.text().split(",") if part.strip())

    def _popup(self) -> QAbstractItemView:
        popup = self.completer_.popup()
        assert popup is not None  # a PopupCompletion completer makes its list on first use
        return popup

    def _current_word(self) -> str:
        before = self.text()[: self.cursorPosition()]
        return before.rsplit(",", 1)[-1].strip().lstrip("#")

    def _edited(self, _text: str) -> None:
        self._user_edited = True
        word = self._current_word()
        if not word:
            self._popup().hide()
            return
        self.completer_.setCompletionPrefix(word)
        if self.completer_.completionCount() > 0:
            self.completer_.complete()
        else:
            self._popup().hide()

    def _insert(self, completion: str) -> None:
        text, cursor = self.text(), self.cursorPosition()
        start = text.rfind(",", 0, cursor) + 1
        head = text[:start] + (" " if start else "")
        tail = text[cursor:]
        self.setText(head + completion + ", " + tail.lstrip(", "))
        self.setCursorPosition(len(head + completion) + 2)
        self._user_edited = True
        self.textEdited.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if self._popup().isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        super().focusOutEvent(event)
        if self._user_edited:
            self.set_display_from_text()

    def set_display_from_text(self) -> None:
        """Tidy the field (", " between tags) without changing what it means."""
        tidy = ", ".join(self.tags())
        if tidy != self.text():
            self.setText(tidy)


class ClientCombo(QComboBox):
    """ "No client" or one of the caseload's active aliases (plus the one a note already links)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(tr("Linked client"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(10)
        self._active: list[tuple[str, str]] = []
        self._aliases: dict[str, str] = {}
        self.set_clients([], {})

    def set_clients(self, active: list[tuple[str, str]], aliases: dict[str, str]) -> None:
        """``active``: (client id, alias) to offer; ``aliases``: every client's alias, for a link
        to a client who has since been discharged."""
        current = self.client_id()
        self._active, self._aliases = active, aliases
        self._fill(current)

    def _fill(self, selected: str | None) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(tr("No client"), NO_CLIENT)
        for client_id, alias in self._active:
            self.addItem(alias, client_id)
        if selected and self.findData(selected) < 0 and selected in self._aliases:
            self.addItem(tr("{alias} (not active)").format(alias=self._aliases[selected]), selected)
        self.setCurrentIndex(max(0, self.findData(selected or NO_CLIENT)))
        self.blockSignals(False)

    def set_client(self, client_id: str | None) -> None:
        self._fill(client_id)

    def client_id(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None


class GuidedText(QWidget):
    """A labelled plain-text box with a line of guidance under the label."""

    edited = Signal()

    def __init__(self, label: str, guidance: str, parent: QWidget | None = None, *, lines: int = 3) -> None:
        super().__init__(parent)
        self.label = QLabel(label, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.label.font()
        font.setWeight(font.Weight.DemiBold)
        self.label.setFont(font)
        self.guidance = QLabel(guidance, self)
        self.guidance.setTextFormat(Qt.TextFormat.PlainText)
        self.guidance.setWordWrap(True)
        set_tone(self.guidance, "muted")
        self.edit = GrowingTextEdit(self, label, lines=lines)
        self.edit.setAccessibleDescription(guidance)
        self.label.setBuddy(self.edit)
        self.edit.textChanged.connect(self.edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.guidance)
        layout.addWidget(self.edit)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.edit.toPlainText():
            self.edit.setPlainText(text)
