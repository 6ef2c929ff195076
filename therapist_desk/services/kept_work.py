"""Work a lock could not save, kept encrypted in memory until the next unlock.

Locking saves every draft first (the sections' lock hooks). When that save fails — the disk is
full, the folder went read-only — the text must neither be lost nor stay readable after the lock.
The hook hands it to ``Services.keep_unsaved`` while the vault is still open: it is encrypted
here with AES-256-GCM under a key derived (HKDF-SHA256) from the vault's data key, and only the
ciphertext outlives the lock. Nothing is written to disk (which is what just failed).

At the next unlock the section takes it back (``Services.take_kept``), puts it in front of the
user and saves it again. An unlock of another vault (the demo vault, a restored backup made
under another key) cannot decrypt it, so it waits for the vault it belongs to. Quitting the
app would lose it: the window says so and asks first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"therapist-desk kept work v1"
_NONCE_BYTES = 12


def _key(data_key: bytes | bytearray) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(bytes(data_key))


class KeptWork:
    """Named pieces of unsaved work, each sealed under the vault key it was kept with.

    One per window (it outlives every unlocked period). Payloads are JSON objects; a name holds
    at most one payload, the newest. Names start with the id of the section that kept them
    ("journal.open-note"), so the window can open that section after the unlock.
    """

    def __init__(self) -> None:
        self._sealed: dict[str, bytes] = {}
        self._vault_of: dict[str, str] = {}  # name -> the (not secret) id of the vault it was kept from

    def keep(
        self, name: str, payload: Mapping[str, Any], data_key: bytes | bytearray, *, vault_id: str = ""
    ) -> None:
        plain = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode()
        nonce = os.urandom(_NONCE_BYTES)
        self._sealed[name] = nonce + AESGCM(_key(data_key)).encrypt(nonce, plain, name.encode())
        self._vault_of[name] = vault_id

    def held_for(self, vault_id: str) -> int:
        """How many pieces were kept from the vault with this id (no key needed: for notices)."""
        return sum(1 for name in self._sealed if self._vault_of.get(name) == vault_id)

    def take(self, name: str, data_key: bytes | bytearray) -> dict[str, Any] | None:
        """The payload kept under ``name``, removed; None when there is none, or when it was
        kept under another vault's key (then it stays for that vault's next unlock)."""
        sealed = self._sealed.get(name)
        if sealed is None:
            return None
        nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            plain = AESGCM(_key(data_key)).decrypt(nonce, body, name.encode())
        except InvalidTag:
            return None
        del self._sealed[name]
        self._vault_of.pop(name, None)
        payload = json.loads(plain)
        assert isinstance(payload, dict)
        return payload

    def names(self) -> list[str]:
        return sorted(self._sealed)

    def names_for(self, data_key: bytes | bytearray) -> list[str]:
        """The names whose payload this vault key can read (nothing is removed)."""
        key = AESGCM(_key(data_key))
        readable = []
        for name, sealed in sorted(self._sealed.items()):
            try:
                key.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], name.encode())
            except InvalidTag:
                continue
            readable.append(name)
        return readable

    def __len__(self) -> int:
        return len(self._sealed)

    def discard(self) -> None:
        """Forget everything kept (the user chose to quit without it)."""
        self._sealed.clear()
        self._vault_of.clear()
