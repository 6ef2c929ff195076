"""The note editor: the prompt (if any), title, tags, client link, times, word count, and the
body as free text or as a guided form (Gibbs, bias) according to the note's kind.

Everything is plain text: ``QLineEdit``, ``QPlainTextEdit`` and labels set to ``PlainText``.
The editor only edits; the view saves (see ``autosave.py``) through ``draft()``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from therapist_desk.domain.journal import MAX_TITLE_LENGTH, NoteDraft, ReflectionNote, word_count
from therapist_desk.domain.prompts import PromptLibrary
from therapist_desk.ui.journal.common import kind_label, list_time, long_time, number, tr
from therapist_desk.ui.journal.fields import ClientCombo, TagsEdit, plain_editor
from therapist_desk.ui.journal.guided_forms import BiasForm, GibbsForm
from therapist_desk.ui.widgets import set_tone

WORD_COUNT_DELAY_MS = 250


def _plain(text: str, parent: QWidget, *, tone: str = "", wrap: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if tone:
        set_tone(label, tone)
    return label


class PromptBox(QFrame):
    """The prompt a note was started from, above the editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promptBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = _plain(tr("Prompt"), self, tone="muted")
        self.text = _plain("", self, wrap=True)
        self.text.setObjectName("promptText")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.text.font())
        font.setItalic(True)
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.text.setFont(font)
        self.themes = _plain("", self, tone="muted", wrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addWidget(self.text)
        layout.addWidget(self.themes)


class NoteEditor(QWidget):
    edited = Signal()

    def __init__(
        self, library: PromptLibrary, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self._today = today
        self.note: ReflectionNote | None = None
        self._loading = False

        self.prompt_box = PromptBox(self)
        self.title = QLineEdit(self)
        self.title.setObjectName("noteTitle")
        self.title.setPlaceholderText(tr("Title"))
        self.title.setAccessibleName(tr("Title"))
        self.title.setMaxLength(MAX_TITLE_LENGTH)
        self.title.setFrame(False)
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)

        self.tags = TagsEdit(self)
        self.client = ClientCombo(self)
        tags_label = QLabel(tr("&Tags"), self)
        tags_label.setBuddy(self.tags)
        client_label = QLabel(tr("C&lient"), self)
        client_label.setBuddy(self.client)
        details = QHBoxLayout()
        details.setSpacing(8)
        details.addWidget(tags_label)
        details.addWidget(self.tags, 1)
        details.addSpacing(8)
        details.addWidget(client_label)
        details.addWidget(self.client)

        self.meta = _plain("", self, tone="muted", wrap=True)
        self.meta.setObjectName("noteMeta")
        self.save_state = _plain("", self, tone="muted")
        self.save_state.setObjectName("saveState")
        self.save_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.meta, 1)
        meta_row.addWidget(self.save_state)

        self.body = plain_editor(self, tr("Reflection"), lines=8)
        self.body.setObjectName("noteBody")
        self.body.setPlaceholderText(tr("Write freely. Everything is saved as you type."))
        self.body.document().setDocumentMargin(8)
        self.gibbs = GibbsForm(library, self)
        self.bias = BiasForm(library, self)
        self.forms = QStackedWidget(self)
        for widget in (self.body, self.gibbs, self.bias):
            self.forms.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        layout.addWidget(self.prompt_box)
        layout.addWidget(self.title)
        layout.addLayout(details)
        layout.addLayout(meta_row)
        layout.addWidget(self.forms, 1)
        self.setTabOrder(self.title, self.tags)
        self.setTabOrder(self.tags, self.client)
        self.setTabOrder(self.client, self.body)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(WORD_COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._update_meta)
        self.title.textEdited.connect(self._changed)
        self.tags.textEdited.connect(self._changed)
        self.client.currentIndexChanged.connect(self._changed)
        self.body.textChanged.connect(self._changed)
        self.gibbs.edited.connect(self._changed)
        self.bias.edited.connect(self._changed)

    # -- loading and reading back ------------------------------------------------------------
    def load(self, note: ReflectionNote) -> None:
        """Show ``note`` (changes made by loading are not edits)."""
        self._loading = True
        try:
            self.note = note
            self.title.setText(note.title)
            self.title.setCursorPosition(0)
            self.tags.set_tags(note.tags)
            self.client.set_client(note.client_id)
            if note.kind == "gibbs":
                self.gibbs.set_value(note.gibbs)
                self.gibbs.set_body_text(note.body)
                self.forms.setCurrentWidget(self.gibbs)
                self.gibbs.verticalScrollBar().setValue(0)
            elif note.kind == "bias":
                self.bias.set_value(note.bias)
                self.bias.set_body_text(note.body)
                self.forms.setCurrentWidget(self.bias)
                self.bias.verticalScrollBar().setValue(0)
            else:
                if self.body.toPlainText() != note.body:
                    self.body.setPlainText(note.body)
                self.forms.setCurrentWidget(self.body)
            self._show_prompt(note)
        finally:
            self._loading = False
        self._update_meta()
        self.set_save_state("saved")

    def _show_prompt(self, note: ReflectionNote) -> None:
        prompt = self.library.get(note.prompt_id) if note.prompt_id else None
        self.prompt_box.setVisible(prompt is not None)
        if prompt is not None:
            self.prompt_box.text.setText(prompt.text)
            self.prompt_box.themes.setText(" · ".join(self.library.theme_label(t) for t in prompt.themes))

    def draft(self) -> NoteDraft:
        """What the editor holds now, as the service saves it."""
        note = self.note
        assert note is not None
        body = self.body.toPlainText()
        gibbs = bias = None
        if note.kind == "gibbs":
            gibbs, body = self.gibbs.value(), self.gibbs.body_text()
        elif note.kind == "bias":
            bias, body = self.bias.value(), self.bias.body_text()
        return NoteDraft(
            title=self.title.text(),
            body=body,
            tags=self.tags.tags(),
            prompt_id=note.prompt_id,
            client_id=self.client.client_id(),
            kind=note.kind,
            themes=note.themes,
            gibbs=gibbs,
            bias=bias,
        )

    def saved(self, note: ReflectionNote) -> None:
        """The service stored the editor's draft: keep its times, show "Saved"."""
        if self.note is not None and note.id == self.note.id:
            self.note = note
            self._update_meta()
            self.set_save_state("saved")

    def focus_writing(self) -> None:
        """Put the cursor where the writing starts: the body, or the form's first field."""
        kind = self.note.kind if self.note is not None else "free"
        target = {"gibbs": self.gibbs.first_field, "bias": self.bias.first_field}.get(kind)
        (target() if target else self.body).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- state -----------------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        if self._loading or self.note is None:
            return
        self.set_save_state("pending")
        self._count_timer.start()
        self.edited.emit()

    def set_save_state(self, state: str) -> None:
        texts = {"saved": tr("Saved"), "pending": tr("Saving…"), "failed": tr("Not saved")}
        self.save_state.setText(texts.get(state, ""))
        set_tone(self.save_state, "error" if state == "failed" else "muted")

    def words(self) -> int:
        if self.note is None:
            return 0
        draft = self.draft()
        return word_count("\n".join([draft.body, *draft.guided_texts().values()]))

    def _update_meta(self) -> None:
        note = self.note
        if note is None:
            self.meta.setText("")
            return
        words = self.words()
        parts = [
            kind_label(note.kind),
            tr("Created {when}").format(when=long_time(note.created_at)),
        ]
        if note.updated_at != note.created_at:
            parts.append(tr("Edited {when}").format(when=list_time(note.updated_at, self._today())))
        parts.append(tr("1 word") if words == 1 else tr("{n} words").format(n=number(words)))
        self.meta.setText(" · ".join(parts))
