"""`demo` run as a user runs it: a subprocess, no display, the product's Argon2id profile."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import PASSPHRASE
from tests.e2e.test_cli_vault import RECOVERY_CODE_LINE, clean
from tests.file_snapshot import snapshot

GENERATED_LINE = re.compile(r"^[a-z]+( [a-z]+){5}$")


@pytest.fixture
def cli(run_cli):
    return lambda *args, **kwargs: clean(run_cli(*args, **kwargs))


def test_demo_with_a_passphrase_file_fills_a_new_vault(cli, paths, passphrase_file):
    result = cli(
        "--data-dir",
        paths.data_dir,
        "demo",
        "--years",
        "1",
        "--scale",
        "0.05",
        "--passphrase-file",
        passphrase_file,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and RECOVERY_CODE_LINE.match(lines[0])  # like init: the code alone
    assert "Writing demo data: 100%" in result.stderr and "reflections" in result.stderr
    assert "Generated passphrase" not in result.stderr
    assert sorted(p.name for p in paths.data_dir.iterdir()) == ["vault.db", "vault.keys.json"]
    found = cli("--data-dir", paths.data_dir, "search", "group", "--json", stdin=PASSPHRASE + "\n")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout), "the demo's reflections are searchable"
    checked = cli("--data-dir", paths.data_dir, "check", "--passphrase-file", passphrase_file)
    assert checked.returncode == 0, checked.stderr


def test_demo_without_a_passphrase_prints_a_generated_one_that_unlocks(cli, paths):
    result = cli("--data-dir", paths.data_dir, "demo", "--years", "1", "--scale", "0.05", "--seed", "3")
    assert result.returncode == 0, result.stderr
    passphrase, code = result.stdout.splitlines()
    assert GENERATED_LINE.match(passphrase) and RECOVERY_CODE_LINE.match(code)
    assert "Generated passphrase" in result.stderr
    assert cli("--data-dir", paths.data_dir, "check", stdin=passphrase + "\n").returncode == 0
    wrong = cli("--data-dir", paths.data_dir, "check", stdin=PASSPHRASE + "\n")
    assert wrong.returncode == 3


def test_demo_reads_a_piped_passphrase(cli, paths):
    piped = "piped meadow lantern thread"
    result = cli("--data-dir", paths.data_dir, "demo", "--years", "1", "--scale", "0.05", stdin=piped + "\n")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1  # only the recovery code: nothing was generated
    assert cli("--data-dir", paths.data_dir, "check", stdin=piped + "\n").returncode == 0


def test_demo_refuses_an_existing_vault_and_changes_nothing(cli, paths, created, passphrase_file):
    created[0].close()
    before = snapshot(paths.data_dir)
    result = cli(
        "--data-dir",
        paths.data_dir,
        "demo",
        "--years",
        "1",
        "--scale",
        "0.05",
        "--passphrase-file",
        passphrase_file,
    )
    assert result.returncode == 2
    assert "already exists" in result.stderr and result.stdout == ""
    assert snapshot(paths.data_dir) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "0"], "years"),
        (["--years", "51"], "years"),
        (["--scale", "0"], "scale"),
        (["--scale", "-1"], "scale"),
        (["--scale", "nan"], "scale"),
        (["--seed", "-4"], "seed"),
    ],
)
def test_demo_refuses_bad_parameters_before_creating_anything(cli, paths, passphrase_file, args, message):
    result = cli("--data-dir", paths.data_dir, "demo", *args, "--passphrase-file", passphrase_file)
    assert result.returncode == 2 and message in result.stderr
    assert not paths.data_dir.exists()


def test_demo_refuses_a_short_passphrase_and_creates_nothing(cli, paths, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("short\n")
    result = cli(
        "--data-dir", paths.data_dir, "demo", "--years", "1", "--scale", "0.05", "--passphrase-file", short
    )
    assert result.returncode == 2 and "too short" in result.stderr
    assert not (paths.data_dir / "vault.db").exists() and not (paths.data_dir / "vault.keys.json").exists()
