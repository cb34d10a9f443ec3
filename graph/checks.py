"""Alignment checks (analysts): a registry of named checks and the report that runs them.

Each check has a stable name, a severity, a one-line explanation and a named query in
``cypher/`` (``check_<name>.cypher``) that returns the offending elements as rows of
``id`` and ``detail``; a small Python function turns each row into a one-line message. One more
query (``element_context``) adds, for every offending element, what an analyst needs to act:
kind, level, name, owners and programme. A report runs the chosen checks in one read
transaction, so that all of them see the same state of the graph.

Severities (the rationale):
- ``error``: the cascade is broken as a plan and the agency's pipeline should stop: something
  does not reach the Goal (orphans), goes round in circles (cycles), contradicts the budget
  structure it is funded through (structure_conflicts), or a result cannot be measured
  (results_without_indicator).
- ``warning``: the cascade holds together but a reader must look: a gap (unsupported_targets),
  a link that skips or inverts levels, an indicator that cannot be computed or read as the
  source meant it (no formula, no polarity, truncated formula), unaccountable results
  (results_without_owner), owners outside the organisation chart or out of line with it.
- ``info``: probably worth a look, often harmless: near-duplicate names (a page-break
  continuation or a copy may hide behind one, but similar names are also normal).

``near_duplicate_names`` is computed in Python (apoc is not available) by
``pokin.graph.similarity``, within each kind and level.

The checks are data: adding one is one ``Check`` entry here and its ``check_<name>.cypher``.
``pokin.graph.report`` runs them.

Scopes. A ``cascade`` check looks at one agency's cascade (its query takes ``$cascade``). A
``region`` check looks across the cascades of a region: the agencies and the RPJMD above them
(its query takes ``$region`` and ``$cascade``, either null, and returns ``cascade`` with each
row). An agency's report runs its cascade checks; a region's report runs every cascade check
on each agency of the region, and the region checks once. A region check may also be asked for
by name on one cascade (``pokin check --cascade C goals_without_rpjmd``): that is how an agency
that names no region -- the Pemalang seed -- learns that its Tujuan supports no RPJMD Sasaran.

Region checks (warning unless said): ``goals_without_rpjmd`` (an agency Tujuan that supports no
RPJMD Sasaran), ``rpjmd_targets_unsupported`` (an RPJMD Sasaran no agency supports),
``dangling_references`` (a link to another cascade whose target is not loaded),
``proposed_crosscutting`` (a crosscutting link between agencies still proposed),
``shared_sub_activity_codes`` (info: one agency-specific sub-activity code delivered by
several agencies; reported, not judged).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pokin.core.capaian import capaian_of_year
from pokin.core.errors import UnknownCheck
from pokin.core.i18n import N_, number, percent
from pokin.core.i18n import gettext as _
from pokin.core.vocabulary import Aspect
from pokin.graph.measurement import indicator_with_measurements
from pokin.graph.models import CheckInfo, Row, Severity
from pokin.graph.similarity import NEAR_DUPLICATE_THRESHOLD, normalise_name, similar_pairs


@dataclass(frozen=True, kw_only=True)
class Check:
    """A registered check. ``rows`` turns the query's records into ``(id, detail)`` rows (the
    default keeps them as they are); ``message`` says in one line what is wrong."""

    name: str
    severity: Severity
    title: str
    explanation: str
    message: Callable[[dict[str, Any]], str]
    rows: Callable[[list[Row]], list[Row]] | None = None
    scope: Literal["cascade", "region"] = "cascade"
    #: what a cascade's source must carry for the check to mean something there: on a cascade
    #: that lacks it (``CascadeMeta.lacks``) the report says once that it does not apply
    needs: frozenset[Aspect] = frozenset()

    @property
    def query(self) -> str:
        return f"check_{self.name}"

    def info(self) -> CheckInfo:
        return CheckInfo(
            name=self.name,
            severity=self.severity,
            title=self.title,
            explanation=self.explanation,
            query=self.query,
            scope=self.scope,
            needs=sorted(self.needs),
        )

    def lacking(self, lacks: Iterable[str]) -> list[str]:
        """What this check needs that a cascade's source lacks (nothing: it applies)."""
        return sorted(self.needs & set(lacks))


def _near_duplicate_rows(
    records: list[Row],
    pairs: Callable[[dict[str, str]], list[tuple[str, str, float]]] = similar_pairs,
) -> list[Row]:
    """Near-duplicate pairs within each kind and level, from the query's records (one per kind
    and level, its ``names`` a list of ``[id, name, code, names of the delivering units]``, the
    last two optional); ``pairs`` is replaceable so that the tests can run the reference
    algorithm through the same code.

    Each pair once, and only pairs that may be one thing entered twice: two units whose
    official codes differ are distinct items of the nomenclature (the SMA, SMK and SLB
    variants of one sub-activity), and a result named as a unit delivering it (a planning-
    system export names its results so) repeats the units' pair, so it is not compared."""
    groups: dict[tuple[str, str | None], dict[str, str]] = defaultdict(dict)
    names, codes = {}, {}
    for r in records:
        members = groups[(r["kind"], r["level"])]
        for element_id, name, *more in r["names"]:
            code, units = (more + [None, None])[:2]
            names[element_id], codes[element_id] = name, code
            own = normalise_name(name or "")
            if units and any(normalise_name(u or "") == own for u in units):
                continue
            members[element_id] = name or ""
    rows = []
    for (_kind, level), members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        for a, b, sim in pairs(members):
            if codes[a] and codes[b] and codes[a] != codes[b]:
                continue
            rows.append(
                {
                    "id": a,
                    "detail": {
                        "similar_to": b,
                        "similar_name": names[b],
                        "similarity": sim,
                        "level": level,
                    },
                }
            )
    return sorted(rows, key=lambda r: (r["id"], r["detail"]["similar_to"]))


# --- the registry --------------------------------------------------------------------------------


def _ids(values: Iterable[str]) -> str:
    values = list(values)
    return ", ".join(values) if values else "nothing"


def _level(value: str | None) -> str:
    return (value or "?").replace("_", "-")


def _target(indicator: dict[str, Any]) -> str:
    """An indicator's target and unit as a reader writes them (``5 unit``), ``no target``."""
    value = indicator.get("target_value")
    if value is None:
        return "no target" + (f", {indicator['unit']}" if indicator.get("unit") else "")
    return " ".join(x for x in (f"{value:.15g}", indicator.get("unit")) if x)


def _level_skip_message(d: dict[str, Any]) -> str:
    if d["problem"] == "skip":
        skipped = ", ".join(_level(x) for x in d["skipped"])
        return (
            f"{_level(d['from_level'])} result supports {d['supports']} "
            f"({_level(d['to_level'])}), skipping {skipped}"
        )
    if d["problem"] == "inversion":
        return (
            f"{_level(d['from_level'])} result supports {d['supports']}, "
            f"a result of {'the same' if d['from_level'] == d['to_level'] else 'a lower'} "
            f"level ({_level(d['to_level'])}): inversion"
        )
    return (
        f"{_level(d['from_level'])} unit delivers {d['supports']}, a {_level(d['to_level'])} result"
    )


def _misalignment_message(d: dict[str, Any]) -> str:
    owner = d["owner"]
    if d["resolved_owner"] != owner:
        owner = f"{owner} (= {d['resolved_owner']})"
    chain = " > ".join(d["owner_chain"]) or "no one"
    return (
        f"owner {owner} is not, and does not report to, an owner of {d['supports']} "
        f"({_ids(d['supported_owners'])}); reports to: {chain}"
    )


_CHECK_LIST = [
    Check(
        name="orphans",
        needs=frozenset({"goals"}),
        severity="error",
        title="Elements that do not reach the Goal",
        explanation=(
            "Results and units with no SUPPORTS path to the Goal: their work counts for nothing in "
            "the agency's performance until they are linked up."
        ),
        message=lambda d: (
            f"no path to the Goal; its chains stop at {_ids(d['stops_at'])}"
            if d["stops_at"]
            else "no path to the Goal; its chains only go round in a cycle"
        ),
    ),
    Check(
        name="unsupported_targets",
        needs=frozenset({"goals"}),
        severity="warning",
        title="Results nothing below supports",
        explanation=(
            "Targets that no lower result or unit supports (a strategic target: no programme "
            "result; the Goal: no strategic target): nothing in the plan delivers them. Support "
            "from another cascade counts (an agency's Tujuan under an RPJMD Sasaran, a "
            "crosscutting link), as on the region's page."
        ),
        message=lambda d: (
            f"nothing supports this {_level(d['level'])} result; it needs {d['needs']}"
            + (f" (supported only by {_ids(d['supported_by'])})" if d["supported_by"] else "")
        ),
    ),
    Check(
        name="level_skips",
        severity="warning",
        title="Links that do not go one level up",
        explanation=(
            "A result should support a result exactly one level up (sub-activity > activity > "
            "programme > strategic > Goal), and a unit should deliver a result of its own level; "
            "skips and inversions blur who is accountable for what."
        ),
        message=_level_skip_message,
    ),
    Check(
        name="structure_conflicts",
        severity="error",
        title="Results that leave the budget structure",
        explanation=(
            "A sub-activity whose result supports a result of another activity than the one it is "
            "PART_OF (or an activity whose result supports another programme's result): the "
            "performance chain and the budget structure disagree."
        ),
        message=lambda d: (
            f"part of {d['part_of']}, but its result {d['result']} supports "
            f"{d['supports']}, delivered by {_ids(d['delivered_by'])}"
        ),
    ),
    Check(
        name="cycles",
        severity="error",
        title="Cycles in SUPPORTS",
        explanation=(
            "Results that support themselves through a loop: the cascade is no longer a tree and "
            "no achievement can be rolled up along it."
        ),
        message=lambda d: "cycle: " + " > ".join(d["cycle"]),
    ),
    Check(
        name="results_without_indicator",
        needs=frozenset({"goals"}),
        severity="error",
        title="Results without an indicator",
        explanation=(
            "The Goal or a target that no indicator measures: its achievement cannot be reported."
        ),
        message=lambda d: f"no indicator measures this {_level(d['level'])} result",
    ),
    Check(
        name="indicators_without_formula",
        needs=frozenset({"formulas"}),
        severity="warning",
        title="Indicators without a formula",
        explanation=(
            "An indicator with no formula (Formulasi): how its value is computed is not written "
            "down."
        ),
        message=lambda d: f"no formula (indicator of {d['of']})",
    ),
    Check(
        name="indicators_without_polarity",
        needs=frozenset({"polarity"}),
        severity="warning",
        title="Indicators without polarity",
        explanation=(
            "An indicator that does not say whether higher or lower is better (positif/negatif): "
            "its achievement (capaian) cannot be computed."
        ),
        message=lambda d: f"no polarity (indicator of {d['of']})",
    ),
    Check(
        name="repeated_indicators",
        severity="warning",
        title="Indicators repeated under one result",
        explanation=(
            "One result measured several times by the same indicator text, often with other "
            "targets or units (planning-system exports repeat rows so): all are kept as data; "
            "which one the agency means must be settled with it."
        ),
        message=lambda d: (
            f"{d['indicator']!r} measures it {len(d['indicators'])} times: "
            + ", ".join(f"{i['id']} ({_target(i)})" for i in d["indicators"])
        ),
    ),
    Check(
        name="truncated_formulas",
        needs=frozenset({"formulas"}),
        severity="warning",
        title="Formulas cut off in the source",
        explanation=(
            "The formula is cut off in the source document: the complete definition must be "
            "obtained from the agency."
        ),
        message=lambda d: f"formula cut off in the source: {d['formula_raw'] or d['formula']!r}",
    ),
    Check(
        name="results_without_owner",
        needs=frozenset({"owners"}),
        severity="warning",
        title="Results without an owner",
        explanation=(
            "The Goal or a target with no owner (Pemilik Kinerja): no position is accountable for "
            "it."
        ),
        message=lambda d: f"no owner for this {_level(d['level'])} result",
    ),
    Check(
        name="unknown_owners",
        needs=frozenset({"owners"}),
        severity="warning",
        title="Owners outside the organisation chart",
        explanation=(
            "Owner titles that are not a position of the organisation chart (often the same "
            "position written differently): accountability is unclear until they are resolved."
        ),
        message=lambda d: (
            f"'{d['title']}' is not a known position"
            + (f"; most likely {d['alias_of']} ({d['alias_title']})" if d["alias_of"] else "")
            + f"; owns {d['owns']} result(s)"
        ),
    ),
    Check(
        name="owner_misalignment",
        needs=frozenset({"owners"}),
        severity="warning",
        title="Owners out of line with the organisation",
        explanation=(
            "The owner of a result should be, or report to, an owner of the result it supports "
            "(aliases resolved); otherwise the performance chain crosses reporting lines."
        ),
        message=_misalignment_message,
    ),
    Check(
        name="near_duplicate_names",
        severity="info",
        title="Near-duplicate names",
        explanation="Two elements of the same kind and level with nearly the same name (normalised "
        f"character-trigram Jaccard >= {NEAR_DUPLICATE_THRESHOLD}): possibly one thing "
        "entered twice, e.g. across a page break. Units whose official codes differ are "
        "distinct nomenclature items and never a pair; a result named as its unit is compared "
        "through the unit.",
        message=lambda d: (
            f"name {d['similarity']:.0%} similar to {d['similar_to']} ({d['similar_name']!r})"
        ),
        rows=_near_duplicate_rows,
    ),
]

_CHECK_LIST += [
    Check(
        name="goals_without_rpjmd",
        needs=frozenset({"goals"}),
        severity="warning",
        title="Tujuan supporting no RPJMD Sasaran",
        explanation=(
            "An agency's Tujuan should support a Sasaran of its region's RPJMD "
            "(cascade-id:element-id in its supports); this one supports none and names none."
        ),
        message=lambda d: (
            "supports no RPJMD Sasaran"
            + (f" (region {d['region']})" if d.get("region") else " (the cascade names no region)")
        ),
        scope="region",
    ),
    Check(
        name="rpjmd_targets_unsupported",
        severity="warning",
        title="RPJMD Sasaran no agency supports",
        explanation=(
            "A Sasaran of the region's RPJMD that no agency's Tujuan or result supports: nobody in "
            "the region is accountable for it."
        ),
        message=lambda d: f"no agency supports this RPJMD Sasaran (of {_ids(d['goals'])})",
        scope="region",
    ),
    Check(
        name="dangling_references",
        severity="warning",
        title="Links to elements not loaded",
        explanation=(
            "A link to another cascade (cascade-id:element-id) whose target is not loaded: the "
            "cascade is missing, or holds no Tujuan or Sasaran of that id. Kept, and linked as "
            "soon as the target is loaded."
        ),
        message=lambda d: (
            f"supports {d['to']}, which is not loaded"
            + ("" if d["cascade_loaded"] else f" (no cascade {d['to_cascade']} is loaded)")
        ),
        scope="region",
    ),
    Check(
        name="proposed_crosscutting",
        severity="warning",
        title="Crosscutting links still proposed",
        explanation=(
            "A result of one agency supporting a result of another whose link is still proposed: "
            "the other agency has not agreed to it."
        ),
        message=lambda d: f"supports {d['supports']} (crosscutting), still proposed",
        scope="region",
    ),
    Check(
        name="shared_sub_activity_codes",
        severity="info",
        title="Sub-activity codes delivered by several agencies",
        explanation=(
            "The same agency-specific sub-activity code (outside the supporting programme X.XX.01) "
            "delivered by several agencies of the region: a joint delivery or a coding slip; "
            "reported, not judged."
        ),
        message=lambda d: f"code {d['code']} is also delivered by {_ids(d['cascades'][1:])}",
        scope="region",
    ),
]


_POLARITY_WORDS = {"positive": N_("positive"), "negative": N_("negative")}


def _quarters(values: Iterable[int]) -> str:
    return ", ".join(("I", "II", "III", "IV")[q - 1] for q in values)


def _when(year: int | None, quarter: int | None) -> str:
    if year is None:
        return _("baseline")
    return f"{year}" + (f" TW {_quarters([quarter])}" if quarter else "")


def _capped_rows(records: list[Row]) -> list[Row]:
    """The capped indicators whose capaian of a year, computed by the one engine, is above
    their cap (each year with a target and a realisation)."""
    rows = []
    for r in records:
        indicator = indicator_with_measurements(r["indicator"], r["measurements"])
        over = []
        for year in sorted({m.year for m in indicator.realisation if m.value is not None}):
            result = capaian_of_year(indicator, year, period_end=r["period_end"])
            if result.capped:
                over.append(
                    {
                        "year": year,
                        "capaian": round(result.uncapped or 0.0, 2),
                        "cap": indicator.cap,
                        "formula": result.formula,
                    }
                )
        if over:
            rows.append({"id": r["id"], "detail": {"of": r["indicator"].get("of"), "over": over}})
    return rows


_CHECK_LIST += [
    Check(
        name="indicators_without_yearly_target",
        severity="warning",
        title=N_("Indicators without a target for a year"),
        explanation=N_(
            "In a cascade that gives targets per year, an indicator without a target for some "
            "year of the period: its capaian cannot be computed for that year (the single "
            "target_value counts as the period's last year)."
        ),
        message=lambda d: _("no target for %(years)s") % {"years": _ids(map(str, d["missing"]))},
    ),
    Check(
        name="implausible_realisation",
        severity="warning",
        title=N_("Realisation over three times the target"),
        explanation=N_(
            "A realisation more than three times the year's target: most likely a unit error "
            "(8500 for 85 %, rupiah for millions) rather than an achievement."
        ),
        message=lambda d: "; ".join(
            _("%(when)s: %(realisation)s against a target of %(target)s (%(percent)s)")
            % {
                "when": _when(o["year"], o["quarter"]),
                "realisation": number(o["realisation"]),
                "target": number(o["target"]),
                "percent": percent(o["percent"]),
            }
            for o in d["over"]
        ),
    ),
    Check(
        name="negative_values",
        severity="warning",
        title=N_("Negative values where none can be"),
        explanation=N_(
            "A negative pagu or budget realisation, or a negative baseline, target or "
            "realisation of an indicator that is not a rate able to fall below zero "
            "(pertumbuhan, laju, perubahan, selisih, inflasi): a sign slipped in."
        ),
        message=lambda d: "; ".join(
            _("%(field)s of %(when)s is %(value)s")
            % {
                "field": v["field"],
                "when": _when(v["year"], v["quarter"]),
                "value": number(v["value"]),
            }
            for v in d["values"]
        ),
    ),
    Check(
        name="targets_against_polarity",
        severity="warning",
        title=N_("Targets going the wrong way"),
        explanation=N_(
            "Year targets that fall while the indicator is positive (higher is better), or rise "
            "while it is negative: the plan aims backwards, or the polarity is wrong."
        ),
        message=lambda d: "; ".join(
            _("target %(from)s in %(from_year)s, then %(to)s in %(to_year)s (%(polarity)s)")
            % {
                "from": number(t["from"]),
                "from_year": t["from_year"],
                "to": number(t["to"]),
                "to_year": t["to_year"],
                "polarity": _(_POLARITY_WORDS[d["polarity"]]),
            }
            for t in d["turns"]
        ),
    ),
    Check(
        name="missing_quarters",
        severity="warning",
        title=N_("A quarter missing before a later one"),
        explanation=N_(
            "A quarter without realisation while a later quarter of the same year is "
            "reported: a report skipped, or entered under the wrong quarter."
        ),
        message=lambda d: "; ".join(
            _("%(year)s: TW %(missing)s not reported, TW %(reported)s reported")
            % {
                "year": g["year"],
                "missing": _quarters(g["missing"]),
                "reported": _quarters(g["reported"]),
            }
            for g in d["gaps"]
        ),
    ),
    Check(
        name="capaian_above_cap",
        severity="info",
        title=N_("Capaian above its cap"),
        explanation=N_(
            "An indicator whose capaian is capped (e.g. at 100 %) computed above the cap: the "
            "capped value is shown, and the excess is noted here, as the users of a capped "
            "report expect."
        ),
        message=lambda d: "; ".join(
            _("%(year)s: capaian %(value)s, shown as %(cap)s (%(formula)s)")
            % {
                "year": o["year"],
                "value": percent(o["capaian"]),
                "cap": percent(o["cap"]),
                "formula": o["formula"],
            }
            for o in d["over"]
        ),
        rows=_capped_rows,
    ),
]

#: The checks by stable name, in report order.
CHECKS: dict[str, Check] = {c.name: c for c in _CHECK_LIST}


def list_checks() -> list[CheckInfo]:
    return [c.info() for c in CHECKS.values()]


def checks_of(scope: str) -> dict[str, Check]:
    """The checks a report of ``scope`` runs by default: an agency's report the cascade checks,
    a region's report all of them."""
    return {n: c for n, c in CHECKS.items() if scope == "region" or c.scope == scope}


def select_checks(names: Iterable[str] | None, scope: str = "cascade") -> list[Check]:
    """The named checks (any scope), or the default checks of ``scope``."""
    if not names:
        return list(checks_of(scope).values())
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in CHECKS]
    if unknown:
        raise UnknownCheck(unknown, CHECKS)
    return [c for c in CHECKS.values() if c.name in wanted]
