"""Drafts a lock could not save: sealed under the vault's key, given back once, to that vault only."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from therapist_desk.domain.journal import (
    BiasReflection,
    GibbsReflection,
    NoteDraft,
    draft_from_dict,
    draft_to_dict,
)
from therapist_desk.services.kept_work import KeptWork

CANARY = "kept-canary-7f3a: Marisol said the relapse was her brother's fault"


def test_a_kept_draft_comes_back_once_with_the_same_key():
    key = bytearray(os.urandom(32))
    kept = KeptWork()
    kept.keep("journal.open-note", {"note_id": "n1", "text": CANARY}, key)
    assert len(kept) == 1 and kept.names() == ["journal.open-note"]
    assert kept.take("journal.open-note", key) == {"note_id": "n1", "text": CANARY}
    assert kept.take("journal.open-note", key) is None  # once
    assert len(kept) == 0


def test_only_ciphertext_is_held():
    key = os.urandom(32)
    kept = KeptWork()
    kept.keep("journal.open-note", {"text": CANARY}, key)
    held = b"".join(kept._sealed.values())
    assert CANARY.encode() not in held and CANARY.encode("utf-16-le") not in held
    assert key not in held


def test_another_vaults_key_cannot_read_it_and_it_waits_for_the_right_one():
    real, demo = os.urandom(32), os.urandom(32)
    kept = KeptWork()
    kept.keep("journal.open-note", {"text": CANARY}, real)
    assert kept.take("journal.open-note", demo) is None  # the demo vault was unlocked in between
    assert len(kept) == 1
    assert kept.take("journal.open-note", real) == {"text": CANARY}


def test_a_payload_cannot_be_moved_to_another_name():
    key = os.urandom(32)
    kept = KeptWork()
    kept.keep("supervision.composer", {"text": CANARY}, key)
    kept._sealed["journal.open-note"] = kept._sealed.pop("supervision.composer")
    assert kept.take("journal.open-note", key) is None  # the name is authenticated


def test_the_newest_payload_under_a_name_wins_and_discard_forgets_all():
    key = os.urandom(32)
    kept = KeptWork()
    kept.keep("a", {"v": 1}, key)
    kept.keep("a", {"v": 2}, key)
    kept.keep("b", {"v": 3}, key)
    assert len(kept) == 2 and kept.take("a", key) == {"v": 2}
    kept.discard()
    assert len(kept) == 0 and kept.take("b", key) is None


texts = st.text(max_size=40)


@given(
    title=texts,
    body=texts,
    tags=st.lists(st.text(min_size=1, max_size=10), max_size=3),
    kind=st.sampled_from(["free", "gibbs", "bias"]),
    guided=texts,
)
def test_a_draft_survives_the_round_trip_through_json_values(title, body, tags, kind, guided):
    draft = NoteDraft(
        title=title,
        body=body,
        tags=tuple(tags),
        prompt_id="stalled-02",
        client_id=None,
        kind=kind,
        themes=("bias",) if kind == "bias" else (),
        gibbs=GibbsReflection(feelings=guided) if kind == "gibbs" else None,
        bias=BiasReflection(assumption=guided, assumption_types=("motivation",), dimensions=("age",))
        if kind == "bias"
        else None,
    )
    key = os.urandom(32)
    kept = KeptWork()
    kept.keep("n", {"draft": draft_to_dict(draft)}, key)
    payload = kept.take("n", key)
    assert payload is not None and draft_from_dict(payload["draft"]) == draft


def test_names_for_lists_only_what_this_vault_can_read_and_removes_nothing():
    real, demo = os.urandom(32), os.urandom(32)
    kept = KeptWork()
    kept.keep("journal.open-note", {"v": 1}, real, vault_id="real-vault")
    kept.keep("self-care.check-in", {"v": 2}, demo, vault_id="demo-vault")
    assert kept.names_for(real) == ["journal.open-note"]
    assert kept.names_for(demo) == ["self-care.check-in"]
    assert len(kept) == 2
    # Without any key, the unlock page can tell which vault something was kept from.
    assert kept.held_for("real-vault") == 1 == kept.held_for("demo-vault") and kept.held_for("x") == 0
    kept.take("journal.open-note", real)
    assert kept.held_for("real-vault") == 0
