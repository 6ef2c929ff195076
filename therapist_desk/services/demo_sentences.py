"""Sentence templates for synthetic demo reflections (see services/demo_text.py). Data only.

Placeholders in braces are filled by the note writer: ``{who}``/``{Who}`` is the linked client's
alias or a neutral phrase ("a client"), ``{level}`` the program level, and the other names are
the word lists in services/demo_vocabulary.py (``{substance}``, ``{skill}``, ``{feeling}``...).
"""

from __future__ import annotations


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


THEME_SENTENCES: dict[str, tuple[str, ...]] = {
    "congruence": _lines(
        """
        I said the right words to {who} but my voice was flatter than I wanted, and I think it showed.
        When {who} asked whether I had ever used {substance}, I answered briefly and honestly and kept the focus on them.
        I noticed I was performing calm while I felt {feeling} underneath.
        Being genuine with {who} did not mean telling everything; it meant not pretending to be untouched.
        Afterwards I wondered whether my reassurance sounded hollow to someone who has heard a lot of promises.
        Naming my own uncertainty out loud seemed to make the room safer, not weaker.
        I caught myself smiling through a disclosure about {event}, and that did not match what I felt.
        """
    ),
    "positive_regard": _lines(
        """
        After {event}, my first private reaction was disappointment, and I had to separate the behaviour from the person.
        {Who} is hard to like on some days, yet I can name three things I respect: stubbornness, humour and loyalty.
        Regard is not approval; I can hold the program's rule and still want the best for {who}.
        I noticed I greeted {who} more coolly after the lapse, and I want to undo that next time.
        Coming back after several admissions takes courage, and I told {who} that I saw it.
        The harm done while using is real, and so is the person sitting in front of me now.
        I reminded myself that {who} is doing the best they can with what they have right now.
        """
    ),
    "empathy": _lines(
        """
        I moved to problem-solving before {who} felt understood, and the conversation closed down.
        When I reflected the shame behind the anger, {who} went quiet and then said more.
        Craving, grief and shame arrived together in the session, and I named only the craving.
        I tried to imagine the week from inside {who}'s life: {event}, little sleep and nowhere quiet to think.
        My reflections were shorter today, more glances at the clock than I like.
        Staying with the story of trauma without being swept into it took all of my attention.
        A simple reflection, that it sounds exhausting to be watched all the time, landed better than any advice.
        """
    ),
    "alliance_shared_goals": _lines(
        """
        We looked at whose goal is on the treatment plan, and {who} said the court's goal is not theirs yet.
        {Who} wants to cut down on {substance} rather than stop, and we agreed to keep talking instead of arguing.
        There was a small rupture when I pushed the homework; naming it repaired more than I expected.
        We agreed on one task for the week: {skill}, written down in the client's own words.
        The step to {level} care changed our rhythm, and I asked {who} what they need from me now.
        {Who} said the sessions help because they feel listened to, which is worth remembering on hard days.
        Goals written together last longer than goals I hand over, and this week proved it again.
        """
    ),
    "resistance": _lines(
        """
        {Who} argued with every suggestion today, and I tried rolling with it rather than pushing harder.
        When I pushed, the pushback grew; when I used {approach}, the room loosened.
        Sitting in group with arms folded may be protection, not defiance.
        I wrote down the client's own reasons for change and for staying the same, and both lists were long.
        A missed appointment might mean shame, transport, childcare or fear, not only low motivation.
        The pace of treatment was mine, not theirs, and I want to slow down with {who}.
        I asked what would have to happen for {who} to feel this was worth their time.
        """
    ),
    "stalled_progress": _lines(
        """
        Several sessions in a row with {who} have felt stuck, with the same story and the same plan.
        I have tried {approach} and {skill}; it may be time to bring this case to consultation.
        I asked myself honestly whether another counsellor, another level of care or another approach might serve {who} better.
        Reading the treatment plan again, the goals look more like the program's than the client's.
        I am starting to feel responsible for progress that is not mine to make.
        A referral can be framed as care rather than rejection, and I want to practise that wording.
        Before the next session I will write down the question I want help with in supervision.
        """
    ),
    "boundaries": _lines(
        """
        A session with {who} ran twenty minutes long and I let it, which cost the next client their time.
        I answered a message after hours, and I want to go back to the agreed contact times.
        Meeting {who} at the supermarket was awkward; we both handled it with a nod, as agreed.
        I held the limit about phone contact and explained why, and {who} accepted it better than I feared.
        Rescuing feels kind in the moment but takes the work away from the client.
        My own breaks disappeared this week, one by one, without anyone asking me to give them up.
        I noticed I was checking work email at home again after nine.
        """
    ),
    "countertransference": _lines(
        """
        {Who} reminds me of someone in my own family, and I felt protective before I knew why.
        I felt unusually sleepy during the session while {who} talked about {event}, and I wonder what I was avoiding.
        Strong irritation came up when {who} joked about using {substance}; it told me something about my own history.
        I keep thinking about {who} at home, which is a sign to take this to supervision.
        Praise from a client felt good, and I noticed I wanted more of it.
        My own values about money and family were pressing against the client's choices today.
        I felt {feeling} for most of the session and could not place where it came from.
        """
    ),
    "burnout_self_care": _lines(
        """
        My tank is low: the week was drained by {event} and by paperwork that spilled into the evenings.
        Hearing about overdoses and loss adds up, and some images stayed with me on the way home.
        I noticed a flash of cynicism about a new admission, and it frightened me a little.
        One small thing that helped this week was {selfcare}.
        If a colleague described my hours and sleep to me, I would suggest they talk to someone.
        The part of the work that still gives me meaning is the moment a client surprises themselves.
        I talked with {colleague} about the weight of the caseload, and it helped to say it out loud.
        Self-care is not a reward for finishing the work; the work never finishes.
        """
    ),
    "structure_support": _lines(
        """
        The breath-test rule helped {who} today: it gave a reason to say no to friends.
        For {who}, more support and less structure seems right this week.
        I held the consequence of the missed group and kept the relationship warm, which is a balance I am still learning.
        The {level} program's daily rhythm carries clients in ways outpatient care cannot.
        I leaned on a worksheet because the session felt exposed, and I want to notice that.
        We built a weekend schedule together, hour by hour, because weekends are when {substance} comes back.
        """
    ),
    "social_support_trust": _lines(
        """
        We mapped the people around {who}: {support} helps, while an old friend from the using days pulls the other way.
        I want {who} to know they can come back after a lapse without shame.
        Trust built in treatment has to move to people outside it, like {support}.
        The family is tired and hurt, and I am trying to hold both the family's story and the client's.
        Endings matter here; many clients have known sudden losses, so we are planning this one slowly.
        Mutual-help meetings are not for everyone, and {who} found connection in {support} instead.
        """
    ),
    "cultural_humility": _lines(
        """
        {Who} taught me something about how their community sees {substance}, and I had it wrong.
        I realised I had misunderstood a family obligation as enabling, and I said so.
        My own identities shape what I notice and what I miss in the room.
        I asked how {who}'s community would describe recovery, and the answer was about belonging, not abstinence.
        The program's handouts assume a reader who looks a lot like me.
        Next session I want to ask one open question about how identity and history shape the use.
        """
    ),
    "bias": _lines(
        """
        I noticed an assumption about {who} before they had said much at all.
        I expected less from {who} and only saw it when the week went better than I predicted.
        My prediction of relapse was based on a pattern I have seen, not on this person.
        Checking the assumption against what {who} has actually said and done changed my view.
        """
    ),
}

GENERIC_SENTENCES = _lines(
    """
    {Time}, {who} talked about {event}, and the session changed direction.
    We practised {skill} together and {who} said it might work on the bus home.
    {Who} is in {stage}, and I want my pace to match that stage rather than mine.
    In group we covered {group_topic}, and the quietest member spoke first for once.
    I used {approach}, and it opened more than my usual questions.
    {Colleague} and I talked briefly afterwards, which helped me settle.
    Cravings for {substance} were strongest in the evenings, so we planned for evenings.
    {Who} named {value} as the reason to keep going, in their own words.
    The {level} team agreed on a plan, and I explained it to {who} in plain words.
    I felt {feeling} during the session and {feeling} afterwards.
    It helped to slow down and summarise before moving on.
    We talked about {support} as part of the plan after discharge.
    There was laughter in the room today, which is rare and worth writing down.
    I wrote the main points on the whiteboard so {who} could take a photo.
    {Who} asked good questions about medication-assisted treatment, and we looked at the facts together.
    I left a gap instead of filling the silence, and {who} filled it with something important.
    Paperwork took more time than the sessions, which is a pattern I keep noticing.
    The {level} group was large today, and two people left early.
    We went back over the relapse prevention plan after {event}.
    I reminded {who} that a lapse is information, not a verdict.
    I checked in with {colleague} about risk, and we agreed nothing needed to change today.
    Urine screens came back clean for the third week running, and {who} wanted to talk about something else entirely.
    """
)
STRAINED_SENTENCES = _lines(
    """
    I was tired before the first session and it showed in my patience.
    My notes are behind again and I wrote these at home, which I promised myself I would stop.
    I noticed I was counting the minutes in the last session of the day.
    The caseload feels heavier this month; new admissions keep coming and nobody is leaving.
    I skipped lunch again to catch up on charting.
    My empathy feels thinner than usual, and I do not like how that sounds.
    I want to bring my own tiredness to supervision, not only the cases.
    """
)
RESTED_SENTENCES = _lines(
    """
    After the time off I noticed I had more room to listen.
    I had energy for the last session of the day, which has not always been true.
    It felt easier to be curious rather than anxious in the room.
    The work felt meaningful again this week.
    I left on time and did not think about the unit all evening.
    """
)
CLOSINGS = _lines(
    """
    Next step: bring this to supervision on Tuesday.
    Next step: ask {who} what they want from the next session.
    Next step: review the treatment plan together next week.
    Next step: practise {skill} again and see what changes.
    Next step: one honest sentence at the start of the next session.
    Next step: protect my lunch break for the rest of the week.
    Next step: talk with {colleague} about the referral question.
    Next step: write down what I noticed before I forget it.
    For now, enough. I will come back to this.
    """
)

GIBBS_SENTENCES: dict[str, tuple[str, ...]] = {
    "description": _lines(
        """
        {Time}, in the {level} program, {who} talked about {event}.
        {Who} arrived late, sat near the door and said the week had been bad.
        In group we covered {group_topic}; {who} challenged the plan in front of everyone.
        The session was about {substance} and a weekend that did not go to plan.
        """
    ),
    "feelings": _lines(
        """
        I felt {feeling} at first and {feeling} by the end.
        Part of me wanted to rescue, and part of me was annoyed at being tested.
        I noticed my shoulders were tight and my voice a little fast.
        Afterwards I felt relief, then doubt about what I had said.
        """
    ),
    "evaluation": _lines(
        """
        What went well: I stayed curious and did not argue.
        What went less well: I gave advice before {who} had finished.
        The alliance held, though it was tested.
        I missed the grief under the anger until late in the session.
        """
    ),
    "analysis": _lines(
        """
        {Who} is in {stage}, and I was working as if they were further along.
        The program's rules and the client's goals pulled in different directions.
        My own history with {substance} in the family may have coloured my reaction.
        Tiredness made me reach for structure when support was needed.
        """
    ),
    "conclusion": _lines(
        """
        I could have reflected the ambivalence instead of answering it.
        Asking permission before giving information would have helped.
        Slowing down would have cost nothing and helped a lot.
        Naming the rupture sooner would have made repair easier.
        """
    ),
    "action_plan": _lines(
        """
        Next session I will open by asking what {who} wants to talk about.
        I will bring this case to supervision on Tuesday.
        I will try {approach} and write down what changes.
        I will protect ten minutes after heavy sessions before the next one.
        """
    ),
}

BIAS_SENTENCES: dict[str, tuple[str, ...]] = {
    "situation": _lines(
        """
        {Time}, in the {level} program, {who} talked about {event}.
        At intake {who} mentioned a history with {substance} and a long gap in treatment.
        In group, {who} said little and left early.
        """
    ),
    "assumption": _lines(
        """
        I assumed {who} would not finish the {level} program.
        I expected {who} was here only because of the court.
        I thought {who} would not manage the homework.
        I assumed the family would not support recovery.
        """
    ),
    "evidence_for": _lines(
        """
        {Who} has missed two groups and said treatment is a waste of time.
        There have been several earlier admissions.
        The referral letter used the words poor engagement.
        """
    ),
    "evidence_against": _lines(
        """
        {Who} came to every session this week, on time, by two buses.
        {Who} asked for the relapse prevention plan to take home.
        I know very little about {who}'s life outside the program yet.
        {Who} has kept a job for years, which takes persistence.
        """
    ),
    "alternative_reading": _lines(
        """
        A colleague from the same community might call this caution, not low motivation.
        The silence may be about trust in services, which has been earned slowly or not at all.
        Missing groups may be about childcare and transport rather than commitment.
        Earlier admissions may show persistence rather than failure.
        """
    ),
    "next_step": _lines(
        """
        Next session, ask {who} directly what would make the program fit their life better.
        Take this assumption to supervision and ask what I am not seeing.
        Read about the community's own recovery traditions before the next session.
        Notice the same assumption with other clients this month.
        """
    ),
}

TITLES: dict[str, tuple[str, ...]] = {
    "congruence": ("Saying what I meant", "Playing the counsellor", "Honest, within limits"),
    "positive_regard": ("After the lapse", "Three things I respect", "Regard is not approval"),
    "empathy": ("Understood before advised", "Craving, shame and grief", "Thinner empathy"),
    "alliance_shared_goals": ("Whose goal is it?", "A small rupture, repaired", "Tasks we agreed on"),
    "resistance": ("Rolling with pushback", "Arms folded in group", "Reasons for and against"),
    "stalled_progress": ("Stuck for a month", "A question for consultation", "Different help?"),
    "boundaries": ("Running long again", "Messages after hours", "Holding the limit"),
    "countertransference": ("Who this reminds me of", "Sleepy in session", "Thinking about work at home"),
    "burnout_self_care": ("How full is the tank", "What helped this week", "Carrying the losses"),
    "structure_support": ("Structure or support", "The rule that helped", "A weekend plan"),
    "social_support_trust": ("Who is around them", "Planning the ending", "Coming back after a lapse"),
    "cultural_humility": ("What I had wrong", "Their community, their words", "My own identities"),
    "bias": ("An assumption I noticed", "Checking a prediction", "Evidence for and against"),
}
GIBBS_TITLE = "Gibbs: {title}"
BIAS_TITLE = "Bias check: {title}"
