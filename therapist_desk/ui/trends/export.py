"""Export a chart (any widget) as PNG at its own size or 2×, or as SVG; written atomically.

The picture is rendered into an image whose device pixel ratio is the scale, so a 2× export is
drawn sharp at twice the pixels rather than enlarged from the 1× one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRect, QSize
from PySide6.QtGui import QImage, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from therapist_desk.storage.atomic import atomic_write_bytes


def render_png(widget: QWidget, scale: float = 1.0) -> bytes:
    """The widget as a PNG of ``widget.size() * scale`` pixels."""
    size = QSize(round(widget.width() * scale), round(widget.height() * scale))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().color(QPalette.ColorRole.Window))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # QWidget's own render (a QChartView's render() would draw its scene, not the widget).
        QWidget.render(widget, painter, QPoint(0, 0))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes; PySide wants str
    buffer.close()
    return bytes(data.data())


def render_svg(widget: QWidget, title: str, description: str) -> bytes:
    """The widget as an SVG drawing, with the chart's title and summary as its title and description."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter(generator)
    try:
        QWidget.render(widget, painter, QPoint(0, 0))
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def export_widget(
    widget: QWidget, path: Path, *, scale: float = 1.0, title: str = "", description: str = ""
) -> Path:
    """Write ``widget`` to ``path`` (SVG when it ends in .svg, else PNG); returns the path."""
    if path.suffix.lower() == ".svg":
        payload = render_svg(widget, title, description)
    else:
        payload = render_png(widget, scale)
    atomic_write_bytes(path, payload)
    return path
