"""Words and short texts for the synthetic demo data (services/demo_data.py). Data only.

Everything here was written for the demo: clinical vocabulary of addiction counselling, no real
person, place or case. Aliases are invented single words (nature and objects, never given
names) or codes like "Client K7"; ``tests/services/test_demo_data.py`` runs the identifier
detector over every alias the generator makes.
"""

from __future__ import annotations


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Single-word aliases: things, landscapes and birds, chosen so that none is a common given name.
ALIAS_WORDS = _words(
    """
    River Harbor Juniper Maple Onyx Sparrow Cedar Falcon Indigo Aspen Birch Coral Ember Granite
    Heron Kestrel Lark Moss Orca Pine Quartz Basalt Cobalt Copper Flint Garnet Lantern Meadow
    Nettle Obsidian Pebble Quill Saffron Thistle Tundra Umber Walnut Yarrow Zephyr Acorn Bramble
    Canyon Dune Estuary Fjord Glacier Hollow Inlet Kelp Lichen Marsh Nimbus Oasis Prairie Reef
    Summit Thicket Beacon Compass Anchor Ridge Cairn Cove Boulder Cinder Drift Fable Gale Ibis
    Jetty Kiln Loam Mesa Nook Otter Plume Quarry Rill Slate Talon Umbra Vireo Wharf Yew Alder
    Bluff Cypress Lagoon Pumice Tamarack Bayou Sorrel Tern Plover Gannet Puffin Osprey Wren
    Finch Spruce Larch Hemlock Sequoia Bison Lynx Marten Badger Beaver Mink Sable Stoat Heath
    Fennel Clove Anise Cumin Ginger Barley Millet Rye Oat Thyme Mica Jade Agate Beryl Shale
    """
)
# Letters of coded aliases ("Client K7"): no I or O, which read as digits.
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"

SLOTS: dict[str, tuple[str, ...]] = {
    "substance": _lines(
        """
        alcohol
        opioids
        fentanyl
        heroin
        methamphetamine
        cocaine
        crack cocaine
        cannabis
        benzodiazepines
        prescription painkillers
        stimulants
        kratom
        alcohol and cannabis together
        nicotine on top of everything else
        """
    ),
    "skill": _lines(
        """
        urge surfing
        the HALT check
        the coping card
        a grounding exercise
        the five-senses exercise
        distress tolerance skills
        the relapse prevention plan
        a chain analysis
        opposite action
        a decisional balance sheet
        playing the tape forward
        a thought record
        sleep hygiene steps
        the values card sort
        a trigger map
        box breathing
        the daily schedule
        delay and distract
        a craving log
        a safety plan
        """
    ),
    "feeling": _words(
        """
        irritated tender protective tired hopeful flat anxious moved defensive impatient sad
        relieved guilty curious numb hurried warm tense uneasy heavy encouraged stuck hollow
        frustrated touched distracted calm rattled drained grateful wary restless
        """
    ),
    "event": _lines(
        """
        a positive urine screen
        a missed group
        a lapse after a funeral
        a court date next week
        an eviction notice
        a tense family session
        a discharge conversation
        a return from a weekend pass
        an argument on the unit
        a sponsor who stopped answering
        a job interview
        a custody hearing
        a first week without using
        a breathalyser reading above zero
        a phone call from a worried parent
        a request to leave against advice
        a new prescription for withdrawal symptoms
        a sobriety anniversary
        a visit from a probation officer
        a fight with a roommate at the sober house
        a near-miss overdose in the community
        a quiet week with no cravings
        """
    ),
    "approach": _lines(
        """
        motivational interviewing
        reflective listening
        double-sided reflections
        rolling with resistance
        developing discrepancy
        cognitive behavioural work
        DBT skills coaching
        contingency management
        a harm reduction stance
        trauma-informed care
        the stages of change
        solution-focused questions
        open questions and summaries
        an elicit-provide-elicit exchange
        a values conversation
        psychoeducation about cravings
        """
    ),
    "colleague": _lines(
        """
        my supervisor
        a colleague on the unit
        the charge nurse
        the peer recovery specialist
        the psychiatrist
        the case manager
        my group co-facilitator
        the intake coordinator
        a counsellor from the IOP team
        the family therapist
        """
    ),
    "time": _lines(
        """
        This morning
        On Monday
        After lunch group
        Late in the afternoon
        At the end of the day
        During the evening group
        In the last session of the week
        Right after the team huddle
        In a short check-in
        Before the family session
        """
    ),
    "stage": _words("precontemplation contemplation preparation action maintenance"),
    "support": _lines(
        """
        a sponsor
        an AA home group
        SMART Recovery meetings
        a sober living house
        an older sister
        a faith community
        a running club
        a supportive employer
        a recovery coach
        a cousin who has been sober for years
        the alumni group
        a neighbour who checks in
        """
    ),
    "selfcare": _lines(
        """
        a walk at lunchtime
        calling a friend outside the field
        twenty minutes of reading
        leaving on time
        a proper lunch break
        a swim before work
        an evening without email
        cooking something slow
        an hour in the garden
        a long bike ride
        a nap on Sunday
        playing music
        """
    ),
    "group_topic": _lines(
        """
        relapse warning signs
        shame and guilt
        rebuilding trust at home
        managing boredom
        money and recovery
        sleep in early recovery
        anger without using
        saying no to old friends
        grief and loss
        planning the weekend
        medication-assisted treatment myths
        what recovery means to each of us
        """
    ),
    "value": _lines(
        """
        honesty
        being a reliable parent
        independence
        keeping a job
        faith
        dignity
        loyalty to friends
        getting back to school
        being useful to others
        peace at home
        """
    ),
}

LEVEL_WORDS = {"inpatient": "residential", "php": "PHP", "iop": "IOP", "outpatient": "outpatient"}

TAGS = _lines(
    """
    group
    cravings
    family
    supervision
    relapse
    intake
    discharge planning
    MAT
    boundaries
    self-care
    grief
    court-mandated
    trauma
    night shift
    team
    sleep
    housing
    employment
    peer support
    alliance
    rupture
    harm reduction
    medication
    consultation
    """
)

GOALS = _lines(
    """
    Attend two peer support meetings a week
    Name three early warning signs of a lapse
    Rebuild a regular sleep routine
    Reconnect with one supportive family member
    Practise the urge-surfing exercise daily
    Plan the first week after discharge
    Keep a craving log for two weeks
    Find a sponsor or recovery coach
    Get to every IOP group on time
    Write a relapse prevention plan in own words
    Take medication as prescribed and talk about side effects
    Look for part-time work or a training course
    Spend one evening a week with sober friends
    Cut contact with the old using group chat
    Learn two ways to calm down without using
    Move into sober living before discharge
    Talk with the family about what helps and what does not
    Build a weekend routine with structure
    """
)
GOAL_PROGRESS = _lines(
    """
    Small steps: kept to the plan most days.
    Went to one meeting; wants to try another.
    Named what helps on hard evenings.
    A difficult week, but talked about it openly.
    Used the skill twice when cravings came.
    Said this goal matters more now than at the start.
    No change yet; agreed to look at the obstacles together.
    Proud of this one; wrote it on the coping card.
    Missed a week; came back and picked it up again.
    Asked for help before things got bad, a first.
    """
)
SESSION_NOTES = _lines(
    """
    Talked through the weekend plan.
    Felt heard; more open about cravings.
    Quieter today; tired after night shifts.
    Used the coping card twice this week.
    Reviewed the urine screen together, no blame.
    Family call was hard; stayed with it.
    Practised a refusal script for work drinks.
    Ambivalent about IOP; explored both sides.
    Talked about the anniversary of a loss.
    Sleep is better; energy back.
    Long silence, then spoke about shame.
    Planned transport to groups.
    Asked about medication-assisted treatment.
    Came late, apologised, worked well.
    Wanted to leave early; stayed to the end.
    Reviewed goals; two still feel right.
    """
)
CHECK_IN_NOTES = _lines(
    """
    Long intake day; walked home.
    Group ran over time.
    Good supervision, felt lighter.
    Too many late emails.
    Quiet evening with family.
    Two crises before lunch.
    Took the full lunch break.
    Heavy session, then a walk.
    Covered for a colleague off sick.
    Charting until late again.
    Easy day; left on time.
    Hard news about a former client.
    Laughed with the team at lunch.
    Slept badly; short on patience.
    Day went to plan.
    """
)
TIME_OFF_NOTES = {
    "summer": "Summer holiday",
    "winter": "Time with family over the holidays",
    "recovery": "Time off after a heavy winter",
    "planned": "Planned holiday",
    "day": "Day off",
}
