"""Export/import of clients and sessions: validation names section, index and field; all or nothing."""

from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSPHRASE
from tests.services.caseload_helpers import (
    D,
    berlin_clock,
    counts,
    draft,
    export_document,
    import_document,
    service,
)
from therapist_desk.domain.errors import InvalidImport
from therapist_desk.paths import resolve_paths
from therapist_desk.security.kdf import TEST_PROFILE
from therapist_desk.services.caseload_exchange import ClientsCodec, SessionsCodec
from therapist_desk.services.exchange_codec import SECTION_CODECS
from therapist_desk.services.vault_store import VaultStore

DOCUMENT = {
    "clients": [
        {"id": "c-river", "alias": "River", "program_level": "iop", "status": "active", "started_on": "2025-01-06",
         "level_history": [{"program_level": "php", "effective_on": "2025-01-06"},
                           {"program_level": "iop", "effective_on": "2025-02-10"}],
         "goals": [{"id": "g1", "text": "Attend group twice a week", "created_on": "2025-01-10",
                    "progress": [{"id": "p1", "noted_on": "2025-01-17", "note": "Came twice"}]}]},
        {"alias": "K7", "program_level": "outpatient"},
    ],
    "sessions": [
        {"id": "s1", "client_alias": "River", "date": "2025-01-07", "minutes": 50, "intensity": 3},
        {"id": "s2", "client_alias": "river", "date": "2025-01-14", "minutes": 90, "intensity": 5,
         "format": "group", "alliance": 4, "congruence": 3, "positive_regard": 5, "empathy": 4,
         "resistance": "strong", "stalled": True, "note": "Hard session"},
        {"client_alias": "K7", "date": "2025-01-15", "minutes": 45},
    ],
}  # fmt: skip


@pytest.fixture
def svc(unlocked):
    return service(unlocked, berlin_clock("2025-03-19"))


def doc(**changes):
    """A copy of DOCUMENT with ``changes`` like ``{"sessions.1.intensity": 0}`` applied."""
    result = copy.deepcopy(DOCUMENT)
    for path, value in changes.items():
        section, index, name = path.replace("__", ".").split(".", 2)
        result[section][int(index)][name] = value
    return result


def test_sections_are_registered_in_order():
    assert SECTION_CODECS["clients"] is ClientsCodec and SECTION_CODECS["sessions"] is SessionsCodec
    assert ClientsCodec.order < SessionsCodec.order


def test_import_a_document(svc, unlocked):
    import_document(unlocked.vault, DOCUMENT)
    river = svc.client("c-river")
    assert (river.alias, river.program_level, river.total_sessions) == ("River", "iop", 2)
    page = svc.client_page("c-river")
    assert [c.program_level for c in page.level_history] == ["php", "iop"]
    assert page.goals[0].progress[0].note == "Came twice"
    s2 = svc.session("s2")
    assert (s2.format, s2.empathy, s2.resistance, s2.stalled, s2.note) == (
        "group",
        4,
        "strong",
        True,
        "Hard session",
    )
    k7 = svc.client(svc.client_id_for_alias("K7"))
    assert k7.status == "active" and k7.total_sessions == 1
    assert svc.sessions_for_client(k7.client_id)[0].intensity is None  # unrated, not invented


def test_reimport_is_idempotent_by_id(unlocked):
    document = doc()
    del document["clients"][1]
    del document["sessions"][2]
    import_document(unlocked.vault, document)
    before = counts(unlocked.vault)
    import_document(unlocked.vault, document)
    assert counts(unlocked.vault) == before


def test_sessions_alone_may_name_clients_in_the_vault(svc, unlocked):
    river = svc.add_client("River", "php").client
    import_document(
        unlocked.vault, {"sessions": [{"client_alias": "RIVER", "date": "2025-03-01", "minutes": 50}]}
    )
    assert svc.client(river.id).total_sessions == 1


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"clients.0.program_level": "day"}, "clients[0].program_level"),
        ({"clients.1.program_level": None}, "clients[1].program_level is required"),
        ({"clients.1.status": "gone"}, "clients[1].status"),
        ({"clients.0.alias": ""}, "clients[0].alias"),
        ({"clients.1.alias": "RIVER"}, "clients[1].alias repeats"),
        ({"clients.0.started_on": "14/03/2025"}, "clients[0].started_on"),
        (
            {"clients.0.level_history": [{"program_level": "php", "effective_on": "2025-13-01"}]},
            "clients[0].level_history[0].effective_on",
        ),
        (
            {"clients.0.level_history": [{"program_level": "php", "effective_on": "2025-01-06"}]},
            "clients[0].level_history must end",
        ),
        ({"clients.0.goals": [{"text": ""}]}, "clients[0].goals[0].text"),
        ({"clients.0.goals": [{"text": "ok", "status": "done"}]}, "clients[0].goals[0].status"),
        (
            {"clients.0.goals": [{"text": "ok", "progress": [{"note": "x"}]}]},
            "clients[0].goals[0].progress[0].noted_on",
        ),
        ({"clients.0.goals": "none"}, "clients[0].goals must be a list"),
        ({"sessions.1.intensity": 0}, "sessions[1].intensity"),
        ({"sessions.1.intensity": 6}, "sessions[1].intensity"),
        ({"sessions.1.intensity": True}, "sessions[1].intensity"),
        ({"sessions.0.date": "2025-02-30"}, "sessions[0].date"),
        ({"sessions.0.date": "7 Jan 2025"}, "sessions[0].date"),
        ({"sessions.2.date": None}, "sessions[2].date is required"),
        ({"sessions.0.minutes": 0}, "sessions[0].minutes"),
        ({"sessions.0.minutes": "50"}, "sessions[0].minutes"),
        ({"sessions.2.client_alias": "Maria"}, "sessions[2].client_alias"),
        ({"sessions.1.format": "couple"}, "sessions[1].format"),
        ({"sessions.1.alliance": 9}, "sessions[1].alliance"),
        ({"sessions.1.resistance": "lots"}, "sessions[1].resistance"),
        ({"sessions.1.stalled": "yes"}, "sessions[1].stalled"),
        ({"sessions.1.id": "s1"}, "sessions[1].id"),
    ],
)
def test_invalid_records_fail_the_whole_import(svc, unlocked, changes, where):
    svc.add_client("Brook", "php")
    before = counts(unlocked.vault)
    with pytest.raises(InvalidImport) as info:
        import_document(unlocked.vault, doc(**changes))
    message = str(info.value)
    assert where in message and message.startswith("Import refused, nothing was written")
    assert counts(unlocked.vault) == before


def test_unknown_alias_message_does_not_repeat_the_alias(unlocked):
    with pytest.raises(InvalidImport) as info:
        import_document(unlocked.vault, doc(**{"sessions.2.client_alias": "Maria Gonzalez"}))
    assert "sessions[2].client_alias" in str(info.value) and "Maria" not in str(info.value)


def test_alias_already_used_by_another_client_in_the_vault(svc, unlocked):
    svc.add_client("river", "php")
    with pytest.raises(InvalidImport) as info:
        import_document(unlocked.vault, DOCUMENT)
    assert "clients[0].alias" in str(info.value)
    assert counts(unlocked.vault)["clients"] == 1


def test_records_that_are_not_objects(unlocked):
    for document, where in [({"clients": ["River"]}, "clients[0]"), ({"sessions": [3]}, "sessions[0]")]:
        with pytest.raises(InvalidImport, match=re.escape(where + " must be an object")):
            import_document(unlocked.vault, document)


def test_unknown_fields_are_kept_and_exported(unlocked):
    document = doc(**{"clients.0.pronoun_hint": "they", "sessions.0.room": "B2"})
    document["clients"][0]["goals"][0]["horizon"] = "3 months"
    document["clients"][0]["goals"][0]["progress"][0]["mood"] = 4
    import_document(unlocked.vault, document)
    exported = export_document(unlocked.vault)
    river = next(c for c in exported["clients"] if c["id"] == "c-river")
    assert river["pronoun_hint"] == "they"
    assert river["goals"][0]["horizon"] == "3 months" and river["goals"][0]["progress"][0]["mood"] == 4
    assert next(s for s in exported["sessions"] if s["id"] == "s1")["room"] == "B2"


def test_export_has_every_contract_field_and_aliases_not_ids(svc, unlocked):
    import_document(unlocked.vault, DOCUMENT)
    exported = export_document(unlocked.vault)
    for client in exported["clients"]:
        assert {"id", "alias", "program_level", "status", "started_on"} <= set(client)
    for session in exported["sessions"]:
        assert {"id", "client_alias", "date", "minutes", "intensity"} <= set(session)
        assert "client_id" not in session
    json.dumps(exported)  # plain JSON values only


def test_round_trip_into_a_new_vault(svc, unlocked, tmp_path):
    river = svc.add_client("River", "php", started_on=D("2025-01-06")).client
    svc.change_program_level(river.id, "iop", D("2025-02-10"))
    brook = svc.add_client("Brook", "outpatient", status="waitlist").client
    svc.set_status(brook.id, "discharged", D("2025-03-01"))
    goal = svc.add_goal(river.id, "Sleep before midnight", created_on=D("2025-01-10")).goal
    svc.add_goal_progress(goal.id, "Three nights", D("2025-01-20"))
    svc.update_goal(svc.add_goal(river.id, "Walk daily").goal.id, status="achieved")
    svc.log_session(
        draft(river.id, "2025-01-07", 50, 4, alliance=4, empathy=3, resistance="none", note="Ünïcode ✓")
    )
    svc.log_session(draft(river.id, "2025-01-14", 90, 2, format="group", stalled=True))
    svc.log_session(draft(brook.id, "2025-01-15", 60, 5, format="family"))
    first = export_document(unlocked.vault)

    other = VaultStore(resolve_paths(tmp_path / "other"), TEST_PROFILE)
    target, _ = other.create(PASSPHRASE)
    try:
        import_document(target.vault, json.loads(json.dumps(first)))
        assert export_document(target.vault) == first
        copy_service = service(target, berlin_clock("2025-03-19"))
        assert copy_service.caseload() == svc.caseload()
        assert copy_service.client_page(river.id) == svc.client_page(river.id)
    finally:
        target.close()


session_values = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 1000), st.text(max_size=12), st.floats(allow_nan=True),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "client_alias",
                "date",
                "minutes",
                "intensity",
                "format",
                "alliance",
                "resistance",
                "stalled",
                "note",
                "id",
                "created_at",
            ]
        ),
        session_values,
    )
)
def test_malformed_sessions_are_refused_cleanly(unlocked, record):
    before = counts(unlocked.vault)
    try:
        document = {"clients": [{"id": "c1", "alias": "River", "program_level": "php"}], "sessions": [record]}
        import_document(unlocked.vault, document)
    except InvalidImport as exc:
        assert str(exc).startswith("Import refused, nothing was written")
        assert counts(unlocked.vault) == before
    else:
        assert unlocked.vault.scalar("SELECT count(*) FROM sessions") <= before["sessions"] + 1


def test_status_history_gives_the_current_status_and_the_past_load(svc, unlocked):
    history = [
        {"status": "active", "effective_on": "2025-01-06"},
        {"status": "discharged", "effective_on": "2025-02-03"},
    ]
    import_document(
        unlocked.vault,
        {"clients": [{"id": "c1", "alias": "Brook", "program_level": "iop", "status_history": history}]},
    )
    assert svc.client("c1").status == "discharged"
    assert svc.active_clients_by_level(D("2025-01-20"))["iop"] == 1
    assert svc.active_clients_by_level(D("2025-02-03"))["iop"] == 0
    with pytest.raises(InvalidImport, match=re.escape("clients[0].status_history must end")):
        import_document(
            unlocked.vault,
            {
                "clients": [
                    {"alias": "Lake", "program_level": "iop", "status": "active", "status_history": history}
                ]
            },
        )


def test_duplicate_history_dates_are_refused(unlocked):
    history = [
        {"program_level": "php", "effective_on": "2025-01-06"},
        {"program_level": "iop", "effective_on": "2025-01-06"},
    ]
    with pytest.raises(InvalidImport, match=re.escape("clients[0].level_history[1].effective_on repeats")):
        import_document(
            unlocked.vault, {"clients": [{"alias": "Lake", "program_level": "iop", "level_history": history}]}
        )
    assert counts(unlocked.vault)["clients"] == 0
