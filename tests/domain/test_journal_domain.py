"""Pure journal helpers: query escaping, snippet markers, word count, tags, draft checks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from therapist_desk.domain.errors import InvalidEntry
from therapist_desk.domain.journal import (
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    SearchHit,
    check_draft,
    first_line,
    normalise_tags,
    word_count,
)
from therapist_desk.domain.search_query import MAX_TERMS, match_expression, search_terms
from therapist_desk.domain.snippets import SNIPPET_CHARS, make_snippet, term_patterns


# -- query escaping -------------------------------------------------------------------------
def test_terms_are_quoted_and_anded_with_a_prefix_on_the_last_word_while_typing():
    assert match_expression("anger grie") == '"anger" "grie"*'
    assert match_expression("anger grief ") == '"anger" "grief"'
    assert match_expression("anger grie", prefix_last=False) == '"anger" "grie"'


def test_quotes_inside_a_term_are_doubled():
    assert match_expression('say "no" now', prefix_last=False) == '"say" """no""" "now"'


@pytest.mark.parametrize(
    "query",
    ["AND", "OR", "NOT", "NEAR(", "a NEAR/2 b", "title:x", "-x", "^start", "x*", "(a OR b)", 'x"'],
)
def test_operators_are_only_text(query):
    expression = match_expression(query, prefix_last=False)
    assert expression is not None
    # Every phrase is a quoted string: nothing outside quotes but spaces.
    outside = "".join(part for i, part in enumerate(expression.split('"')) if i % 2 == 0)
    assert outside.strip() == ""


@pytest.mark.parametrize("query", ["", "   ", "😀", "*", '""', "-- ^^ ::", "🙂 🙃 !!"])
def test_nothing_searchable_gives_none(query):
    assert match_expression(query) is None


def test_terms_are_deduplicated_and_capped():
    assert search_terms("Grief grief GRIEF loss") == ["Grief", "loss"]
    assert len(search_terms(" ".join(f"w{i}" for i in range(500)))) == MAX_TERMS


@given(st.text(max_size=300))
def test_any_text_gives_a_balanced_expression(query):
    expression = match_expression(query)
    if expression is not None:
        assert expression.count('"') % 2 == 0


# -- snippets -------------------------------------------------------------------------------
def snip(text: str, query: str, prefix_last: bool = False):
    result = make_snippet(text, term_patterns(query, prefix_last))
    assert result is not None
    snippet, spans = result
    return snippet, [snippet[a:b] for a, b in spans]


def test_snippet_centres_on_the_passage_with_the_most_query_words():
    text = "anger early. " + "filler words here. " * 30 + "Anger and shame together. " + "more filler. " * 30
    snippet, marked = snip(text, "anger shame")
    assert marked == ["Anger", "shame"]
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) <= SNIPPET_CHARS + 2


def test_snippet_ignores_case_and_accents_and_keeps_the_original_text():
    assert snip("Met at the CAFÉ after.", "cafe") == ("Met at the CAFÉ after.", ["CAFÉ"])
    assert snip("Клиент говорил о доверии.", "ДОВЕРИИ")[1] == ["доверии"]
    assert snip("تحدثنا عن الثقة", "الثقة")[1] == ["الثقة"]


def test_snippet_matches_whole_words_and_phrases():
    assert make_snippet("grievance", term_patterns("grief", False)) is None
    assert snip("self-care and self care", "self-care")[1] == ["self-care", "self care"]
    assert snip("a_b", "b")[1] == ["b"]  # the underscore separates words, as in the index


def test_snippet_prefix_marks_the_whole_word():
    assert snip("Grief came up.", "grie", prefix_last=True)[1] == ["Grief"]
    assert make_snippet("Grief came up.", term_patterns("grie ", True)) is None


def test_snippet_is_one_line_and_never_interprets_markup():
    snippet, marked = snip("<b>first</b>\n\tsecond &amp; line", "second")
    assert snippet == "<b>first</b>  second &amp; line"
    assert marked == ["second"]


def test_no_snippet_without_a_match_or_without_terms():
    assert make_snippet("", term_patterns("x")) is None
    assert make_snippet("text", []) is None
    assert make_snippet("text", term_patterns("😀")) is None


@given(st.text(max_size=400), st.text(max_size=40))
def test_snippet_spans_always_point_inside_the_snippet(text, query):
    result = make_snippet(text, term_patterns(query))
    if result is not None:
        snippet, spans = result
        assert "\n" not in snippet
        for a, b in spans:
            assert 0 <= a < b <= len(snippet)


def test_marked_wraps_the_spans():
    hit = SearchHit("i", "t", None, (), "free", None, "the client was angry", ((4, 10), (15, 20)))  # type: ignore[arg-type]
    assert hit.marked() == "the [client] was [angry]"
    assert hit.marked("<<", ">>") == "the <<client>> was <<angry>>"


# -- words, lines, tags ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("one", 1),
        ("don't stop", 2),
        ("self-care matters", 2),
        ("  a\nb\tc ", 3),
        ("Ünïcödé wörds", 2),
    ],
)
def test_word_count(text, count):
    assert word_count(text) == count


def test_first_line_skips_blank_lines_and_shortens():
    assert first_line("\n\n  hello  \nworld") == "hello"
    assert first_line("", "  \n", "from fields") == "from fields"
    long = first_line("x" * 500)
    assert len(long) == 200 and long.endswith("…")


def test_tags_are_trimmed_deduplicated_without_regard_to_case():
    assert normalise_tags(["  #Grief ", "grief", "group   work", "", "Group Work"]) == ("Grief", "group work")


@pytest.mark.parametrize("tags", [["x" * 61], [f"t{i}" for i in range(51)], ["a\x07b"], [3]])
def test_bad_tags_are_refused(tags):
    with pytest.raises(InvalidEntry):
        normalise_tags(tags)


# -- draft checks ---------------------------------------------------------------------------
def test_check_draft_orders_choices_and_strips_nul():
    draft = check_draft(
        NoteDraft(
            body="ab\x00c",
            kind="bias",
            themes=("bias", "empathy"),
            bias=BiasReflection(dimensions=("gender", "age"), assumption_types=("motivation", "background")),
        )
    )
    assert draft.body == "abc"
    assert draft.themes == ("empathy", "bias")
    assert draft.bias is not None
    assert draft.bias.dimensions == ("age", "gender")
    assert draft.bias.assumption_types == ("background", "motivation")


def test_check_draft_fills_an_empty_guided_template():
    assert check_draft(NoteDraft(kind="gibbs")).gibbs == GibbsReflection()
    assert check_draft(NoteDraft(kind="bias")).bias == BiasReflection()


@pytest.mark.parametrize(
    "draft",
    [
        NoteDraft(kind="poem"),
        NoteDraft(themes=("astrology",)),
        NoteDraft(kind="free", gibbs=GibbsReflection(description="x")),
        NoteDraft(kind="gibbs", bias=BiasReflection()),
        NoteDraft(kind="bias", bias=BiasReflection(dimensions=("hair",))),
        NoteDraft(kind="bias", bias=BiasReflection(assumption_types=("luck",))),
        NoteDraft(title="t" * 501),
        NoteDraft(prompt_id=""),
    ],
)
def test_check_draft_refuses(draft):
    with pytest.raises(InvalidEntry):
        check_draft(draft)


def test_is_empty():
    assert NoteDraft().is_empty()
    assert NoteDraft(kind="gibbs", gibbs=GibbsReflection(description=" ")).is_empty()
    assert not NoteDraft(kind="gibbs", gibbs=GibbsReflection(feelings="tired")).is_empty()
    assert not NoteDraft(tags=("x",)).is_empty()
