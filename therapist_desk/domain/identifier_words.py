"""Word lists for the identifier detector (domain/identifiers.py).

Why lists: a full name is "two capitalised words in a row", but so are sentence starts,
program names, days and the nature words therapists like as aliases. Words are lower case;
the detector compares case-insensitively after removing a possessive 's.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are never part of a person's name in a therapist's text: function words,
# sentence starters, days, months that are not first names, holidays, program and clinical
# terms, and the places of a treatment setting. They break a run of capitalised words.
STOP_WORDS = _words(
    """
    a about above after again against all also always am an and another any are as at
    back be because been before being below between both but by can cannot could
    did do does doing done down during each either else even ever every few first for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just last later least less let like many maybe me might more
    most much must my myself neither never new next no nor not now of off often on once
    one only or other our ours ourselves out over own perhaps please quite rather really
    same second she should since so some still such than thank thanks that the their theirs
    them themselves then there these they third this those though three through thus to
    today together tomorrow tonight too two under until up upon us very was we well were
    what when where whether which while who whom whose why with within without would
    yes yesterday yet you your yours yourself four five six seven eight nine ten
    felt feel feels feeling said says talked told asked seemed seems went came got gets
    made makes saw seen think thought know knew noticed wants wanted worked working tried
    discussed reviewed explored practiced practised agreed shared reported started stopped
    continued planned completed attended missed cancelled canceled arrived left called
    note notes stuck stalled good bad great hard difficult better worse okay ok fine
    client clients patient patients session sessions group groups family individual couple
    therapy therapist therapists counsellor counselor counselling counseling psychotherapy
    program programme programs step level levels phase stage track cohort team staff
    inpatient outpatient residential partial hospitalization hospitalisation intensive
    php iop op sud aud aa na ca smart cbt dbt act mi emdr ptsd adhd ocd gad mdd bpd mat
    moud detox rehab recovery relapse prevention plan plans goal goals coping skills safety
    treatment medication meds anger management trauma grief sobriety abstinence craving
    cravings trigger triggers support peer peers supervision supervisor consultation
    intake assessment discharge discharged transfer transferred waitlist active status
    progress check checkin homework exercise mindfulness meditation journal reflection
    alliance empathy congruence regard positive unconditional resistance burnout self care
    boundary boundaries room unit house center centre clinic hospital office ward building
    floor wing street road avenue lane drive court place way
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat january february march july september october november december jan feb mar
    apr jun jul aug sep sept oct nov dec week weeks weekly day days daily month months
    monthly year years morning afternoon evening night weekend
    christmas easter thanksgiving halloween ramadan eid hanukkah diwali passover holiday
    holidays birthday housing options employment job work school education legal probation
    parole benefits health mental physical sleep nutrition relationship relationships
    parenting communication social financial money budget spiritual medical psychiatric
    primary doctor nurse case manager worker meeting meetings appointment appointments
    """
)

# Words that can be an alias on their own ("River", "Blue Heron") but also a first name
# ("Rose Gonzalez"). They join a run of capitalised words but do not make it a name alone.
ALIAS_WORDS = _words(
    """
    river lake stone rock oak willow birch cedar pine maple aspen ash elm rowan heron hawk
    falcon eagle raven robin wren sparrow finch owl fox wolf bear deer otter sky star sun
    moon rain storm cloud snow frost ocean sea wave brook creek meadow field forest wood
    hill valley mountain canyon harbor harbour island bay shore blue red green gray grey
    silver gold golden amber jade ruby pearl coral ivory indigo violet scarlet crimson quiet
    calm bright brave gentle swift wild little big young old north south east west summer
    autumn winter spring dawn dusk rose lily iris ivy daisy holly hazel heather jasmine
    poppy sage fern clover hope faith grace joy glory harmony liberty journey april may
    june august will
    """
)

# Titles that make the next capitalised word a name even when it is an ordinary word.
TITLES = _words("dr mr mrs ms mx miss prof professor herr frau mme mlle sr sra")

# First names that look like verbs or adverbs by their ending (see VERB_ENDINGS).
NAMES_WITH_VERB_ENDINGS = _words("mohammed muhammed mohamed beverly kimberly shelly sterling irving channing")

# Lower-case name particles allowed inside a name ("Maria de la Cruz").
PARTICLES = _words("de da del della di du la le van von der den ter bin ibn al el dos das y")

# Endings of verbs, adverbs and abstract nouns: a title-case heading ("Discussed Relapse
# Prevention") is not a name. Words this long with these endings join but never count alone.
NON_NAME_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ship", "ance", "ence", "ful", "less", "ism")
VERB_ENDINGS = ("ed", "ing", "ly")
