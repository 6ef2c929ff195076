from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from therapist_desk.domain.errors import SummaryVerificationFailed
from therapist_desk.security.summary_signing import (
    MAX_SUMMARY_BYTES,
    fingerprint,
    new_signing_key,
    public_key_of,
    sign_summary,
    verify_summary_bytes,
    verify_summary_file,
)

PAYLOAD = {
    "display_name": "J. Counsellor",
    "period": {"from": "2026-10-01", "to": "2026-10-31"},
    "sections": {"questions": {"formative": ["How do I hold structure with Client K7?"]}},
    "numbers": [1, 2.5, None, True],
}


@pytest.fixture(scope="module")
def key() -> bytes:
    return new_signing_key()


def test_round_trip_gives_payload_and_fingerprint(key):
    data = sign_summary(PAYLOAD, key)
    verified = verify_summary_bytes(data)
    assert verified.payload == PAYLOAD
    assert verified.public_key == public_key_of(key)
    assert verified.fingerprint == fingerprint(public_key_of(key))
    assert len(verified.fingerprint.replace(" ", "")) == 32


def test_every_single_byte_change_is_detected(key):
    data = sign_summary({"a": "short"}, key)
    for i in range(len(data)):
        changed = bytearray(data)
        changed[i] ^= 0x01
        with pytest.raises(SummaryVerificationFailed):
            verify_summary_bytes(bytes(changed))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d[:-1],  # trailing newline removed
        lambda d: d + b"\n",  # byte added
        lambda d: d[: len(d) // 2],  # truncated
        lambda d: b" " + d,  # whitespace that does not change the meaning
        lambda d: d.replace(b'":', b'": ', 1),
        lambda d: b"",
    ],
)
def test_added_removed_or_reformatted_bytes_fail(key, mutate):
    with pytest.raises(SummaryVerificationFailed):
        verify_summary_bytes(mutate(sign_summary(PAYLOAD, key)))


def _envelope(key):
    return json.loads(sign_summary(PAYLOAD, key))


def _reserialise(envelope) -> bytes:
    return json.dumps(envelope, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def test_content_edit_with_a_valid_layout_fails_the_signature(key):
    envelope = _envelope(key)
    envelope["payload"]["display_name"] = "Someone else"
    with pytest.raises(SummaryVerificationFailed, match="signature"):
        verify_summary_bytes(_reserialise(envelope))


def test_re_signed_with_another_key_keeps_verifying_but_shows_another_fingerprint(key):
    other = sign_summary(PAYLOAD, new_signing_key())
    assert verify_summary_bytes(other).fingerprint != fingerprint(public_key_of(key))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda e: e.pop("signature"),
        lambda e: e["signature"].update(value="00" * 64),
        lambda e: e["signature"].update(algorithm="rsa"),
        lambda e: e["signature"].update(public_key="zz"),
        lambda e: e["signature"].update(fingerprint="0000 0000"),
        lambda e: e.update(version=2),
        lambda e: e.update(format="something/else"),
        lambda e: e.update(extra=1),
        lambda e: e.update(payload=[1, 2]),
    ],
)
def test_unsigned_malformed_or_unknown_versions_fail(key, mutate):
    envelope = _envelope(key)
    mutate(envelope)
    with pytest.raises(SummaryVerificationFailed):
        verify_summary_bytes(_reserialise(envelope))


def test_duplicate_keys_fail(key):
    data = sign_summary(PAYLOAD, key)
    duplicated = data.replace(b'{"format":', b'{"format":"x","format":', 1)
    with pytest.raises(SummaryVerificationFailed, match="duplicated"):
        verify_summary_bytes(duplicated)


def test_deep_nesting_and_huge_files_fail_without_parsing(key, tmp_path):
    with pytest.raises(SummaryVerificationFailed):
        verify_summary_bytes(b"[" * 200_000 + b"]" * 200_000)
    deep = {"x": 1}
    for _ in range(60):
        deep = {"x": deep}
    with pytest.raises(SummaryVerificationFailed, match="nested"):
        verify_summary_bytes(sign_summary(deep, key))
    big = tmp_path / "big.tdsummary"
    with big.open("wb") as handle:
        handle.truncate(MAX_SUMMARY_BYTES + 1)
    with pytest.raises(SummaryVerificationFailed, match="10 MB"):
        verify_summary_file(big)


def test_missing_file_and_folder_are_clear(tmp_path):
    with pytest.raises(SummaryVerificationFailed, match="no summary file"):
        verify_summary_file(tmp_path / "nope.tdsummary")
    with pytest.raises(SummaryVerificationFailed, match="folder"):
        verify_summary_file(tmp_path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**9), 10**9) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=10), json_values, max_size=5))
def test_any_json_payload_round_trips(payload):
    key = new_signing_key()
    assert verify_summary_bytes(sign_summary(payload, key)).payload == payload
