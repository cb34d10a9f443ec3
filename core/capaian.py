"""The one capaian (achievement) engine: pure arithmetic, no database.

Every result says which formula it used, with the numbers (``capaian = (2 × 80 − 70) / 80 ×
100``), and a reason instead of a value when none can be computed (a zero, missing or text
target, nothing realised): never a division error. Conventions (docs/model.md, "Measurement";
the e-SAKIP apps differ, so the choice is written on every result):

* positive: R / T × 100;
* negative: (2T − R) / T × 100 by default, T / R × 100 when the indicator says
  ``negative_formula: t_over_r``. Not offered: (T − R) / T × 100, which gives 0 % when the
  target is met exactly (a known pitfall), and one app's operator-precedence slip that gives
  1 %. T / R is not the default because it is undefined at R = 0 (a negative indicator's best
  result) and grows without bound as R falls;
* stabilise: the target is a level to hold; below it as positive, above it as (2T − R) / T;
* a range "80–90": within it counts 100; a positive indicator at or above its top too; below it
  (above it, negative) the formula runs against the nearer end;
* aggregation of the quarters to the year: cumulative sum, last value, average, maximum; the
  year's own realisation, where reported, is taken as it is;
* a cap (e.g. 100) bounds the value shown and says so in a note; the uncapped value is kept.

Categories of the Renja evaluation (Permendagri 86/2017): Sangat Tinggi ≥ 91, Tinggi 76–90,
Sedang 66–75, Rendah 51–65, Sangat Rendah ≤ 50. The bounds are lower bounds and nothing is
rounded: a value belongs to the highest category whose bound it reaches, so 90.99 is Tinggi and
50.5 is Sangat Rendah (the regulation's whole-number ranges leave the gaps open; reaching 91 is
what Sangat Tinggi asks). Thresholds are configurable (``POKIN_CAPAIAN_THRESHOLDS``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pokin.core.i18n import N_, number
from pokin.core.i18n import gettext as _

#: lower bounds of Sangat Tinggi, Tinggi, Sedang, Rendah (Permendagri 86/2017)
DEFAULT_THRESHOLDS: tuple[float, float, float, float] = (91.0, 76.0, 66.0, 51.0)
#: capaian minus budget absorption, in points: above +margin efficient, below -margin not
DEFAULT_EFFICIENCY_MARGIN = 5.0

CATEGORIES = ("very_high", "high", "medium", "low", "very_low")
CATEGORY_LABELS = {
    "very_high": N_("Very high"),
    "high": N_("High"),
    "medium": N_("Medium"),
    "low": N_("Low"),
    "very_low": N_("Very low"),
}
EFFICIENCY_LABELS = {
    "efficient": N_("Efficient"),
    "fairly_efficient": N_("Fairly efficient"),
    "not_efficient": N_("Not efficient"),
}
AGGREGATIONS = ("cumulative", "last", "average", "maximum")
AGGREGATION_LABELS = {
    "cumulative": N_("cumulative sum of the quarters"),
    "last": N_("last quarter reported"),
    "average": N_("average of the quarters"),
    "maximum": N_("highest quarter"),
}


@dataclass(frozen=True)
class Method:
    """How an indicator's capaian is computed (the fields of the seed's Indicator)."""

    polarity: str | None = "positive"
    aggregation: str | None = None
    negative_formula: str | None = None
    cap: float | None = None
    tags: tuple[str, ...] = ()

    @classmethod
    def of(cls, indicator: Any) -> Method:
        """The method an indicator (a seed ``Indicator`` or its dict) states."""
        get = indicator.get if isinstance(indicator, Mapping) else indicator.__getattribute__
        return cls(
            polarity=get("polarity"),
            aggregation=get("aggregation"),
            negative_formula=get("negative_formula"),
            cap=get("cap"),
            tags=tuple(get("tags") or ()),
        )

    @property
    def how_to_aggregate(self) -> str:
        """The aggregation stated, else from the tags: cumulative -> cumulative, recurring ->
        average, otherwise the last value (a level reached so far)."""
        if self.aggregation:
            return self.aggregation
        if "cumulative" in self.tags:
            return "cumulative"
        return "average" if "recurring" in self.tags else "last"


@dataclass(frozen=True)
class Target:
    """A year's target as the engine takes it: a number, a range or a text."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    text: str | None = None

    @classmethod
    def of(cls, target: Any) -> Target | None:
        """From a seed ``YearTarget``, its dict, a plain number, or None."""
        if target is None or isinstance(target, Target):
            return target
        if isinstance(target, int | float):
            return cls(value=float(target))
        get = target.get if isinstance(target, Mapping) else target.__getattribute__
        return cls(get("value"), get("low"), get("high"), get("text"))


@dataclass(frozen=True)
class Capaian:
    """One capaian: ``value`` in percent (after the cap) or None with ``reason``."""

    value: float | None
    formula: str | None = None
    reason: str | None = None
    uncapped: float | None = None
    notes: tuple[str, ...] = ()
    realisation: float | None = None
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS

    @property
    def category(self) -> str | None:
        return None if self.value is None else category(self.value, self.thresholds)

    @property
    def category_label(self) -> str | None:
        """The category in the current language (Sangat Tinggi, ... / Very high, ...)."""
        c = self.category
        return None if c is None else _(CATEGORY_LABELS[c])

    @property
    def capped(self) -> bool:
        return self.uncapped is not None and self.value != self.uncapped


def category(value: float, thresholds: Sequence[float] = DEFAULT_THRESHOLDS) -> str:
    """The Renja evaluation category of a capaian in percent (lower bounds, no rounding)."""
    for name, bound in zip(CATEGORIES, thresholds, strict=False):
        if value >= bound:
            return name
    return "very_low"


def _n(x: float) -> str:
    return number(x)


def _no(reason: str, realisation: float | None = None, **kw: Any) -> Capaian:
    return Capaian(None, reason=reason, realisation=realisation, **kw)


def _positive(r: float, t: float) -> tuple[float, str]:
    return r / t * 100, f"{_n(r)} / {_n(t)} × 100"


def _negative(r: float, t: float, formula: str | None) -> tuple[float | None, str]:
    if formula == "t_over_r":
        if r == 0:
            return None, f"{_n(t)} / {_n(r)} × 100"
        return t / r * 100, f"{_n(t)} / {_n(r)} × 100"
    return (2 * t - r) / t * 100, f"(2 × {_n(t)} − {_n(r)}) / {_n(t)} × 100"


def compute(
    target: Any,
    realisation: float | None,
    method: Method | None = None,
    *,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
    notes: Iterable[str] = (),
) -> Capaian:
    """The capaian of ``realisation`` against ``target`` (a number, a range, a text or None)."""
    method = method or Method()
    t = Target.of(target)
    extra = dict(thresholds=thresholds, notes=tuple(notes))
    if t is None:
        return _no(_("no target for this year"), realisation, **extra)
    if t.text is not None:
        return _no(
            _("qualitative target (%(text)s): no capaian computed") % {"text": t.text}, **extra
        )
    if realisation is None:
        return _no(_("nothing realised yet"), **extra)
    r = float(realisation)
    if not math.isfinite(r):
        return _no(_("the realisation is not a number"), **extra)
    polarity = method.polarity or "positive"
    if t.value is not None:
        value, text = _single(r, t.value, polarity, method.negative_formula)
        if value is None:
            return _no(text, r, **extra)
    else:
        value, text = _range(r, t.low, t.high, polarity, method.negative_formula)  # type: ignore[arg-type]
        if value is None:
            return _no(text, r, **extra)
    stated = text.startswith("100 (")  # a range met: the text states the value
    formula = f"capaian = {text}" + ("" if stated else f" = {_n(round(value, 2))}")
    note_list = list(extra["notes"])
    if method.polarity is None:
        note_list.append(_("polarity not given: computed as positive"))
    shown = value
    if method.cap is not None and value > method.cap:
        shown = method.cap
        note_list.append(
            _("capped at %(cap)s (computed %(value)s)")
            % {"cap": _n(method.cap), "value": _n(round(value, 2))}
        )
    return Capaian(
        shown,
        formula=formula,
        uncapped=value,
        notes=tuple(note_list),
        realisation=r,
        thresholds=thresholds,
    )


def _single(r: float, t: float, polarity: str, negative: str | None) -> tuple[float | None, str]:
    if t == 0:
        return None, _("the target is zero: capaian cannot be computed")
    if polarity == "negative":
        value, text = _negative(r, t, negative)
        if value is None:
            return None, _("realisation is zero: %(formula)s is undefined") % {"formula": text}
        return value, text
    if polarity == "stabilise" and r > t:
        return _negative(r, t, None)
    return _positive(r, t)


def _range(
    r: float, low: float, high: float, polarity: str, negative: str | None
) -> tuple[float | None, str]:
    within = _("%(r)s within %(low)s–%(high)s") % {"r": _n(r), "low": _n(low), "high": _n(high)}
    if low <= r <= high:
        return 100.0, f"100 ({within})"
    if r > high:
        if polarity == "positive":
            above = _("%(r)s at or above %(high)s") % {"r": _n(r), "high": _n(high)}
            return 100.0, f"100 ({above})"
        return _single(r, high, "negative", negative if polarity == "negative" else None)
    if polarity == "negative":
        below = _("%(r)s at or below %(low)s") % {"r": _n(r), "low": _n(low)}
        return 100.0, f"100 ({below})"
    return _single(r, low, "positive", None)


def aggregate(
    quarters: Mapping[int, float], how: str, up_to: int = 4
) -> tuple[float | None, tuple[str, ...]]:
    """The year's realisation from its quarters (1-4) up to quarter ``up_to``, and notes on
    quarters missing before the last one reported."""
    if how not in AGGREGATIONS:
        raise ValueError(f"unknown aggregation {how!r}; expected one of {', '.join(AGGREGATIONS)}")
    given = {q: v for q, v in quarters.items() if 1 <= q <= up_to and v is not None}
    if not given:
        return None, ()
    last = max(given)
    missing = [q for q in range(1, last) if q not in given]
    notes = tuple(_("quarter %(quarter)s not reported") % {"quarter": _roman(q)} for q in missing)
    values = [given[q] for q in sorted(given)]
    if how == "cumulative":
        return sum(values), notes
    if how == "last":
        return given[last], notes
    if how == "average":
        return sum(values) / len(values), notes
    return max(values), notes


def _roman(quarter: int) -> str:
    return ("I", "II", "III", "IV")[quarter - 1]


def capaian_of_year(
    indicator: Any,
    year: int,
    *,
    period_end: int | None = None,
    up_to: int = 4,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
) -> Capaian:
    """An indicator's capaian in ``year`` (a seed ``Indicator``): its target of the year
    (``target_value`` standing for the period's last year), the year's realisation as
    reported, else its quarters up to ``up_to`` aggregated as the method says."""
    method = Method.of(indicator)
    target = indicator.targets_by_year(period_end).get(year)
    year_value = None
    quarters: dict[int, float] = {}
    for r in indicator.realisation:
        if r.year != year or r.value is None:
            continue
        if r.quarter is None:
            year_value = r.value
        else:
            quarters[r.quarter] = r.value
    how = method.how_to_aggregate
    if year_value is not None and up_to >= 4:
        value, notes = year_value, (_("the year's realisation as reported"),)
    else:
        value, notes = aggregate(quarters, how, up_to)
        if value is not None:
            notes = (_("realisation: %(how)s") % {"how": _(AGGREGATION_LABELS[how])}, *notes)
    return compute(target, value, method, thresholds=thresholds, notes=notes)


@dataclass(frozen=True)
class Absorption:
    """Budget realisation: spent / pagu × 100, or a reason."""

    value: float | None
    formula: str | None = None
    reason: str | None = None


def absorption(pagu: float | None, spent: float | None) -> Absorption:
    """How much of the pagu was spent, in percent."""
    if pagu is None:
        return Absorption(None, reason=_("no pagu for this year"))
    if pagu == 0:
        return Absorption(None, reason=_("the pagu is zero: absorption cannot be computed"))
    if spent is None:
        return Absorption(None, reason=_("no budget realisation yet"))
    value = spent / pagu * 100
    return Absorption(value, formula=f"{_n(spent)} / {_n(pagu)} × 100 = {_n(round(value, 2))}")


def efficiency(
    capaian: float | None, absorbed: float | None, margin: float = DEFAULT_EFFICIENCY_MARGIN
) -> str | None:
    """Capaian against budget absorption (points): more than ``margin`` above is efficient,
    within ±margin fairly efficient, more than ``margin`` below not efficient; None when
    either is missing."""
    if capaian is None or absorbed is None:
        return None
    diff = capaian - absorbed
    if diff > margin:
        return "efficient"
    if diff < -margin:
        return "not_efficient"
    return "fairly_efficient"


def efficiency_label(key: str | None) -> str | None:
    return None if key is None else _(EFFICIENCY_LABELS[key])
