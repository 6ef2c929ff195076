"""Logging to the platform log folder with no user content, and a content-free excepthook.

Records carry the event and the code location. Exception messages are dropped from the
log (they may quote a value), and so are log-call arguments: only the type and the frames
of a traceback are written.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_NAME = "therapist-desk.log"


class ContentFreeFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # Never interpolate arguments: they are where content would leak in.
        safe = logging.LogRecord(
            record.name,
            record.levelno,
            record.pathname,
            record.lineno,
            record.msg if not record.args else f"{record.msg} [arguments withheld]",
            None,
            None,
            record.funcName,
        )
        safe.created = record.created
        safe.msecs = record.msecs
        text = super().format(safe)
        if record.exc_info and record.exc_info[0] is not None:
            text += "\n" + describe_exception(*record.exc_info)
        return text


def describe_exception(exc_type: type[BaseException] | None, _exc: object, tb: TracebackType | None) -> str:
    name = exc_type.__name__ if exc_type else "Exception"
    frames = traceback.extract_tb(tb)
    lines = [f"  at {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return f"{name} (message withheld)\n" + "\n".join(lines)


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send all logging to a rotating file in ``log_dir``; nothing to the console."""
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.setLevel(level)
    try:
        log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = log_dir / LOG_NAME
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(ContentFreeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    """Log uncaught exceptions without content; optionally tell the user calmly."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logging.getLogger("therapist_desk.crash").error(
            "uncaught exception\n" + describe_exception(exc_type, exc, tb)
        )
        if show is not None:
            show(exc_type.__name__)

    sys.excepthook = hook
