"""The single-item burnout measure (Rohland, Kruse & Rohrer 2004) and the data-driven engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.domain.instruments import (
    InstrumentDefinitionError,
    bundled_instruments,
    get_instrument,
    load_instruments,
    parse_instrument,
    score,
)

SINGLE = get_instrument("single_item")


# -- single item: golden vectors ---------------------------------------------------------------
@pytest.mark.parametrize("answer", [1, 2, 3, 4, 5])
def test_each_option_scores_its_number(answer):
    assert score(SINGLE, {"burnout": answer}).scores == {"burnout": float(answer)}
    assert score(SINGLE, {"burnout": str(answer)}).scores == {"burnout": float(answer)}


@pytest.mark.parametrize(
    ("answer", "indicator", "very_high"),
    [(1, False, False), (2, False, False), (3, True, False), (4, True, True), (5, True, True)],
)
def test_three_or_more_is_the_indicator(answer, indicator, very_high):
    result = score(SINGLE, {"burnout": answer})
    assert result.scale("burnout").at_or_above_indicator is indicator
    assert (result.support_note is not None) is very_high
    assert "commonly used" in result.scale("burnout").band.label


def test_single_item_published_options_and_citation():
    options = SINGLE.items[0].response_set.options
    assert [o.code for o in options] == [1, 2, 3, 4, 5]
    assert options[0].label.startswith("I enjoy my work. I have no symptoms of burnout")
    assert "definitely burning out" in options[2].label
    assert "won't go away" in options[3].label
    assert "completely burned out" in options[4].label
    assert "Rohland" in SINGLE.citation and "Stress and Health, 20(2), 75–79" in SINGLE.citation
    assert "Mini-Z" in SINGLE.citation
    assert SINGLE.cadence_days == 7


def test_single_item_unanswered_has_no_score():
    assert score(SINGLE, {}).scores == {"burnout": None}
    assert score(SINGLE, {"burnout": None}).scores == {"burnout": None}


@pytest.mark.parametrize("bad", [0, 6, -1, "3.0", 3.0, 3.5, True, "three", "", [3]])
def test_single_item_invalid_values(bad):
    with pytest.raises(InvalidAnswers, match="item burnout .*must be one of: 1, 2, 3, 4, 5"):
        score(SINGLE, {"burnout": bad})


def test_single_item_unknown_item():
    with pytest.raises(InvalidAnswers, match="'level' is not an item of the Single-item burnout measure"):
        score(SINGLE, {"level": 3})


# -- the engine -------------------------------------------------------------------------------
def test_bundled_instruments_and_unknown_id():
    assert set(bundled_instruments()) >= {"cbi", "single_item"}
    with pytest.raises(InvalidAnswers, match="not an instrument this app knows"):
        get_instrument("mbi")


def _definition(**changes):
    data = {
        "format": "therapist-desk/instrument",
        "version": 1,
        "id": "demo",
        "title": "Demo scale",
        "citation": "Nobody (2020).",
        "scoring": "mean_of_answered",
        "response_sets": {
            "agree": {
                "options": [
                    {"value": v, "label": v, "code": c} for v, c in [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
                ]
            }
        },
        "bands": [{"from": 1, "below": 2.5, "label": "low"}, {"from": 2.5, "below": None, "label": "high"}],
        "scales": [
            {"id": "s", "title": "S", "min_answered": 2},
            {"id": "t", "title": "T", "min_answered": 1},
        ],
        "items": [
            {"id": "i1", "scale": "s", "response_set": "agree", "text": "one"},
            {"id": "i2", "scale": "s", "response_set": "agree", "text": "two", "reverse": True},
            {"id": "i3", "scale": "s", "response_set": "agree", "text": "three"},
            {"id": "i4", "scale": "t", "response_set": "agree", "text": "four"},
        ],
    }
    data.update(changes)
    return data


def test_engine_is_data_driven_reverse_mirrors_within_the_set():
    demo = parse_instrument(_definition())
    # i1 a=1, i2 a reversed within 1..4 -> 4: (1 + 4) / 2 = 2.5
    result = score(demo, {"i1": "a", "i2": "a", "i4": "d"})
    assert result.scores == {"s": 2.5, "t": 4.0}
    assert result.scale("s").band.label == "high"
    assert result.scale("s").answered == ("i1", "i2")
    assert score(demo, {"i1": "d", "i2": "d"}).scores["s"] == 2.5  # 4 + (5 - 4) = 5, / 2
    assert score(demo, {"i3": "b"}).scores == {"s": None, "t": None}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"scoring": "sum_of_squares"}, "unknown scoring rule"),
        ({"format": "something-else"}, "not a version 1"),
        (
            {
                "scales": [
                    {"id": "s", "title": "S", "min_answered": 4},
                    {"id": "t", "title": "T", "min_answered": 1},
                ]
            },
            "bad minimum",
        ),
        ({"scales": [{"id": "s", "title": "S", "min_answered": 1}]}, "unknown scales"),
        (
            {"items": [{"id": "i1", "scale": "s", "response_set": "nope", "text": "x"}]},
            "unknown response set",
        ),
        (
            {
                "items": [
                    {"id": "i1", "scale": "s", "response_set": "agree", "text": "x"},
                    {"id": "i1", "scale": "t", "response_set": "agree", "text": "y"},
                ]
            },
            "repeat",
        ),
        ({"citation": None}, "'citation'"),
    ],
)
def test_malformed_definitions_are_refused(changes, problem):
    with pytest.raises(InstrumentDefinitionError, match=problem):
        parse_instrument(_definition(**changes))


@pytest.mark.parametrize(
    "changes",
    [
        {"items": ["i1"]},
        {"items": None},
        {"scales": [3]},
        {"bands": [{"from": "low", "label": "x"}]},
        {"bands": [{"from": 0, "below": "high", "label": "x"}]},
        {"bands": "none"},
        {"response_sets": {"agree": {"options": [1, 2]}}},
        {"response_sets": {"agree": {"options": [{"value": "a", "label": "a", "code": 1}] * 2}}},
    ],
)
def test_garbage_definitions_raise_only_definition_errors(changes):
    with pytest.raises(InstrumentDefinitionError):
        parse_instrument(_definition(**changes))


def test_optional_parts_of_the_wrong_shape_are_ignored():
    demo = parse_instrument(_definition(cadence=[7], meaning="text"))
    assert demo.cadence_days is None and demo.means == () and demo.very_high_text == ""


def test_load_instruments_from_a_folder(tmp_path: Path):
    (tmp_path / "a.json").write_text(json.dumps(_definition()))
    assert list(load_instruments(tmp_path)) == ["demo"]
    (tmp_path / "b.json").write_text(json.dumps(_definition()))
    with pytest.raises(InstrumentDefinitionError, match="repeats"):
        load_instruments(tmp_path)
    (tmp_path / "b.json").write_text("{not json")
    with pytest.raises(InstrumentDefinitionError, match="cannot be read"):
        load_instruments(tmp_path)


def test_bundled_files_all_parse_and_are_immutable():
    instruments = bundled_instruments()
    with pytest.raises(TypeError):
        instruments["x"] = instruments["cbi"]  # type: ignore[index]
    for instrument in instruments.values():
        assert instrument.citation and instrument.bands_note
        assert "commonly used" in instrument.bands_note
        assert instrument.very_high_text
