"""The backup file format: a zip (stored, not compressed) of the encrypted vault and its key file.

Members, and nothing else::

    vault.db          an encrypted SQLCipher copy of the database (same data key)
    vault.keys.json   the key file that unwraps that data key
    manifest.json     {"format": "therapist-desk/backup", "version": 1, "created_at", "vault_id",
                       "schema_version", "app_version", "members": {name: {"sha256", "size"}}}

The database is already encrypted, so compressing it would gain nothing; storing it also means
a member's size on disk is its real size, which makes zip bombs impossible to hide. A backup
without its key file would be useless, which is why both travel together. The manifest is
written last, so a truncated file has no central directory and is refused as a whole.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from therapist_desk.domain.errors import InvalidBackup, VaultDamaged
from therapist_desk.paths import DB_NAME, KEYS_NAME
from therapist_desk.security.keyfile import MAX_KEY_FILE_BYTES, KeyFile
from therapist_desk.storage.vault import PLAINTEXT_SQLITE_HEADER

BACKUP_FORMAT = "therapist-desk/backup"
BACKUP_VERSION = 1
BACKUP_SUFFIX = ".tdbackup"
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024
MAX_DB_BYTES = 64 * 1024**3  # far beyond any journal; a bound for a hostile central directory
MEMBER_LIMITS = {MANIFEST_NAME: MAX_MANIFEST_BYTES, DB_NAME: MAX_DB_BYTES, KEYS_NAME: MAX_KEY_FILE_BYTES}
CHUNK = 1024 * 1024
Fraction = Callable[[float], None]  # reports 0.0 … 1.0 of one phase


@dataclass(frozen=True)
class BackupMember:
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, read from its manifest (and checked, when it says so)."""

    path: Path
    created_at: datetime
    vault_id: str
    schema_version: int
    app_version: str
    members: tuple[BackupMember, ...]

    def member(self, name: str) -> BackupMember:
        return next(m for m in self.members if m.name == name)


def _invalid(path: Path, problem: str) -> InvalidBackup:
    return InvalidBackup(f"The backup {path.name} {problem}; nothing was changed.")


def write_archive(
    handle: IO[bytes], db_copy: Path, keys_bytes: bytes, manifest: dict[str, Any], report: Fraction
) -> dict[str, Any]:
    """Write the three members to ``handle``; returns the manifest with sizes and hashes."""
    members: dict[str, dict[str, Any]] = {}
    stamp = datetime.fromisoformat(manifest["created_at"]).timetuple()[:6]
    total = max(db_copy.stat().st_size, 1)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:

        def entry(name: str) -> zipfile.ZipInfo:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            info.external_attr = 0o600 << 16
            return info

        digest, size = hashlib.sha256(), 0
        with db_copy.open("rb") as source, archive.open(entry(DB_NAME), "w", force_zip64=True) as target:
            while chunk := source.read(CHUNK):
                target.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                report(size / total)
        members[DB_NAME] = {"sha256": digest.hexdigest(), "size": size}
        archive.writestr(entry(KEYS_NAME), keys_bytes)
        members[KEYS_NAME] = {"sha256": hashlib.sha256(keys_bytes).hexdigest(), "size": len(keys_bytes)}
        manifest = {**manifest, "members": members}
        archive.writestr(entry(MANIFEST_NAME), json.dumps(manifest, indent=2, sort_keys=True).encode())
    return manifest


def _parse_manifest(path: Path, data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _invalid(path, "has an unreadable manifest") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise _invalid(path, "is not a Therapist Desk backup")
    version = manifest.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _invalid(path, "has a manifest without a valid version")
    if version > BACKUP_VERSION:
        raise InvalidBackup(
            f"The backup {path.name} is format version {str(version)[:12]}, but this Therapist Desk "
            f"reads up to version {BACKUP_VERSION}. Update the app to restore it; nothing was changed."
        )
    return manifest


def _info(path: Path, manifest: dict[str, Any]) -> BackupInfo:
    try:
        created = datetime.fromisoformat(manifest["created_at"])
        members = tuple(
            BackupMember(name, str(m["sha256"]), int(m["size"]))
            for name, m in sorted(manifest["members"].items())
        )
        info = BackupInfo(
            path=path,
            created_at=created,
            vault_id=str(manifest["vault_id"]),
            schema_version=int(manifest["schema_version"]),
            app_version=str(manifest.get("app_version", "")),
            members=members,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _invalid(path, "has an incomplete manifest") from None
    if created.tzinfo is None or {m.name for m in members} != {DB_NAME, KEYS_NAME}:
        raise _invalid(path, "has an incomplete manifest")
    return info


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    names = [i.filename for i in infos]
    if len(names) != len(set(names)) or set(names) != set(MEMBER_LIMITS):
        # Also refuses "../" and absolute names: only the three known names are accepted.
        raise _invalid(path, "holds unexpected or repeated files")
    archive_size = path.stat().st_size
    for info in infos:
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1 or info.is_dir():
            raise _invalid(path, "holds a compressed, encrypted or folder entry this app never writes")
        if info.file_size > MEMBER_LIMITS[info.filename] or info.file_size > archive_size:
            raise _invalid(path, f"has an oversized {info.filename}")
        if info.compress_size != info.file_size:
            raise _invalid(path, "is damaged (member sizes disagree)")


def read_manifest(path: Path) -> BackupInfo:
    """The manifest alone (cheap: no hashing); for listing backups, not for trusting one."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(path, archive)
            return _info(path, _parse_manifest(path, archive.read(MANIFEST_NAME)))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError):
        raise _invalid(path, "is not a readable backup file (damaged or truncated)") from None


def _hash_member(archive: zipfile.ZipFile, name: str, sink: IO[bytes] | None = None) -> BackupMember:
    digest, size = hashlib.sha256(), 0
    with archive.open(name) as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if size > MEMBER_LIMITS[name]:
                break
            if sink is not None:
                sink.write(chunk)
    return BackupMember(name, digest.hexdigest(), size)


def verify_backup(path: Path, report: Fraction | None = None) -> BackupInfo:
    """Check a backup file's structure and every byte against its manifest.

    Refuses (``InvalidBackup``) a missing, truncated, damaged or foreign file, unexpected or
    oversized members, paths outside the archive, hash mismatches, a key file that does not
    parse or belongs to another vault, and a plaintext database.
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidBackup(f"The backup file {path} does not exist.")
    try:
        with zipfile.ZipFile(path) as archive:
            _check_members(path, archive)
            info = _info(path, _parse_manifest(path, archive.read(MANIFEST_NAME)))
            for name in (KEYS_NAME, DB_NAME):
                if _hash_member(archive, name) != info.member(name):
                    raise _invalid(path, f"is damaged: {name} does not match its checksum")
            if report is not None:
                report(1.0)
            try:
                key_file = KeyFile.from_bytes(archive.read(KEYS_NAME))
            except VaultDamaged:
                raise _invalid(path, "holds a damaged key file") from None
            with archive.open(DB_NAME) as db:
                head = db.read(16)
    except InvalidBackup:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError):
        raise _invalid(path, "is not a readable backup file (damaged or truncated)") from None
    if key_file.vault_id != info.vault_id:
        raise _invalid(path, "holds a key file of another vault")
    if head == PLAINTEXT_SQLITE_HEADER or len(head) < 16:
        raise _invalid(path, "does not hold an encrypted vault")
    return info


def extract_member(backup: Path, info: BackupInfo, name: str, target: Path) -> None:
    """Copy one member to ``target`` (a new file), re-checking its hash as it is written.

    The hash is checked again here because the backup file could change after it was verified.
    """
    expected = info.member(name)
    created = False
    try:
        with zipfile.ZipFile(backup) as archive:
            _check_members(backup, archive)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
            with os.fdopen(fd, "wb") as sink:
                written = _hash_member(archive, name, sink)
                sink.flush()
                os.fsync(sink.fileno())
        if written != expected:
            raise _invalid(backup, f"changed while it was read: {name} does not match its checksum")
    except BaseException as exc:
        if created:
            with contextlib.suppress(OSError):
                target.unlink()
        if isinstance(exc, zipfile.BadZipFile | zipfile.LargeZipFile | EOFError | ValueError | KeyError):
            raise _invalid(backup, "is not a readable backup file (damaged or truncated)") from None
        raise
