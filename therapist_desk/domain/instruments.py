"""A data-driven engine for validated questionnaires (CBI, the single-item burnout measure, ...).

An instrument is a JSON file in ``resources/instruments/``: items, ordered response sets with
their codes, reverse-scored items, scales with a minimum number of answered items, commonly
used bands, the citation and a suggested cadence. Adding an instrument means adding a file;
nothing here knows about a particular instrument.

Scoring never invents a number: a scale with too few answers has no score (``None``), never 0.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from therapist_desk.domain.errors import InvalidAnswers
from therapist_desk.resources_path import resource_path

INSTRUMENT_FORMAT = "therapist-desk/instrument"
SCORING_RULES = ("mean_of_answered", "single_value")
DEFAULT_DIRECTORY = resource_path("instruments")


class InstrumentDefinitionError(ValueError):
    """An instrument data file is malformed (a packaging bug, not a user error)."""


@dataclass(frozen=True)
class ResponseOption:
    value: str  # stable id stored in answers, e.g. "often"
    label: str  # what the user reads
    code: float  # the published numeric code


@dataclass(frozen=True)
class ResponseSet:
    id: str
    title: str
    options: tuple[ResponseOption, ...]

    def option(self, value: str) -> ResponseOption | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    scale: str
    response_set: ResponseSet
    reverse: bool = False

    def code(self, value: str) -> float:
        option = self.response_set.option(value)
        assert option is not None
        if not self.reverse:
            return option.code
        codes = [o.code for o in self.response_set.options]
        # Reversal mirrors the code within the set's range: 100 <-> 0, 75 <-> 25, ...
        return max(codes) + min(codes) - option.code


@dataclass(frozen=True)
class Band:
    lower: float  # inclusive
    below: float | None  # exclusive upper bound; None = no upper bound
    label: str
    description: str

    def contains(self, score: float) -> bool:
        return score >= self.lower and (self.below is None or score < self.below)


@dataclass(frozen=True)
class Scale:
    id: str
    title: str
    description: str
    min_answered: int
    item_ids: tuple[str, ...]
    bands: tuple[Band, ...]
    indicator_at: float | None  # the commonly used "high" mark
    very_high_at: float | None  # from here on, suggest talking to someone


@dataclass(frozen=True)
class Instrument:
    id: str
    title: str
    short_title: str
    validated: bool
    citation: str
    license: str
    cadence_days: int | None
    cadence_text: str
    instructions: str
    scoring: str
    response_sets: tuple[ResponseSet, ...]
    items: tuple[Item, ...]
    scales: tuple[Scale, ...]
    bands_note: str
    means: tuple[str, ...]
    does_not_mean: tuple[str, ...]
    very_high_text: str

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def scale(self, scale_id: str) -> Scale:
        return next(s for s in self.scales if s.id == scale_id)


@dataclass(frozen=True)
class ScaleResult:
    scale_id: str
    title: str
    score: float | None  # None when fewer than ``needed`` items were answered
    answered: tuple[str, ...]  # item ids, in the instrument's order
    needed: int
    item_count: int
    band: Band | None
    at_or_above_indicator: bool | None
    very_high: bool


@dataclass(frozen=True)
class InstrumentResult:
    instrument_id: str
    scales: tuple[ScaleResult, ...]
    answered_items: tuple[str, ...]
    answers: Mapping[str, str]  # normalised: answered items only, instrument order
    bands_note: str
    means: tuple[str, ...]
    does_not_mean: tuple[str, ...]
    support_note: str | None  # set when any scale is very high

    @property
    def scores(self) -> dict[str, float | None]:
        return {s.scale_id: s.score for s in self.scales}

    def scale(self, scale_id: str) -> ScaleResult:
        return next(s for s in self.scales if s.scale_id == scale_id)


# -- scoring ---------------------------------------------------------------------------
def _show(text: Any) -> str:
    """A short, safe rendering of an id the user supplied, for an error message."""
    shown = str(text)
    return repr(shown[:30] + ("…" if len(shown) > 30 else ""))


def normalise_answers(instrument: Instrument, answers: Any) -> dict[str, str]:
    """Check answers against the instrument; returns {item id: value id} in item order.

    A missing item or a ``None`` value means "not answered". Whole numbers are accepted for
    response sets whose value ids are numerals (the single item: 3 or "3").
    """
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(
            f"The answers for the {instrument.title} must be an object of item ids and responses."
        )
    for key in answers:
        if not isinstance(key, str) or instrument.item(key) is None:
            known = ", ".join(i.id for i in instrument.items)
            raise InvalidAnswers(
                f"{_show(key)} is not an item of the {instrument.title} (its items are {known})."
            )
    normalised: dict[str, str] = {}
    for item in instrument.items:
        value = answers.get(item.id)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or item.response_set.option(value) is None:
            allowed = ", ".join(item.response_set.values)
            raise InvalidAnswers(
                f"The answer for item {item.id} of the {instrument.title} must be one of: {allowed}."
            )
        normalised[item.id] = value
    return normalised


def score(instrument: Instrument, answers: Mapping[str, Any]) -> InstrumentResult:
    """Score ``answers`` ({item id: response value id}); raises ``InvalidAnswers``."""
    normalised = normalise_answers(instrument, answers)
    results = []
    for scale in instrument.scales:
        answered = tuple(i for i in scale.item_ids if i in normalised)
        codes = [instrument.item(i).code(normalised[i]) for i in answered]  # type: ignore[union-attr]
        value: float | None = None
        if len(answered) >= scale.min_answered and codes:
            # single_value scales have exactly one item (checked when the file is loaded)
            value = sum(codes) / len(codes) if instrument.scoring == "mean_of_answered" else float(codes[0])
        band = None if value is None else next((b for b in scale.bands if b.contains(value)), None)
        results.append(
            ScaleResult(
                scale_id=scale.id,
                title=scale.title,
                score=value,
                answered=answered,
                needed=scale.min_answered,
                item_count=len(scale.item_ids),
                band=band,
                at_or_above_indicator=None
                if value is None or scale.indicator_at is None
                else value >= scale.indicator_at,
                very_high=value is not None
                and scale.very_high_at is not None
                and value >= scale.very_high_at,
            )
        )
    return InstrumentResult(
        instrument_id=instrument.id,
        scales=tuple(results),
        answered_items=tuple(normalised),
        answers=normalised,
        bands_note=instrument.bands_note,
        means=instrument.means,
        does_not_mean=instrument.does_not_mean,
        support_note=instrument.very_high_text if any(r.very_high for r in results) else None,
    )


# -- loading ---------------------------------------------------------------------------
def _require(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, Mapping):
        raise InstrumentDefinitionError(f"{where}: expected an object holding '{key}'")
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InstrumentDefinitionError(f"{where}: '{key}' is missing or has the wrong type")
    return value


def parse_instrument(data: Any, where: str = "instrument") -> Instrument:
    """Build an ``Instrument`` from its JSON data, checking every reference."""
    if not isinstance(data, dict) or data.get("format") != INSTRUMENT_FORMAT or data.get("version") != 1:
        raise InstrumentDefinitionError(f"{where}: not a version 1 {INSTRUMENT_FORMAT} file")
    iid = _require(data, "id", str, where)
    scoring = _require(data, "scoring", str, where)
    if scoring not in SCORING_RULES:
        raise InstrumentDefinitionError(f"{where}: unknown scoring rule {scoring!r}")
    response_sets: dict[str, ResponseSet] = {}
    for set_id, raw in _require(data, "response_sets", dict, where).items():
        options = tuple(
            ResponseOption(
                _require(o, "value", str, f"{where} {set_id}"),
                _require(o, "label", str, f"{where} {set_id}"),
                float(_require(o, "code", (int, float), f"{where} {set_id}")),
            )
            for o in _require(raw, "options", list, f"{where} {set_id}")
        )
        if len(options) < 2 or len({o.value for o in options}) != len(options):
            raise InstrumentDefinitionError(f"{where}: response set {set_id} needs distinct options")
        response_sets[set_id] = ResponseSet(set_id, str(raw.get("title", set_id)), options)
    items: list[Item] = []
    for raw in _require(data, "items", list, where):
        item_id = _require(raw, "id", str, where)
        set_id = _require(raw, "response_set", str, f"{where} {item_id}")
        if set_id not in response_sets:
            raise InstrumentDefinitionError(f"{where}: item {item_id} uses unknown response set {set_id}")
        items.append(
            Item(
                item_id,
                _require(raw, "text", str, f"{where} {item_id}"),
                _require(raw, "scale", str, f"{where} {item_id}"),
                response_sets[set_id],
                bool(raw.get("reverse", False)),
            )
        )
    if len({i.id for i in items}) != len(items):
        raise InstrumentDefinitionError(f"{where}: item ids repeat")
    default_bands = _parse_bands(data.get("bands", []), where)
    scales: list[Scale] = []
    for raw in _require(data, "scales", list, where):
        scale_id = _require(raw, "id", str, where)
        item_ids = tuple(i.id for i in items if i.scale == scale_id)
        minimum = _require(raw, "min_answered", int, f"{where} {scale_id}")
        if not item_ids or not 1 <= minimum <= len(item_ids):
            raise InstrumentDefinitionError(f"{where}: scale {scale_id} has no items or a bad minimum")
        if scoring == "single_value" and len(item_ids) != 1:
            raise InstrumentDefinitionError(f"{where}: single_value scale {scale_id} needs one item")
        scales.append(
            Scale(
                scale_id,
                _require(raw, "title", str, f"{where} {scale_id}"),
                str(raw.get("description", "")),
                minimum,
                item_ids,
                _parse_bands(raw["bands"], where) if "bands" in raw else default_bands,
                _optional_number(raw, "indicator_at"),
                _optional_number(raw, "very_high_at"),
            )
        )
    orphans = {i.scale for i in items} - {s.id for s in scales}
    if orphans:
        raise InstrumentDefinitionError(f"{where}: items refer to unknown scales {sorted(orphans)}")
    cadence: dict[str, Any] = data["cadence"] if isinstance(data.get("cadence"), dict) else {}
    meaning: dict[str, Any] = data["meaning"] if isinstance(data.get("meaning"), dict) else {}
    return Instrument(
        id=iid,
        title=_require(data, "title", str, where),
        short_title=str(data.get("short_title", iid)),
        validated=bool(data.get("validated", False)),
        citation=_require(data, "citation", str, where),
        license=str(data.get("license", "")),
        cadence_days=cadence.get("days") if isinstance(cadence.get("days"), int) else None,
        cadence_text=str(cadence.get("text", "")),
        instructions=str(data.get("instructions", "")),
        scoring=scoring,
        response_sets=tuple(response_sets.values()),
        items=tuple(items),
        scales=tuple(scales),
        bands_note=str(data.get("bands_note", "")),
        means=tuple(str(t) for t in meaning.get("means", [])),
        does_not_mean=tuple(str(t) for t in meaning.get("does_not_mean", [])),
        very_high_text=str(meaning.get("very_high", "")),
    )


def _optional_number(raw: Mapping[str, Any], key: str) -> float | None:
    value = raw.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _parse_bands(raw: Any, where: str) -> tuple[Band, ...]:
    if not isinstance(raw, list):
        raise InstrumentDefinitionError(f"{where}: bands must be a list")
    bands = []
    for b in raw:
        lower = float(_require(b, "from", (int, float), where))
        below = b.get("below")
        bands.append(
            Band(
                lower,
                None if below is None else float(_require(b, "below", (int, float), where)),
                _require(b, "label", str, where),
                str(b.get("description", "")),
            )
        )
    return tuple(bands)


def load_instrument_file(path: Path) -> Instrument:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InstrumentDefinitionError(f"{path.name}: cannot be read ({exc.__class__.__name__})") from None
    return parse_instrument(data, path.name)


def load_instruments(directory: Path = DEFAULT_DIRECTORY) -> dict[str, Instrument]:
    """Every ``*.json`` instrument in ``directory``, by id (sorted by file name)."""
    found: dict[str, Instrument] = {}
    for path in sorted(directory.glob("*.json")):
        instrument = load_instrument_file(path)
        if instrument.id in found:
            raise InstrumentDefinitionError(f"{path.name}: instrument id {instrument.id} repeats")
        found[instrument.id] = instrument
    return found


@functools.cache
def bundled_instruments() -> Mapping[str, Instrument]:
    """The instruments shipped with the app (read once; read-only)."""
    return MappingProxyType(load_instruments(DEFAULT_DIRECTORY))


def get_instrument(instrument_id: str) -> Instrument:
    """A bundled instrument by id; raises ``InvalidAnswers`` for an unknown id."""
    instruments = bundled_instruments()
    if instrument_id not in instruments:
        raise InvalidAnswers(
            f"{_show(instrument_id)} is not an instrument this app knows "
            f"(known: {', '.join(sorted(instruments))})."
        )
    return instruments[instrument_id]
