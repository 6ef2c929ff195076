from __future__ import annotations

import json
import unicodedata

import pytest

from therapist_desk.domain.errors import VaultDamaged, WrongPassphrase, WrongRecoveryCode
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.security.keyfile import KeyFile, create_key_file, new_data_key
from therapist_desk.security.recovery import (
    decode_recovery_code,
    encode_recovery_code,
    new_recovery_secret,
)


def test_passphrase_and_recovery_code_both_unwrap_the_data_key():
    key = new_data_key()
    kf, code = create_key_file(key, "first passphrase", TEST_PROFILE)
    again = KeyFile.from_bytes(kf.to_bytes())
    assert again.unwrap_with_passphrase("first passphrase") == key
    assert again.unwrap_with_recovery_code(code) == key
    assert again.unwrap_with_recovery_code(code.lower().replace("-", " ")) == key


def test_wrong_passphrase_and_code_are_told_apart_from_damage():
    kf, code = create_key_file(new_data_key(), "first passphrase", TEST_PROFILE)
    with pytest.raises(WrongPassphrase):
        kf.unwrap_with_passphrase("first passphrasE")
    other_code = encode_recovery_code(new_recovery_secret())
    with pytest.raises(WrongRecoveryCode):
        kf.unwrap_with_recovery_code(other_code)
    with pytest.raises(WrongRecoveryCode, match="form"):
        kf.unwrap_with_recovery_code("not-a-code")


def test_passphrase_is_nfc_normalised():
    composed = unicodedata.normalize("NFC", "café señora")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    key = new_data_key()
    kf, _ = create_key_file(key, composed, TEST_PROFILE)
    assert kf.unwrap_with_passphrase(decomposed) == key


def test_new_passphrase_keeps_recovery_code_and_drops_old_passphrase():
    key = new_data_key()
    kf, code = create_key_file(key, "old passphrase", TEST_PROFILE)
    kf2 = KeyFile.from_bytes(kf.with_new_passphrase(key, "new passphrase", TEST_PROFILE).to_bytes())
    assert kf2.unwrap_with_passphrase("new passphrase") == key
    assert kf2.unwrap_with_recovery_code(code) == key
    assert kf2.kdf.salt != kf.kdf.salt
    with pytest.raises(WrongPassphrase):
        kf2.unwrap_with_passphrase("old passphrase")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(vault_id="someone else"),
        lambda d: d["kdf"].update(time_cost=d["kdf"]["time_cost"] + 1),
        lambda d: d["wraps"]["passphrase"].update(nonce="00" * 12),
        lambda d: d.pop("wraps"),
        lambda d: d.update(checksum="sha256:" + "0" * 64),
    ],
)
def test_an_altered_key_file_reads_as_damaged(mutate):
    kf, _ = create_key_file(new_data_key(), "passphrase one", TEST_PROFILE)
    doc = json.loads(kf.to_bytes())
    mutate(doc)
    with pytest.raises(VaultDamaged):
        KeyFile.from_bytes(json.dumps(doc).encode())


@pytest.mark.parametrize("data", [b"", b"{", b"[]", b"\xff\xfe", b"null", b"{}" + b" " * 70_000])
def test_garbage_key_files_read_as_damaged(data):
    with pytest.raises(VaultDamaged):
        KeyFile.from_bytes(data)


def test_recovery_code_shape_matches_the_contract():
    code = encode_recovery_code(new_recovery_secret())
    groups = code.split("-")
    assert len(groups) >= 4 and all(len(g) >= 4 for g in groups)
    assert code == code.upper()
    assert set(code.replace("-", "")) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    assert len(code.replace("-", "")) * 5 >= 100
    secret = new_recovery_secret()
    assert decode_recovery_code(encode_recovery_code(secret)) == secret
