"""Seeded, synthetic caseload data for UI tests and screenshots (no real person anywhere).

.venv/bin/python tools/caseload_screenshots.py     # uses populate() below
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from therapist_desk.domain.caseload import SessionDraft

SEED = 20260302
ALIASES = [
    "Client K7", "River", "Harbor", "Juniper", "Client B12", "Maple", "Onyx", "Sparrow", "Cedar",
    "Client A3", "Willow", "Falcon", "Indigo", "Client M4", "Aspen", "Birch", "Client T9", "Coral",
    "Delta", "Ember", "Client R2", "Fern", "Granite", "Client C8", "Heron", "Iris", "Client P5",
    "Jasper", "Kestrel", "Lark", "Client D6", "Moss", "Nova", "Client F1", "Orca", "Pine",
]  # fmt: skip
LEVELS = ["inpatient", "php", "php", "iop", "iop", "iop", "outpatient", "outpatient", "outpatient"]
GOALS = [
    "Attend two peer support meetings a week",
    "Name three early warning signs of a lapse",
    "Rebuild a regular sleep routine",
    "Reconnect with one supportive family member",
    "Practise the urge-surfing exercise daily",
    "Plan the first week after discharge",
]
PROGRESS = [
    "Small steps: kept to the plan most days.",
    "Went to one meeting; wants to try another.",
    "Named what helps on hard evenings.",
]
NOTES = [
    "Talked through the weekend plan.",
    "Felt heard; more open about cravings.",
    "Quieter today; tired after night shifts.",
    "Used the coping card twice this week.",
    "",
    "",
]


def populate(services, *, seed: int = SEED) -> dict[str, str]:
    """Fill the caseload with ~36 clients and ten weeks of sessions; returns alias → client id.

    "River" steps down inpatient → PHP → IOP and has four stalled sessions in a row plus a goal
    without progress for months, so its client page shows the stalled-progress prompt.
    """
    rng = random.Random(seed)
    caseload = services.caseload
    today: date = services.clock.today()
    ids: dict[str, str] = {}
    with services.vault.transaction():
        ids["River"] = _river(caseload, today)
        _river_reflections(services, ids["River"])
        for number, alias in enumerate(a for a in ALIASES if a != "River"):
            started = today - timedelta(days=rng.randint(20, 200))
            level = rng.choice(LEVELS)
            status = "active"
            if number % 9 == 8:
                status = "discharged"
            elif number % 11 == 10:
                status = "waitlist"
            client = caseload.add_client(alias, level, status="active", started_on=started).client
            ids[alias] = client.id
            if status != "active":
                caseload.set_status(client.id, status, today - timedelta(days=rng.randint(1, 15)))
            if status == "waitlist":
                continue
            day = started
            while day <= today - timedelta(days=1):
                day += timedelta(days=rng.choice([3, 7, 7, 7, 14]))
                if day > today or (status == "discharged" and day > today - timedelta(days=16)):
                    break
                if day < today - timedelta(days=70):
                    continue
                caseload.log_session(_session(rng, client.id, day))
            for text in rng.sample(GOALS, rng.randint(0, 2)):
                agreed = started + timedelta(days=7)
                goal = caseload.add_goal(client.id, text, created_on=agreed).goal
                # Most goals moved recently; a few have been quiet for a while (flagged).
                quiet = rng.random() < 0.15
                for _ in range(rng.randint(1, 3)):
                    span = max(1, (today - agreed).days)
                    noted = agreed + timedelta(days=rng.randint(0, min(span, 20) if quiet else span))
                    if not quiet:
                        noted = max(noted, today - timedelta(days=40))
                    caseload.add_goal_progress(goal.id, rng.choice(PROGRESS), min(noted, today))
    return ids


def _session(rng: random.Random, client_id: str, day: date, **overrides: object) -> SessionDraft:
    fmt = rng.choice(["individual"] * 6 + ["group"] * 3 + ["family"])
    values: dict[str, object] = {
        "client_id": client_id,
        "date": day,
        "minutes": 90 if fmt == "group" else rng.choice([50, 50, 50, 60]),
        "intensity": rng.choice([2, 3, 3, 3, 4, 4, 5]),
        "format": fmt,
        "alliance": rng.choice([None, 3, 4, 4, 5]),
        "congruence": rng.choice([None, 3, 4, 5]),
        "positive_regard": rng.choice([None, 3, 4, 5]),
        "empathy": rng.choice([None, 3, 4, 4, 5]),
        "resistance": rng.choice([None, "none", "none", "some", "strong"]),
        "note": rng.choice(NOTES),
    }
    values.update(overrides)
    if values["format"] != "group" and values["minutes"] == 90:
        values["minutes"] = 50
    return SessionDraft(**values)  # type: ignore[arg-type]


def _river(caseload, today: date) -> str:
    """A realistic step-down with a run of stalled sessions at the end."""
    start = today - timedelta(days=112)
    client_id = caseload.add_client("River", "inpatient", started_on=start).client.id
    caseload.change_program_level(client_id, "php", start + timedelta(days=28))
    caseload.change_program_level(client_id, "iop", start + timedelta(days=63))
    rng = random.Random(7)
    day = start + timedelta(days=2)
    while day < today - timedelta(days=30):
        caseload.log_session(_session(rng, client_id, day, format="individual", stalled=False))
        day += timedelta(days=7)
    notes = [
        "Cancelled the peer meeting again; says it feels pointless.",
        "Long silences; agreed to revisit the plan next time.",
        "Back to the same story about the weekend; hard to engage.",
        "Came late, left early. I noticed my own frustration.",
    ]
    for weeks_ago, note in zip(range(4, 0, -1), notes, strict=True):
        caseload.log_session(
            _session(
                rng,
                client_id,
                today - timedelta(days=7 * weeks_ago - 3),
                format="individual",
                intensity=4,
                resistance="some",
                stalled=True,
                note=note,
            )
        )
    first = caseload.add_goal(
        client_id, "Attend two peer support meetings a week", created_on=start + timedelta(days=30)
    ).goal
    caseload.add_goal_progress(first.id, "Went to one meeting with a friend.", start + timedelta(days=38))
    second = caseload.add_goal(
        client_id, "Name three early warning signs of a lapse", created_on=start + timedelta(days=45)
    ).goal
    caseload.add_goal_progress(
        second.id, "Named two: skipping meals, avoiding calls.", start + timedelta(days=60)
    )
    caseload.update_goal(second.id, status="achieved")
    return client_id


def _river_reflections(services, client_id: str) -> None:
    """Two journal reflections linked to River, when the journal is wired in."""
    journal = getattr(services, "journal", None)
    if journal is None:
        return
    from therapist_desk.domain.journal import NoteDraft

    for title in ("Noticing my frustration with River", "What might the silences be saying?"):
        journal.create(NoteDraft(title=title, body="A private reflection.", client_id=client_id))
