"""The vault key file: the random data key wrapped under the passphrase and the recovery code.

Layout (``vault.keys.json``, format version 1)::

    {"format": "therapist-desk/keys", "version": 1, "vault_id": ..., "created_at": ...,
     "kdf": {argon2id parameters and salt},
     "wraps": {"passphrase": {...}, "recovery": {...}},
     "checksum": "sha256:<hex>"}

Each wrap is AES-256-GCM with the header (format, version, vault_id, kdf) and the wrap's
name as associated data, so a wrap cannot be moved to another vault or swapped. The
checksum covers everything else: accidental damage or a hand edit reads as "damaged",
while a GCM tag failure on an intact file means the passphrase (or code) is wrong.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from therapist_desk.domain.errors import VaultDamaged, WrongPassphrase, WrongRecoveryCode
from therapist_desk.security.kdf import (
    KEY_BYTES,
    KdfParams,
    KdfProfile,
    derive_passphrase_key,
)
from therapist_desk.security.recovery import (
    decode_recovery_code,
    derive_recovery_key,
    encode_recovery_code,
    new_recovery_secret,
)

FORMAT = "therapist-desk/keys"
VERSION = 1
MAX_KEY_FILE_BYTES = 64 * 1024
_DAMAGED = (
    "The key file vault.keys.json is damaged or was edited, so the vault cannot be opened. "
    "Restore it from a backup; nothing has been changed."
)


def _canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


@dataclass(frozen=True)
class Wrap:
    nonce: bytes
    ciphertext: bytes
    salt: bytes = b""  # HKDF salt for the recovery wrap

    def to_json(self) -> dict[str, str]:
        data = {"cipher": "aes-256-gcm", "nonce": self.nonce.hex(), "ciphertext": self.ciphertext.hex()}
        if self.salt:
            data["salt"] = self.salt.hex()
        return data


@dataclass(frozen=True)
class KeyFile:
    vault_id: str
    created_at: str
    kdf: KdfParams
    passphrase_wrap: Wrap
    recovery_wrap: Wrap

    # -- serialisation -------------------------------------------------
    def _header(self) -> dict[str, object]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "created_at": self.created_at,
            "kdf": self.kdf.to_json(),
        }

    def _aad(self, wrap_name: str) -> bytes:
        # The passphrase wrap is bound to its KDF parameters; the recovery wrap only to the
        # vault, so that a passphrase change leaves the recovery code working.
        bound: dict[str, object] = {"format": FORMAT, "version": VERSION, "vault_id": self.vault_id}
        if wrap_name == "passphrase":
            bound["kdf"] = self.kdf.to_json()
        return _canonical({"bound": bound, "wrap": wrap_name})

    def to_bytes(self) -> bytes:
        body = self._header()
        body["wraps"] = {
            "passphrase": self.passphrase_wrap.to_json(),
            "recovery": self.recovery_wrap.to_json(),
        }
        body["checksum"] = "sha256:" + hashlib.sha256(_canonical(body)).hexdigest()
        return json.dumps(body, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> KeyFile:
        if len(data) > MAX_KEY_FILE_BYTES:
            raise VaultDamaged(_DAMAGED)
        try:
            body = json.loads(data.decode("utf-8"))
            if not isinstance(body, dict) or body.get("format") != FORMAT:
                raise VaultDamaged(_DAMAGED)
            if body.get("version") != VERSION:
                raise VaultDamaged(
                    "The key file was written by a newer version of Therapist Desk; "
                    "update the app to open this vault."
                )
            checksum = body.pop("checksum")
            if checksum != "sha256:" + hashlib.sha256(_canonical(body)).hexdigest():
                raise VaultDamaged(_DAMAGED)
            kdf = body["kdf"]
            if kdf.get("algorithm") != "argon2id":
                raise VaultDamaged(_DAMAGED)
            params = KdfParams(
                time_cost=int(kdf["time_cost"]),
                memory_kib=int(kdf["memory_kib"]),
                parallelism=int(kdf["parallelism"]),
                salt=bytes.fromhex(kdf["salt"]),
            )
            wraps = body["wraps"]

            def wrap(name: str) -> Wrap:
                w = wraps[name]
                return Wrap(
                    bytes.fromhex(w["nonce"]),
                    bytes.fromhex(w["ciphertext"]),
                    bytes.fromhex(w.get("salt", "")),
                )

            return cls(
                vault_id=str(body["vault_id"]),
                created_at=str(body["created_at"]),
                kdf=params,
                passphrase_wrap=wrap("passphrase"),
                recovery_wrap=wrap("recovery"),
            )
        except VaultDamaged:
            raise
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
            raise VaultDamaged(_DAMAGED) from None

    # -- unwrapping ------------------------------------------------------
    def unwrap_with_passphrase(self, passphrase: str) -> bytearray:
        kek = derive_passphrase_key(passphrase, self.kdf)
        try:
            key = AESGCM(kek).decrypt(
                self.passphrase_wrap.nonce, self.passphrase_wrap.ciphertext, self._aad("passphrase")
            )
        except InvalidTag:
            raise WrongPassphrase("That passphrase does not unlock this vault.") from None
        return bytearray(key)

    def unwrap_with_recovery_code(self, code: str) -> bytearray:
        secret = decode_recovery_code(code)
        kek = derive_recovery_key(secret, self.recovery_wrap.salt)
        try:
            key = AESGCM(kek).decrypt(
                self.recovery_wrap.nonce, self.recovery_wrap.ciphertext, self._aad("recovery")
            )
        except InvalidTag:
            raise WrongRecoveryCode("That recovery code does not unlock this vault.") from None
        return bytearray(key)

    # -- re-wrapping -----------------------------------------------------
    def with_new_passphrase(
        self, data_key: bytes | bytearray, passphrase: str, profile: KdfProfile
    ) -> KeyFile:
        """The same data key and recovery code under a new passphrase (fresh salt)."""
        updated = replace(self, kdf=profile.choose())
        wrap = _wrap(derive_passphrase_key(passphrase, updated.kdf), data_key, updated._aad("passphrase"))
        return replace(updated, passphrase_wrap=wrap)


def create_key_file(
    data_key: bytes | bytearray,
    passphrase: str,
    profile: KdfProfile,
    vault_id: str | None = None,
) -> tuple[KeyFile, str]:
    """A new key file wrapping ``data_key``, and the recovery code to show once."""
    secret = new_recovery_secret()
    recovery_salt = os.urandom(16)
    shell = KeyFile(
        vault_id=vault_id or str(uuid.uuid4()),
        created_at=now_iso(),
        kdf=profile.choose(),
        passphrase_wrap=Wrap(b"", b""),
        recovery_wrap=Wrap(b"", b""),
    )
    pw = _wrap(derive_passphrase_key(passphrase, shell.kdf), data_key, shell._aad("passphrase"))
    rc = _wrap(derive_recovery_key(secret, recovery_salt), data_key, shell._aad("recovery"))
    rc = replace(rc, salt=recovery_salt)
    return replace(shell, passphrase_wrap=pw, recovery_wrap=rc), encode_recovery_code(secret)


def _wrap(kek: bytes, data_key: bytes | bytearray, aad: bytes) -> Wrap:
    nonce = os.urandom(12)
    return Wrap(nonce, AESGCM(kek).encrypt(nonce, bytes(data_key), aad))


def new_data_key() -> bytearray:
    return bytearray(os.urandom(KEY_BYTES))


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
