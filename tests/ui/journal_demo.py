"""Seeded, synthetic reflections for UI tests and screenshots (no real person anywhere).

.venv/bin/python tools/journal_screenshots.py     # uses populate() below
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta

from therapist_desk.domain.clock import FakeClock
from therapist_desk.domain.journal import BiasReflection, GibbsReflection, NoteDraft
from therapist_desk.services.journal import JournalService

SEED = 20260302
CLIENTS = [("River", "iop"), ("Juniper", "php"), ("Harbor", "outpatient"), ("Client K7", "iop")]
TAGS = ["supervision", "IOP", "PHP", "rupture", "grief", "self-care", "family", "boundaries", "relapse"]

FREE = [
    (
        "After group: the quiet one spoke",
        "She spoke for the first time in group today, about her brother. "
        "I noticed how much I wanted to rescue the moment and fill the silence afterwards. I held back, "
        "and someone else in the room did the holding. Worth remembering: the group can carry more than I think.",
    ),
    (
        "Long day, short temper",
        "Eleven sessions and a discharge meeting. By four o'clock I was answering "
        "questions before they were finished. Walked home the long way. Tomorrow: lunch away from the desk.",
    ),
    (
        "Missed session again",
        "Second no-show in a row. My first thought was 'not motivated', which is "
        "exactly the assumption I keep writing about. Called instead of writing it off; the bus pass had run out.",
    ),
    (
        "Family session",
        "His mother did most of the talking. He looked at the floor. Next time I will ask "
        "him first and give her a clear turn afterwards. I felt caught between them and took her side too quickly.",
    ),
    (
        "What helped today",
        "Slowing down. Reflecting back before advising. Asking what a good week would look "
        "like instead of listing what went wrong. Small things, but the alliance felt steadier.",
    ),
    (
        "Thinking about referral",
        "Four sessions without movement on the shared goals. I'm tempted to push harder. "
        "Taking it to supervision on Thursday: is this the wrong level of care, or the wrong plan?",
    ),
    (
        "Gift at discharge",
        "A card and a small plant. I accepted the card and thanked her for the thought about "
        "the plant. Unsure if that was too stiff. Checked the policy afterwards; it fits, but I want to talk it through.",
    ),
    (
        "Relapse, and my reaction",
        "He came back after using over the weekend. I noticed disappointment in my own "
        "voice before I noticed his shame. We repaired it, I think. Positive regard is easy when things go well.",
    ),
    (
        "Step-down to outpatient",
        "Juniper moves from PHP to outpatient next week. She asked whether she can still call the unit. We made a list of who she can call instead, and when. Her sister is on it.",
    ),
    (
        "Supervision notes",
        "Brought the stalled case. My supervisor asked what I was afraid would happen if I referred on. Honest answer: that it would feel like giving up on him. It would not be.",
    ),
    (
        "Silence in session",
        "Fifteen minutes of near silence. I resisted filling it and asked once what the quiet was like for her. 'Restful,' she said. I had been reading it as resistance.",
    ),
    (
        "Boundaries after hours",
        "A message came in at 22:40. I answered at 08:30 with the crisis line number and a reminder of our hours. Felt guilty overnight; the boundary protects the work and the client.",
    ),
    (
        "Cultural humility",
        "I assumed the holiday meant family gatherings and pressure to drink. For him it means fasting and mosque, and it is the easiest month of the year. I asked instead of assuming this time.",
    ),
    (
        "Trust after treatment",
        "Alumni group tonight. Three people I saw in IOP last spring, all still in touch with each other. The peer support outlasts anything I did in the room.",
    ),
]
PROMPTED = [
    (
        "stalled-02",
        "Case for Thursday",
        "Question: is IOP still the right level for River, or are we repeating "
        "the same three weeks? Tried: weekly goal review, a new coping plan, two family calls. Hardest to say: I "
        "dread the sessions a little, and I think River can tell.",
    ),
    (
        "countertransference-03",
        "My uncle in the room",
        "The story about the hospital waiting room was my "
        "uncle's story, almost word for word. It helped me stay with her, and it also made me sure I knew how it ends.",
    ),
    (
        "burnout-02",
        "What stays with me",
        "The overdose call from last month. I set it down on the walk home, "
        "most days. Peer consultation helped; so did saying it out loud once.",
    ),
    (
        "alliance-03",
        "Small rupture on Tuesday",
        "I checked the clock while he was talking about his father. "
        "He saw it. I named it at the end: 'I looked at the time just then, and I'm sorry.' He nodded. We'll see.",
    ),
]


def populate(services, *, seed: int = SEED, count: int = 20) -> dict[str, str]:
    """About ``count`` notes over four months, a few from prompts, a Gibbs cycle and two bias
    reflections; returns names of notes worth opening → note id ("prompted", "bias", "gibbs")."""
    rng = random.Random(seed)
    now = services.clock.now()
    clients: dict[str, str] = {}
    caseload = getattr(services, "caseload", None)
    if caseload is not None:
        for alias, level in CLIENTS:
            existing = caseload.client_id_for_alias(alias)
            clients[alias] = existing or caseload.add_client(alias, level).client.id
    moments = sorted(
        (now - timedelta(days=rng.uniform(0.2, 120), minutes=rng.randint(0, 600)) for _ in range(count)),
        reverse=True,
    )
    clock = FakeClock(moments[-1])
    journal = JournalService(services.vault, clock)
    ids: dict[str, str] = {}

    def at(moment: datetime, draft: NoteDraft) -> str:
        clock.advance((moment - clock.now()).total_seconds())
        return journal.create(draft).id

    with services.vault.transaction():
        for number, moment in enumerate(reversed(moments[6:])):
            title, body = FREE[number % len(FREE)]
            tags = tuple(rng.sample(TAGS, rng.randint(0, 2)))
            client = rng.choice([None, None, *clients.values()])
            at(moment, NoteDraft(title=title, body=body, tags=tags, client_id=client))
        gibbs = GibbsReflection(
            description="Group session at PHP. Juniper walked out after another member challenged her.",
            feelings="Alarmed, then responsible. I wondered whether I had let the challenge go on too long.",
            evaluation="The group stayed with it afterwards. I did not check in with Juniper before the end.",
            analysis="Early in treatment, and the group norms on feedback are still new to her.",
            conclusion="I could have slowed the exchange down and named what was happening.",
            action_plan="Check in with Juniper before Thursday's group; revisit feedback norms with everyone.",
        )
        ids["gibbs"] = at(
            moments[5],
            NoteDraft(title="Walk-out in group", kind="gibbs", gibbs=gibbs, tags=("PHP", "rupture"),
                      client_id=clients.get("Juniper")),
        )  # fmt: skip
        bias_ids = []
        for moment, prompt_id, bias in (
            (moments[4], "bias-02", _bias_two()),
            (moments[2], "bias-05", _bias_five()),
        ):
            draft = journal.draft_from_prompt(prompt_id)
            assert draft.bias is not None
            bias = replace(
                bias, assumption_types=draft.bias.assumption_types, dimensions=draft.bias.dimensions
            )
            title = (
                "Expectations for Harbor"
                if prompt_id == "bias-02"
                else "Assumptions before the first session"
            )
            bias_ids.append(
                at(moment, replace(draft, title=title, bias=bias, tags=("supervision",),
                                   client_id=clients.get("Harbor")))
            )  # fmt: skip
        ids["bias"] = bias_ids[-1]
        for moment, (prompt_id, title, body) in zip(
            (moments[3], moments[1], moments[0]), PROMPTED[1:], strict=False
        ):
            draft = journal.draft_from_prompt(prompt_id)
            at(moment, replace(draft, title=title, body=body, tags=tuple(rng.sample(TAGS, 1))))
        prompt_id, title, body = PROMPTED[0]
        draft = journal.draft_from_prompt(prompt_id)
        ids["prompted"] = at(
            now - timedelta(minutes=25),
            replace(
                draft, title=title, body=body, tags=("supervision", "IOP"), client_id=clients.get("River")
            ),
        )
    return ids


def _bias_two() -> BiasReflection:
    return BiasReflection(
        situation="Harbor asked to join the relapse-prevention group. I suggested the slower one first.",
        assumption="I assumed he would not keep up with the reading and homework.",
        evidence_for="He has asked for things to be repeated in individual sessions.",
        evidence_against="He has done every worksheet so far, and he asked for this group himself.",
        alternative_reading="Asking for repetition is how he learns carefully, not a sign he cannot cope.",
        next_step="Offer both groups and ask what support would make the faster one work for him.",
    )


def _bias_five() -> BiasReflection:
    return BiasReflection(
        situation="First session with a new IOP client whose family recently moved here.",
        assumption="Before she spoke I expected family to be the main source of pressure to use.",
        evidence_for="She mentioned family twice in the intake form.",
        evidence_against="Both mentions were about family as her reason to stay in treatment.",
        alternative_reading="Family may be her strongest support; the pressure may come from work.",
        next_step="Ask open questions about who helps and who makes it harder; take it to supervision.",
    )
