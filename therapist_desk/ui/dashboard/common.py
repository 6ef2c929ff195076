"""Building blocks of the dashboard: cards, clickable rows, elided lines, locale formatting.

Every text that may come from the user (client aliases) is drawn as plain text: rows paint
their text themselves or through ``Qt.PlainText`` labels, never through rich text, and no
user text goes into a button (where "&" would turn into a keyboard mnemonic).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

# One palette of cards and chips, and one way of writing dates and numbers, across the app:
# the Self-care section's.
from therapist_desk.ui.selfcare.common import Chip, number, surface_role
from therapist_desk.ui.selfcare.common import long_date as long_date
from therapist_desk.ui.selfcare.common import medium_date as medium_date
from therapist_desk.ui.selfcare.common import to_qdate as to_qdate
from therapist_desk.ui.widgets import set_tone

CONTEXT = "Dashboard"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


# -- numbers in words ---------------------------------------------------------------------
def signed(value: float) -> str:
    if abs(value) < 0.05:
        return tr("no change")
    return ("+" if value > 0 else "−") + number(abs(value))


def percent(share: float) -> str:
    return tr("{n} %").format(n=number(share * 100, 0))


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as typed: Qt would read "<b>…" in a tooltip as rich text."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


# -- labels ------------------------------------------------------------------------------------
def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def muted(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    label = plain_label(text, parent, name=name)
    # On a card (Base background) a label draws with the Text role; the tone sets WindowText.
    label.setForegroundRole(QPalette.ColorRole.WindowText)
    set_tone(label, "muted")
    return label


def big_number(parent: QWidget | None = None, *, name: str = "", scale: float = 2.0) -> QLabel:
    label = plain_label("", parent, name=name)
    label.setWordWrap(False)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


def heading(text: str, parent: QWidget | None = None, *, scale: float = 1.15) -> QLabel:
    label = big_number(parent, scale=scale)
    label.setText(text)
    label.setWordWrap(True)
    return label


class ElidedLabel(QWidget):
    """One line of plain text, cut with "…" when narrow; the whole text is in the tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, tone: str = "") -> None:
        super().__init__(parent)
        self._text = ""
        self._tone = tone
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._text = " ".join(text.split())  # one line, whatever the source held
        self.setToolTip(plain_tooltip(self._text))
        self.setAccessibleName(self._text)
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(120, self.fontMetrics().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        if self._tone == "muted":
            colour.setAlphaF(0.72)
        painter.setPen(colour)
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class LinkRow(QFrame):
    """A focusable, clickable row (a title and a one-line explanation), like a link.

    Enter or Space activates it as a click does; the focus and hover are drawn with the
    palette's highlight so it reads in light and dark.
    """

    clicked = Signal()

    def __init__(self, title: str, detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardRow")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.title = ElidedLabel(title, self)
        font = QFont(self.title.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.detail = ElidedLabel(detail, self, tone="muted")
        self.detail.setVisible(bool(detail))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        self.setToolTip(plain_tooltip("\n".join(t for t in (title, detail) if t)))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        if self.hasFocus() or self.underMouse():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            highlight = self.palette().color(QPalette.ColorRole.Highlight)
            fill = highlight.lighter(100)
            fill.setAlphaF(0.16)
            painter.setBrush(fill)
            highlight.setAlphaF(0.9 if self.hasFocus() else 0.0)
            painter.setPen(highlight)
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 6, 6)
            painter.end()  # before the frame paints with its own painter
        super().paintEvent(event)


class DashboardCard(QFrame):
    """A framed card with a heading, a body and one main action (a button with a shortcut).

    A click anywhere on the card that is not a row or a button triggers the main action too.
    """

    def __init__(
        self,
        heading_text: str,
        name: str,
        action_text: str,
        shortcut: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(surface_role())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(heading_text)
        self.heading = heading(heading_text, self)
        self.heading.setObjectName(f"{name}-heading")
        self.badge = Chip("", "quiet", self)
        self.badge.setVisible(False)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)

        self.action = QAction(action_text, self)
        self.action.setObjectName(f"{name}-action")
        self.action.setShortcut(QKeySequence(shortcut))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # only while the view is shown
        self.addAction(self.action)
        self.button = QPushButton(action_text, self)
        self.button.setObjectName(f"{name}-button")
        self.button.setAutoDefault(True)  # Enter on the focused button presses it
        self.button.clicked.connect(self.action.trigger)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._describe_action()
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addStretch(1)
        footer.addWidget(self.button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(self.body)
        layout.addStretch(1)
        layout.addLayout(footer)

    def _describe_action(self) -> None:
        text = self.action.text().replace("&", "")
        keys = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setAccessibleName(text)
        self.button.setToolTip(f"{text} ({keys})")
        self.action.setToolTip(f"{text} ({keys})")

    def set_action_text(self, text: str, *, prominent: bool = False) -> None:
        self.action.setText(text)
        self.button.setText(text)
        self.button.setDefault(prominent)
        self.button.setProperty("prominent", prominent)
        self._colour_button()
        self._describe_action()

    def _colour_button(self) -> None:
        # The one thing to do next (e.g. today's check-in) is drawn in the accent colour; the
        # palette's own highlight pair keeps it readable in light and dark.
        app = QApplication.instance()
        base = app.palette() if isinstance(app, QApplication) else self.palette()
        palette = QPalette(base)
        if self.button.property("prominent"):
            palette.setColor(QPalette.ColorRole.Button, base.color(QPalette.ColorRole.Highlight))
            palette.setColor(QPalette.ColorRole.ButtonText, base.color(QPalette.ColorRole.HighlightedText))
        self.button.setPalette(palette)

    def focus_chain(self) -> list[QWidget]:
        """What Tab visits in this card, in reading order: its rows, then its button."""
        return [*getattr(self, "rows", []), self.button]

    def on_action(self, slot: Callable[[], object]) -> None:
        self.action.triggered.connect(lambda _checked=False: slot())

    def set_badge(self, text: str, tone: str = "quiet") -> None:
        self.badge.setText(text)
        self.badge.set_tone(tone)
        self.badge.setVisible(bool(text))

    def restyle(self) -> None:
        self.setBackgroundRole(surface_role())
        self._colour_button()
        self.badge.restyle()
        for chip in self.findChildren(Chip):
            chip.restyle()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.action.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)


Link = tuple[str, str, str, Callable[[], object]]  # title, detail, object name, what a click opens


class LinkListCard(DashboardCard):
    """A card whose body is a short list of ``LinkRow`` links with a summary line under it."""

    def add_link_list(self, summary_name: str) -> None:
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(2)
        self.body.addLayout(self.rows_box)
        self.summary = muted("", self, name=summary_name)
        self.body.addWidget(self.summary)
        self.rows: list[LinkRow] = []

    def show_links(self, links: Iterable[Link]) -> None:
        """Rebuild the rows from (title, detail, object name, what a click opens)."""
        clear_layout(self.rows_box)
        self.rows = []
        for title, detail, name, open_it in links:
            row = LinkRow(title, detail, self)
            row.setObjectName(name)
            row.clicked.connect(open_it)
            self.rows_box.addWidget(row)
            self.rows.append(row)


def clear_layout(layout: QVBoxLayout) -> None:
    """Remove and delete every widget of ``layout`` (rows are rebuilt on each refresh)."""
    while (item := layout.takeAt(0)) is not None:
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
