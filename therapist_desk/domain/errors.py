"""Specific errors the product raises, each with the exit status the CLI promises.

Messages are one calm sentence with a next step. They never contain note text,
passphrases, keys or anything else the user typed.
"""

from __future__ import annotations


class TherapistDeskError(Exception):
    """Base class: an expected failure with a human message."""

    exit_status = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(TherapistDeskError):
    exit_status = 2


class VaultAlreadyExists(UsageError):
    """A vault (or part of one) is already in the target folder."""


class TargetNotEmpty(UsageError):
    """A restore target folder already holds files."""


class WrongPassphrase(TherapistDeskError):
    exit_status = 3


class WrongRecoveryCode(TherapistDeskError):
    exit_status = 3


class VaultMissing(TherapistDeskError):
    exit_status = 4


class VaultDamaged(TherapistDeskError):
    exit_status = 4


class NotAVault(VaultDamaged):
    """The file is readable but is not a Therapist Desk vault (e.g. plaintext SQLite)."""


class UnsupportedSchema(VaultDamaged):
    """The vault was written by a newer version of the app."""


class VaultLockedByOtherInstance(TherapistDeskError):
    exit_status = 5


class InvalidInput(TherapistDeskError):
    """An input file (import, answers, backup) is not valid. Nothing was changed."""

    exit_status = 6


class InvalidImport(InvalidInput):
    pass


class InvalidAnswers(InvalidInput):
    pass


class InvalidBackup(InvalidInput):
    pass


class SummaryVerificationFailed(TherapistDeskError):
    exit_status = 7


class StorageWriteFailed(TherapistDeskError):
    """A write failed (disk full, read-only folder). Nothing committed was lost."""

    exit_status = 1


class VaultLocked(TherapistDeskError):
    """An operation needed an unlocked vault."""

    exit_status = 1


class InvalidEntry(TherapistDeskError):
    """A value given to a service (a form field) is not valid; nothing was saved."""

    exit_status = 2


class AliasInUse(InvalidEntry):
    """Another client already has this alias (compared without regard to case)."""


class RecordNotFound(TherapistDeskError):
    """The record asked for does not exist (it may have been deleted meanwhile)."""

    exit_status = 1
