"""Guard against PySide6 6.12.0 on Python 3.11, which crashes ("none_dealloc") after many
void-returning calls: pyproject.toml excludes that version; this proves the installed one is fine."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QLabel, QWidget
app = QApplication([])
widget = QWidget()
label = QLabel(widget)
for i in range(25_000):
    widget.setEnabled(i % 2 == 0)   # void-returning: each returns None to Python
    label.setText("x")
print("ok")
"""


def test_many_void_returning_calls_do_not_crash():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok")
