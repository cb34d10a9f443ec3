"""The node and edge sets of the network graphs (``visualize/`` draws them, the API serves them).

Five views, each one named query in ``cypher/`` that chooses the elements (``view_cascade``,
``view_subtree``, ``view_trace``, ``view_owner``, ``view_context``), then two shared queries that
read what the picture shows of each element (``view_elements``) and the relationships between
them (``view_links``), all in one read transaction. The findings of the alignment checks
(``graph.checks``) are attached to the elements they concern, so that the picture can mark them.

- :func:`cascade_view`: the whole cascade;
- :func:`subtree_view`: everything under an element (what supports it or is PART_OF it);
- :func:`trace_view`: an element's SUPPORTS paths to the Goal, with the units on the way;
- :func:`owner_view`: an owner's portfolio;
- :func:`check_view`: the findings of one check, in their context.
"""

from __future__ import annotations

from typing import Any, Literal

from neo4j import Driver, ManagedTransaction, unit_of_work
from pydantic import BaseModel, Field

from graph.checks import CHECKS, CascadeNotFound, UnknownCheck, resolve_cascade, run_checks_cached
from graph.elements import ElementNotFound
from graph.models import LEVEL_KEYS, IndicatorRef, Kind, Level, Report, Severity
from graph.queries import query

__all__ = [
    "CascadeNotFound",
    "ElementNotFound",
    "GraphView",
    "OwnerNotFound",
    "UnknownCheck",
    "ViewEdge",
    "ViewMark",
    "ViewNode",
    "cascade_view",
    "check_view",
    "level_counts",
    "owner_view",
    "subtree_view",
    "trace_view",
]

ViewName = Literal["cascade", "subtree", "trace", "owner", "check"]
RelType = Literal["SUPPORTS", "PART_OF", "MEASURED_BY", "OWNED_BY", "REPORTS_TO"]

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


class OwnerNotFound(ElementNotFound):
    """The id is not an owner's (it may be another element's)."""

    def __init__(self, owner_id: str) -> None:
        super().__init__(owner_id)
        self.args = (f"no owner with id {owner_id!r}",)


class ViewOwner(BaseModel):
    id: str
    title: str


class ViewMark(BaseModel):
    """A finding of an alignment check on an element of the view."""

    check: str
    severity: Severity
    title: str = Field(description="what the check looks for")
    message: str = Field(description="what is wrong with this element")


class ViewNode(BaseModel):
    """An element as a graph view shows it."""

    id: str
    kind: Kind
    level: Level | None = None
    name: str
    code: str | None = None
    owners: list[ViewOwner] = Field(
        [], description="a result's owners; a unit's or an indicator's are those of its result"
    )
    indicators: list[IndicatorRef] = Field(
        [], description="a result's indicators; a unit's are those of the results it delivers"
    )
    formula: str | None = Field(None, description="for an indicator")
    formula_truncated: bool = False
    polarity: Literal["positive", "negative"] | None = None
    tags: list[str] = []
    of: str | None = Field(None, description="for an indicator: the id of what it measures")
    title: str | None = Field(None, description="for an owner: its title")
    known_position: bool | None = None
    alias_of: str | None = None
    reports_to: list[str] = Field([], description="for an owner: the titles it reports to")
    focus: bool = Field(False, description="the element(s) the view is drawn around")
    marks: list[ViewMark] = Field([], description="findings of the checks, worst first")

    @property
    def worst(self) -> Severity | None:
        return self.marks[0].severity if self.marks else None


class ViewEdge(BaseModel):
    source: str
    target: str
    type: RelType
    basis: str | None = None
    note: str | None = None


class ViewSubject(BaseModel):
    id: str
    kind: Kind
    level: Level | None = None
    name: str
    code: str | None = None


class GraphView(BaseModel):
    """The elements and relationships of one picture, with the findings to mark."""

    view: ViewName
    cascade: str
    title: str = Field(description="a heading for the picture")
    subject: ViewSubject | None = Field(None, description="the element the view is drawn around")
    check: str | None = Field(None, description="for a check view: the check's name")
    nodes: list[ViewNode]
    edges: list[ViewEdge]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in self.nodes:
            out[n.kind] = out.get(n.kind, 0) + 1
        return out


# --- reading -------------------------------------------------------------------------------------


def _subject(tx: ManagedTransaction, element_id: str) -> dict[str, Any]:
    rows = tx.run(query("view_subject"), id=element_id).data()
    if not rows:
        raise ElementNotFound(element_id)
    return rows[0]


def _members(
    tx: ManagedTransaction, cascade: str, name: str, **params: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]:
    rows = tx.run(query(name), cascade=cascade, **params).data()
    ids = [r["id"] for r in rows]
    focus = {r["id"] for r in rows if r["focus"]}
    nodes = tx.run(query("view_elements"), cascade=cascade, ids=ids).data() if ids else []
    links = tx.run(query("view_links"), cascade=cascade, ids=ids).data() if ids else []
    return nodes, links, focus


def _node(row: dict[str, Any], focus: set[str], marks: dict[str, list[ViewMark]]) -> ViewNode:
    return ViewNode(
        id=row["id"],
        kind=row["kind"],
        level=row.get("level"),
        name=row.get("name") or row.get("title") or row["id"],
        code=row.get("code"),
        owners=sorted((ViewOwner(**o) for o in row.get("owners") or []), key=lambda o: o.id),
        indicators=[
            IndicatorRef(
                id=i["id"],
                name=i.get("name") or i["id"],
                formula=i.get("formula"),
                formula_truncated=bool(i.get("formula_truncated")),
                polarity=i.get("polarity"),
                tags=list(i.get("tags") or []),
            )
            for i in row.get("indicators") or []
        ],
        formula=row.get("formula"),
        formula_truncated=bool(row.get("formula_truncated")),
        polarity=row.get("polarity"),
        tags=list(row.get("tags") or []),
        of=row.get("of"),
        title=row.get("title"),
        known_position=row.get("known_position"),
        alias_of=row.get("alias_of"),
        reports_to=sorted(row.get("reports_to") or []),
        focus=row["id"] in focus,
        marks=marks.get(row["id"], []),
    )


def _marks(report: Report | None) -> dict[str, list[ViewMark]]:
    out: dict[str, list[ViewMark]] = {}
    if report is None:
        return out
    for check in report.checks:
        for finding in check.findings:
            out.setdefault(finding.id, []).append(
                ViewMark(
                    check=check.name,
                    severity=check.severity,
                    title=check.title,
                    message=finding.message,
                )
            )
    for marks in out.values():
        marks.sort(key=lambda m: (_SEVERITY_RANK[m.severity], m.check))
    return out


def _read(driver: Driver, database: str, work, *args: Any, timeout: float | None = None):
    with driver.session(
        database=database, default_access_mode="READ", notifications_min_severity="OFF"
    ) as session:
        return session.execute_read(unit_of_work(timeout=timeout)(work), *args)


def _view(
    view: ViewName,
    cascade: str,
    title: str,
    subject: dict[str, Any] | None,
    found: tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]],
    report: Report | None,
    check: str | None = None,
) -> GraphView:
    nodes, links, focus = found
    marks = _marks(report)
    return GraphView(
        view=view,
        cascade=cascade,
        title=title,
        subject=ViewSubject(**{k: subject.get(k) for k in ViewSubject.model_fields})
        if subject
        else None,
        check=check,
        nodes=[_node(r, focus, marks) for r in nodes],
        edges=[ViewEdge(**r) for r in links],
    )


def _findings(
    driver: Driver, database: str, cascade: str, findings: bool, timeout: float | None
) -> Report | None:
    return run_checks_cached(driver, database, cascade, timeout=timeout) if findings else None


def _label(subject: dict[str, Any]) -> str:
    return subject.get("name") or subject["id"]


# --- the views -----------------------------------------------------------------------------------


def cascade_view(
    driver: Driver,
    database: str,
    cascade: str | None = None,
    *,
    findings: bool = True,
    timeout: float | None = None,
) -> GraphView:
    """Every element of ``cascade`` (the first loaded cascade when None) and every relationship
    between them. Raises ``CascadeNotFound``."""
    cascade = resolve_cascade(driver, database, cascade)
    found = _read(
        driver, database, lambda tx: _members(tx, cascade, "view_cascade"), timeout=timeout
    )
    report = _findings(driver, database, cascade, findings, timeout)
    return _view("cascade", cascade, f"Whole cascade: {cascade}", None, found, report)


def _element_view(
    view: ViewName,
    name: str,
    heading: str,
    driver: Driver,
    database: str,
    element_id: str,
    findings: bool,
    timeout: float | None,
    kinds: tuple[str, ...] | None = None,
) -> GraphView:
    def work(tx: ManagedTransaction):
        subject = _subject(tx, element_id)
        if kinds is not None and subject["kind"] not in kinds:
            raise OwnerNotFound(element_id)
        return subject, _members(tx, subject["cascade"], name, id=element_id)

    subject, found = _read(driver, database, work, timeout=timeout)
    report = _findings(driver, database, subject["cascade"], findings, timeout)
    return _view(view, subject["cascade"], f"{heading}: {_label(subject)}", subject, found, report)


def subtree_view(
    driver: Driver,
    database: str,
    element_id: str,
    *,
    findings: bool = True,
    timeout: float | None = None,
) -> GraphView:
    """The element and everything under it: what supports it or is PART_OF it, directly or
    through others, the results those units deliver, and the indicators and owners of the
    results. An indicator stands for what it measures, an owner for the results it owns.
    Raises ``ElementNotFound``."""
    return _element_view(
        "subtree", "view_subtree", "Under", driver, database, element_id, findings, timeout
    )


def trace_view(
    driver: Driver,
    database: str,
    element_id: str,
    *,
    findings: bool = True,
    timeout: float | None = None,
) -> GraphView:
    """The element's SUPPORTS paths to the Goal (and where they stop short), with the units
    delivering the results on the way, the PART_OF parents of a start unit, and the indicators
    and owners of the results. Raises ``ElementNotFound``."""
    return _element_view(
        "trace", "view_trace", "Trace to the Goal", driver, database, element_id, findings, timeout
    )


def owner_view(
    driver: Driver,
    database: str,
    owner_id: str,
    *,
    findings: bool = True,
    timeout: float | None = None,
) -> GraphView:
    """An owner's portfolio: the results it owns, their indicators and delivering units, and
    its reporting line. Raises ``ElementNotFound`` when ``owner_id`` is not an owner."""
    return _element_view(
        "owner",
        "view_owner",
        "Portfolio of",
        driver,
        database,
        owner_id,
        findings,
        timeout,
        kinds=("owner",),
    )


def _named_ids(detail: Any) -> set[str]:
    """Every string in a finding's detail (the ids it names, and other text: the query keeps
    only the ids of elements)."""
    if isinstance(detail, str):
        return {detail}
    if isinstance(detail, dict):
        return {s for v in detail.values() for s in _named_ids(v)}
    if isinstance(detail, list | tuple):
        return {s for v in detail for s in _named_ids(v)}
    return set()


def check_view(
    driver: Driver,
    database: str,
    check: str,
    cascade: str | None = None,
    *,
    timeout: float | None = None,
) -> GraphView:
    """The findings of one check, each in its context: the offending elements (marked), what
    their findings name, their neighbours and their SUPPORTS chains up to the Goal. Raises
    ``UnknownCheck`` or ``CascadeNotFound``."""
    if check not in CHECKS:
        raise UnknownCheck([check])
    cascade = resolve_cascade(driver, database, cascade)
    report = run_checks_cached(driver, database, cascade, [check], timeout=timeout)
    findings = report.checks[0].findings
    ids = sorted({f.id for f in findings})
    related = sorted({s for f in findings for s in _named_ids(f.detail)} - set(ids))
    if ids:
        found = _read(
            driver,
            database,
            lambda tx: _members(tx, cascade, "view_context", ids=ids, related=related),
            timeout=timeout,
        )
    else:
        found = ([], [], set())
    info = CHECKS[check]
    return _view(
        "check",
        cascade,
        f"Check {check}: {info.title} ({len(findings)} finding(s))",
        None,
        found,
        report,
        check=check,
    )


# --- the explorer's summary --------------------------------------------------------------------


class LevelCount(BaseModel):
    """How many results and units one level holds."""

    level: Level
    results: int = 0
    units: int = 0


class CascadeCounts(BaseModel):
    cascade: str
    levels: list[LevelCount] = Field(description="from the Goal down to the sub-activities")
    indicators: int = 0
    owners: int = 0

    @property
    def total(self) -> int:
        return sum(x.results + x.units for x in self.levels) + self.indicators + self.owners


def level_counts(
    driver: Driver, database: str, cascade: str, *, timeout: float | None = None
) -> CascadeCounts:
    """Results and units per level, indicators and owners of ``cascade`` (zeros when the
    cascade holds nothing)."""
    rows = _read(
        driver,
        database,
        lambda tx: tx.run(query("view_summary"), cascade=cascade).data(),
        timeout=timeout,
    )
    levels = {level: LevelCount(level=level) for level in LEVEL_KEYS}
    out = CascadeCounts(cascade=cascade, levels=list(levels.values()))
    for r in rows:
        if r["kind"] == "indicator":
            out.indicators += r["count"]
        elif r["kind"] == "owner":
            out.owners += r["count"]
        elif r["level"] in levels:
            entry = levels[r["level"]]
            if r["kind"] in ("goal", "target"):
                entry.results += r["count"]
            else:
                entry.units += r["count"]
    return out
