"""`score cbi` and `score single-item` in a subprocess: CONTRACTS.md §2, no vault, no passphrase."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def write(tmp_path: Path, content: object, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_score_cbi_prints_the_contract_json_and_never_touches_the_data_dir(tmp_path, run_cli, isolated_dirs):
    answers = {
        # personal: 75 * 3 + 50 * 2 + 25 = 350 / 6; work: 3 answered -> null; client: (100 + 0 + 50) / 3
        "answers": {
            "p1": "often",
            "p2": "often",
            "p3": "often",
            "p4": "sometimes",
            "p5": "sometimes",
            "p6": "seldom",
            "w1": "high",
            "w2": "high",
            "w7": "never",
            "c1": "very_high",
            "c2": "very_low",
            "c6": "sometimes",
        }
    }
    data_dir = tmp_path / "no-such-data-dir"
    result = run_cli("--data-dir", data_dir, "score", "cbi", "--answers-file", write(tmp_path, answers))
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert list(output) == ["instrument", "scores"]
    assert output["instrument"] == "cbi"
    assert list(output["scores"]) == ["personal", "work", "client"]
    assert output["scores"]["personal"] == pytest.approx(58.33333, abs=1e-5)
    assert output["scores"]["work"] is None
    assert output["scores"]["client"] == 50.0
    assert '"work": null' in result.stdout
    assert not data_dir.exists()
    assert not (isolated_dirs["XDG_DATA_HOME"] / "therapist-desk").exists()


def test_score_cbi_needs_no_passphrase_even_with_a_terminal_free_stdin(tmp_path, run_cli):
    result = run_cli("score", "cbi", "--answers-file", write(tmp_path, {"answers": {}}), stdin="")
    assert result.returncode == 0
    assert json.loads(result.stdout)["scores"] == {"personal": None, "work": None, "client": None}


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ({"answers": {"p1": "sometimes-ish"}}, "item p1"),
        ({"answers": {"p7": "often"}}, "'p7' is not an item"),
        ({"answers": {"w1": "often"}}, "item w1"),
        ({"answers": ["p1", "often"]}, "must be an object"),
        ({"p1": "often"}, '"answers" object'),
        ([1, 2], '"answers" object'),
        ("{not json", "not valid JSON"),
        ("\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_invalid_answers_exit_6_with_one_clear_sentence(tmp_path, run_cli, content, needle):
    path = write(tmp_path, content)
    if content == "\xff\xfe garbage":
        path.write_bytes(b"\xff\xfe garbage")
    result = run_cli("score", "cbi", "--answers-file", path)
    assert result.returncode == 6
    assert result.stdout == ""
    assert needle in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_or_oversized_answers_file(tmp_path, run_cli):
    result = run_cli("score", "cbi", "--answers-file", tmp_path / "absent.json")
    assert result.returncode == 6 and "does not exist" in result.stderr
    big = tmp_path / "big.json"
    big.write_text('{"answers": {}, "pad": "' + "x" * 1_100_000 + '"}')
    result = run_cli("score", "cbi", "--answers-file", big)
    assert result.returncode == 6 and "larger than" in result.stderr


def test_usage_errors_exit_2(tmp_path, run_cli):
    assert run_cli("score", "cbi").returncode == 2
    assert run_cli("score", "mbi", "--answers-file", write(tmp_path, {"answers": {}})).returncode == 2


def test_score_single_item(tmp_path, run_cli):
    result = run_cli("score", "single-item", "--answers-file", write(tmp_path, {"answers": {"burnout": 3}}))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"instrument": "single_item", "scores": {"burnout": 3.0}}
    result = run_cli("score", "single-item", "--answers-file", write(tmp_path, {"answers": {"burnout": 6}}))
    assert result.returncode == 6 and "must be one of: 1, 2, 3, 4, 5" in result.stderr
