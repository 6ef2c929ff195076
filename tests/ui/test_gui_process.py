"""The real entry point in a child process: `therapist-desk --data-dir DIR` opens the window,
a second launch brings it forward and exits 0, and SIGTERM closes it cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from PySide6.QtNetwork import QLocalSocket

from tests.conftest import REPO_ROOT, cli_env
from therapist_desk.ui.single_instance import server_name


def listening(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    ok = socket.waitForConnected(200)
    socket.abort()
    return ok


def test_window_process_single_instance_and_sigterm(qapp, paths, isolated_dirs):
    env = cli_env(isolated_dirs)
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, "-m", "therapist_desk", "--data-dir", str(paths.data_dir)]
    first = subprocess.Popen(command, env=env, cwd=REPO_ROOT, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not listening(server_name(paths)):
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline, "the window never started listening"
            time.sleep(0.1)

        second = subprocess.run(command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert first.poll() is None  # the first is still running

        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=30) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    stored = json.loads((paths.config_dir / "settings.json").read_text())
    assert set(stored) == {"window_geometry"}  # saved on the way out; nothing else
    assert not paths.db_path.exists()  # first run was never completed: no vault was made
