"""The benchmark suite runs (at a tiny scale, once) and reports every promised number.

This is the only benchmark run in the test suite: it proves benchmarks/run.py works, not that
the goals are met (that needs the real scale and a quiet machine; see benchmarks/README.md).
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

from tests.conftest import REPO_ROOT, cli_env

KEYS = (
    "kdf_ms",
    "start_to_unlock_window_ms",
    "unlock_to_dashboard_ms",
    "search_ms",
    "sqlite_search_ms",
    "save_note_ms",
    "caseload_model_ms",
    "chart_redraw_ms",
    "peak_rss_mib",
)


def test_benchmark_runs_at_a_tiny_scale_and_writes_every_key(tmp_path, isolated_dirs):
    report = tmp_path / "bench.json"
    command = [sys.executable, str(REPO_ROOT / "benchmarks" / "run.py"), "--years", "1", "--scale", "0.02"]
    command += ["--repeats", "1", "--no-jrnl", "--json", str(report)]
    done = subprocess.run(
        command, env=cli_env(isolated_dirs), cwd=tmp_path, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(report.read_text())
    for key in KEYS:
        value = results[key]
        assert isinstance(value, int | float) and math.isfinite(value) and value > 0, key
    # The window is on screen first; the Vault menu's data actions and the rest follow it.
    assert results["start_to_ready_ms"] >= results["start_to_unlock_window_ms"]
    assert results["counts"]["notes"] == 10 and results["counts"]["clients"] == 1
    assert {g["key"] for g in results["goals"]} >= {"search_ms", "search_ratio", "chart_redraw_ms"}
    assert "Goals met:" in done.stdout and "start_to_unlock_window_ms" in done.stdout
    assert results["jrnl"] is None and "jrnl not compared" in done.stdout
    # Its temporary folder (vault, plain copy) is gone.
    assert not list(isolated_dirs["TMPDIR"].glob("therapist-desk-bench-*"))
