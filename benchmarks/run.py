"""Therapist Desk benchmark suite: build demo data, measure, print a table, check the goals.

    .venv/bin/python benchmarks/run.py --scale 1 --years 10 --json bench-1.json
    .venv/bin/python benchmarks/run.py --scale 5 --json bench-5.json
    .venv/bin/python benchmarks/run.py --scale 1 --jrnl /path/to/jrnl     # also compare with jrnl

Everything happens in one temporary folder, deleted at the end (``--keep`` keeps it): a new
vault is made by the real ``demo`` command with the product's Argon2id profile, then each
measurement is repeated ``--repeats`` times and the median is reported (milliseconds unless
stated). See benchmarks/README.md for what each number measures and how.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports PySide6
sys.path.insert(0, str(Path(__file__).resolve().parent))

from jrnl_compare import QUERIES as JRNL_QUERIES  # noqa: E402
from jrnl_compare import find_jrnl, measure_jrnl  # noqa: E402
from measure_start import REPO, isolated_env, measure_start  # noqa: E402

PASSPHRASE = "benchmark lantern meadow cobalt"  # noqa: S105 (a throwaway vault of synthetic data)
REQUIRED_KEYS = (
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
# (key, limit, what) — the goals for 10 years at scale 1, and those stated for scale 5.
GOALS_SCALE_1 = (
    ("start_to_unlock_window_ms", 500.0, "start to unlock window"),
    ("unlock_to_dashboard_ms", 250.0, "unlock to first section"),
    ("search_ms", 10.0, "search (median keystroke)"),
    ("search_ratio", 1.5, "search / plain SQLite"),
    ("save_note_ms", 5.0, "autosave"),
    ("caseload_model_ms", 50.0, "caseload table"),
    ("chart_redraw_ms", 150.0, "chart redraw"),
)
GOALS_SCALE_5 = (
    ("chart_redraw_ms", 300.0, "chart redraw"),
    ("peak_rss_mib", 200.0, "peak memory"),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Therapist Desk benchmarks (see benchmarks/README.md).")
    parser.add_argument("--scale", type=float, default=1.0, help="demo data scale (default 1)")
    parser.add_argument("--years", type=int, default=10, help="years of demo data (default 10)")
    parser.add_argument("--repeats", type=int, default=7, help="runs per measurement; medians are reported")
    parser.add_argument("--seed", type=int, default=20251006, help="demo data seed")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--jrnl", metavar="PATH", help="jrnl executable to compare with (default: on PATH)")
    parser.add_argument("--no-jrnl", action="store_true", help="skip the jrnl comparison")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def build_vault(
    data_dir: Path, passphrase_file: Path, env: dict[str, str], args: argparse.Namespace
) -> float:
    """Run the real ``demo`` command; returns its wall time in seconds (KDF calibration included)."""
    command = [
        sys.executable, "-m", "therapist_desk", "--data-dir", str(data_dir),
        "--passphrase-file", str(passphrase_file), "demo",
        "--years", str(args.years), "--scale", str(args.scale), "--seed", str(args.seed),
    ]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=REPO, capture_output=True, text=True, timeout=1800, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"building the demo vault failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def measure_kdf(keys_path: Path, repeats: int) -> dict[str, float]:
    """Unwrapping the data key with the passphrase: the Argon2id run the product profile chose."""
    from therapist_desk.security.keyfile import KeyFile

    key_file = KeyFile.from_bytes(keys_path.read_bytes())
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        key_file.unwrap_with_passphrase(PASSPHRASE)
        samples.append(time.perf_counter_ns() - start)
    return {
        "kdf_ms": statistics.median(samples) / 1e6,
        "kdf_memory_mib": key_file.kdf.memory_kib / 1024,
        "kdf_time_cost": key_file.kdf.time_cost,
    }


def counts_and_jrnl(paths: Any, root: Path, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    from therapist_desk.security.kdf import PRODUCT_PROFILE
    from therapist_desk.services.vault_store import VaultStore

    unlocked = VaultStore(paths, PRODUCT_PROFILE).unlock(PASSPHRASE)
    try:
        vault = unlocked.vault
        tables = ("notes", "clients", "sessions", "self_care_checkins", "assessments", "time_off", "goals")
        result: dict[str, Any] = {
            "counts": {t: int(vault.scalar(f"SELECT count(*) FROM {t}")) for t in tables}
        }
        jrnl = None if args.no_jrnl else find_jrnl(args.jrnl)
        result["jrnl"] = measure_jrnl(jrnl, vault, root, env, args.repeats) if jrnl else None
        if jrnl is None:
            result["jrnl_note"] = "jrnl not compared: " + (
                "--no-jrnl" if args.no_jrnl else "no jrnl executable found (--jrnl PATH, or put it on PATH)"
            )
        return result
    finally:
        unlocked.close()


def evaluate_goals(results: dict[str, Any], scale: float) -> list[dict[str, Any]]:
    """The goals of this scale are binding; the others are printed for reference."""
    at_scale_5 = scale >= 5
    binding = GOALS_SCALE_5 if at_scale_5 else GOALS_SCALE_1
    reference = GOALS_SCALE_1 if at_scale_5 else GOALS_SCALE_5
    bound = {key for key, _, _ in binding}
    goals = []
    for (key, limit, what), is_binding in [*((g, True) for g in binding), *((g, False) for g in reference)]:
        if not is_binding and key in bound:
            continue
        value = results.get(key)
        met = value is not None and value <= limit
        goals.append(
            {"key": key, "what": what, "limit": limit, "value": value, "met": met, "binding": is_binding}
        )
    return goals


def print_report(results: dict[str, Any]) -> None:
    goals = {g["key"]: g for g in results["goals"]}
    print(f"\nTherapist Desk benchmarks: {results['years']} years at scale {results['scale']:g}, "
          f"median of {results['repeats']} runs")  # fmt: skip
    counts = results["counts"]
    print(
        "Data: "
        + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        + f"; built in {results['demo_build_s']:.1f} s"
    )
    print(f"Machine: {os.cpu_count()} CPUs, load average {results['loadavg_before'][0]:.2f} before, "
          f"{results['loadavg_after'][0]:.2f} after (this run included)")  # fmt: skip
    print(f"\n{'measure':<28}{'value':>12}  {'goal':>10}  met")
    rows = [*REQUIRED_KEYS[:2], "start_to_ready_ms", *REQUIRED_KEYS[2:5], "search_ratio", *REQUIRED_KEYS[5:]]
    rows.append("start_peak_rss_mib")
    for key in rows:
        value = results.get(key)
        unit = "×" if key == "search_ratio" else " MiB" if key.endswith("_mib") else " ms"
        goal = goals.get(key)
        limit = f"≤ {goal['limit']:g}{unit.strip() if unit != ' ms' else ' ms'}" if goal else ""
        met = "" if not goal else ("yes" if goal["met"] else "NO") + ("" if goal["binding"] else " (ref)")
        print(f"{key:<28}{value:>10.2f}{unit:<3} {limit:>10}  {met}")
    print(f"\nsearch: slowest keystroke {results['search_slowest_query']!r} {results['search_max_ms']:.2f} ms "
          f"(plain SQLite {results['sqlite_search_max_ms']:.2f} ms); first section: {results['first_section']}")  # fmt: skip
    print(f"memory: {results['rss_window_shown_mib']:.0f} MiB with the unlock window shown; "
          f"each unlock's Argon2id run adds {results['kdf_memory_mib']:.0f} MiB while it runs "
          f"(time cost {results['kdf_time_cost']})")  # fmt: skip
    print(f"chart: {results['chart_redraw_source']}")
    for page, value in results.get("chart_redraw_pages_ms", {}).items():
        print(f"  {page:<12}{value:8.1f} ms")
    jrnl = results.get("jrnl")
    if jrnl:
        ours = statistics.median(results["search_queries_ms"][q] for q in JRNL_QUERIES)
        print(
            f"\njrnl ({jrnl['jrnl_version']}, {jrnl['jrnl_entries']:,} encrypted entries, one process per command):"
        )
        print(
            f"  search   {jrnl['jrnl_search_ms']:9.1f} ms   vs {ours:.2f} ms here: {jrnl['jrnl_search_ms'] / ours:,.0f}×"
        )
        print(f"  add      {jrnl['jrnl_add_entry_ms']:9.1f} ms   vs {results['save_note_ms']:.2f} ms autosave here: "
              f"{jrnl['jrnl_add_entry_ms'] / results['save_note_ms']:,.0f}×")  # fmt: skip
    else:
        print(f"\n{results['jrnl_note']}")
    met = [g for g in results["goals"] if g["binding"]]
    print(f"\nGoals met: {sum(g['met'] for g in met)} of {len(met)}" + (
        "" if all(g["met"] for g in met) else ": missed " + ", ".join(g["what"] for g in met if not g["met"])))  # fmt: skip
    # "after" includes this run's own processes; only "before" tells of other work on the machine.
    if results["loadavg_before"][0] > 1.0:
        print(f"Note: the machine was busy before the run (load average {results['loadavg_before'][0]:.2f} "
              f"on {os.cpu_count()} CPUs); times are inflated.")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    loadavg_before = os.getloadavg()
    root = Path(tempfile.mkdtemp(prefix="therapist-desk-bench-"))
    try:
        env = isolated_env(root)
        os.environ.update({k: v for k, v in env.items() if k.startswith("XDG_")})  # settings, logs: temp
        from therapist_desk.domain.clock import SystemClock
        from therapist_desk.paths import resolve_paths

        paths = resolve_paths(root / "vault")
        passphrase_file = root / "passphrase.txt"
        passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
        passphrase_file.chmod(0o600)
        print(f"Building {args.years} years of demo data at scale {args.scale:g}…", file=sys.stderr)
        results: dict[str, Any] = {"scale": args.scale, "years": args.years, "repeats": args.repeats}
        results["demo_build_s"] = build_vault(paths.data_dir, passphrase_file, env, args)
        print("Measuring…", file=sys.stderr)
        results.update(measure_kdf(paths.keys_path, args.repeats))
        results.update(measure_start(paths.data_dir, env, args.repeats))
        from measure_app import measure_window

        results.update(measure_window(paths, PASSPHRASE, SystemClock(), args.repeats, root / "plain-copy.db"))
        results["search_ratio"] = results["search_ms"] / results["sqlite_search_ms"]
        results.update(counts_and_jrnl(paths, root, env, args))
        results["loadavg_before"] = list(loadavg_before)
        results["loadavg_after"] = list(os.getloadavg())
        results["cpus"] = os.cpu_count()
        results["goals"] = evaluate_goals(results, args.scale)
        missing = [key for key in REQUIRED_KEYS if key not in results]
        assert not missing, f"missing results: {missing}"
        print_report(results)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    finally:
        if args.keep:
            print(f"Kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
