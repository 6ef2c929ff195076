"""Synthetic reflection text for the demo vault: notes that answer real prompts of the library.

``NoteWriter.fill(draft, ...)`` takes the draft ``JournalService.draft_from_prompt`` made for a
prompt (its themes, kind, and for a bias prompt the assumption types and ADDRESSING dimensions)
and writes a title, a body, guided fields and tags into it, from the sentence templates in
services/demo_sentences.py. Everything is drawn from the ``random.Random`` it is given, so the
same seed writes the same words. Length is counted like ``domain.journal.word_count``.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from therapist_desk.domain.journal import (
    BIAS_TEXT_FIELDS,
    GIBBS_FIELDS,
    GibbsReflection,
    NoteDraft,
)
from therapist_desk.services.demo_sentences import (
    BIAS_SENTENCES,
    BIAS_TITLE,
    CLOSINGS,
    GENERIC_SENTENCES,
    GIBBS_SENTENCES,
    GIBBS_TITLE,
    RESTED_SENTENCES,
    STRAINED_SENTENCES,
    THEME_SENTENCES,
    TITLES,
)
from therapist_desk.services.demo_vocabulary import LEVEL_WORDS, SLOTS, TAGS

MIN_WORDS = 100
MAX_WORDS = 600
_NEUTRAL_WHO = ("a client", "one of my clients", "the client", "a newer client", "someone in group")
# Tags a reflection on a theme is likely to carry (besides a random one now and then).
_THEME_TAGS = {
    "burnout_self_care": ("self-care", "sleep", "supervision"),
    "boundaries": ("boundaries", "self-care"),
    "social_support_trust": ("family", "peer support", "discharge planning"),
    "stalled_progress": ("consultation", "supervision"),
    "alliance_shared_goals": ("alliance", "rupture"),
    "resistance": ("court-mandated", "alliance"),
    "empathy": ("trauma", "grief"),
    "countertransference": ("supervision", "family"),
    "structure_support": ("group", "discharge planning"),
    "cultural_humility": ("supervision", "family"),
    "positive_regard": ("relapse", "cravings"),
    "congruence": ("group", "alliance"),
    "bias": ("supervision", "consultation"),
}


class _Slots(dict[str, str]):
    """Fills a template's placeholders on demand; each use draws a fresh word."""

    def __init__(self, rng: random.Random, who: str, level: str) -> None:
        super().__init__()
        self._rng = rng
        self._who = who
        self._level = level

    def __missing__(self, key: str) -> str:
        name = key.lower()
        if name == "who":
            value = self._who
        elif name == "level":
            value = self._level
        else:
            value = self._rng.choice(SLOTS[name])
        return value[:1].upper() + value[1:] if key[:1].isupper() else value


class NoteWriter:
    """Writes the text of demo reflections with one seeded ``random.Random``."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def target_words(self) -> int:
        """A note length between 100 and 600 words, most of them 150 to 350."""
        return int(min(MAX_WORDS - 30, max(MIN_WORDS + 10, self._rng.lognormvariate(5.55, 0.42))))

    def fill(
        self,
        draft: NoteDraft,
        *,
        alias: str | None,
        level: str,
        strain: float,
        rested: bool = False,
        words: int | None = None,
    ) -> NoteDraft:
        """``draft`` with title, body, guided fields and tags written in. ``alias`` is the linked
        client's alias (None: the note names nobody); ``strain`` (0-1) colours the wording."""
        rng = self._rng
        target = words or self.target_words()
        slots = _Slots(rng, alias or rng.choice(_NEUTRAL_WHO), LEVEL_WORDS[level])
        themes = [t for t in draft.themes if t != "bias"] or list(draft.themes)
        primary = themes[0] if themes else "burnout_self_care"
        title = rng.choice(TITLES[primary])
        gibbs = bias = None
        if draft.kind == "gibbs":
            texts = self._fields(GIBBS_SENTENCES, GIBBS_FIELDS, slots)
            gibbs = GibbsReflection(**texts)
            title = GIBBS_TITLE.format(title=title)
        elif draft.kind == "bias":
            texts = self._fields(BIAS_SENTENCES, BIAS_TEXT_FIELDS, slots)
            assert draft.bias is not None
            # Text fields only; mypy would match each ** entry against every field, tuples too.
            changes: dict[str, Any] = texts
            bias = dataclasses.replace(draft.bias, **changes)
            title = BIAS_TITLE.format(title=rng.choice(TITLES["bias"]))
        else:
            texts = {}
        # Guided fields hold a sentence or two each; the body carries the rest of the length.
        written = sum(len(text.split()) for text in texts.values())
        body = self._body(themes, slots, max(target - written, 30), strain, rested)
        if alias is not None and rng.random() < 0.4:
            title = f"{title} ({alias})"
        return dataclasses.replace(
            draft, title=title, body=body, tags=self._tags(themes, level), gibbs=gibbs, bias=bias
        )

    # -- pieces ------------------------------------------------------------------------
    def _body(self, themes: list[str], slots: _Slots, target: int, strain: float, rested: bool) -> str:
        rng = self._rng
        pools = [s for t in themes for s in THEME_SENTENCES.get(t, ())]
        strained = max(0.0, strain - 0.45) * 1.2
        restful = max(0.0, 0.3 - strain) * 1.5 + (0.25 if rested else 0.0)
        paragraphs: list[str] = []
        current: list[str] = []
        count = 0
        used: set[str] = set()
        per_paragraph = rng.randint(3, 6)
        while count < target - 12:
            roll = rng.random()
            if roll < strained:
                template = rng.choice(STRAINED_SENTENCES)
            elif roll < strained + restful:
                template = rng.choice(RESTED_SENTENCES)
            elif roll < 0.62 and pools:
                template = rng.choice(pools)
            else:
                template = rng.choice(GENERIC_SENTENCES)
            if template in used:  # a repeated sentence reads as generated: take a general one
                template = rng.choice(GENERIC_SENTENCES)
            used.add(template)
            sentence = template.format_map(slots)
            current.append(sentence)
            count += len(sentence.split())
            if len(current) >= per_paragraph:
                paragraphs.append(" ".join(current))
                current, per_paragraph = [], rng.randint(3, 6)
        closing = rng.choice(CLOSINGS).format_map(slots)
        current.append(closing)
        paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)

    def _fields(
        self, bank: dict[str, tuple[str, ...]], names: tuple[str, ...], slots: _Slots
    ) -> dict[str, str]:
        """One or two different sentences for each guided field."""
        rng = self._rng
        return {
            name: " ".join(t.format_map(slots) for t in rng.sample(bank[name], rng.randint(1, 2)))
            for name in names
        }

    def _tags(self, themes: list[str], level: str) -> tuple[str, ...]:
        rng = self._rng
        tags: list[str] = []
        for theme in themes[:2]:
            if rng.random() < 0.55:
                tags.append(rng.choice(_THEME_TAGS.get(theme, TAGS)))
        if rng.random() < 0.35:
            tags.append(LEVEL_WORDS[level] if level != "inpatient" else "residential")
        if rng.random() < 0.3:
            tags.append(rng.choice(TAGS))
        return tuple(dict.fromkeys(tags))
