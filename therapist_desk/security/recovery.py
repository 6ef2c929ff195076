"""Recovery codes: 120 random bits shown once as Crockford base32 groups."""

from __future__ import annotations

import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from therapist_desk.domain.errors import WrongRecoveryCode

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_BYTES = 15  # 120 bits -> 24 characters -> 6 groups of 4
GROUP = 4
_DECODE = {ch: i for i, ch in enumerate(ALPHABET)}
# Crockford's forgiving reading of look-alike characters.
_DECODE.update({"O": 0, "I": 1, "L": 1})


def new_recovery_secret() -> bytes:
    return os.urandom(CODE_BYTES)


def encode_recovery_code(secret: bytes) -> str:
    number = int.from_bytes(secret, "big")
    chars = []
    for _ in range(len(secret) * 8 // 5):
        chars.append(ALPHABET[number & 31])
        number >>= 5
    text = "".join(reversed(chars))
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def decode_recovery_code(code: str) -> bytes:
    cleaned = "".join(ch for ch in code.upper() if ch not in "- \t\n")
    if len(cleaned) != CODE_BYTES * 8 // 5 or any(ch not in _DECODE for ch in cleaned):
        raise WrongRecoveryCode(
            "That recovery code is not in the right form: it has 24 letters and digits "
            "in 6 groups, like ABCD-EFGH-…"
        )
    number = 0
    for ch in cleaned:
        number = (number << 5) | _DECODE[ch]
    return number.to_bytes(CODE_BYTES, "big")


def derive_recovery_key(secret: bytes, vault_salt: bytes) -> bytes:
    """The code already has 120 random bits, so HKDF (not a slow KDF) is enough."""
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=vault_salt,
        info=b"therapist-desk recovery key v1",
    ).derive(secret)
