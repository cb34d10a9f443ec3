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

``near_duplicate_names`` is computed in Python (apoc is not available): names are normalised
(case folded, accents removed, punctuation dropped, whitespace collapsed) and compared within a
kind and level by the Jaccard similarity of their character trigrams; pairs at or above
``NEAR_DUPLICATE_THRESHOLD`` are findings. Candidate pairs are found by prefix filtering (rare
trigrams first), so the comparison stays fast on large cascades.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction, unit_of_work

from graph.models import (
    CheckInfo,
    CheckResult,
    ElementRef,
    Finding,
    OwnerRef,
    Report,
    ReportSummary,
    Severity,
)
from graph.queries import query

#: Trigram Jaccard similarity at or above which two names of a level are near-duplicates.
NEAR_DUPLICATE_THRESHOLD = 0.8


class CascadeNotFound(LookupError):
    """No cascade of this id is loaded (or none at all, when no id was given)."""

    def __init__(self, cascade_id: str | None) -> None:
        msg = f"no cascade with id {cascade_id!r}" if cascade_id else "no cascade is loaded"
        super().__init__(msg)
        self.cascade_id = cascade_id


class UnknownCheck(KeyError):
    def __init__(self, names: Iterable[str]) -> None:
        names = sorted(names)
        super().__init__(
            f"unknown check(s): {', '.join(names)}; the checks are: {', '.join(CHECKS)}"
        )
        self.names = names

    def __str__(self) -> str:  # KeyError would quote the message
        return self.args[0]


Row = dict[str, Any]


@dataclass(frozen=True)
class Check:
    """A registered check. ``rows`` turns the query's records into ``(id, detail)`` rows (the
    default keeps them as they are); ``message`` says in one line what is wrong."""

    name: str
    severity: Severity
    title: str
    explanation: str
    message: Callable[[dict[str, Any]], str]
    rows: Callable[[list[Row]], list[Row]] | None = None

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
        )


# --- near-duplicate names (Python side) ----------------------------------------------------------


def normalise_name(name: str) -> str:
    """Case folded, accents removed, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def trigrams(text: str) -> frozenset[str]:
    padded = f"  {text} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def similar_pairs(
    names: dict[str, str], threshold: float = NEAR_DUPLICATE_THRESHOLD
) -> list[tuple[str, str, float]]:
    """Pairs of ids whose normalised names have trigram Jaccard >= ``threshold``, as
    ``(id_a, id_b, similarity)`` with ``id_a < id_b``.

    All-pairs with prefix and positional filtering (PPJoin, Xiao et al. 2008): trigrams are
    ordered rarest first; two sets with Jaccard >= t share one of the first
    ``|s| - ceil(t * |s|) + 1`` trigrams of each, and a candidate is dropped as soon as the
    trigrams left after the shared one cannot reach the overlap that t needs. Sets are
    visited by increasing size, so a candidate's size bounds the similarity too."""
    sets = {i: trigrams(normalise_name(n)) for i, n in names.items()}
    freq = Counter(g for s in sets.values() for g in s)
    rank = {g: r for r, g in enumerate(sorted(freq, key=lambda g: (freq[g], g)))}
    order = sorted(sets, key=lambda k: (len(sets[k]), k))
    tokens = [sorted(rank[g] for g in sets[k]) for k in order]
    as_sets = [frozenset(t) for t in tokens]
    index: dict[int, list[tuple[int, int, int]]] = defaultdict(list)  # token -> (rec, pos, size)
    found: list[tuple[str, str, float]] = []
    factor = threshold / (1 + threshold)
    pruned = -(10**9)
    for n, x in enumerate(tokens):
        size = len(x)
        probe = size - math.ceil(threshold * size) + 1
        # sets come by increasing size, so a later partner y has |y| >= |x|: indexing the
        # shorter prefix |x| - ceil(2t/(1+t) |x|) + 1 is enough (PPJoin's "mid-prefix")
        indexed = size - math.ceil(2 * factor * size) + 1
        smallest = threshold * size
        need = {}  # overlap needed with a partner of this size
        overlap: dict[int, int] = {}
        for pos in range(min(probe, size)):
            left = size - pos - 1
            for j, jpos, other in index[x[pos]]:
                if other < smallest:  # too small to be similar enough
                    continue
                seen = overlap.get(j, 0)
                if seen < 0:
                    continue
                needed = need.get(other)
                if needed is None:
                    needed = need[other] = math.ceil(factor * (size + other) - 1e-9)
                rest = other - jpos - 1
                if seen + 1 + (left if left < rest else rest) >= needed:
                    overlap[j] = seen + 1
                else:
                    overlap[j] = pruned  # can no longer reach the overlap needed
            if pos < indexed:
                index[x[pos]].append((n, pos, size))
        mine = as_sets[n]
        for j, seen in overlap.items():
            if seen <= 0:
                continue
            common = len(mine & as_sets[j])
            sim = common / (size + len(tokens[j]) - common)
            if sim >= threshold:
                a, b = sorted((order[n], order[j]))
                found.append((a, b, round(sim, 3)))
    return sorted(found)


def _near_duplicate_rows(records: list[Row]) -> list[Row]:
    groups: dict[tuple[str, str | None], dict[str, str]] = defaultdict(dict)
    names = {}
    for r in records:
        groups[(r["kind"], r["level"])][r["id"]] = r["name"] or ""
        names[r["id"]] = r["name"]
    rows = []
    for (_kind, level), members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        for a, b, sim in similar_pairs(members):
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
        "orphans",
        "error",
        "Elements that do not reach the Goal",
        "Results and units with no SUPPORTS path to the Goal: their work counts for nothing in "
        "the agency's performance until they are linked up.",
        lambda d: (
            f"no path to the Goal; its chains stop at {_ids(d['stops_at'])}"
            if d["stops_at"]
            else "no path to the Goal; its chains only go round in a cycle"
        ),
    ),
    Check(
        "unsupported_targets",
        "warning",
        "Results nothing below supports",
        "Targets that no lower result or unit supports (a strategic target: no programme "
        "result; the Goal: no strategic target): nothing in the plan delivers them.",
        lambda d: (
            f"nothing supports this {_level(d['level'])} result; it needs {d['needs']}"
            + (f" (supported only by {_ids(d['supported_by'])})" if d["supported_by"] else "")
        ),
    ),
    Check(
        "level_skips",
        "warning",
        "Links that do not go one level up",
        "A result should support a result exactly one level up (sub-activity > activity > "
        "programme > strategic > Goal), and a unit should deliver a result of its own level; "
        "skips and inversions blur who is accountable for what.",
        _level_skip_message,
    ),
    Check(
        "structure_conflicts",
        "error",
        "Results that leave the budget structure",
        "A sub-activity whose result supports a result of another activity than the one it is "
        "PART_OF (or an activity whose result supports another programme's result): the "
        "performance chain and the budget structure disagree.",
        lambda d: (
            f"part of {d['part_of']}, but its result {d['result']} supports "
            f"{d['supports']}, delivered by {_ids(d['delivered_by'])}"
        ),
    ),
    Check(
        "cycles",
        "error",
        "Cycles in SUPPORTS",
        "Results that support themselves through a loop: the cascade is no longer a tree and "
        "no achievement can be rolled up along it.",
        lambda d: "cycle: " + " > ".join(d["cycle"]),
    ),
    Check(
        "results_without_indicator",
        "error",
        "Results without an indicator",
        "The Goal or a target that no indicator measures: its achievement cannot be reported.",
        lambda d: f"no indicator measures this {_level(d['level'])} result",
    ),
    Check(
        "indicators_without_formula",
        "warning",
        "Indicators without a formula",
        "An indicator with no formula (Formulasi): how its value is computed is not written down.",
        lambda d: f"no formula (indicator of {d['of']})",
    ),
    Check(
        "indicators_without_polarity",
        "warning",
        "Indicators without polarity",
        "An indicator that does not say whether higher or lower is better (positif/negatif): "
        "its achievement (capaian) cannot be computed.",
        lambda d: f"no polarity (indicator of {d['of']})",
    ),
    Check(
        "truncated_formulas",
        "warning",
        "Formulas cut off in the source",
        "The formula is cut off in the source document: the complete definition must be "
        "obtained from the agency.",
        lambda d: f"formula cut off in the source: {d['formula_raw'] or d['formula']!r}",
    ),
    Check(
        "results_without_owner",
        "warning",
        "Results without an owner",
        "The Goal or a target with no owner (Pemilik Kinerja): no position is accountable for it.",
        lambda d: f"no owner for this {_level(d['level'])} result",
    ),
    Check(
        "unknown_owners",
        "warning",
        "Owners outside the organisation chart",
        "Owner titles that are not a position of the organisation chart (often the same "
        "position written differently): accountability is unclear until they are resolved.",
        lambda d: (
            f"'{d['title']}' is not a known position"
            + (f"; most likely {d['alias_of']} ({d['alias_title']})" if d["alias_of"] else "")
            + f"; owns {d['owns']} result(s)"
        ),
    ),
    Check(
        "owner_misalignment",
        "warning",
        "Owners out of line with the organisation",
        "The owner of a result should be, or report to, an owner of the result it supports "
        "(aliases resolved); otherwise the performance chain crosses reporting lines.",
        _misalignment_message,
    ),
    Check(
        "near_duplicate_names",
        "info",
        "Near-duplicate names",
        "Two elements of the same kind and level with nearly the same name (normalised "
        f"character-trigram Jaccard >= {NEAR_DUPLICATE_THRESHOLD}): possibly one thing "
        "entered twice, e.g. across a page break.",
        lambda d: (
            f"name {d['similarity']:.0%} similar to {d['similar_to']} ({d['similar_name']!r})"
        ),
        rows=_near_duplicate_rows,
    ),
]

#: The checks by stable name, in report order.
CHECKS: dict[str, Check] = {c.name: c for c in _CHECK_LIST}


def list_checks() -> list[CheckInfo]:
    return [c.info() for c in CHECKS.values()]


# --- running -------------------------------------------------------------------------------------


def _select(names: Iterable[str] | None) -> list[Check]:
    if not names:
        return list(CHECKS.values())
    wanted = list(dict.fromkeys(names))
    unknown = [n for n in wanted if n not in CHECKS]
    if unknown:
        raise UnknownCheck(unknown)
    return [c for c in CHECKS.values() if c.name in wanted]


def _report_tx(
    tx: ManagedTransaction, cascade: str, checks: list[Check]
) -> tuple[dict[str, list[Row]], dict[str, Row]]:
    found = tx.run(query("cascade_ids")).data()
    if cascade not in {r["id"] for r in found}:
        raise CascadeNotFound(cascade)
    rows: dict[str, list[Row]] = {}
    for check in checks:
        records = tx.run(query(check.query), cascade=cascade).data()
        rows[check.name] = check.rows(records) if check.rows else records
    ids = sorted({r["id"] for rs in rows.values() for r in rs})
    context = {}
    if ids:
        context = {r["id"]: r for r in tx.run(query("element_context"), cascade=cascade, ids=ids)}
    return rows, context


def _finding(check: Check, row: Row, ctx: Row | None) -> Finding:
    if ctx is None:  # the context is read in the same transaction: it cannot be missing
        raise RuntimeError(f"check {check.name}: no context for element {row['id']!r}")
    return Finding(
        id=row["id"],
        kind=ctx["kind"],
        level=ctx.get("level"),
        name=ctx.get("name") or row["id"],
        code=ctx.get("code"),
        owners=sorted(
            (
                OwnerRef(
                    id=o["id"],
                    title=o.get("title") or o["id"],
                    known_position=o.get("known_position"),
                    alias_of=o.get("alias_of"),
                )
                for o in ctx.get("owners") or []
            ),
            key=lambda o: o.id,
        ),
        programmes=sorted(
            (ElementRef(**p) for p in ctx.get("programmes") or []), key=lambda p: p.id
        ),
        message=check.message(row["detail"]),
        detail=row["detail"],
    )


def resolve_cascade(driver: Driver, database: str, cascade: str | None = None) -> str:
    """``cascade`` when it is loaded; when None, the only (or first loaded) cascade. Raises
    ``CascadeNotFound`` otherwise."""
    records, _, _ = driver.execute_query(query("cascade_ids"), database_=database, routing_="r")
    ids = [r["id"] for r in records]
    if cascade is None:
        if not ids:
            raise CascadeNotFound(None)
        return ids[0]
    if cascade not in ids:
        raise CascadeNotFound(cascade)
    return cascade


def run_checks(
    driver: Driver,
    database: str,
    cascade: str,
    names: Iterable[str] | None = None,
    *,
    timeout: float | None = None,
) -> Report:
    """Run the named checks (all when ``names`` is empty) on ``cascade`` in one read
    transaction. Raises ``UnknownCheck`` or ``CascadeNotFound``."""
    checks = _select(names)
    work = unit_of_work(timeout=timeout)(_report_tx)
    with driver.session(
        database=database, default_access_mode="READ", notifications_min_severity="OFF"
    ) as session:
        rows, context = session.execute_read(work, cascade, checks)
    results = []
    for check in checks:
        findings = [_finding(check, r, context.get(r["id"])) for r in rows[check.name]]
        results.append(
            CheckResult(**check.info().model_dump(), count=len(findings), findings=findings)
        )
    per_severity: dict[Severity, int] = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        per_severity[r.severity] += r.count
    return Report(
        cascade=cascade,
        ok=per_severity["error"] == 0,
        summary=ReportSummary(
            checks=len(results),
            failed=sum(1 for r in results if r.count),
            findings=per_severity,
        ),
        checks=results,
    )


# --- text rendering (pokin check) ----------------------------------------------------------------


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: list[str], rows: list[list[str]], widths: list[int]) -> list[str]:
    widths = [
        min(w, max([len(h)] + [len(r[i]) for r in rows]))
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    ]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for r in rows:
        lines.append(
            "  ".join(_cut(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        )
    return lines


def render_report(report: Report) -> list[str]:
    """The report as a readable text table: a summary of every check, then the findings of
    each check that has any."""
    f = report.summary.findings
    verdict = "OK" if report.ok else "FAILED (errors found)"
    out = [
        f"Alignment report of {report.cascade}: {report.summary.checks} checks, "
        f"{f['error']} error(s), {f['warning']} warning(s), {f['info']} info: {verdict}",
        "",
    ]
    out += _table(
        ["severity", "check", "findings", "what it looks for"],
        [[c.severity, c.name, str(c.count), c.title] for c in report.checks],
        [8, 28, 8, 60],
    )
    for c in report.checks:
        if not c.findings:
            continue
        out += ["", f"[{c.severity}] {c.name}: {c.count} finding(s)", f"  {c.explanation}"]
        rows = [
            [
                x.id,
                x.kind,
                x.level or "",
                ", ".join(o.id for o in x.owners),
                ", ".join(p.id for p in x.programmes),
                x.message,
            ]
            for x in c.findings
        ]
        table = _table(
            ["id", "kind", "level", "owners", "programme", "finding"],
            rows,
            [40, 12, 12, 28, 14, 110],
        )
        out += ["  " + line for line in table]
    return out


# --- reuse between loads (explorer pages mark findings on every graph) ---------------------------

_REPORT_CACHE: OrderedDict[tuple, Report] = OrderedDict()
_REPORT_CACHE_SIZE = 16
_REPORT_CACHE_LOCK = threading.Lock()


def run_checks_cached(
    driver: Driver,
    database: str,
    cascade: str,
    names: Iterable[str] | None = None,
    *,
    timeout: float | None = None,
) -> Report:
    """``run_checks``, reused until the cascade is loaded again: every load stamps the Cascade
    node with a new ``load_id``, and only the loader writes cascades."""
    records, _, _ = driver.execute_query(
        query("cascade_version"), cascade=cascade, database_=database, routing_="r"
    )
    if not records:
        raise CascadeNotFound(cascade)
    key = (
        id(driver),
        database,
        cascade,
        records[0]["load_id"],
        tuple(sorted(set(names))) if names else None,
    )
    with _REPORT_CACHE_LOCK:
        if key in _REPORT_CACHE:
            _REPORT_CACHE.move_to_end(key)
            return _REPORT_CACHE[key]
    report = run_checks(driver, database, cascade, names, timeout=timeout)
    with _REPORT_CACHE_LOCK:
        _REPORT_CACHE[key] = report
        while len(_REPORT_CACHE) > _REPORT_CACHE_SIZE:
            _REPORT_CACHE.popitem(last=False)
    return report
