"""`summary create` and `summary verify` in a subprocess with no display (CONTRACTS.md §2)."""

from __future__ import annotations

import json
import unicodedata

import pypdf

from tests.file_snapshot import snapshot
from tests.services.summary_helpers import ALIAS_CANARY, SECRET_CANARY, make_clock, seed


def test_create_writes_a_signed_summary_and_pdf_that_verify(
    run_cli, created, passphrase_file, store, tmp_path
):
    unlocked = created[0]
    seed(unlocked.vault, make_clock())
    unlocked.close()
    common = ["--data-dir", store.paths.data_dir, "--passphrase-file", passphrase_file]
    output, pdf = tmp_path / "feb.tdsummary", tmp_path / "feb.pdf"
    result = run_cli(
        "summary",
        "create",
        "--from",
        "2026-02-02",
        "--to",
        "2026-03-01",
        "--output",
        output,
        "--pdf",
        pdf,
        *common,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no Qt or library chatter
    fingerprint = next(
        line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.startswith("Signer fingerprint")
    )

    verified = run_cli("summary", "verify", output)
    assert verified.returncode == 0, verified.stderr
    assert f"Signer fingerprint: {fingerprint}" in verified.stdout
    assert "Signed as: Therapist Desk user" in verified.stdout

    envelope = json.loads(output.read_bytes())
    assert set(envelope["payload"]["sections"]) == {
        "self_care",
        "indicators",
        "caseload",
        "themes",
        "stalled",
    }
    data = output.read_bytes()
    assert SECRET_CANARY.encode() not in data and ALIAS_CANARY.encode() not in data
    text = " ".join(unicodedata.normalize("NFKC", p.extract_text()) for p in pypdf.PdfReader(str(pdf)).pages)
    assert "Caseload by program level" in " ".join(text.split())
    assert SECRET_CANARY not in text and ALIAS_CANARY not in text

    # One changed byte: verification fails with status 7 and a sentence, not a traceback.
    tampered = tmp_path / "tampered.tdsummary"
    tampered.write_bytes(data.replace(b'"check_in_days":26', b'"check_in_days":27'))
    result = run_cli("summary", "verify", tampered)
    assert (
        result.returncode == 7 and "failed verification" in result.stderr and "Traceback" not in result.stderr
    )


def test_display_name_option_and_refusals_change_nothing(run_cli, created, passphrase_file, store, tmp_path):
    created[0].close()
    common = ["--data-dir", store.paths.data_dir, "--passphrase-file", passphrase_file]
    output = tmp_path / "s.tdsummary"
    result = run_cli(
        "summary",
        "create",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--output",
        output,
        "--display-name",
        "Alex R.",
        *common,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(output.read_bytes())["payload"]["display_name"] == "Alex R."
    output.unlink()

    before = snapshot(store.paths.data_dir)
    cases = [
        (["--from", "2026-02-30", "--to", "2026-03-01", "--output", output], 2, "YYYY-MM-DD"),
        (["--from", "2026-03-01", "--to", "2026-02-01", "--output", output], 2, "on or after"),
        (["--from", "2026-01-01", "--to", "2026-01-31", "--output", tmp_path / "s.json"], 2, ".tdsummary"),
        (
            ["--from", "2026-01-01", "--to", "2026-01-31", "--output", tmp_path / "missing" / "s.tdsummary"],
            2,
            "does not exist",
        ),
        (
            ["--from", "2026-01-01", "--to", "2026-01-31", "--output", output, "--pdf", output],
            2,
            "two different",
        ),
    ]
    for args, status, words in cases:
        result = run_cli("summary", "create", *args, *common)
        assert result.returncode == status, (args, result.stderr)
        assert words in result.stderr and "Traceback" not in result.stderr
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    result = run_cli("summary", "create", "--from", "2026-01-01", "--to", "2026-01-31", "--output", output,
                     "--data-dir", store.paths.data_dir, "--passphrase-file", wrong)  # fmt: skip
    assert result.returncode == 3 and "passphrase" in result.stderr
    assert (
        not output.exists()
        and sorted(p.name for p in tmp_path.iterdir() if p.suffix in {".tdsummary", ".pdf"}) == []
    )
    assert snapshot(store.paths.data_dir) == before
