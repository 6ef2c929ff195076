"""One window per vault: a second launch brings the first window forward, or explains.

The first instance holds ``InstanceLock`` (the same lock the CLI takes) for its lifetime and
listens on a local socket named after the data folder. A second launch first tries that
socket ("raise" then exit 0); if nobody answers but the lock is held (a command is running,
or the first window is still starting) it explains and exits 5.
"""

from __future__ import annotations

import enum
import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from therapist_desk.domain.errors import VaultLockedByOtherInstance
from therapist_desk.paths import AppPaths
from therapist_desk.storage.instance_lock import InstanceLock, instance_key

log = logging.getLogger(__name__)
RAISE_MESSAGE = b"raise\n"
_MAX_SOCKET_PATH = 100  # sun_path holds 108 bytes on Linux


class Claim(enum.Enum):
    OWNED = "owned"  # we are the first: run the window
    RAISED_OTHER = "raised-other"  # the first window was asked to come forward: exit 0
    HELD_ELSEWHERE = "held-elsewhere"  # locked by something that does not answer: explain, exit 5


def server_name(paths: AppPaths) -> str:
    """A socket in the private runtime folder when the path fits, else a name in the temp folder."""
    name = f"therapist-desk-{instance_key(paths.data_dir)}"
    full = paths.runtime_dir / f"{name}.sock"
    return str(full) if len(str(full)) <= _MAX_SOCKET_PATH else name


class SingleInstance(QObject):
    raiseRequested = Signal()

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.name = server_name(paths)
        self.lock = InstanceLock(paths.runtime_dir, paths.data_dir)
        self.server: QLocalServer | None = None
        self.held_message = ""

    def claim(self, timeout_ms: int = 1000) -> Claim:
        if self.ask_running_to_raise(timeout_ms):
            return Claim.RAISED_OTHER
        try:
            self.lock.acquire()
        except VaultLockedByOtherInstance as exc:
            self.held_message = exc.message
            return Claim.HELD_ELSEWHERE
        self._listen()
        return Claim.OWNED

    def ask_running_to_raise(self, timeout_ms: int = 1000) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_MESSAGE)
        written = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return written

    def _listen(self) -> None:
        self.paths.runtime_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        QLocalServer.removeServer(self.name)  # we hold the lock, so any old socket is stale
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single-instance server could not listen; a second launch will explain instead")
            return
        server.newConnection.connect(self._connection)
        self.server = server

    def _connection(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            # The other launch writes at once and then leaves: read it here, briefly, rather
            # than keep per-connection state around.
            if not socket.bytesAvailable():
                socket.waitForReadyRead(500)
            data = bytes(socket.read(64).data())
            socket.abort()
            socket.deleteLater()
            if data.startswith(RAISE_MESSAGE.strip()):
                self.raiseRequested.emit()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server.deleteLater()
            self.server = None
        self.lock.release()
