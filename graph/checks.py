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
``pokin.graph.similarity``, within each kind and level, once at load time
(``graph.loader.SimilarNames``, with ``similarity.near_duplicate_rows``): the load stores
the pairs as ``SIMILAR_NAME`` links and the check reads them, so a report does no similarity
work (issue 25).

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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from pokin.core.capaian import capaian_of_year
from pokin.core.errors import UnknownCheck
from pokin.core.i18n import N_, _, ngettext, number, percent
from pokin.core.settings import get_settings
from pokin.core.vocabulary import Aspect, level_label, level_name
from pokin.graph import capaian
from pokin.graph.measurement import indicator_with_measurements
from pokin.graph.models import CheckInfo, Row, Severity


@dataclass(frozen=True, kw_only=True)
class Reading:
    """A query several checks share, and what is computed from its records once for all of
    them (``prepare``): the report runs it once per cascade, not once per check."""

    query: str
    prepare: Callable[[list[Row]], Any]


@dataclass(frozen=True, kw_only=True)
class Check:
    """A registered check. ``title`` and ``explanation`` are msgids (translated where shown);
    ``rows`` turns the query's records into ``(id, detail)`` rows (the default keeps them as
    they are); ``message`` says in one line, in the current locale, what is wrong."""

    name: str
    severity: Severity
    title: str
    explanation: str
    message: Callable[[dict[str, Any]], str]
    rows: Callable[[Any], list[Row]] | None = None
    scope: Literal["cascade", "region"] = "cascade"
    #: what several checks compute from one query (every result's capaian): a report reads
    #: and prepares it once per cascade, and ``rows`` receives what it prepared
    reading: Reading | None = None
    #: what a cascade's source must carry for the check to mean something there: on a cascade
    #: that lacks it (``CascadeMeta.lacks``) the report says once that it does not apply
    needs: frozenset[Aspect] = frozenset()

    @property
    def query(self) -> str:
        return self.reading.query if self.reading else f"check_{self.name}"

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


# --- the registry --------------------------------------------------------------------------------
# Titles and explanations are msgids (``N_``), translated where shown; messages are said from a
# finding's ``detail`` in the current locale whenever it is shown (``Finding.message``).


def _ids(values: Iterable[str]) -> str:
    values = list(values)
    return ", ".join(values) if values else _("nothing")


def _result(level: str | None) -> str:
    """A result of ``level`` as the locale names it: 'Sasaran Kegiatan' (id), 'Activity result
    (Sasaran Kegiatan)' (en)."""
    return level_label("target", level)


def _say(said: str, **values: Any) -> str:
    """``said`` (a message already in the current locale) with its named placeholders filled."""
    return said % values


#: What an unsupported result needs, as its query says it (msgids).
_NEEDS = (
    N_("a lower result or a unit"),
    N_("a strategic target"),
    N_("a programme-level result"),
)


def _target(indicator: dict[str, Any]) -> str:
    """An indicator's target and unit as a reader writes them (``5 unit``), ``no target``."""
    value = indicator.get("target_value")
    unit = indicator.get("unit")
    if value is None:
        return _("no target") + (f", {unit}" if unit else "")
    return " ".join(x for x in (number(value), unit) if x)


def _level_skip_message(d: dict[str, Any]) -> str:
    if d["problem"] == "skip":
        return _say(
            _("%(from)s supports %(supports)s (%(to)s), skipping %(skipped)s"),
            **{"from": _result(d["from_level"]), "to": _result(d["to_level"])},
            supports=d["supports"],
            skipped=", ".join(level_name(x) for x in d["skipped"]),
        )
    if d["problem"] == "inversion":
        same = d["from_level"] == d["to_level"]
        return _say(
            _("%(from)s supports %(supports)s, a result of the same level (%(to)s): inversion")
            if same
            else _("%(from)s supports %(supports)s, a result of a lower level (%(to)s): inversion"),
            **{"from": _result(d["from_level"]), "to": _result(d["to_level"])},
            supports=d["supports"],
        )
    return _say(
        _("%(unit)s delivers %(supports)s, a result of another level (%(to)s)"),
        unit=level_name(d["from_level"]),
        supports=d["supports"],
        to=_result(d["to_level"]),
    )


def _misalignment_message(d: dict[str, Any]) -> str:
    owner = d["owner"]
    if d["resolved_owner"] != owner:
        owner = f"{owner} (= {d['resolved_owner']})"
    return _say(
        _(
            "owner %(owner)s is not, and does not report to, an owner of %(supports)s "
            "(%(owners)s); reports to: %(chain)s"
        ),
        owner=owner,
        supports=d["supports"],
        owners=_ids(d["supported_owners"]),
        chain=" > ".join(d["owner_chain"]) or _("no one"),
    )


def _orphan_message(d: dict[str, Any]) -> str:
    if d["stops_at"]:
        return _say(_("no path to the Goal; its chains stop at %(ids)s"), ids=_ids(d["stops_at"]))
    return _("no path to the Goal; its chains only go round in a cycle")


def _unsupported_message(d: dict[str, Any]) -> str:
    text = _say(
        _("nothing supports this %(result)s; it needs %(needs)s"),
        result=_result(d["level"]),
        needs=_(d["needs"]),
    )
    if d["supported_by"]:
        text += " " + _say(_("(supported only by %(ids)s)"), ids=_ids(d["supported_by"]))
    return text


def _unknown_owner_message(d: dict[str, Any]) -> str:
    text = _say(_("'%(title)s' is not a known position"), title=d["title"])
    if d["alias_of"]:
        text += _say(
            _("; most likely %(id)s (%(title)s)"), id=d["alias_of"], title=d["alias_title"]
        )
    return text + ngettext("; owns %(n)s result", "; owns %(n)s results", d["owns"]) % {
        "n": number(d["owns"])
    }


def _goal_without_rpjmd_message(d: dict[str, Any]) -> str:
    if d.get("region"):
        return _say(_("supports no RPJMD Sasaran (region %(region)s)"), region=d["region"])
    return _("supports no RPJMD Sasaran (the cascade names no region)")


def _dangling_message(d: dict[str, Any]) -> str:
    if d["cascade_loaded"]:
        return _say(_("supports %(to)s, which is not loaded"), to=d["to"])
    return _say(
        _("supports %(to)s, which is not loaded (no cascade %(cascade)s is loaded)"),
        to=d["to"],
        cascade=d["to_cascade"],
    )


_CHECK_LIST = [
    Check(
        name="orphans",
        needs=frozenset({"goals"}),
        severity="error",
        title=N_("Elements that do not reach the Goal"),
        explanation=N_(
            "Results and units with no chain of support up to the Goal: their work counts for "
            "nothing in the agency's performance until they are linked up."
        ),
        message=_orphan_message,
    ),
    Check(
        name="unsupported_targets",
        needs=frozenset({"goals"}),
        severity="warning",
        title=N_("Results nothing below supports"),
        explanation=N_(
            "Targets that no lower result or unit supports (a strategic target: no programme "
            "result; the Goal: no strategic target): nothing in the plan delivers them. Support "
            "from another cascade counts (an agency's Tujuan under an RPJMD Sasaran, a "
            "crosscutting link), as on the region's page."
        ),
        message=_unsupported_message,
    ),
    Check(
        name="level_skips",
        severity="warning",
        title=N_("Links that do not go one level up"),
        explanation=N_(
            "A result should support a result exactly one level up (sub-activity > activity > "
            "programme > strategic target > Goal), and a unit should deliver a result of its own "
            "level; skips and inversions blur who is accountable for what."
        ),
        message=_level_skip_message,
    ),
    Check(
        name="structure_conflicts",
        severity="error",
        title=N_("Results that leave the budget structure"),
        explanation=N_(
            "A sub-activity whose result supports a result of another activity than the one it "
            "belongs to (or an activity whose result supports another programme's result): the "
            "performance chain and the budget structure disagree."
        ),
        message=lambda d: _say(
            _(
                "part of %(part_of)s, but its result %(result)s supports %(supports)s, "
                "delivered by %(delivered_by)s"
            ),
            part_of=d["part_of"],
            result=d["result"],
            supports=d["supports"],
            delivered_by=_ids(d["delivered_by"]),
        ),
    ),
    Check(
        name="cycles",
        severity="error",
        title=N_("Cycles in the chain of support"),
        explanation=N_(
            "Results that support themselves through a loop: the cascade is no longer a tree and "
            "no achievement can be rolled up along it."
        ),
        message=lambda d: _say(_("cycle: %(cycle)s"), cycle=" > ".join(d["cycle"])),
    ),
    Check(
        name="results_without_indicator",
        needs=frozenset({"goals"}),
        severity="error",
        title=N_("Results without an indicator"),
        explanation=N_(
            "The Goal or a target that no indicator measures: its achievement cannot be reported."
        ),
        message=lambda d: _say(
            _("no indicator measures this %(result)s"), result=_result(d["level"])
        ),
    ),
    Check(
        name="indicators_without_formula",
        needs=frozenset({"formulas"}),
        severity="warning",
        title=N_("Indicators without a formula"),
        explanation=N_(
            "An indicator with no formula (Formulasi): how its value is computed is not written "
            "down."
        ),
        message=lambda d: _say(_("no formula (indicator of %(of)s)"), of=d["of"]),
    ),
    Check(
        name="indicators_without_polarity",
        needs=frozenset({"polarity"}),
        severity="warning",
        title=N_("Indicators without polarity"),
        explanation=N_(
            "An indicator that does not say whether higher or lower is better (positif/negatif): "
            "its achievement (capaian) cannot be computed."
        ),
        message=lambda d: _say(_("no polarity (indicator of %(of)s)"), of=d["of"]),
    ),
    Check(
        name="repeated_indicators",
        severity="warning",
        title=N_("Indicators repeated under one result"),
        explanation=N_(
            "One result measured several times by the same indicator text, often with other "
            "targets or units (planning-system exports repeat rows so): all are kept as data; "
            "which one the agency means must be settled with it."
        ),
        message=lambda d: _say(
            _("'%(indicator)s' measures it %(n)s times: %(which)s"),
            indicator=d["indicator"],
            n=number(len(d["indicators"])),
            which=", ".join(f"{i['id']} ({_target(i)})" for i in d["indicators"]),
        ),
    ),
    Check(
        name="truncated_formulas",
        needs=frozenset({"formulas"}),
        severity="warning",
        title=N_("Formulas cut off in the source"),
        explanation=N_(
            "The formula is cut off in the source document: the complete definition must be "
            "obtained from the agency."
        ),
        message=lambda d: _say(
            _("formula cut off in the source: '%(formula)s'"),
            formula=d["formula_raw"] or d["formula"],
        ),
    ),
    Check(
        name="results_without_owner",
        needs=frozenset({"owners"}),
        severity="warning",
        title=N_("Results without an owner"),
        explanation=N_(
            "The Goal or a target with no owner (Pemilik Kinerja): no position is accountable for "
            "it."
        ),
        message=lambda d: _say(_("no owner for this %(result)s"), result=_result(d["level"])),
    ),
    Check(
        name="unknown_owners",
        needs=frozenset({"owners"}),
        severity="warning",
        title=N_("Owners outside the organisation chart"),
        explanation=N_(
            "Owner titles that are not a position of the organisation chart (often the same "
            "position written differently): accountability is unclear until they are resolved."
        ),
        message=_unknown_owner_message,
    ),
    Check(
        name="owner_misalignment",
        needs=frozenset({"owners"}),
        severity="warning",
        title=N_("Owners out of line with the organisation"),
        explanation=N_(
            "The owner of a result should be, or report to, an owner of the result it supports "
            "(aliases resolved); otherwise the performance chain crosses reporting lines."
        ),
        message=_misalignment_message,
    ),
    Check(
        name="near_duplicate_names",
        severity="info",
        title=N_("Near-duplicate names"),
        # the share below is NEAR_DUPLICATE_THRESHOLD (a unit test holds them together)
        explanation=N_(
            "Two elements of the same kind and level whose names are at least 80% alike: "
            "possibly one thing entered twice, e.g. across a page break. Units whose official "
            "codes differ are distinct nomenclature items and never a pair; a result named as "
            "its unit is compared through the unit."
        ),
        message=lambda d: _say(
            _("name %(similarity)s similar to %(id)s ('%(name)s')"),
            similarity=percent(round(d["similarity"] * 100)),
            id=d["similar_to"],
            name=d["similar_name"],
        ),
    ),
]

_CHECK_LIST += [
    Check(
        name="goals_without_rpjmd",
        needs=frozenset({"goals"}),
        severity="warning",
        title=N_("Tujuan supporting no RPJMD Sasaran"),
        explanation=N_(
            "An agency's Tujuan should support a Sasaran of its region's RPJMD (a link to the "
            "RPJMD's cascade in its supports); this one supports none and names none."
        ),
        message=_goal_without_rpjmd_message,
        scope="region",
    ),
    Check(
        name="rpjmd_targets_unsupported",
        severity="warning",
        title=N_("RPJMD Sasaran no agency supports"),
        explanation=N_(
            "A Sasaran of the region's RPJMD that no agency's Tujuan or result supports: nobody in "
            "the region is accountable for it."
        ),
        message=lambda d: _say(
            _("no agency supports this RPJMD Sasaran (of %(goals)s)"), goals=_ids(d["goals"])
        ),
        scope="region",
    ),
    Check(
        name="dangling_references",
        severity="warning",
        title=N_("Links to elements not loaded"),
        explanation=N_(
            "A link to an element of another cascade that is not loaded: the cascade is "
            "missing, or holds no Tujuan or Sasaran of that id. Kept, and linked as soon as the "
            "target is loaded."
        ),
        message=_dangling_message,
        scope="region",
    ),
    Check(
        name="proposed_crosscutting",
        severity="warning",
        title=N_("Crosscutting links still proposed"),
        explanation=N_(
            "A result of one agency supporting a result of another whose link is still proposed: "
            "the other agency has not agreed to it."
        ),
        message=lambda d: _say(
            _("supports %(supports)s (crosscutting), still proposed"), supports=d["supports"]
        ),
        scope="region",
    ),
    Check(
        name="shared_sub_activity_codes",
        severity="info",
        title=N_("Sub-activity codes delivered by several agencies"),
        explanation=N_(
            "The same agency-specific sub-activity code (outside the supporting programme X.XX.01) "
            "delivered by several agencies of the region: a joint delivery or a coding slip; "
            "reported, not judged."
        ),
        message=lambda d: _say(
            _("code %(code)s is also delivered by %(cascades)s"),
            code=d["code"],
            cascades=_ids(d["cascades"][1:]),
        ),
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
            "In a cascade that gives targets per year, an indicator without a target for a "
            "year the cascade plans (a year any of its indicators has a target for): its "
            "capaian cannot be computed for that year (the single target of a matrix or "
            "planning-system export counts as the period's last year)."
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


def _at_risk_threshold() -> float:
    return get_settings().pokin_at_risk_threshold


class CapaianReading(NamedTuple):
    """Every result of a cascade with its capaian of the latest year with a realisation: what
    the capaian checks read, computed once per cascade in a report (``CAPAIAN_READING``)."""

    records: list[Row]
    computed: dict
    year: int | None
    threshold: float


def _capaian_reading(records: list[Row]) -> CapaianReading:
    year = capaian.latest_year(records)
    threshold = _at_risk_threshold()
    computed = capaian.compute_results(records, year, "mean", threshold)
    return CapaianReading(records, computed, year, threshold)


#: The capaian checks' one reading (``check_capaian_reading``): one query and one capaian
#: computation per cascade, however many of those checks the report runs.
CAPAIAN_READING = Reading(query="check_capaian_reading", prepare=_capaian_reading)


def _disagreement_rows(read: CapaianReading) -> list[Row]:
    """The results on track by their own capaian whose supporters, rolled up, are not."""
    return [
        {
            "id": key[1],
            "detail": {
                "year": read.year,
                "own": r.own,
                "rolled": r.rolled,
                "threshold": read.threshold,
                "supporters": [[p.id, p.value] for p in r.rolled_from],
            },
        }
        for key, r in sorted(read.computed.items())
        if r.disagrees
    ]


def _at_risk_rows(read: CapaianReading) -> list[Row]:
    """The results below the threshold by their own or rolled-up capaian, with the higher
    results of the cascade they endanger."""
    rows = []
    for item in capaian.at_risk_of(read.computed, read.records, read.year, read.threshold):
        r = item.result
        rows.append(
            {
                "id": r.id,
                "detail": {
                    "year": read.year,
                    "own": r.own,
                    "rolled": r.rolled,
                    "threshold": read.threshold,
                    "endangers": [e.id for e in item.endangers],
                },
            }
        )
    return sorted(rows, key=lambda row: row["id"])


def _capaian_words(d: dict[str, Any]) -> str:
    said = []
    if d.get("own") is not None:
        said.append(_("own capaian %(value)s") % {"value": percent(d["own"])})
    if d.get("rolled") is not None:
        said.append(_("rolled up from its supporters %(value)s") % {"value": percent(d["rolled"])})
    return ", ".join(said)


_CHECK_LIST += [
    Check(
        name="rollup_disagreement",
        severity="warning",
        title=N_("On track by its own report, not by what supports it"),
        explanation=N_(
            "A result whose own capaian is at or above the at-risk threshold while the results "
            "supporting it, rolled up along the links (their mean), are below it: the report "
            "looks better than what delivers it. Latest year with a realisation."
        ),
        message=lambda d: (
            _("%(year)s: %(words)s (threshold %(threshold)s); supporters: %(supporters)s")
            % {
                "year": d["year"],
                "words": _capaian_words(d),
                "threshold": percent(d["threshold"]),
                "supporters": ", ".join(f"{i} {percent(v)}" for i, v in d["supporters"]),
            }
        ),
        rows=_disagreement_rows,
        reading=CAPAIAN_READING,
    ),
    Check(
        name="results_at_risk",
        severity="warning",
        title=N_("Results at risk, and what they endanger"),
        explanation=N_(
            "A result whose own capaian, or the capaian of what supports it rolled up, is "
            "below the at-risk threshold (POKIN_AT_RISK_THRESHOLD, by default the lower bound "
            "of Sedang): the higher results it supports, up to the Tujuan, are endangered. "
            "Latest year with a realisation."
        ),
        message=lambda d: (
            _("%(year)s: %(words)s, below %(threshold)s; endangers %(above)s")
            % {
                "year": d["year"],
                "words": _capaian_words(d),
                "threshold": percent(d["threshold"]),
                "above": _ids(d["endangers"]) if d["endangers"] else "-",
            }
        ),
        rows=_at_risk_rows,
        reading=CAPAIAN_READING,
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
