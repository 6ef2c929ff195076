from __future__ import annotations

from datetime import UTC, datetime

import pytest

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import SummaryVerificationFailed, UsageError
from therapist_desk.security.summary_signing import new_signing_key, sign_summary
from therapist_desk.services.supervision import (
    ActionItem,
    PinStatus,
    SignerKeyChanged,
    SupervisionService,
)


@pytest.fixture
def service(unlocked):
    return SupervisionService(unlocked.vault, FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC)))


def summary(key: bytes, name: str = "Alex Rivera", start: str = "2026-10-01") -> bytes:
    return sign_summary({"display_name": name, "period": {"from": start, "to": "2026-10-31"}}, key)


def test_first_summary_pins_the_key_and_later_ones_are_known(service):
    key = new_signing_key()
    first = service.inspect(summary(key))
    assert first.status is PinStatus.NEW_SIGNER and first.suggested_name == "Alex Rivera"
    filed = service.file_summary(summary(key), "Alex R.")
    assert filed.period_from == "2026-10-01" and not filed.key_changed
    later = service.inspect(summary(key, start="2026-11-01"))
    assert later.status is PinStatus.KNOWN and later.suggested_name == "Alex R."
    service.file_summary(summary(key, start="2026-11-01"), "Alex R.")
    assert [s.period_from for s in service.received()] == ["2026-11-01", "2026-10-01"]


def test_a_new_key_under_a_pinned_name_is_loud_and_not_filed_silently(service):
    service.file_summary(summary(new_signing_key()), "Alex Rivera")
    impostor = summary(new_signing_key())
    inspection = service.inspect(impostor)
    assert inspection.status is PinStatus.KEY_CHANGED
    with pytest.raises(SignerKeyChanged, match="different key"):
        service.file_summary(impostor, "Alex Rivera")
    assert len(service.received()) == 1
    accepted = service.file_summary(impostor, "Alex Rivera", accept_key_change=True)
    assert accepted.key_changed
    assert service.inspect(impostor).status is PinStatus.KNOWN


def test_a_pinned_key_cannot_be_filed_under_another_name(service):
    key = new_signing_key()
    service.file_summary(summary(key), "Alex Rivera")
    with pytest.raises(UsageError, match="already pinned"):
        service.file_summary(summary(key), "Someone Else")


def test_tampered_files_are_never_filed(service):
    data = bytearray(summary(new_signing_key()))
    data[30] ^= 1
    with pytest.raises(SummaryVerificationFailed):
        service.inspect(bytes(data))
    with pytest.raises(SummaryVerificationFailed):
        service.file_summary(bytes(data), "Alex")
    assert service.received() == []


def test_stored_summaries_reopen_verified_and_carry_supervision_notes(service):
    filed = service.file_summary(summary(new_signing_key()), "Alex")
    assert service.open_received(filed.id).payload["display_name"] == "Alex Rivera"
    note = service.save_note(
        met_on="2026-11-03",
        summary_id=filed.id,
        duration_minutes=60,
        decisions="Refer the stalled case to team consultation",
        actions=(ActionItem("Book consultation", "2026-11-10"),),
        learning_goals="Motivational interviewing refresher",
    )
    assert service.notes(summary_id=filed.id) == [note]
    updated = service.save_note(met_on="2026-11-04", summary_id=filed.id, note_id=note.id, format="group")
    assert updated.format == "group" and updated.met_on == "2026-11-04"
    service.delete_received(filed.id)
    assert service.notes() == []  # notes go with their summary
    with pytest.raises(UsageError):
        service.save_note(met_on="2026-11-03", duration_minutes=0)


def test_the_vault_signing_key_is_created_once(service):
    assert service.signing_key() == service.signing_key()
    assert len(service.my_fingerprint().split()) == 8
