"""The one-sentence summaries under each chart (also their accessible descriptions) and the
empty-state hints that say what to log. Numbers come from the services' aggregates."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from therapist_desk.services.trends import (
    AllianceTrend,
    BurnoutTrend,
    LoadTrend,
    ReflectionHeatmap,
    SelfCareTrend,
    TrendSeries,
    WellbeingTrend,
)
from therapist_desk.services.trends_math import MIN_WEEKS_FOR_CORRELATION, DateRange
from therapist_desk.ui.trends.common import facet_label, fixed, level_label, medium_date, number, tr


@dataclass(frozen=True)
class RangeWords:
    """How a sentence names the chosen range: "over the last 4 weeks", "in the 4 weeks before"."""

    over: str
    before: str

    @classmethod
    def for_range(cls, preset: str, span: DateRange) -> RangeWords:
        if preset == "4w":
            return cls(tr("over the last 4 weeks"), tr("in the 4 weeks before"))
        if preset == "3m":
            return cls(tr("over the last 3 months"), tr("in the 3 months before"))
        if preset == "1y":
            return cls(tr("over the last year"), tr("in the year before"))
        if preset == "all":
            return cls(tr("over all your data"), "")
        return cls(
            tr("from {start} to {end}").format(start=medium_date(span.start), end=medium_date(span.end)),
            tr("in the {n} days before").format(n=span.days),
        )


def not_in_range(what: str, span: DateRange) -> str:
    return tr("No {what} between {start} and {end}. Choose a longer range to see earlier ones.").format(
        what=what, start=medium_date(span.start), end=medium_date(span.end)
    )


# -- 1. burnout ---------------------------------------------------------------------------------
CBI_NAMES = {
    "cbi.personal": QT_TRANSLATE_NOOP("Trends", "personal"),
    "cbi.work": QT_TRANSLATE_NOOP("Trends", "work-related"),
    "cbi.client": QT_TRANSLATE_NOOP("Trends", "client-related"),
}


def burnout_empty(trend: BurnoutTrend) -> str:
    if not trend.has_any:
        return tr(
            "Take the Copenhagen Burnout Inventory or the single-item burnout check in Self-care "
            "to see your scores over time."
        )
    return not_in_range(tr("questionnaire results"), trend.span)


def _moved(now: float, before: float) -> str:
    change = now - before
    if abs(change) < 0.05:
        return tr("unchanged")
    return (tr("up {n}") if change > 0 else tr("down {n}")).format(n=number(abs(change)))


def burnout_summary(trend: BurnoutTrend) -> str:
    sentences = []
    latest = [s.latest() for s in trend.scales]
    days = [p.day for p in latest if p is not None]
    if days:
        last_day = max(days)
        scores = []
        for series, point in zip(trend.scales, latest, strict=True):
            if point is None or point.day != last_day:
                continue
            text = tr("{scale} {score}").format(scale=tr(CBI_NAMES[series.key]), score=number(point.value))
            if len(series.points) > 1:
                text += f" ({_moved(point.value, series.points[-2].value)})"
            scores.append(text)
        sentences.append(
            tr("Latest Copenhagen Burnout Inventory ({date}), against the one before: {scores}.").format(
                date=medium_date(last_day), scores=", ".join(scores)
            )
        )
        high = [
            tr(CBI_NAMES[s.key]) for s, p in zip(trend.scales, latest, strict=True) if p and p.value >= 50
        ]
        if high:
            sentences.append(
                tr("At or above the commonly used threshold of 50: {scales}.").format(scales=", ".join(high))
            )
    single = trend.single_item.latest()
    if single is not None:
        sentences.append(
            tr("Latest single-item answer: {value} of 5 ({date}).").format(
                value=number(single.value, 0), date=medium_date(single.day)
            )
        )
    return " ".join(sentences)


# -- 2. exhaustion and energy ---------------------------------------------------------------------------
def wellbeing_empty(trend: WellbeingTrend) -> str:
    if not trend.has_any:
        return tr("Log a daily check-in to see exhaustion and energy over time.")
    return not_in_range(tr("check-ins with exhaustion or energy"), trend.span)


def _compare(now: float, before: float) -> str:
    if now - before >= 0.3:
        return tr("up from {value}").format(value=fixed(before))
    if before - now >= 0.3:
        return tr("down from {value}").format(value=fixed(before))
    return tr("about the same as {value}").format(value=fixed(before))


def wellbeing_summary(trend: WellbeingTrend, words: RangeWords) -> str:
    parts = []
    if trend.exhaustion_average is not None:
        text = tr("Exhaustion averaged {value} {over}").format(
            value=fixed(trend.exhaustion_average), over=words.over
        )
        if trend.exhaustion_previous_average is not None and words.before:
            text += ", " + _compare(trend.exhaustion_average, trend.exhaustion_previous_average)
            text += " " + words.before
        parts.append(text)
    if trend.energy_average is not None:
        parts.append(tr("energy averaged {value}").format(value=fixed(trend.energy_average)))
    if not parts:
        return ""
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


# -- 3. load ---------------------------------------------------------------------------------------------
def load_empty(trend: LoadTrend) -> str:
    if not trend.has_any:
        return tr("Log sessions in Caseload, and daily check-ins, to see your weekly load beside exhaustion.")
    return not_in_range(tr("sessions or check-ins"), trend.span)


def load_summary(trend: LoadTrend, words: RangeWords) -> str:
    hours = trend.hours.points
    sentences = []
    if hours:
        mean = sum(p.value for p in hours) / len(hours)
        top = max(hours, key=lambda p: p.value)
        over = sum(1 for p in hours if p.value > trend.sustainable_hours)
        sentences.append(
            tr("Session hours averaged {mean} a week {over} (highest {top}, week of {date}).").format(
                mean=number(mean), over=words.over, top=number(top.value), date=medium_date(top.day)
            )
        )
        sentences.append(
            tr("{n} of {total} weeks were above your sustainable limit of {limit} hours.").format(
                n=over, total=len(hours), limit=number(trend.sustainable_hours)
            )
        )
    share = trend.high_intensity_share.mean()
    if share is not None:
        sentences.append(
            tr("High-intensity sessions were {share}% of rated sessions.").format(share=number(share, 0))
        )
    exhaustion = trend.exhaustion.mean()
    if exhaustion is not None:
        sentences.append(tr("Exhaustion averaged {value}.").format(value=number(exhaustion)))
    return " ".join(sentences)


def correlation_text(trend: LoadTrend) -> str:
    """The plain-language link between heavy weeks and the next week's exhaustion, or why it is not shown."""
    result = trend.correlation
    caution = tr("This is a pattern in your own data, not proof of cause.")
    if result is None:
        return tr(
            "Whether heavy weeks are followed by more exhaustion is shown once the range holds at least "
            "{minimum} weeks with sessions and next week's check-ins (now {n})."
        ).format(minimum=MIN_WEEKS_FOR_CORRELATION, n=trend.paired_weeks)
    r = _r_text(result.r)
    if result.strength == "none":
        text = tr(
            "Over {n} weeks, the session hours of a week showed little or no link with exhaustion the week after (r = {r})."
        )
    elif result.positive:
        text = tr(
            "Over {n} weeks, weeks with more session hours tended to be followed by weeks with higher "
            "exhaustion: a {strength} link (r = {r})."
        )
    else:
        text = tr(
            "Over {n} weeks, weeks with more session hours tended to be followed by weeks with lower "
            "exhaustion: a {strength} link (r = {r})."
        )
    strength = {"strong": tr("strong"), "moderate": tr("moderate"), "weak": tr("weak")}.get(
        result.strength, ""
    )
    return text.format(n=result.weeks, r=r, strength=strength) + " " + caution


def _r_text(r: float) -> str:
    return ("−" if r < 0 else "") + number(abs(r), 2)


# -- 4. self-care -------------------------------------------------------------------------------------------
def selfcare_empty(trend: SelfCareTrend) -> str:
    if not trend.has_any:
        return tr(
            "Log a daily check-in (sleep, exercise, peer support) or a day off to see your self-care over time."
        )
    return not_in_range(tr("check-ins or days off"), trend.span)


def _total(series: TrendSeries) -> int:
    return int(round(sum(p.value for p in series.points)))


def selfcare_summary(trend: SelfCareTrend, words: RangeWords) -> str:
    sentences = []
    sleep = trend.sleep.mean()
    if sleep is not None:
        sentences.append(
            tr("Sleep averaged {hours} hours a night {over}.").format(hours=number(sleep), over=words.over)
        )
    sentences.append(
        tr("Days off: {off}; days with peer support: {peer}; with supervision: {supervision}.").format(
            off=_total(trend.days_off), peer=_total(trend.peer_support), supervision=_total(trend.supervision)
        )
    )
    if not trend.exercise.empty:
        sentences.append(
            tr("Exercise: {minutes} minutes in all.").format(minutes=number(_total(trend.exercise), 0))
        )
    return " ".join(sentences)


# -- 5. reflection coverage ----------------------------------------------------------------------------------
def reflections_empty(has_any: bool, span: DateRange) -> str:
    if not has_any:
        return tr(
            "Write a reflection in the Journal (a structured bias reflection names ADDRESSING dimensions) "
            "to see which themes and dimensions you reflect on."
        )
    return not_in_range(tr("reflections"), span)


def heatmap_summary(heatmap: ReflectionHeatmap, words: RangeWords) -> str:
    totals = heatmap.row_totals()
    named = sorted(((n, key) for key, n in totals.items() if n), reverse=True)[:3]
    if not named:
        return tr("No reflection in this range is labelled with one of these.")
    most = ", ".join(f"{facet_label(heatmap.facet, key)} ({n})" for n, key in named)
    unused = [facet_label(heatmap.facet, key) for key, n in totals.items() if n == 0]
    text = tr("Most often {over}: {most}.").format(over=words.over, most=most)
    if unused:
        text += " " + tr("None in this range: {labels}.").format(labels=", ".join(unused))
    return text


def not_reflected_text(dimensions: tuple[str, ...], days: int) -> str:
    if not dimensions:
        return tr("Every ADDRESSING dimension has a bias reflection in the last {days} days.").format(
            days=days
        )
    labels = ", ".join(facet_label("dimension", d) for d in dimensions)
    return tr("Not reflected on in the last {days} days: {labels}.").format(days=days, labels=labels)


# -- 6. alliance ---------------------------------------------------------------------------------------------
RATING_NAMES = {
    "alliance": QT_TRANSLATE_NOOP("Trends", "alliance"),
    "congruence": QT_TRANSLATE_NOOP("Trends", "congruence"),
    "positive_regard": QT_TRANSLATE_NOOP("Trends", "positive regard"),
    "empathy": QT_TRANSLATE_NOOP("Trends", "empathy"),
}


def alliance_empty(trend: AllianceTrend) -> str:
    if not trend.has_any:
        return tr(
            "Rate the alliance, congruence, positive regard and empathy when you log a session in Caseload "
            "to see your self-ratings over time."
        )
    if trend.level is not None:
        return tr("No rated sessions at the {level} level between {start} and {end}.").format(
            level=level_label(trend.level),
            start=medium_date(trend.span.start),
            end=medium_date(trend.span.end),
        )
    return not_in_range(tr("rated sessions"), trend.span)


def alliance_summary(trend: AllianceTrend, words: RangeWords) -> str:
    means = []
    for series in trend.ratings:
        mean = series.mean()
        if mean is not None:
            means.append(tr("{name} {mean}").format(name=tr(RATING_NAMES[series.key]), mean=fixed(mean)))
    if not means:
        return ""
    ratings = sum(p.count for p in trend.ratings[0].points)
    who = tr("all program levels") if trend.level is None else level_label(trend.level)
    text = tr("Mean self-ratings (1–5) {over}, {who}: {means}.").format(
        over=words.over, who=who, means=", ".join(means)
    )
    if ratings:
        text += " " + tr("{n} sessions with an alliance rating.").format(n=ratings)
    return text
