"""The same searches and an added entry through jrnl (https://jrnl.sh), on the same notes, encrypted.

Used only when a ``jrnl`` executable is found (``--jrnl PATH``, ``$THERAPIST_DESK_BENCH_JRNL``, or
on PATH); the benchmark never installs it. jrnl is a command-line journal: every search or
added entry is a new process that decrypts the whole journal (and an added entry encrypts and
writes it again), so its times include Python's start; that is how it is used. The journal
holds the demo's synthetic notes only, in the benchmark's temporary folder (briefly in plain
text before ``jrnl --encrypt``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from therapist_desk.storage.vault import Vault

PASSWORD = "benchmark jrnl password"  # noqa: S105 (a throwaway journal of synthetic notes)
# Finished words and prefixes that the journal's search measured too (see measure_app.TYPED).
QUERIES = ("crav", "craving", "boundar", "supervision", "relapse")
CONFIG = """colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
    encrypt: false
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
"""


def find_jrnl(explicit: str | None) -> str | None:
    candidate = explicit or os.environ.get("THERAPIST_DESK_BENCH_JRNL") or shutil.which("jrnl")
    return candidate if candidate and Path(candidate).exists() else None


def _run(jrnl: str, args: list[str], env: dict[str, str], stdin: str) -> int:
    """Run jrnl once; returns nanoseconds. No controlling terminal (start_new_session), so its
    password prompt reads the piped standard input instead of waiting on a terminal."""
    start = time.perf_counter_ns()
    done = subprocess.run(
        [jrnl, *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        start_new_session=True,
        check=False,
    )
    elapsed = time.perf_counter_ns() - start
    if done.returncode != 0:
        raise RuntimeError(f"jrnl {args[:1]} failed (exit {done.returncode}): {done.stderr[-300:]}")
    return elapsed


def _write_journal(vault: Vault, path: Path) -> int:
    rows = vault.query(
        "SELECT created_at, title, body, fields_text FROM notes WHERE deleted_at IS NULL ORDER BY created_utc"
    )
    with path.open("w", encoding="utf-8") as out:
        for created_at, title, body, fields in rows:
            title = title.strip() or "Reflection"
            if title[-1] not in ".?!":
                title += "."
            text = "\n\n".join(part for part in (body, fields) if part.strip())
            out.write(f"[{created_at[:10]} {created_at[11:16]}] {title}\n{text}\n\n")
    return len(rows)


def measure_jrnl(jrnl: str, vault: Vault, root: Path, env: dict[str, str], repeats: int) -> dict[str, Any]:
    home = root / "jrnl"
    (home / "config" / "jrnl").mkdir(parents=True)
    journal = home / "journal.txt"
    (home / "config" / "jrnl" / "jrnl.yaml").write_text(CONFIG.format(journal=journal), encoding="utf-8")
    env = dict(env, XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))
    entries = _write_journal(vault, journal)
    # New password twice, then "no" to storing it in a keychain.
    _run(jrnl, ["--encrypt"], env, f"{PASSWORD}\n{PASSWORD}\nn\n")
    assert not journal.read_bytes().startswith(b"["), "the jrnl journal must be encrypted"
    version = subprocess.run([jrnl, "--version"], capture_output=True, text=True, env=env, check=False)
    search = {
        q: statistics.median(
            _run(jrnl, ["-contains", q, "-n", "50"], env, PASSWORD + "\n") for _ in range(repeats)
        )
        / 1e6
        for q in QUERIES
    }
    added = [
        _run(
            jrnl,
            [f"Benchmark entry {i}. A short reflection after group about cravings."],
            env,
            PASSWORD + "\n",
        )
        for i in range(repeats)
    ]
    return {
        "jrnl_version": version.stdout.split("\n")[0].strip(),
        "jrnl_entries": entries,
        "jrnl_search_ms": statistics.median(search.values()),
        "jrnl_search_queries_ms": search,
        "jrnl_add_entry_ms": statistics.median(added) / 1e6,
    }
