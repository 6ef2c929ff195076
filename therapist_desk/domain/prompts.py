"""The reflection prompt library and the guided-reflection templates, loaded from data.

``resources/prompts/prompts.json`` holds prompts written for this app (each with a stable id
that notes refer to, themes, and for bias prompts the assumption types and ADDRESSING
dimensions it asks about), the labels of every theme, assumption type and dimension, and the
Gibbs and structured-bias templates (field ids, labels, short guidance). The ids themselves are
fixed in ``domain/journal.py``; loading checks that the data agrees with them.
"""

from __future__ import annotations

import functools
import json
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from therapist_desk.domain.journal import (
    ADDRESSING_DIMENSIONS,
    ASSUMPTION_TYPES,
    BIAS_TEXT_FIELDS,
    GIBBS_FIELDS,
    THEMES,
)
from therapist_desk.resources_path import resource_path

PROMPTS_FORMAT = "therapist-desk/prompts"
DEFAULT_PATH = resource_path("prompts", "prompts.json")
# The prompt of the day walks through one fixed shuffle of the library, so consecutive days
# differ and every prompt comes round before any repeats.
_DAY_ORDER_SEED = 20250106
BIAS_TEMPLATE_FIELDS = (
    "situation",
    "assumption",
    "assumption_types",
    "dimensions",
    "evidence_for",
    "evidence_against",
    "alternative_reading",
    "next_step",
)


class PromptLibraryError(ValueError):
    """The bundled prompt data is malformed (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class Prompt:
    id: str
    text: str
    themes: tuple[str, ...]
    assumption_types: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()

    @property
    def is_bias_prompt(self) -> bool:
        return "bias" in self.themes


@dataclass(frozen=True)
class Label:
    id: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class TemplateField:
    id: str
    label: str
    guidance: str
    type: str  # "text", or "choices" (several of the ids in ``choices_from``)
    choices_from: str | None = None  # "assumption_types" or "dimensions"


@dataclass(frozen=True)
class ReflectionTemplate:
    id: str  # "gibbs" or "bias": the note kind it fills
    label: str
    description: str
    fields: tuple[TemplateField, ...]


@dataclass(frozen=True)
class PromptLibrary:
    prompts: tuple[Prompt, ...]
    themes: tuple[Label, ...]
    assumption_types: tuple[Label, ...]
    dimensions: tuple[Label, ...]
    templates: tuple[ReflectionTemplate, ...]

    def get(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def prompts_by_theme(self, theme: str) -> tuple[Prompt, ...]:
        """Prompts carrying ``theme``, in library order."""
        return tuple(p for p in self.prompts if theme in p.themes)

    def random_prompt(self, rng: random.Random, theme: str | None = None) -> Prompt:
        """A prompt picked with ``rng`` (inject a seeded one in tests), optionally from one theme."""
        pool = self.prompts_by_theme(theme) if theme else self.prompts
        if not pool:
            raise PromptLibraryError(f"no prompts for theme {theme!r}")
        return rng.choice(pool)

    def prompt_of_the_day(self, day: date) -> Prompt:
        """The same prompt all day, a different one tomorrow; independent of when the app started."""
        order = sorted(p.id for p in self.prompts)
        random.Random(_DAY_ORDER_SEED).shuffle(order)  # noqa: S311 (a fixed order, not a secret)
        chosen = order[day.toordinal() % len(order)]
        return next(p for p in self.prompts if p.id == chosen)

    def theme_label(self, theme: str) -> str:
        return _label(self.themes, theme)

    def dimension_label(self, dimension: str) -> str:
        return _label(self.dimensions, dimension)

    def assumption_type_label(self, assumption_type: str) -> str:
        return _label(self.assumption_types, assumption_type)

    def template(self, kind: str) -> ReflectionTemplate:
        for template in self.templates:
            if template.id == kind:
                return template
        raise KeyError(kind)


def _label(labels: tuple[Label, ...], key: str) -> str:
    return next((item.label for item in labels if item.id == key), key)


def _need(condition: bool, problem: str) -> None:
    if not condition:
        raise PromptLibraryError(f"prompt library: {problem}")


def _labels(doc: dict[str, Any], key: str, expected: tuple[str, ...]) -> tuple[Label, ...]:
    items = doc.get(key)
    if not isinstance(items, list):
        raise PromptLibraryError(f"prompt library: {key} must be a list")
    labels = tuple(Label(str(i["id"]), str(i["label"]), str(i.get("description", ""))) for i in items)
    _need(tuple(item.id for item in labels) == expected, f"{key} must list exactly {', '.join(expected)}")
    return labels


def _templates(doc: dict[str, Any]) -> tuple[ReflectionTemplate, ...]:
    expected = {"gibbs": GIBBS_FIELDS, "bias": BIAS_TEMPLATE_FIELDS}
    templates = []
    for raw in doc.get("templates", []):
        fields = tuple(
            TemplateField(f["id"], f["label"], f["guidance"], f["type"], f.get("choices_from"))
            for f in raw["fields"]
        )
        for f in fields:
            _need(f.type in ("text", "choices"), f"template field {f.id} has an unknown type")
            _need(f.label.strip() != "" and f.guidance.strip() != "", f"template field {f.id} needs a label")
            _need(
                (f.type == "choices") == (f.choices_from in ("assumption_types", "dimensions")),
                f"template field {f.id} has a bad choices_from",
            )
        templates.append(ReflectionTemplate(raw["id"], raw["label"], raw["description"], fields))
    _need(sorted(t.id for t in templates) == sorted(expected), "templates must be gibbs and bias")
    for template in templates:
        ids = tuple(f.id for f in template.fields)
        _need(
            ids == expected[template.id], f"template {template.id} must have fields {expected[template.id]}"
        )
    bias_text = tuple(f.id for f in next(t for t in templates if t.id == "bias").fields if f.type == "text")
    _need(bias_text == BIAS_TEXT_FIELDS, "the bias template's text fields do not match the schema")
    return tuple(templates)


def _prompt(raw: dict[str, Any]) -> Prompt:
    pid = raw.get("id")
    _need(isinstance(pid, str) and pid.strip() == pid and pid != "", f"bad prompt id {pid!r}")
    text = raw.get("text")
    _need(isinstance(text, str) and len(text.strip()) >= 20, f"prompt {pid} has no text")
    themes = tuple(raw.get("themes") or ())
    _need(themes != () and all(t in THEMES for t in themes), f"prompt {pid} has unknown or no themes")
    types = tuple(raw.get("assumption_types") or ())
    dims = tuple(raw.get("dimensions") or ())
    _need(all(t in ASSUMPTION_TYPES for t in types), f"prompt {pid} has an unknown assumption type")
    _need(all(d in ADDRESSING_DIMENSIONS for d in dims), f"prompt {pid} has an unknown dimension")
    if "bias" in themes:
        _need(types != () and dims != (), f"bias prompt {pid} needs assumption types and dimensions")
    else:
        _need(types == () and dims == (), f"prompt {pid} is not a bias prompt but has bias tags")
    return Prompt(str(pid), str(text), themes, types, dims)


def parse_library(doc: Any) -> PromptLibrary:
    """Validate a decoded prompts document; raises PromptLibraryError on the first problem."""
    _need(isinstance(doc, dict) and doc.get("format") == PROMPTS_FORMAT, "not a prompts document")
    _need(doc.get("version") == 1, "unsupported version")
    raw_prompts = doc.get("prompts")
    _need(isinstance(raw_prompts, list) and raw_prompts != [], "prompts must be a non-empty list")
    prompts = tuple(_prompt(raw) for raw in raw_prompts)
    ids = [p.id for p in prompts]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    _need(not duplicates, f"duplicate prompt ids {duplicates}")
    try:
        return PromptLibrary(
            prompts=prompts,
            themes=_labels(doc, "themes", THEMES),
            assumption_types=_labels(doc, "assumption_types", ASSUMPTION_TYPES),
            dimensions=_labels(doc, "dimensions", ADDRESSING_DIMENSIONS),
            templates=_templates(doc),
        )
    except (KeyError, TypeError) as exc:
        raise PromptLibraryError(f"prompt library: a required entry is missing ({exc})") from None


def load_prompt_library(path: Path | None = None) -> PromptLibrary:
    """The bundled library (read once), or the one at ``path``."""
    if path is None:
        return _bundled()
    return parse_library(json.loads(Path(path).read_text(encoding="utf-8")))


@functools.cache
def _bundled() -> PromptLibrary:
    return parse_library(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))


def bundled_library() -> PromptLibrary:
    """The prompt library shipped in resources/ (read once)."""
    return _bundled()


# Shortcuts on the bundled library.
def prompts_by_theme(theme: str) -> tuple[Prompt, ...]:
    return _bundled().prompts_by_theme(theme)


def random_prompt(rng: random.Random, theme: str | None = None) -> Prompt:
    return _bundled().random_prompt(rng, theme)


def prompt_of_the_day(day: date) -> Prompt:
    return _bundled().prompt_of_the_day(day)


def theme_label(theme: str) -> str:
    return _bundled().theme_label(theme)
