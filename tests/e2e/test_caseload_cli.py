"""Clients and sessions through the headless ``import`` / ``export`` commands (CONTRACTS.md §2, §3)."""

from __future__ import annotations

import json

from tests.file_snapshot import snapshot


def write_json(path, sections):
    path.write_text(
        json.dumps({"format": "therapist-desk/export", "version": 1, **sections}), encoding="utf-8"
    )
    return path


def test_import_export_and_refusal_of_an_unknown_alias(run_cli, store, created, passphrase_file, tmp_path):
    created[0].close()
    data_dir = store.paths.data_dir
    common = ["--data-dir", data_dir, "--passphrase-file", passphrase_file]
    good = write_json(
        tmp_path / "good.json",
        {
            "clients": [{"id": "c1", "alias": "River", "program_level": "php", "started_on": "2025-01-06"}],
            "sessions": [
                {"id": "s1", "client_alias": "river", "date": "2025-01-07", "minutes": 50, "intensity": 4}
            ],
        },
    )
    result = run_cli("import", good, *common)
    assert result.returncode == 0, result.stderr

    bad = write_json(
        tmp_path / "bad.json",
        {
            "clients": [{"id": "c2", "alias": "Brook", "program_level": "iop"}],
            "sessions": [
                {"client_alias": "Brook", "date": "2025-01-08", "minutes": 50},
                {"client_alias": "Maria Gonzalez", "date": "2025-01-08", "minutes": 50},
            ],
        },
    )
    before = snapshot(data_dir)
    result = run_cli("import", bad, *common)
    assert result.returncode == 6
    assert "sessions[1].client_alias" in result.stderr and "Maria" not in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before

    out = tmp_path / "out.json"
    result = run_cli("export", "--output", out, *common)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [c["alias"] for c in document["clients"]] == ["River"]
    assert [(s["id"], s["client_alias"], s["intensity"]) for s in document["sessions"]] == [
        ("s1", "River", 4)
    ]
