"""Clients on a real vault: adding, identifier warnings, levels and statuses, rename, the table."""

from __future__ import annotations

import pytest

from tests.services.caseload_helpers import (
    D,
    berlin_clock,
    counts,
    draft,
    export_document,
    service,
    set_today,
)
from therapist_desk.domain.caseload import CaseloadFlag, ProgramLevelChange, StatusChange
from therapist_desk.domain.errors import AliasInUse, InvalidEntry, RecordNotFound
from therapist_desk.domain.identifiers import IdentifierKind
from therapist_desk.storage import migrations


@pytest.fixture
def clock():
    return berlin_clock("2025-03-19")


@pytest.fixture
def svc(unlocked, clock):
    return service(unlocked, clock)


def test_schema_version_two_has_the_tables(unlocked):
    assert migrations.schema_version(unlocked.vault) >= 2
    names = {r[0] for r in unlocked.vault.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "clients",
        "client_level_history",
        "client_status_history",
        "goals",
        "goal_progress",
        "sessions",
    } <= names
    columns = [r[1] for r in unlocked.vault.query("PRAGMA table_info(clients)")]
    assert columns[:2] == ["id", "alias"]


def test_add_client_starts_the_history(svc):
    saved = svc.add_client("River", "php", started_on=D("2025-01-06"))
    assert saved.findings == ()
    page = svc.client_page(saved.client.id)
    assert page.client.alias == "River" and page.client.status == "active"
    assert page.level_history == (ProgramLevelChange("php", D("2025-01-06")),)
    assert page.status_history == (StatusChange("active", D("2025-01-06")),)


def test_start_date_defaults_to_today(svc):
    assert svc.add_client("K7", "iop").client.started_on == D("2025-03-19")


def test_alias_that_looks_like_a_name_warns_but_is_saved(svc):
    saved = svc.add_client("Maria Gonzalez", "iop")
    assert [f.kind for f in saved.findings] == [IdentifierKind.FULL_NAME]
    assert svc.client(saved.client.id).alias == "Maria Gonzalez"  # warn, never block
    assert svc.client_page(saved.client.id).alias_findings == saved.findings


def test_check_alias_while_typing(svc):
    svc.add_client("River", "iop")
    check = svc.check_alias(" river ")
    assert check.alias == "river" and not check.available and check.findings == () and check.problem
    assert svc.check_alias("River", exclude_client_id=svc.client_id_for_alias("river")).available
    phone = svc.check_alias("555-201-7788")
    assert phone.available and phone.problem is None and phone.findings[0].kind == IdentifierKind.PHONE
    empty = svc.check_alias("   ")
    assert not empty.available and "empty" in empty.problem


@pytest.mark.parametrize(
    ("alias", "level", "status"), [("", "php", "active"), ("A", "day", "active"), ("A", "php", "gone")]
)
def test_add_client_refuses_bad_values(svc, alias, level, status):
    with pytest.raises(InvalidEntry):
        svc.add_client(alias, level, status=status)
    assert svc.caseload() == []


@pytest.mark.parametrize("other", ["River", "river", "RIVER", "  River  "])
def test_aliases_are_unique_without_regard_to_case(svc, other):
    svc.add_client("River", "php")
    with pytest.raises(AliasInUse) as info:
        svc.add_client(other, "iop")
    assert "River" not in str(info.value)
    assert len(svc.caseload()) == 1


def test_unicode_aliases_are_compared_by_casefold(svc):
    svc.add_client("Élan", "php")
    with pytest.raises(AliasInUse):
        svc.add_client("élan", "php")


def test_step_down_keeps_dated_history(svc):
    client = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    svc.change_program_level(client.id, "iop", D("2025-02-10"))
    record = svc.change_program_level(client.id, "outpatient", D("2025-03-17"))
    assert record.program_level == "outpatient"
    assert [c.program_level for c in svc.client_page(client.id).level_history] == ["php", "iop", "outpatient"]
    # A correction on the same day replaces that day's entry instead of adding one.
    svc.change_program_level(client.id, "iop", D("2025-03-17"))
    assert [c.program_level for c in svc.client_page(client.id).level_history] == ["php", "iop", "iop"]
    # Removing a mistaken entry brings the previous level back as the current one.
    assert svc.remove_program_level_change(client.id, D("2025-03-17")).program_level == "iop"
    assert svc.remove_program_level_change(client.id, D("2025-02-10")).program_level == "php"
    with pytest.raises(InvalidEntry):
        svc.remove_program_level_change(client.id, D("2025-01-06"))


def test_backdated_entry_does_not_override_a_later_one(svc):
    client = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    svc.change_program_level(client.id, "iop", D("2025-03-01"))
    assert svc.change_program_level(client.id, "inpatient", D("2025-02-01")).program_level == "iop"


def test_discharged_clients_stay_in_the_caseload(svc):
    client = svc.add_client("River", "iop", started_on=D("2025-01-06")).client
    svc.set_status(client.id, "discharged")
    rows = svc.caseload()
    assert [(r.alias, r.status, r.is_active) for r in rows] == [("River", "discharged", False)]
    assert svc.client_page(client.id).status_history[-1] == StatusChange("discharged", D("2025-03-19"))


def test_rename_updates_every_link_in_one_update(svc, unlocked):
    river = svc.add_client("River", "php").client
    other = svc.add_client("K7", "iop").client
    for day in ("2025-03-10", "2025-03-12", "2025-03-17"):
        svc.log_session(draft(river.id, day))
    connection = unlocked.vault.connection
    before = connection.total_changes
    saved = svc.rename_client(river.id, "Lake")
    assert connection.total_changes - before == 1  # one row of one table: links hold the id
    assert saved.client.id == river.id and saved.client.alias == "Lake"
    assert {s.alias for s in svc.sessions_for_client(river.id)} == {"Lake"}
    assert {s["client_alias"] for s in export_document(unlocked.vault)["sessions"]} == {"Lake"}
    assert svc.client_id_for_alias("lake") == river.id and svc.client_id_for_alias("River") is None
    assert svc.client(other.id).alias == "K7"


def test_rename_refuses_a_duplicate_and_changes_nothing(svc, unlocked):
    river = svc.add_client("River", "php").client
    svc.add_client("Lake", "iop")
    svc.log_session(draft(river.id, "2025-03-10"))
    before = counts(unlocked.vault)
    with pytest.raises(AliasInUse):
        svc.rename_client(river.id, "LAKE")
    assert svc.client(river.id).alias == "River"
    assert counts(unlocked.vault) == before


def test_rename_to_the_same_alias_in_another_case_is_allowed(svc):
    river = svc.add_client("river", "php").client
    assert svc.rename_client(river.id, "River").client.alias == "River"


def test_rename_warns_about_identifiers_and_unknown_clients_are_refused(svc):
    river = svc.add_client("River", "php").client
    assert svc.rename_client(river.id, "12 Oak Street").findings[0].kind == IdentifierKind.STREET_ADDRESS
    with pytest.raises(RecordNotFound):
        svc.rename_client("no-such-id", "Brook")


def test_update_client_changes_start_date_and_alias_together(svc):
    river = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    saved = svc.update_client(river.id, alias="Brook", started_on=D("2025-01-08"))
    assert (saved.client.alias, saved.client.started_on) == ("Brook", D("2025-01-08"))


def test_delete_client_only_without_sessions(svc):
    river = svc.add_client("River", "php").client
    svc.add_goal(river.id, "Attend group twice a week")
    svc.log_session(draft(river.id, "2025-03-10"))
    with pytest.raises(InvalidEntry):
        svc.delete_client(river.id)
    mistake = svc.add_client("Maria Gonzalez", "php").client
    svc.add_goal(mistake.id, "Goal")
    svc.delete_client(mistake.id)
    assert [r.alias for r in svc.caseload()] == ["River"]


def test_caseload_rows_filters_and_search(svc, clock):
    a = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    b = svc.add_client("Brook", "iop", started_on=D("2025-01-06")).client
    c = svc.add_client("Stone", "outpatient", status="waitlist").client
    svc.set_status(b.id, "discharged", D("2025-03-01"))
    for day in ("2025-02-17", "2025-02-18", "2025-02-24", "2025-03-19", "2025-03-25"):
        svc.log_session(draft(a.id, day))
    rows = {r.alias: r for r in svc.caseload()}
    assert list(rows) == ["Brook", "River", "Stone"]  # sorted by alias
    # 30 days = 2025-02-18 .. 2025-03-19 (today); a session dated ahead is not in it.
    assert rows["River"].sessions_last_30_days == 3
    assert rows["River"].total_sessions == 5
    assert rows["River"].last_session == D("2025-03-25")
    assert rows["Stone"].last_session is None and rows["Stone"].sessions_last_30_days == 0
    assert [r.alias for r in svc.caseload(levels=["php", "iop"])] == ["Brook", "River"]
    assert [r.alias for r in svc.caseload(statuses=["active"])] == ["River"]
    assert [r.alias for r in svc.caseload(levels=["php"], statuses=["discharged"])] == []
    assert [r.alias for r in svc.caseload(search="ROO")] == ["Brook"]
    assert [r.alias for r in svc.caseload(search="o")] == ["Brook", "Stone"]
    assert [r.alias for r in svc.caseload(search="%")] == []  # no wildcard surprises
    assert svc.caseload(levels=[]) == []
    with pytest.raises(InvalidEntry):
        svc.caseload(levels=["day"])
    set_today(clock, "2025-04-23")  # the 30 days start on 2025-03-25
    assert svc.client(a.id).sessions_last_30_days == 1
    set_today(clock, "2025-04-24")
    assert svc.client(a.id).sessions_last_30_days == 0
    assert svc.client(c.id).status == "waitlist"


def test_caseload_flags_stalled_clients(svc):
    river = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    brook = svc.add_client("Brook", "iop", started_on=D("2025-01-06")).client
    for day in ("2025-02-24", "2025-03-03", "2025-03-10", "2025-03-17"):
        svc.log_session(draft(river.id, day, stalled=True))
        svc.log_session(draft(brook.id, day, stalled=True))
    svc.log_session(draft(brook.id, "2025-03-18", stalled=False))
    rows = {r.alias: r for r in svc.caseload()}
    assert rows["River"].flags == (CaseloadFlag.STALLED_SESSIONS,)
    assert rows["Brook"].flags == ()
