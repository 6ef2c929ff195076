"""Signed supervisor summaries (``.tdsummary``): canonical JSON + Ed25519.

A summary file is exactly the canonical serialisation of its envelope followed by one
newline::

    {"format":"therapist-desk/summary","payload":{...},"signature":{"algorithm":"ed25519",
     "fingerprint":"…","public_key":"<hex>","value":"<hex>"},"version":1}

The signature covers the canonical bytes of ``{format, version, payload, public_key}``.
Verification re-serialises the parsed envelope and requires the file to be byte-for-byte that
serialisation, so any changed, added or removed byte fails, even whitespace that would not
change the meaning. Size (10 MB) is checked before parsing; duplicate keys, deep nesting and
unknown versions are refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from therapist_desk.domain.errors import SummaryVerificationFailed

FORMAT = "therapist-desk/summary"
VERSION = 1
MAX_SUMMARY_BYTES = 10 * 1000 * 1000
MAX_DEPTH = 32
FILE_SUFFIX = ".tdsummary"


def canonical_bytes(value: Any) -> bytes:
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def fingerprint(public_key: bytes) -> str:
    """A short, readable fingerprint: 128 bits of SHA-256 in eight groups of four."""
    digest = hashlib.sha256(public_key).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def new_signing_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(private_key)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


@dataclass(frozen=True)
class VerifiedSummary:
    payload: dict[str, Any]
    public_key: bytes
    fingerprint: str


def _signed_part(payload: dict[str, Any], public_key_hex: str) -> bytes:
    return canonical_bytes(
        {"format": FORMAT, "version": VERSION, "payload": payload, "public_key": public_key_hex}
    )


def sign_summary(payload: dict[str, Any], private_key: bytes) -> bytes:
    """The complete ``.tdsummary`` file bytes for ``payload``."""
    key = Ed25519PrivateKey.from_private_bytes(private_key)
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    signature = key.sign(_signed_part(payload, public.hex()))
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        "payload": payload,
        "signature": {
            "algorithm": "ed25519",
            "public_key": public.hex(),
            "fingerprint": fingerprint(public),
            "value": signature.hex(),
        },
    }
    return canonical_bytes(envelope) + b"\n"


def _fail(reason: str) -> SummaryVerificationFailed:
    return SummaryVerificationFailed(
        f"This summary failed verification: {reason} Do not rely on its contents."
    )


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise _fail("it contains a duplicated field.")
    return dict(pairs)


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def verify_summary_bytes(data: bytes) -> VerifiedSummary:
    if len(data) > MAX_SUMMARY_BYTES:
        raise _fail("the file is larger than 10 MB.")
    if not data:
        raise _fail("the file is empty.")
    try:
        envelope = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except SummaryVerificationFailed:
        raise
    except (UnicodeDecodeError, ValueError):
        raise _fail("it is not a complete summary file (damaged or truncated).") from None
    except RecursionError:
        raise _fail("it is nested too deeply.") from None
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise _fail("it is not a Therapist Desk summary.")
    if envelope.get("version") != VERSION:
        # Never echo the file's own value: it is untrusted and may be long or look like markup.
        version = envelope.get("version")
        shown = (
            f" {version}"
            if isinstance(version, int) and not isinstance(version, bool) and 0 <= version < 10**6
            else ""
        )
        raise _fail(f"it uses a format version{shown} this app does not know.")
    if set(envelope) != {"format", "version", "payload", "signature"}:
        raise _fail("it has missing or unexpected parts.")
    if not _depth_ok(envelope):
        raise _fail("it is nested too deeply.")
    payload, signature = envelope["payload"], envelope["signature"]
    if not isinstance(payload, dict):
        raise _fail("its content is not in the expected form.")
    if not isinstance(signature, dict) or signature.get("algorithm") != "ed25519":
        raise _fail("it is unsigned or signed with an unknown method.")
    try:
        public = bytes.fromhex(signature["public_key"])
        value = bytes.fromhex(signature["value"])
        key = Ed25519PublicKey.from_public_bytes(public)
    except (KeyError, TypeError, ValueError):
        raise _fail("its signature is missing or malformed.") from None
    if set(signature) != {"algorithm", "public_key", "fingerprint", "value"}:
        raise _fail("its signature has unexpected parts.")
    if signature["fingerprint"] != fingerprint(public):
        raise _fail("the fingerprint does not match the signing key.")
    try:
        key.verify(value, _signed_part(payload, signature["public_key"]))
    except InvalidSignature:
        raise _fail("the signature does not match the content (it was changed after signing).") from None
    if canonical_bytes(envelope) + b"\n" != data:
        raise _fail("the file was changed after signing (bytes added, removed or reformatted).")
    return VerifiedSummary(payload=payload, public_key=public, fingerprint=fingerprint(public))


def verify_summary_file(path: Path) -> VerifiedSummary:
    return verify_summary_bytes(read_summary_bytes(path))


def read_summary_bytes(path: Path) -> bytes:
    """The bytes of a summary file, refusing one over 10 MB before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SUMMARY_BYTES:
            raise _fail("the file is larger than 10 MB.")
        with path.open("rb") as handle:
            data = handle.read(MAX_SUMMARY_BYTES + 1)
    except FileNotFoundError:
        raise SummaryVerificationFailed(f"There is no summary file at {path}.") from None
    except IsADirectoryError:
        raise SummaryVerificationFailed(f"{path} is a folder, not a summary file.") from None
    except OSError as exc:
        raise SummaryVerificationFailed(f"The summary file could not be read ({exc.strerror}).") from None
    if len(data) > MAX_SUMMARY_BYTES:  # it grew between stat() and read()
        raise _fail("the file is larger than 10 MB.")
    return data
