"""Golden vectors for the Copenhagen Burnout Inventory, worked out by hand from the published rule.

Kristensen et al. (2005): responses coded 100, 75, 50, 25, 0; w7 reversed; a scale is the mean
of its answered items, scored only when at least half are answered (personal 3 of 6, work 4
of 7, client 3 of 6); no total. Every expected number below was computed on paper, not by
the code under test.
"""

from __future__ import annotations

import pytest

from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.domain.instruments import get_instrument, score

CBI = get_instrument("cbi")


def cbi(**answers: str) -> dict[str, float | None]:
    return score(CBI, answers).scores


# -- the instrument as published ------------------------------------------------------------
def test_items_scales_and_response_sets_match_the_published_instrument():
    layout = {i.id: (i.scale, i.response_set.id, i.reverse) for i in CBI.items}
    expected = {}
    for n in range(1, 7):
        expected[f"p{n}"] = ("personal", "frequency", False)
    for n in range(1, 4):
        expected[f"w{n}"] = ("work", "intensity", False)
    for n in range(4, 7):
        expected[f"w{n}"] = ("work", "frequency", False)
    expected["w7"] = ("work", "frequency", True)
    for n in range(1, 5):
        expected[f"c{n}"] = ("client", "intensity", False)
    for n in range(5, 7):
        expected[f"c{n}"] = ("client", "frequency", False)
    assert layout == expected
    assert len(CBI.items) == 19
    assert [(s.id, s.min_answered) for s in CBI.scales] == [("personal", 3), ("work", 4), ("client", 3)]


def test_response_options_are_the_published_ones_in_order():
    sets = {r.id: [(o.value, o.code) for o in r.options] for r in CBI.response_sets}
    assert sets["frequency"] == [
        ("always", 100),
        ("often", 75),
        ("sometimes", 50),
        ("seldom", 25),
        ("never", 0),
    ]
    assert sets["intensity"] == [
        ("very_high", 100),
        ("high", 75),
        ("somewhat", 50),
        ("low", 25),
        ("very_low", 0),
    ]


def test_citation_cadence_and_wording():
    assert "Kristensen, T. S., Borritz, M., Villadsen, E., & Christensen, K. B. (2005)" in CBI.citation
    assert "Work & Stress, 19(3), 192–207" in CBI.citation
    assert "NFA" in CBI.license
    assert CBI.cadence_days == 30 and "monthly" in CBI.cadence_text
    assert all("client" in i.text for i in CBI.items if i.scale == "client")
    assert "commonly used" in CBI.bands_note and "cautions against fixed cut-points" in CBI.bands_note
    assert any("not a diagnosis" in t for t in CBI.does_not_mean)


# -- every response of both sets ------------------------------------------------------------
@pytest.mark.parametrize(
    ("response", "expected"),
    [("always", 100.0), ("often", 75.0), ("sometimes", 50.0), ("seldom", 25.0), ("never", 0.0)],
)
def test_each_frequency_response(response, expected):
    assert cbi(p1=response, p2=response, p3=response)["personal"] == expected


@pytest.mark.parametrize(
    ("response", "expected"),
    [("very_high", 100.0), ("high", 75.0), ("somewhat", 50.0), ("low", 25.0), ("very_low", 0.0)],
)
def test_each_intensity_response(response, expected):
    assert cbi(c1=response, c2=response, c3=response)["client"] == expected


# -- the reverse item ------------------------------------------------------------------------
@pytest.mark.parametrize(
    # w4-w6 "never" (0 each) plus w7: (0 + 0 + 0 + reversed w7) / 4
    ("w7", "expected"),
    [("always", 0.0), ("often", 6.25), ("sometimes", 12.5), ("seldom", 18.75), ("never", 25.0)],
)
def test_w7_is_reverse_scored(w7, expected):
    assert cbi(w4="never", w5="never", w6="never", w7=w7)["work"] == expected


def test_w7_reversed_inside_a_full_work_scale():
    # six items at 50 and w7 "never" (reversed to 100): (6 * 50 + 100) / 7 = 400 / 7
    scores = cbi(
        w1="somewhat",
        w2="somewhat",
        w3="somewhat",
        w4="sometimes",
        w5="sometimes",
        w6="sometimes",
        w7="never",
    )
    assert scores["work"] == pytest.approx(57.142857, abs=1e-6)


# -- half answered and below half, per scale -------------------------------------------------
def test_personal_three_answered_is_scored_two_is_not():
    assert cbi(p1="always", p2="often", p3="sometimes")["personal"] == 75.0  # 225 / 3
    assert cbi(p1="always", p2="often")["personal"] is None


def test_work_four_answered_is_scored_three_is_not():
    # very_high 100, high 75, sometimes 50, w7 always -> 0: 225 / 4
    assert cbi(w1="very_high", w2="high", w4="sometimes", w7="always")["work"] == 56.25
    assert cbi(w1="very_high", w2="high", w4="sometimes")["work"] is None


def test_client_three_answered_is_scored_two_is_not():
    # low 25, seldom 25, often 75: 125 / 3
    assert cbi(c1="low", c5="seldom", c6="often")["client"] == pytest.approx(41.666667, abs=1e-6)
    assert cbi(c1="low", c5="seldom")["client"] is None


def test_unscored_scale_is_none_not_zero_and_others_still_score():
    scores = cbi(p1="never", p2="never", p3="never", w1="high")
    assert scores == {"personal": 0.0, "work": None, "client": None}


def test_nothing_answered():
    assert cbi() == {"personal": None, "work": None, "client": None}


def test_null_answers_count_as_skipped():
    scores = score(CBI, {"p1": "often", "p2": "often", "p3": None, "p4": "often"}).scores
    assert scores["personal"] == 75.0
    assert score(CBI, {"p1": "often", "p2": "often", "p3": None}).scores["personal"] is None


# -- all answered, exact means -----------------------------------------------------------------
def test_all_answered_exact_means_and_no_total():
    result = score(
        CBI,
        {
            # personal: 75 + 75 + 75 + 50 + 50 + 25 = 350, / 6
            "p1": "often",
            "p2": "often",
            "p3": "often",
            "p4": "sometimes",
            "p5": "sometimes",
            "p6": "seldom",
            # work: 75 + 50 + 25 + 75 + 50 + 25 + (w7 seldom -> 75) = 375, / 7
            "w1": "high",
            "w2": "somewhat",
            "w3": "low",
            "w4": "often",
            "w5": "sometimes",
            "w6": "seldom",
            "w7": "seldom",
            # client: 100 + 75 + 75 + 50 + 100 + 0 = 400, / 6
            "c1": "very_high",
            "c2": "high",
            "c3": "high",
            "c4": "somewhat",
            "c5": "always",
            "c6": "never",
        },
    )
    assert set(result.scores) == {"personal", "work", "client"}  # no total score
    assert result.scores["personal"] == pytest.approx(58.33333, abs=1e-5)
    assert result.scores["work"] == pytest.approx(53.571429, abs=1e-6)
    assert result.scores["client"] == pytest.approx(66.666667, abs=1e-6)
    assert len(result.answered_items) == 19


def test_extremes():
    worst = {i.id: ("always" if i.response_set.id == "frequency" else "very_high") for i in CBI.items}
    worst["w7"] = "never"
    assert cbi(**worst) == {"personal": 100.0, "work": 100.0, "client": 100.0}
    best = {i.id: ("never" if i.response_set.id == "frequency" else "very_low") for i in CBI.items}
    best["w7"] = "always"
    assert cbi(**best) == {"personal": 0.0, "work": 0.0, "client": 0.0}


# -- bands and meaning ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("response", "band_start", "high", "very_high"),
    [
        ("never", "below 50", False, False),
        ("seldom", "below 50", False, False),
        ("sometimes", "50–74", True, False),
        ("often", "75–99", True, True),
        ("always", "100", True, True),
    ],
)
def test_commonly_used_bands(response, band_start, high, very_high):
    result = score(CBI, {"p1": response, "p2": response, "p3": response}).scale("personal")
    assert result.band is not None and result.band.label.startswith(band_start)
    assert result.at_or_above_indicator is high
    assert result.very_high is very_high


def test_very_high_scores_suggest_someone_to_talk_to():
    result = score(CBI, {"c1": "very_high", "c2": "very_high", "c3": "high"})
    note = result.support_note
    assert (
        note
        and "supervisor" in note
        and "trusted colleague" in note
        and "employee assistance program" in note
    )
    assert score(CBI, {"c1": "low", "c2": "low", "c3": "low"}).support_note is None


def test_unscored_scale_has_no_band():
    assert score(CBI, {"p1": "often"}).scale("personal").band is None


# -- invalid answers -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answers", "named"),
    [
        ({"p1": "Often"}, "p1"),  # values are exact ids
        ({"p1": "very_high"}, "p1"),  # an intensity answer on a frequency item
        ({"w1": "often"}, "w1"),  # a frequency answer on an intensity item
        ({"c2": 75}, "c2"),  # a code instead of an answer
        ({"p4": True}, "p4"),
        ({"w7": ""}, "w7"),
        ({"c6": ["never"]}, "c6"),
    ],
)
def test_invalid_response_names_the_item(answers, named):
    with pytest.raises(InvalidAnswers) as info:
        score(CBI, answers)
    assert f"item {named} " in info.value.message
    assert (
        "always, often, sometimes, seldom, never" in info.value.message or "very_high" in info.value.message
    )


@pytest.mark.parametrize("item_id", ["p7", "w0", "P1", "total", ""])
def test_unknown_item_id_is_named(item_id):
    with pytest.raises(InvalidAnswers) as info:
        score(CBI, {"p1": "often", item_id: "often"})
    assert repr(item_id) in info.value.message
    assert "is not an item of the Copenhagen Burnout Inventory" in info.value.message


def test_answers_must_be_an_object():
    for bad in (["p1", "often"], "p1=often", None, 3):
        with pytest.raises(InvalidAnswers, match="must be an object"):
            score(CBI, bad)  # type: ignore[arg-type]


def test_error_never_echoes_the_invalid_value():
    canary = "zq-canary-7731"
    with pytest.raises(InvalidAnswers) as info:
        score(CBI, {"p1": canary})
    assert canary not in info.value.message
    with pytest.raises(InvalidAnswers) as info:
        score(CBI, {"p1": "often", "x" * 500: "often"})
    assert len(info.value.message) < 400


def test_invalid_answers_exit_status_is_6():
    assert InvalidAnswers.exit_status == 6
