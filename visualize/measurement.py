"""Measurement as pictures and tables: an indicator's chart of a year (its target against the
realisation per quarter, drawn as inline SVG by ``_measurement.html``: no script, no CDN), its
capaian per year with the formula used (``pokin.core.capaian``), a unit's budget absorption and
efficiency, and the colours of the capaian categories the tree and the graphs are painted with.

Pure data to geometry: nothing here reads the database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from pokin.core import capaian as engine
from pokin.core.capaian import CATEGORIES, CATEGORY_LABELS, Absorption, Capaian
from pokin.core.i18n import N_, number
from pokin.core.i18n import gettext as _

#: the colour of each capaian category (Renja evaluation), and of "no capaian"
CATEGORY_COLOURS: dict[str, str] = {
    "very_high": "#1b7f3b",
    "high": "#5cb85c",
    "medium": "#e0b000",
    "low": "#e8590c",
    "very_low": "#c92a2a",
}
NO_CAPAIAN_COLOUR = "#b0b7bf"
NO_CAPAIAN = N_("No capaian")

#: the chart's drawing box, in SVG units
CHART_WIDTH, CHART_HEIGHT = 340, 170
_TOP, _BOTTOM, _LEFT = 22, 28, 8
_BAR, _GAP = 44, 18
QUARTERS = ("I", "II", "III", "IV")


def legend() -> list[tuple[str, str, str]]:
    """(category, colour, label in the current language), best first, then "no capaian"."""
    rows = [(c, CATEGORY_COLOURS[c], _(CATEGORY_LABELS[c])) for c in CATEGORIES]
    return [*rows, ("none", NO_CAPAIAN_COLOUR, _(NO_CAPAIAN))]


def category_colour(category: str | None) -> str:
    return CATEGORY_COLOURS.get(category or "", NO_CAPAIAN_COLOUR)


def category_css() -> str:
    """The categories' colours as a stylesheet (served as /static/capaian.css): custom
    properties ``--cap-<category>`` and the swatches, so no stylesheet repeats a colour."""
    colours = {**CATEGORY_COLOURS, "none": NO_CAPAIAN_COLOUR}
    props = "".join(f"  --cap-{c}: {colour};\n" for c, colour in colours.items())
    swatches = "".join(
        f".m-swatch.{c} {{ background: var(--cap-{c}); }}\n" for c in CATEGORY_COLOURS
    )
    return (
        "/* made from pokin.visualize.measurement.CATEGORY_COLOURS: edit the colours there */\n"
        f":root {{\n{props}}}\n.m-swatch {{ background: var(--cap-none); }}\n{swatches}"
    )


@dataclass(frozen=True)
class Bar:
    """One bar: the year's target or one quarter's realisation, placed in the chart."""

    kind: str  # "target" or "realisation"
    quarter: int | None
    value: float
    x: float
    y: float
    width: float
    height: float
    text: str | None = None  # a range's "80–90"; None: the value


@dataclass(frozen=True)
class Chart:
    """Target vs realisation per quarter of one year; ``missing`` the quarters not reported."""

    year: int
    bars: tuple[Bar, ...]
    missing: tuple[int, ...]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    baseline: float = CHART_HEIGHT - _BOTTOM

    def slot(self, index: int) -> float:
        """The left edge of the index-th slot (0: the target, 1-4: TW I-IV)."""
        return _LEFT + index * (_BAR + _GAP)

    @property
    def slots(self) -> list[tuple[int, float, str]]:
        """(index, centre x, roman numeral or '') of the five slots, for the axis labels."""
        return [(i, self.slot(i) + _BAR / 2, "" if i == 0 else QUARTERS[i - 1]) for i in range(5)]


def chart(indicator: Any, year: int, period_end: int | None = None) -> Chart:
    """The chart of ``indicator`` (a seed ``Indicator`` with its measurement) in ``year``."""
    target = indicator.targets_by_year(period_end).get(year)
    quarters = {
        r.quarter: r.value
        for r in indicator.realisation
        if r.year == year and r.quarter is not None and r.value is not None
    }
    top, text = None, None
    if target is not None and target.text is None:
        top = target.value if target.value is not None else target.high
        if target.value is None:
            text = f"{number(target.low)}–{number(target.high)}"
    values = [abs(v) for v in quarters.values()] + ([abs(top)] if top is not None else [])
    scale = max(values, default=0) or 1.0
    room = CHART_HEIGHT - _TOP - _BOTTOM
    baseline = CHART_HEIGHT - _BOTTOM

    def bar(kind: str, quarter: int | None, value: float, index: int, label=None) -> Bar:
        h = abs(value) / scale * room
        x = _LEFT + index * (_BAR + _GAP)
        return Bar(kind, quarter, value, x, baseline - h, _BAR, h, label)

    bars = [bar("target", None, top, 0, text)] if top is not None else []
    bars += [bar("realisation", q, quarters[q], q) for q in sorted(quarters)]
    last = max(quarters, default=0)
    missing = tuple(q for q in range(1, last) if q not in quarters)
    return Chart(year, tuple(bars), missing)


@dataclass(frozen=True)
class YearRow:
    """One year of the capaian table: its target, the year's realisation and the capaian."""

    year: int
    target: Any  # a seed YearTarget or None
    capaian: Capaian

    @property
    def colour(self) -> str:
        return category_colour(self.capaian.category)


def capaian_rows(indicator: Any, years: Iterable[int], period_end: int | None) -> list[YearRow]:
    """The capaian of each year (the year as a whole: every quarter reported so far)."""
    targets = indicator.targets_by_year(period_end)
    return [
        YearRow(y, targets.get(y), engine.capaian_of_year(indicator, y, period_end=period_end))
        for y in years
    ]


@dataclass(frozen=True)
class IndicatorSheet:
    """What the element page shows of one indicator's measurement."""

    indicator: Any
    chart: Chart
    rows: list[YearRow]

    @property
    def measured(self) -> bool:
        """Whether the indicator has any target or realisation to show."""
        i = self.indicator
        return bool(i.targets or i.realisation or i.target_value is not None)


def indicator_sheet(indicator: Any, year: int, start: int, end: int) -> IndicatorSheet:
    return IndicatorSheet(
        indicator, chart(indicator, year, end), capaian_rows(indicator, range(start, end + 1), end)
    )


def years_measured(indicators: Sequence[Any], budget: Sequence[Any]) -> list[int]:
    """The years anything was realised in, oldest first."""
    years = {r.year for i in indicators for r in i.realisation}
    years |= {b.year for b in budget if b.realisation is not None}
    return sorted(years)


def choose_year(asked: int | None, start: int, end: int, measured: Sequence[int]) -> int:
    """The year asked for when inside the period, else the latest year realised, else the
    period's first."""
    if asked is not None and start <= asked <= end:
        return asked
    return measured[-1] if measured else start


@dataclass(frozen=True)
class BudgetRow:
    """A unit's budget in one year: pagu, spent (Rp), absorption, and efficiency against the
    mean capaian of the indicators of its results."""

    year: int
    pagu: float | None
    spent: float | None
    absorption: Absorption
    capaian: float | None
    efficiency: str | None

    @property
    def efficiency_label(self) -> str | None:
        return engine.efficiency_label(self.efficiency)


def budget_rows(
    budget: Sequence[Any], capaian_by_year: dict[int, float], years: Iterable[int]
) -> list[BudgetRow]:
    """The budget rows of the years that have a pagu or a realisation. Spent is the year's
    realisation as reported, else the sum of its quarters."""
    rows = []
    for y in years:
        entries = [b for b in budget if b.year == y]
        if not entries:
            continue
        pagu = next((b.pagu for b in entries if b.pagu is not None), None)
        whole = [b.realisation for b in entries if b.quarter is None and b.realisation is not None]
        quarters = [b.realisation for b in entries if b.quarter and b.realisation is not None]
        spent = whole[0] if whole else (sum(quarters) if quarters else None)
        absorbed = engine.absorption(pagu, spent)
        mean = capaian_by_year.get(y)
        rows.append(
            BudgetRow(y, pagu, spent, absorbed, mean, engine.efficiency(mean, absorbed.value))
        )
    return rows


def mean_capaian(sheets: Iterable[IndicatorSheet]) -> dict[int, float]:
    """Per year, the mean capaian of the indicators that have one."""
    by_year: dict[int, list[float]] = {}
    for s in sheets:
        for row in s.rows:
            if row.capaian.value is not None:
                by_year.setdefault(row.year, []).append(row.capaian.value)
    return {y: fmean(v) for y, v in by_year.items()}


def element_context(detail: Any, asked_year: int | None = None) -> dict[str, Any]:
    """The element page's measurement: the year shown, a sheet per indicator (the element's
    own, or those measuring it) and, for a unit, its budget rows against the mean capaian of
    the indicators of its results. Empty when the cascade has no period."""
    start, end = detail.period_start, detail.period_end
    if start is None or end is None:
        return {"year": None, "sheets": [], "budget": [], "years": []}
    own = [detail.indicator] if detail.indicator else list(detail.indicators)
    measured = years_measured([*own, *detail.delivered], detail.budget)
    year = choose_year(asked_year, start, end, measured)
    sheets = [indicator_sheet(i, year, start, end) for i in own]
    delivered = [indicator_sheet(i, year, start, end) for i in detail.delivered]
    years = range(start, end + 1)
    return {
        "year": year,
        "years": list(years),
        "sheets": [s for s in sheets if s.measured],
        "budget": budget_rows(detail.budget, mean_capaian(delivered), years),
    }


@dataclass(frozen=True)
class Paint:
    """How a result is painted when coloured by capaian: its own capaian, else the one rolled
    up from its supporters (``rolled``), its category, colour and label."""

    value: float | None
    category: str | None
    rolled: bool = False

    @property
    def colour(self) -> str:
        return category_colour(self.category)

    @property
    def label(self) -> str:
        return _(CATEGORY_LABELS[self.category]) if self.category else _(NO_CAPAIAN)


def paint_results(results: Iterable[Any]) -> dict[tuple[str, str], Paint]:
    """(cascade, id) -> Paint of each result of a capaian reading (``ResultCapaian``)."""
    out = {}
    for r in results:
        if r.own is not None:
            out[(r.cascade, r.id)] = Paint(r.own, r.own_category)
        elif r.rolled is not None:
            out[(r.cascade, r.id)] = Paint(r.rolled, r.rolled_category, rolled=True)
        else:
            out[(r.cascade, r.id)] = Paint(None, None)
    return out
