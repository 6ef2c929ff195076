"""The prompt library: integrity of the bundled data, the loader's checks, and picking prompts."""

from __future__ import annotations

import copy
import json
import random
from datetime import date, timedelta

import pytest

from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    ASSUMPTION_TYPES,
    BIAS_TEXT_FIELDS,
    GIBBS_FIELDS,
    THEMES,
)
from therapist_desk.domain.prompts import (
    DEFAULT_PATH,
    PromptLibraryError,
    load_prompt_library,
    parse_library,
    prompt_of_the_day,
    prompts_by_theme,
    random_prompt,
    theme_label,
)

LIBRARY = load_prompt_library()


def raw_document() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


# -- the bundled library --------------------------------------------------------------------
def test_at_least_sixty_prompts_with_unique_ids():
    ids = [p.id for p in LIBRARY.prompts]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


def test_every_theme_is_used_and_every_theme_is_known():
    used = {t for p in LIBRARY.prompts for t in p.themes}
    assert used == set(THEMES)


def test_every_theme_has_several_prompts():
    for theme in THEMES:
        assert len(prompts_by_theme(theme)) >= 4, theme


def test_bias_prompts_cover_every_assumption_type_and_addressing_dimension():
    bias = prompts_by_theme("bias")
    assert len(bias) >= 10
    assert {t for p in bias for t in p.assumption_types} == set(ASSUMPTION_TYPES)
    assert {d for p in bias for d in p.dimensions} == set(ADDRESSING_DIMENSIONS)
    for prompt in bias:
        assert prompt.assumption_types and prompt.dimensions, prompt.id


def test_each_dimension_has_a_prompt_of_its_own():
    # Not only the catch-all prompt: every dimension is asked about specifically somewhere.
    for dimension in ADDRESSING_DIMENSIONS:
        focused = [
            p for p in prompts_by_theme("bias") if dimension in p.dimensions and len(p.dimensions) <= 3
        ]
        assert focused, dimension


def test_stalled_progress_prompts_name_supervision_consultation_and_a_change_of_therapist():
    texts = " ".join(p.text.lower() for p in prompts_by_theme("stalled_progress"))
    assert "supervision" in texts
    assert "consultation" in texts
    assert "change of therapist" in texts or "different counsellor" in texts


def test_only_bias_prompts_carry_bias_tags():
    for prompt in LIBRARY.prompts:
        if "bias" not in prompt.themes:
            assert prompt.assumption_types == () and prompt.dimensions == (), prompt.id


def test_prompts_are_real_questions_not_placeholders():
    texts = [p.text for p in LIBRARY.prompts]
    assert len(set(texts)) == len(texts)
    for text in texts:
        assert 60 <= len(text) <= 400, text
        assert "?" in text or text.rstrip().endswith("."), text
        assert "<" not in text and "TODO" not in text


def test_prompts_speak_to_the_levels_of_care():
    texts = " ".join(p.text for p in LIBRARY.prompts)
    for level in ("inpatient", "PHP", "IOP", "outpatient", "residential"):
        assert level in texts


def test_theme_dimension_and_type_labels():
    assert theme_label("positive_regard") == "Unconditional positive regard"
    assert all(LIBRARY.theme_label(t) != t for t in THEMES)
    assert all(LIBRARY.dimension_label(d) != d for d in ADDRESSING_DIMENSIONS)
    assert all(LIBRARY.assumption_type_label(t) != t for t in ASSUMPTION_TYPES)
    assert LIBRARY.theme_label("no_such_theme") == "no_such_theme"


def test_templates_match_the_schema_fields():
    gibbs = LIBRARY.template("gibbs")
    assert tuple(f.id for f in gibbs.fields) == GIBBS_FIELDS
    bias = LIBRARY.template("bias")
    assert tuple(f.id for f in bias.fields if f.type == "text") == BIAS_TEXT_FIELDS
    choices = {f.id: f.choices_from for f in bias.fields if f.type == "choices"}
    assert choices == {"assumption_types": "assumption_types", "dimensions": "dimensions"}
    for field in (*gibbs.fields, *bias.fields):
        assert field.label and field.guidance


# -- picking prompts --------------------------------------------------------------------
def test_random_prompt_is_reproducible_with_a_seeded_rng_and_respects_the_theme():
    first = [random_prompt(random.Random(7)).id for _ in range(3)]
    assert len(set(first)) == 1
    picks = {random_prompt(random.Random(seed), "boundaries").id for seed in range(50)}
    assert picks <= {p.id for p in prompts_by_theme("boundaries")}
    assert len(picks) > 1


def test_random_prompt_with_an_unused_theme_fails_clearly():
    with pytest.raises(PromptLibraryError):
        LIBRARY.random_prompt(random.Random(1), "astrology")


def test_prompt_of_the_day_is_stable_and_cycles_through_the_whole_library():
    day = date(2026, 2, 14)
    assert prompt_of_the_day(day) == prompt_of_the_day(day)
    n = len(LIBRARY.prompts)
    seen = [prompt_of_the_day(day + timedelta(days=i)).id for i in range(n)]
    assert len(set(seen)) == n  # no repeat before every prompt has come round
    assert prompt_of_the_day(day + timedelta(days=n)) == prompt_of_the_day(day)


# -- the loader refuses malformed data ------------------------------------------------------
def _broken(change) -> dict:
    doc = copy.deepcopy(raw_document())
    change(doc)
    return doc


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["prompts"].append(dict(d["prompts"][0])),  # duplicate id
        lambda d: d["prompts"][0].update(themes=["astrology"]),
        lambda d: d["prompts"][0].update(themes=[]),
        lambda d: d["prompts"][0].update(text=""),
        lambda d: d["prompts"][0].update(id=" padded "),
        lambda d: d["prompts"][0].update(assumption_types=["background"], dimensions=["age"]),
        lambda d: next(p for p in d["prompts"] if "bias" in p["themes"]).update(dimensions=[]),
        lambda d: next(p for p in d["prompts"] if "bias" in p["themes"]).update(dimensions=["hair_colour"]),
        lambda d: d["themes"].pop(),
        lambda d: d["dimensions"].reverse(),
        lambda d: d["templates"][0]["fields"].pop(),
        lambda d: d["templates"].pop(),
        lambda d: d.update(version=2),
        lambda d: d.update(format="something-else"),
        lambda d: d.update(prompts=[]),
    ],
)
def test_parse_library_refuses_broken_data(change):
    with pytest.raises(PromptLibraryError):
        parse_library(_broken(change))


def test_load_from_a_path(tmp_path):
    path = tmp_path / "prompts.json"
    path.write_text(json.dumps(raw_document()), encoding="utf-8")
    assert load_prompt_library(path) == LIBRARY
