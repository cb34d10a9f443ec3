"""Capaian per result, rolled up along SUPPORTS, and what a shortfall endangers upwards.

The graph gives what the numbers are computed from (``capaian_results``: each result with its
indicators' Measurement nodes, its owners, its SUPPORTS links and the units delivering it);
``pokin.core.capaian`` computes every indicator's capaian (its formula cited) and
``pokin.core.rollup`` the roll-up, so the arithmetic is tested without a database and is the
same for a cascade, a region and the checks.

A result's own capaian is the mean of its indicators' (an indicator not yet due, without a
target or realisation for the year, is left out and says why). A cascade's reading takes in the
cascades its results reach by crosscutting links upwards (up to the RPJMD) and the ones whose
results support it directly, so its roll-up and its paths up cross agencies; it answers only
its own results. The year defaults to the latest year with a realisation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core import rollup
from pokin.core.capaian import (
    DEFAULT_THRESHOLDS,
    absorption,
    capaian_of_year,
    category,
)
from pokin.core.errors import Invalid, RegionNotFound
from pokin.core.i18n import gettext as _
from pokin.graph.db import Db
from pokin.graph.elements import chosen_cascade_tx
from pokin.graph.measurement import measurement_entries
from pokin.graph.models import OwnerRef, Row
from pokin.graph.queries import query
from pokin.seed.schema import Indicator, Realisation, YearTarget

How = Literal["mean", "weight", "budget"]
Key = tuple[str, str]


# --- models -------------------------------------------------------------------------------------


class ResultRef(BaseModel):
    """A result of some cascade, named briefly, with where it stands."""

    cascade: str
    id: str
    kind: str
    level: str | None = None
    name: str
    rpjmd: bool = Field(False, description="a result of the region's RPJMD (a Sasaran RPJMD)")
    own: float | None = Field(None, description="its own measured capaian, %")
    rolled: float | None = Field(None, description="its capaian rolled up from its supporters, %")


class IndicatorCapaian(BaseModel):
    """One indicator's capaian of the year, as ``pokin.core.capaian`` computed it."""

    id: str
    name: str
    unit: str | None = None
    value: float | None = Field(None, description="capaian in percent; None: see reason")
    formula: str | None = Field(None, description="the formula with its numbers")
    reason: str | None = Field(None, description="why no capaian (not due, no target, ...)")
    category: str | None = None
    category_label: str | None = None
    notes: list[str] = []
    realisation: float | None = None


class Budget(BaseModel):
    """The pagu of a year and its realisation (Rp) of some units, and the absorption."""

    pagu: float | None = None
    realisation: float | None = None
    absorption: float | None = Field(None, description="realisation / pagu × 100")
    units: int = Field(0, description="how many units it sums")


class RollPart(BaseModel):
    """One supporter's share in a roll-up."""

    cascade: str
    id: str
    value: float
    weight: float
    rolled: bool = Field(description="true: the supporter's own roll-up; false: its own capaian")


class ResultCapaian(ResultRef):
    """A result's capaian: its own (mean of its indicators), its supporters' rolled up beside
    it, the difference, and the budget of the units delivering it."""

    agency: str | None = None
    own_category: str | None = None
    rolled_category: str | None = None
    difference: float | None = Field(None, description="own − rolled, points")
    disagrees: bool = Field(
        False, description="reported on track while its supporters, rolled up, are not"
    )
    rolled_from: list[RollPart] = []
    rollup_notes: list[str] = []
    indicators: list[IndicatorCapaian] = []
    owners: list[OwnerRef] = []
    budget: Budget = Budget()
    supports: list[Key] = Field([], description="the results it supports: (cascade, id)")


class CascadeCapaian(BaseModel):
    """Every result of a cascade (or a region) with its capaian of ``year``."""

    cascade: str | None = None
    region: str | None = None
    year: int | None = Field(None, description="None: nothing realised yet")
    how: How = "mean"
    how_label: str = ""
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD
    results: list[ResultCapaian] = []


class AtRisk(BaseModel):
    """A result below the threshold, what it endangers upwards, its owners and its budget."""

    result: ResultCapaian
    reason: Literal["own", "rolled", "both"]
    endangers: list[ResultRef] = Field([], description="every higher result on its paths up")
    goals: list[ResultRef] = Field([], description="the Tujuan it endangers")
    rpjmd: list[ResultRef] = Field([], description="the RPJMD Sasaran it endangers")
    paths: list[list[Key]] = Field([], description="its SUPPORTS paths up, (cascade, id) each")
    budget: Budget = Field(
        Budget(), description="the units delivering it or anything supporting it"
    )


class AtRiskReport(BaseModel):
    cascade: str | None = None
    region: str | None = None
    year: int | None = None
    how: How = "mean"
    threshold: float
    at_risk: list[AtRisk] = []


# --- reading ------------------------------------------------------------------------------------


def scope_cascades(tx: ManagedTransaction, cascade: str) -> list[str]:
    """``cascade`` and the cascades a cascade reading takes in: those its results reach by
    crosscutting links upwards, again and again (up to the RPJMD), and those whose results
    support its own directly."""
    scope, frontier = [cascade], [cascade]
    first = True
    while frontier:
        rows = tx.run(query("capaian_linked_cascades"), cascades=scope).data()
        frontier = []
        for r in rows:
            if r["cascade"] in scope:
                continue
            if r["up"] or first:
                frontier.append(r["cascade"])
        scope += sorted(set(frontier))
        first = False
    return scope


def _budget(units: Iterable[Row], year: int | None) -> Budget:
    pagu = spent = None
    n = 0
    for u in units:
        n += 1
        year_spent, quarters = None, 0.0
        any_quarter = False
        for m in u["budget"]:
            if m.get("year") != year:
                continue
            if not m.get("quarter"):
                if m.get("pagu") is not None:
                    pagu = (pagu or 0.0) + m["pagu"]
                if m.get("realisation_rp") is not None:
                    year_spent = m["realisation_rp"]
            elif m.get("realisation_rp") is not None:
                quarters += m["realisation_rp"]
                any_quarter = True
        got = year_spent if year_spent is not None else (quarters if any_quarter else None)
        if got is not None:
            spent = (spent or 0.0) + got
    a = absorption(pagu, spent) if pagu is not None else None
    return Budget(
        pagu=pagu,
        realisation=spent,
        absorption=None if a is None or a.value is None else round(a.value, 2),
        units=n,
    )


def latest_year(rows: list[Row]) -> int | None:
    years = [
        m["year"]
        for r in rows
        for i in r["indicators"]
        for m in i["measurements"]
        if m.get("realisation") is not None
    ]
    return max(years) if years else None


def _stored_indicator(props: Row, measurements: list[Row]) -> Indicator:
    """``indicator_with_measurements`` without validating the indicator twice (a region reads
    thousands): the node's fields once, then each measurement entry on its own."""
    lists: dict[str, list[Any]] = {"targets": [], "realisation": []}
    for m in measurements:
        for name, entry in measurement_entries("indicator", m).items():
            lists[name].append((YearTarget if name == "targets" else Realisation)(**entry))
    return Indicator.from_properties(props).model_copy(update=lists)


def _indicator(i: Row, year: int, period_end: int | None, thresholds) -> IndicatorCapaian:
    ind = _stored_indicator(i["indicator"], i["measurements"])
    c = capaian_of_year(ind, year, period_end=period_end, thresholds=thresholds)
    return IndicatorCapaian(
        id=ind.id,
        name=ind.name,
        unit=ind.unit,
        value=None if c.value is None else round(c.value, 2),
        formula=c.formula,
        reason=c.reason,
        category=c.category,
        category_label=c.category_label,
        notes=list(c.notes),
        realisation=c.realisation,
    )


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 2)


def compute_results(
    rows: list[Row],
    year: int | None,
    how: How = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
    thresholds=DEFAULT_THRESHOLDS,
) -> dict[Key, ResultCapaian]:
    """Every result of ``rows`` (``capaian_results``) with its own and rolled-up capaian."""
    by_key: dict[Key, Row] = {(r["cascade"], r["id"]): r for r in rows}
    supporters: dict[Key, list[tuple[Key, float | None]]] = defaultdict(list)
    for key, r in by_key.items():
        for s in r["supports"]:
            parent = (s["cascade"], s["id"])
            if parent in by_key:
                supporters[parent].append((key, s.get("weight")))
    out: dict[Key, ResultCapaian] = {}
    own: dict[Key, float | None] = {}
    for key, r in by_key.items():
        indicators = (
            [_indicator(i, year, r["period_end"], thresholds) for i in r["indicators"]]
            if year is not None
            else []
        )
        own[key] = rollup.mean(i.value for i in indicators)
        out[key] = ResultCapaian(
            cascade=r["cascade"],
            agency=r.get("agency"),
            id=r["id"],
            kind=r["kind"],
            level=r.get("level"),
            name=r.get("name") or r["id"],
            rpjmd=r.get("cascade_kind") == "rpjmd",
            own=_round(own[key]),
            indicators=indicators,
            owners=[OwnerRef.from_row(o) for o in r["owners"]],
            budget=_budget(r["units"], year),
            supports=sorted((s["cascade"], s["id"]) for s in r["supports"]),
        )
    budgets = {k: v.budget.pagu for k, v in out.items()}
    rolled = rollup.roll_up(own, supporters, how, budgets)
    for key, res in out.items():
        ru = rolled.get(key)
        if ru is None:
            continue
        res.rolled = _round(ru.value)
        res.rolled_from = [
            RollPart(
                cascade=p.key[0],
                id=p.key[1],
                value=round(p.value, 2),
                weight=p.weight,
                rolled=p.rolled,
            )
            for p in ru.parts
        ]
        res.rollup_notes = [_(n) for n in ru.notes]
    for res in out.values():
        res.own_category = None if res.own is None else category(res.own, thresholds)
        res.rolled_category = None if res.rolled is None else category(res.rolled, thresholds)
        if res.own is not None and res.rolled is not None:
            res.difference = round(res.own - res.rolled, 2)
        res.disagrees = rollup.disagrees(res.own, res.rolled, threshold)
    return out


def _check_how(how: str) -> How:
    if how not in rollup.HOWS:
        raise Invalid(
            _("unknown roll-up %(how)s; expected one of %(hows)s")
            % {"how": how, "hows": ", ".join(rollup.HOWS)}
        )
    return how  # type: ignore[return-value]


def _latest(tx: ManagedTransaction, cascades: list[str]) -> int | None:
    return tx.run(query("capaian_latest_year"), cascades=cascades).single()["year"]


def cascade_capaian_tx(
    tx: ManagedTransaction,
    cascade: str | None,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
    default: str | None = None,
) -> tuple[CascadeCapaian, dict[Key, ResultCapaian], list[Row]]:
    """A cascade's results with their capaian (and everything read, for what it endangers)."""
    how = _check_how(how)
    cascade = chosen_cascade_tx(tx, cascade, default)
    if year is None:
        year = _latest(tx, [cascade])
    if year is None:  # nothing realised yet: nothing to compute (and nothing read)
        empty = CascadeCapaian(
            cascade=cascade, how=how, how_label=_(rollup.HOW_LABELS[how]), threshold=threshold
        )
        return empty, {}, []
    rows = tx.run(query("capaian_results"), cascades=scope_cascades(tx, cascade)).data()
    computed = compute_results(rows, year, how, threshold)
    answer = CascadeCapaian(
        cascade=cascade,
        year=year,
        how=how,
        how_label=_(rollup.HOW_LABELS[how]),
        threshold=threshold,
        results=[v for k, v in computed.items() if k[0] == cascade],
    )
    return answer, computed, rows


def cascade_capaian(
    db: Db,
    cascade: str | None = None,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> CascadeCapaian:
    """Every result of a cascade with its own capaian of ``year`` (default: the latest with a
    realisation), per indicator with its formula, and its capaian rolled up beside it."""
    return db.read(cascade_capaian_tx, cascade, year, how, threshold, db.default_cascade)[0]


def _region_cascades(tx: ManagedTransaction, region: str) -> list[str]:
    ids = [r["id"] for r in tx.run(query("region_cascades"), region=region)]
    if not ids:
        raise RegionNotFound(region)
    return ids


def region_capaian_tx(
    tx: ManagedTransaction,
    region: str,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> tuple[CascadeCapaian, dict[Key, ResultCapaian], list[Row]]:
    how = _check_how(how)
    cascades = _region_cascades(tx, region)
    year = _latest(tx, cascades) if year is None else year
    rows = tx.run(query("capaian_results"), cascades=cascades).data() if year is not None else []
    computed = compute_results(rows, year, how, threshold)
    answer = CascadeCapaian(
        region=region,
        year=year,
        how=how,
        how_label=_(rollup.HOW_LABELS[how]),
        threshold=threshold,
        results=list(computed.values()),
    )
    return answer, computed, rows


def region_capaian(
    db: Db,
    region: str,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> CascadeCapaian:
    """Every result of a region (its RPJMD and agencies), rolled up across agencies through
    crosscutting links and up to the RPJMD."""
    return db.read(region_capaian_tx, region, year, how, threshold)[0]


# --- at risk ------------------------------------------------------------------------------------


def _ref(r: ResultCapaian) -> ResultRef:
    return ResultRef(**r.model_dump(include=set(ResultRef.model_fields)))


def _descendants(key: Key, supporters: dict[Key, list[Key]]) -> set[Key]:
    seen: set[Key] = set()
    stack = [key]
    while stack:
        k = stack.pop()
        if k in seen:
            continue
        seen.add(k)
        stack.extend(supporters.get(k, ()))
    return seen


def at_risk_of(
    computed: dict[Key, ResultCapaian],
    rows: list[Row],
    year: int | None,
    threshold: float,
    only: str | None = None,
) -> list[AtRisk]:
    """The results (of cascade ``only``, or all) below ``threshold`` by their own or
    rolled-up capaian, each with what it endangers on its SUPPORTS paths up."""
    parents: dict[Key, list[Key]] = {
        k: [p for p in r.supports if p in computed] for k, r in computed.items()
    }
    supporters: dict[Key, list[Key]] = defaultdict(list)
    for k, ps in parents.items():
        for p in ps:
            supporters[p].append(k)
    units = {(r["cascade"], r["id"]): r["units"] for r in rows}
    out = []
    for key, res in computed.items():
        if only is not None and key[0] != only:
            continue
        if not rollup.at_risk(res.own, res.rolled, threshold):
            continue
        low_own = res.own is not None and res.own < threshold
        low_rolled = res.rolled is not None and res.rolled < threshold
        paths = rollup.paths_up(key, parents)
        above = list(dict.fromkeys(k for p in paths for k in p))
        refs = [_ref(computed[k]) for k in above]
        below = _descendants(key, supporters)
        seen_units: dict[tuple[str, str], Row] = {}
        for k in below:
            for u in units.get(k, ()):
                seen_units[(k[0], u["id"])] = u
        out.append(
            AtRisk(
                result=res,
                reason="both" if low_own and low_rolled else ("own" if low_own else "rolled"),
                endangers=refs,
                goals=[r for r in refs if r.kind == "goal" and not r.rpjmd],
                rpjmd=[r for r in refs if r.rpjmd and r.kind != "goal"],
                paths=paths,
                budget=_budget(seen_units.values(), year),
            )
        )
    level_order = {"sub_activity": 0, "activity": 1, "programme": 2, "strategic": 3, "goal": 4}
    out.sort(
        key=lambda a: (level_order.get(a.result.level or "", 9), a.result.cascade, a.result.id)
    )
    return out


def cascade_at_risk_tx(
    tx: ManagedTransaction,
    cascade: str | None,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
    default: str | None = None,
) -> AtRiskReport:
    answer, computed, rows = cascade_capaian_tx(tx, cascade, year, how, threshold, default)
    return AtRiskReport(
        cascade=answer.cascade,
        year=answer.year,
        how=answer.how,
        threshold=threshold,
        at_risk=at_risk_of(computed, rows, answer.year, threshold, only=answer.cascade),
    )


def cascade_at_risk(
    db: Db,
    cascade: str | None = None,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> AtRiskReport:
    """A cascade's results at risk in ``year`` and what each endangers, up to the RPJMD."""
    return db.read(cascade_at_risk_tx, cascade, year, how, threshold, db.default_cascade)


def region_at_risk_tx(
    tx: ManagedTransaction,
    region: str,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> AtRiskReport:
    answer, computed, rows = region_capaian_tx(tx, region, year, how, threshold)
    return AtRiskReport(
        region=region,
        year=answer.year,
        how=answer.how,
        threshold=threshold,
        at_risk=at_risk_of(computed, rows, answer.year, threshold),
    )


def region_at_risk(
    db: Db,
    region: str,
    year: int | None = None,
    how: str = "mean",
    threshold: float = rollup.DEFAULT_AT_RISK_THRESHOLD,
) -> AtRiskReport:
    """A region's results at risk (every agency and the RPJMD) and what each endangers."""
    return db.read(region_at_risk_tx, region, year, how, threshold)
