"""SelfCareService on real SQLCipher vaults: check-ins, time off, assessments, reminder."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSPHRASE, assert_no_canary
from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.errors import InvalidAnswers, InvalidEntry, RecordNotFound
from therapist_desk.domain.selfcare import CheckInValues
from therapist_desk.services.selfcare import ReminderSettings, SelfCareService
from therapist_desk.services.vault_store import VaultStore
from therapist_desk.storage.vault import IntegrityError

D = date.fromisoformat
TZ = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 10, 20, 0, tzinfo=TZ))


@pytest.fixture
def service(unlocked, clock) -> SelfCareService:
    return SelfCareService(unlocked.vault, clock)


# -- daily check-ins -----------------------------------------------------------------------
def test_save_and_read_a_check_in(service):
    values = CheckInValues(
        energy=6,
        mood=7,
        exhaustion=4,
        sleep_hours=7.5,
        exercise_minutes=30,
        peer_support=True,
        supervision=False,
        breaks=3,
        boundaries_kept=True,
        note="ok day",
    )
    saved = service.save_check_in(D("2026-03-10"), values)
    assert saved.values == values and saved.day == D("2026-03-10")
    assert saved.created_at.utcoffset() == timedelta(hours=1)
    assert service.check_in(D("2026-03-10")) == saved
    assert service.check_in(D("2026-03-09")) is None


def test_one_check_in_per_day_editing_a_past_day_keeps_its_identity(service, clock):
    first = service.save_check_in(D("2026-03-01"), CheckInValues(exhaustion=8))
    clock.advance(3600)
    edited = service.save_check_in(D("2026-03-01"), CheckInValues(exhaustion=5, note="looked back"))
    assert edited.id == first.id and edited.created_at == first.created_at
    assert edited.updated_at > first.updated_at
    assert edited.values.exhaustion == 5 and edited.values.energy is None
    assert [c.day for c in service.list_check_ins()] == [D("2026-03-01")]


def test_empty_fields_stay_empty_not_zero(service):
    saved = service.save_check_in(D("2026-03-10"), CheckInValues())
    assert saved.values == CheckInValues()
    assert saved.values.peer_support is None and saved.values.note == ""


def test_future_check_in_refused(service):
    with pytest.raises(InvalidEntry, match="not a future one"):
        service.save_check_in(D("2026-03-11"), CheckInValues(mood=5))


@pytest.mark.parametrize(
    ("values", "label"),
    [
        (CheckInValues(energy=11), "Energy"),
        (CheckInValues(mood=-1), "Mood"),
        (CheckInValues(exhaustion=5.5), "exhaustion"),  # type: ignore[arg-type]
        (CheckInValues(sleep_hours=25), "Sleep"),
        (CheckInValues(sleep_hours=float("nan")), "Sleep"),
        (CheckInValues(exercise_minutes=2000), "Exercise"),
        (CheckInValues(peer_support=1), "Peer support"),  # type: ignore[arg-type]
        (CheckInValues(breaks=True), "Breaks"),  # type: ignore[arg-type]
        (CheckInValues(note="x" * 1001), "One line"),
    ],
)
def test_out_of_range_values_refused_and_nothing_saved(service, values, label):
    with pytest.raises(InvalidEntry, match=label):
        service.save_check_in(D("2026-03-10"), values)
    assert service.list_check_ins() == []


def test_schema_refuses_bad_rows_even_without_the_service(unlocked):
    with pytest.raises(IntegrityError):
        unlocked.vault.execute(
            "INSERT INTO self_care_checkins (id, day, energy, created_at, updated_at) VALUES ('x', '2026-3-1', 1, '', '')"
        )
    with pytest.raises(IntegrityError):
        unlocked.vault.execute(
            "INSERT INTO self_care_checkins (id, day, energy, created_at, updated_at) VALUES ('x', '2026-03-01', 11, '', '')"
        )


def test_list_and_delete_check_ins_with_range(service):
    for d in ("2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"):
        service.save_check_in(D(d), CheckInValues(mood=5))
    assert [c.day for c in service.list_check_ins(D("2026-02-28"), D("2026-03-01"))] == [
        D("2026-02-28"),
        D("2026-03-01"),
    ]
    assert service.delete_check_in(D("2026-02-28")) is True
    assert service.delete_check_in(D("2026-02-28")) is False
    assert len(service.list_check_ins()) == 3


def test_check_in_saved_just_after_midnight_on_a_dst_night_belongs_to_the_local_day(unlocked):
    # Europe/Berlin springs forward on 2026-03-29 at 02:00
    clock = FakeClock(datetime(2026, 3, 29, 3, 30, tzinfo=TZ))
    service = SelfCareService(unlocked.vault, clock)
    saved = service.save_check_in(clock.today(), CheckInValues(sleep_hours=6))
    assert saved.day == D("2026-03-29") and saved.created_at.utcoffset() == timedelta(hours=2)


# -- time off ---------------------------------------------------------------------------------
def test_time_off_status_counts_calendar_days(service):
    assert service.time_off_status().days_since_last_day_off is None
    service.add_time_off("day_off", D("2026-03-01"), D("2026-03-01"))
    service.add_time_off("vacation", D("2026-03-20"), D("2026-03-27"))
    status = service.time_off_status()
    assert status.last_day_off == D("2026-03-01") and status.days_since_last_day_off == 9
    assert status.next_day_off == D("2026-03-20") and status.days_to_next_day_off == 10
    assert status.off_today is False


def test_default_status_and_cancelled_periods(service):
    past = service.add_time_off("day_off", D("2026-03-05"), D("2026-03-05"))
    future = service.add_time_off("vacation", D("2026-04-01"), D("2026-04-05"))
    assert past.status == "taken" and future.status == "planned"
    service.update_time_off(type(past)(past.id, "day_off", "cancelled", past.start_on, past.end_on))
    assert service.time_off_status().last_day_off is None
    assert service.days_off(D("2026-03-01"), D("2026-04-02")) == [D("2026-04-01"), D("2026-04-02")]


def test_vacation_covering_today(service):
    service.add_time_off("vacation", D("2026-03-08"), D("2026-03-14"), status="taken")
    status = service.time_off_status()
    assert status.off_today and status.days_since_last_day_off == 0 and status.last_day_off == D("2026-03-10")


def test_time_off_across_the_leap_day(unlocked):
    service = SelfCareService(unlocked.vault, FakeClock(datetime(2028, 3, 14, 9, 0, tzinfo=TZ)))
    service.add_time_off("vacation", D("2028-02-27"), D("2028-03-01"))
    assert service.days_off(D("2028-02-01"), D("2028-03-31")) == [
        D("2028-02-27"),
        D("2028-02-28"),
        D("2028-02-29"),
        D("2028-03-01"),
    ]
    assert service.time_off_status().days_since_last_day_off == 13


@pytest.mark.parametrize(
    ("kind", "status", "start", "end", "match"),
    [
        ("holiday", None, "2026-03-01", "2026-03-01", "must be one of"),
        ("day_off", "maybe", "2026-03-01", "2026-03-01", "status"),
        ("vacation", None, "2026-03-05", "2026-03-01", "end on or after"),
        ("vacation", None, "2026-01-01", "2027-06-01", "at most a year"),
    ],
)
def test_invalid_time_off_refused(service, kind, status, start, end, match):
    with pytest.raises(InvalidEntry, match=match):
        service.add_time_off(kind, D(start), D(end), status=status)
    assert service.list_time_off() == []


def test_update_and_delete_time_off(service):
    entry = service.add_time_off("day_off", D("2026-03-02"), D("2026-03-02"), note="garden")
    moved = service.update_time_off(
        type(entry)(entry.id, "day_off", "taken", D("2026-03-03"), D("2026-03-03"))
    )
    assert service.list_time_off() == [moved]
    assert service.list_time_off(D("2026-03-04"), D("2026-03-09")) == []
    assert service.delete_time_off(entry.id) and not service.delete_time_off(entry.id)
    with pytest.raises(RecordNotFound):
        service.update_time_off(moved)


# -- assessments ------------------------------------------------------------------------------
def test_save_assessment_scores_from_answers(service, unlocked):
    saved = service.save_assessment("cbi", D("2026-03-10"), {"p1": "often", "p2": "often", "p3": "sometimes"})
    assert saved.scores == {"personal": pytest.approx(66.666667), "work": None, "client": None}
    stored = unlocked.vault.scalar("SELECT scores FROM assessments WHERE id = ?", (saved.id,))
    assert '"work": null' in stored
    assert service.assessment(saved.id) == saved


def test_assessment_scores_are_recomputed_on_read(service, unlocked):
    saved = service.save_assessment("single_item", D("2026-03-10"), {"burnout": 2})
    unlocked.vault.execute("UPDATE assessments SET scores = '{\"burnout\": 5}' WHERE id = ?", (saved.id,))
    assert service.assessment(saved.id).scores == {"burnout": 2.0}
    assert service.assessment(saved.id).answers == {"burnout": "2"}


def test_invalid_assessments_refused_and_not_saved(service):
    with pytest.raises(InvalidAnswers, match="item p1"):
        service.save_assessment("cbi", D("2026-03-10"), {"p1": "sometimes-ish"})
    with pytest.raises(InvalidAnswers, match="not an instrument"):
        service.save_assessment("proqol", D("2026-03-10"), {})
    with pytest.raises(InvalidEntry, match="future"):
        service.save_assessment("single_item", D("2026-03-11"), {"burnout": 1})
    assert service.list_assessments() == []


def test_latest_change_since_previous(service, clock):
    assert service.latest_change("cbi") is None
    first = {"w1": "high", "w2": "high", "w3": "high", "w4": "often", "c1": "low", "c2": "low", "c3": "low"}
    service.save_assessment("cbi", D("2026-02-01"), first)
    change = service.latest_change("cbi")
    assert change.previous is None and change.change == {"personal": None, "work": None, "client": None}
    second = {
        "w1": "very_high",
        "w2": "high",
        "w3": "high",
        "w4": "often",  # (100 + 75 * 3) / 4 = 81.25
        "c1": "low",
        "c2": "low",
    }  # client now unscored
    service.save_assessment("cbi", D("2026-03-01"), second)
    change = service.latest_change("cbi")
    assert change.latest.taken_on == D("2026-03-01") and change.previous.taken_on == D("2026-02-01")
    assert change.change == {"personal": None, "work": 6.25, "client": None}


def test_latest_change_orders_by_date_taken_not_by_entry(service):
    service.save_assessment("single_item", D("2026-03-08"), {"burnout": 4})
    service.save_assessment("single_item", D("2026-03-01"), {"burnout": 2})  # entered late
    change = service.latest_change("single_item")
    assert change.latest.taken_on == D("2026-03-08") and change.change == {"burnout": 2.0}
    assert [a.taken_on for a in service.list_assessments("single_item")] == [D("2026-03-01"), D("2026-03-08")]


def test_instruments_due_by_cadence(service):
    due = {d.instrument_id: d for d in service.instruments_due()}
    assert due["cbi"].overdue and due["cbi"].last_taken_on is None
    service.save_assessment("cbi", D("2026-02-10"), {})
    service.save_assessment("single_item", D("2026-03-05"), {"burnout": 1})
    due = {d.instrument_id: d for d in service.instruments_due()}
    assert due["cbi"].due_on == D("2026-03-12") and not due["cbi"].overdue
    assert due["single_item"].due_on == D("2026-03-12")


# -- reminder, activity, privacy -----------------------------------------------------------------
def test_reminder_settings_round_trip_quiet_by_default(service, unlocked):
    assert service.reminder() == ReminderSettings(enabled=False, at=time(18, 0), sound=False)
    service.set_reminder(ReminderSettings(enabled=True, at=time(21, 15)))
    assert service.reminder() == ReminderSettings(True, time(21, 15), False)
    unlocked.vault.execute(
        "UPDATE preferences SET value = '{\"at\": \"25:99\"}' WHERE key = 'selfcare.reminder'"
    )
    assert service.reminder() == ReminderSettings()


def test_first_activity(service, clock):
    assert service.first_activity() is None
    service.add_time_off("vacation", D("2024-07-01"), D("2024-07-14"))  # logged today, about 2024
    assert service.first_activity() == D("2026-03-10")
    service.save_check_in(D("2026-03-02"), CheckInValues())
    assert service.first_activity() == D("2026-03-02")


def test_check_in_text_never_reaches_disk_in_plaintext(store: VaultStore, paths, isolated_dirs, clock):
    canary = "canary-selfcare-5e1f"
    unlocked, _ = store.create(PASSPHRASE)
    service = SelfCareService(unlocked.vault, clock)
    service.save_check_in(D("2026-03-10"), CheckInValues(note=canary))
    service.add_time_off("day_off", D("2026-03-09"), D("2026-03-09"), note=canary)
    unlocked.vault.checkpoint()
    unlocked.close()
    assert_no_canary(canary, paths.data_dir, *isolated_dirs.values())
    reopened = store.unlock(PASSPHRASE)
    try:
        assert SelfCareService(reopened.vault, clock).check_in(D("2026-03-10")).values.note == canary
    finally:
        reopened.close()
