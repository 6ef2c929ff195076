"""Cold start: a new ``python -m therapist_desk --data-dir D`` process until the unlock window
has painted, offscreen. The app prints the moment through ``ui/bench_hook.py`` (system-wide
CLOCK_MONOTONIC), so the time counts from just before the process is started to that paint,
including Python's start, every import, building the window and its first frame. The app also
reports when the parts it attaches after that frame (``app.attach_features``: the Vault menu's
data actions, the check-in reminder, the demo hooks) are in place: ``start_to_ready_ms``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from therapist_desk.ui.bench_hook import BENCH_EXIT_ON_SHOWN_ENV

REPO = Path(__file__).resolve().parent.parent


def measure_start(data_dir: Path, env: dict[str, str], repeats: int) -> dict[str, float]:
    child_env = dict(env, QT_QPA_PLATFORM="offscreen", **{BENCH_EXIT_ON_SHOWN_ENV: "1"})
    command = [sys.executable, "-m", "therapist_desk", "--data-dir", str(data_dir)]
    samples, ready, peaks = [], [], []
    for _ in range(repeats + 1):  # the first run warms the file cache and is dropped
        with tempfile.TemporaryFile() as errors:
            start = time.monotonic_ns()
            child = subprocess.Popen(command, env=child_env, cwd=REPO, stdout=subprocess.PIPE, stderr=errors)
            assert child.stdout is not None
            output = child.stdout.read().decode()
            # wait4 gives this child's own peak memory (RUSAGE_CHILDREN would mix in the build).
            _pid, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            moments = dict(line.split()[:2] for line in output.splitlines() if line.startswith("bench-"))
            if child.returncode != 0 or not {"bench-shown", "bench-ready"} <= moments.keys():
                errors.seek(0)
                tail = errors.read().decode(errors="replace")[-500:]
                raise RuntimeError(f"the window did not report being shown (exit {child.returncode}): {tail}")
        samples.append(int(moments["bench-shown"]) - start)
        ready.append(int(moments["bench-ready"]) - start)
        peaks.append(usage.ru_maxrss / 1024)
    return {
        "start_to_unlock_window_ms": statistics.median(samples[1:]) / 1e6,
        "start_to_ready_ms": statistics.median(ready[1:]) / 1e6,
        "start_peak_rss_mib": max(peaks),
    }


def isolated_env(root: Path) -> dict[str, str]:
    """Environment for child processes: every platform folder inside the benchmark's temp dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "QT_", "DISPLAY", "WAYLAND"))}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        folder = root / var.lower()
        folder.mkdir(mode=0o700, exist_ok=True)
        env[var] = str(folder)
    return env
