"""The node and edge sets of the network graphs (``visualize/`` draws them, the API serves them).

Each view is one named query in ``cypher/`` that chooses the elements (``view_<name>``), then two
shared queries that read what the picture shows of each element (``view_elements``) and the
relationships between them (``view_links``), all in one read transaction. The findings of the
alignment checks (``graph.checks``) are attached to the elements they concern, so that the
picture can mark them.

- :func:`cascade_view`: the whole cascade;
- :func:`subtree_view`: everything under an element (what supports it or is PART_OF it);
- :func:`trace_view`: an element's SUPPORTS paths to the Goal, with the units on the way;
- :func:`owner_view`: an owner's portfolio;
- :func:`check_view`: the findings of one check, in their context;
- :func:`impact_view`: what depends on an element upwards, across cascades;
- :func:`contributors_view`: what supports an element downwards, across cascades, with owners;
- :func:`crosscutting_view`: a region's crosscutting map (the results at both ends of its
  crosscutting links).

**Identity is (cascade, id)**: the same element id is held by every agency of a region, and the
last three views span cascades. So a node is named in a view by its :attr:`ViewNode.key`,
``cascade:id`` (ids and cascade ids never hold ``:``), in every view -- one scheme, whether the
view spans cascades or not; edges refer to keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core.errors import (
    AmbiguousElement,
    ElementNotFound,
    Invalid,
    OwnerNotFound,
    RegionNotFound,
    UnknownCheck,
    UnknownView,
)
from pokin.core.i18n import N_, gettext, ngettext
from pokin.core.vocabulary import LEVEL_KEYS, RELATIONSHIP_TYPES, SEVERITY_RANK, Level, Severity
from pokin.graph.checks import CHECKS
from pokin.graph.db import Db
from pokin.graph.elements import chosen_cascade_tx, resolve_element
from pokin.graph.models import ElementRef, Indicator, Report
from pokin.graph.queries import query
from pokin.graph.report import Cached, cached_report_tx, remember

__all__ = [
    "TARGET_WORDS",
    "VIEWS",
    "ElementView",
    "GraphView",
    "View",
    "ViewEdge",
    "ViewMark",
    "ViewNode",
    "cascade_view",
    "check_view",
    "contributors_view",
    "crosscutting_view",
    "impact_view",
    "level_counts",
    "node_key",
    "owner_view",
    "subtree_view",
    "trace_view",
    "views_on",
]

RelType = Literal[RELATIONSHIP_TYPES]  # type: ignore[valid-type]


def node_key(cascade: str, element_id: str) -> str:
    """The name of element ``element_id`` of ``cascade`` in a view: ``cascade:id``. Ids and
    cascade ids are URL-safe tokens without ``:`` (``seed.schema.ID_RE``), so the key is
    unambiguous, and it is the form a cascade file uses to refer to another cascade."""
    return f"{cascade}:{element_id}"


class ViewOwner(BaseModel):
    id: str
    title: str


class ViewMark(BaseModel):
    """A finding of an alignment check on an element of the view."""

    check: str
    severity: Severity
    title: str = Field(description="what the check looks for")
    message: str = Field(description="what is wrong with this element")


class ViewNode(ElementRef):
    """An element as a graph view shows it."""

    cascade: str = Field(description="the cascade it belongs to (its id is unique only there)")
    agency: str | None = Field(None, description="the agency of its cascade, as the file names it")
    cascade_kind: Literal["agency", "rpjmd"] = Field(
        "agency", description="rpjmd: an element of the region's RPJMD"
    )
    owners: list[ViewOwner] = Field(
        [], description="a result's owners; a unit's or an indicator's are those of its result"
    )
    indicators: list[Indicator] = Field(
        [], description="a result's indicators; a unit's are those of the results it delivers"
    )
    indicator: Indicator | None = Field(None, description="for an indicator: itself")
    of: str | None = Field(None, description="for an indicator: the id of what it measures")
    title: str | None = Field(None, description="for an owner: its title")
    known_position: bool | None = None
    alias_of: str | None = None
    reports_to: list[str] = Field([], description="for an owner: the titles it reports to")
    focus: bool = Field(False, description="the element(s) the view is drawn around")
    marks: list[ViewMark] = Field([], description="findings of the checks, worst first")

    @property
    def key(self) -> str:
        """Its name in the view (``cascade:id``): unique even when the view spans cascades."""
        return node_key(self.cascade, self.id)

    @property
    def of_key(self) -> str | None:
        """For an indicator: the key of what it measures (always in its own cascade)."""
        return node_key(self.cascade, self.of) if self.of else None

    @property
    def worst(self) -> Severity | None:
        return self.marks[0].severity if self.marks else None


class ViewEdge(BaseModel):
    source: str = Field(description="the key (``cascade:id``) of the start node")
    target: str = Field(description="the key of the end node")
    type: RelType
    basis: str | None = None
    note: str | None = None
    status: Literal["proposed", "agreed"] | None = Field(
        None, description="for a SUPPORTS link across cascades: proposed or agreed"
    )
    across: bool = Field(False, description="its ends are in two cascades")


class ViewSubject(ElementRef):
    """The element a view is drawn around."""


class GraphView(BaseModel):
    """The elements and relationships of one picture, with the findings to mark."""

    view: str = Field(description="the name of the view (see ``VIEWS``)")
    cascade: str | None = Field(
        description="the cascade the view is drawn in or around (for a view across cascades, "
        "its subject's); None for a region's view"
    )
    region: str | None = Field(None, description="for a region's view: the region")
    agency: str | None = Field(
        None, description="the agency of its cascade (a region's view: the region's name)"
    )
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

    def cascades(self) -> list[str]:
        """The cascades its nodes belong to, sorted."""
        return sorted({n.cascade for n in self.nodes})

    def foreign(self, node: ViewNode) -> bool:
        """Whether ``node`` belongs to another cascade than the one the view is drawn in (every
        node of a region's view does): the picture then names its agency."""
        return node.cascade != self.cascade


# --- reading -------------------------------------------------------------------------------------


def _subject(tx: ManagedTransaction, element_id: str, cascade: str | None) -> dict[str, Any]:
    rows = tx.run(query("view_subject"), id=element_id, cascade=cascade).data()
    if not rows:
        raise ElementNotFound(element_id)
    if len(rows) > 1:
        raise AmbiguousElement(element_id, [r["cascade"] for r in rows])
    return rows[0]


Found = tuple[list[dict[str, Any]], list[dict[str, Any]], set[str]]


def _members(tx: ManagedTransaction, name: str, **params: Any) -> Found:
    """The elements the query ``name`` chooses (rows of ``cascade``, ``id``, ``focus``), what
    the picture shows of each, the links between them, and the keys of the focus elements."""
    rows = tx.run(query(name), **params).data()
    if not rows:
        return [], [], set()
    members = [{"cascade": r["cascade"], "id": r["id"]} for r in rows]
    keys = [node_key(r["cascade"], r["id"]) for r in rows]
    focus = {node_key(r["cascade"], r["id"]) for r in rows if r["focus"]}
    nodes = tx.run(query("view_elements"), members=members).data()
    links = tx.run(query("view_links"), members=members, keys=keys).data()
    cascades = sorted({r["cascade"] for r in rows})
    agencies = {r["id"]: r for r in tx.run(query("view_cascades"), cascades=cascades).data()}
    for n in nodes:
        info = agencies.get(n["cascade"]) or {}
        n["agency"] = info.get("agency")
        n["cascade_kind"] = info.get("kind") or "agency"
    return nodes, links, focus


def _node(
    row: dict[str, Any], focus: set[str], marks: dict[tuple[str, str], list[ViewMark]]
) -> ViewNode:
    return ViewNode.from_row(
        {**row, "name": row.get("name") or row.get("title")},
        cascade=row["cascade"],
        agency=row.get("agency"),
        cascade_kind=row.get("cascade_kind") or "agency",
        owners=sorted((ViewOwner(**o) for o in row.get("owners") or []), key=lambda o: o.id),
        indicators=[Indicator.from_properties(i) for i in row.get("indicators") or []],
        indicator=Indicator.from_properties(row["indicator"]) if row.get("indicator") else None,
        of=row.get("of"),
        title=row.get("title"),
        known_position=row.get("known_position"),
        alias_of=row.get("alias_of"),
        reports_to=sorted(row.get("reports_to") or []),
        focus=node_key(row["cascade"], row["id"]) in focus,
        marks=marks.get((row["cascade"], row["id"]), []),
    )


def _edge(row: dict[str, Any]) -> ViewEdge:
    return ViewEdge(
        source=node_key(row["source_cascade"], row["source"]),
        target=node_key(row["target_cascade"], row["target"]),
        type=row["type"],
        basis=row.get("basis"),
        note=row.get("note"),
        status=row.get("status"),
        across=row["source_cascade"] != row["target_cascade"],
    )


def _marks(report: Report | None) -> dict[tuple[str, str], list[ViewMark]]:
    """The findings of ``report`` (one cascade's) by (cascade, id): only the elements of that
    cascade are marked, however many cascades the view spans."""
    out: dict[tuple[str, str], list[ViewMark]] = {}
    if report is None:
        return out
    for check in report.checks:
        for finding in check.findings:
            out.setdefault((finding.cascade or report.cascade or "", finding.id), []).append(
                ViewMark(
                    check=check.name,
                    severity=check.severity,
                    title=check.title,
                    message=finding.message,
                )
            )
    for marks in out.values():
        marks.sort(key=lambda m: (SEVERITY_RANK[m.severity], m.check))
    return out


def _view(
    view: str,
    cascade: str | None,
    title: str,
    subject: dict[str, Any] | None,
    found: Found,
    report: Report | None,
    check: str | None = None,
    region: str | None = None,
    agency: str | None = None,
) -> GraphView:
    nodes, links, focus = found
    marks = _marks(report)
    if agency is None:  # the page's heading names it: any node of the cascade knows it
        agency = next((r.get("agency") for r in nodes if r["cascade"] == cascade), None)
    return GraphView(
        view=view,
        cascade=cascade,
        region=region,
        agency=agency,
        title=title,
        subject=ViewSubject(**{k: subject.get(k) for k in ViewSubject.model_fields})
        if subject
        else None,
        check=check,
        nodes=[_node(r, focus, marks) for r in nodes],
        edges=[_edge(r) for r in links],
    )


def _label(subject: dict[str, Any]) -> str:
    return subject.get("name") or subject["id"]


# --- the views -----------------------------------------------------------------------------------


def _chosen(tx: ManagedTransaction, db: Db, cascade: str | None) -> str:
    """``resolve_cascade``'s choice, inside the view's own transaction."""
    return chosen_cascade_tx(tx, cascade, db.default_cascade)


def cascade_view(db: Db, cascade: str | None = None, *, findings: bool = True) -> GraphView:
    """Every element of ``cascade`` (the first loaded cascade when None) and every relationship
    between them. Raises ``CascadeNotFound``."""

    def work(tx: ManagedTransaction) -> tuple[str, Found, Cached | None]:
        chosen = _chosen(tx, db, cascade)
        found = _members(tx, "view_cascade", cascade=chosen)
        return chosen, found, cached_report_tx(tx, db, chosen) if findings else None

    cascade, found, cached = db.read(work)
    report = remember(cached) if cached else None
    title = gettext("Whole cascade: %(cascade)s") % {"cascade": cascade}
    return _view("cascade", cascade, title, None, found, report)


@dataclass(frozen=True)
class ElementView:
    """A view drawn around one element, chosen by the query ``view_<view>.cypher`` (given
    ``$cascade`` and ``$id``); ``kinds`` restricts what the element may be. Calling it draws
    the view in one read; ``tx`` and ``picture`` are its two halves, for a caller that reads
    the view inside a transaction of its own (the element page)."""

    view: str
    #: a msgid with ``%(name)s``, the element's name: translated when the view is drawn
    heading: str
    kinds: tuple[str, ...] | None = None

    def tx(
        self, tx: ManagedTransaction, element_id: str, cascade: str | None
    ) -> tuple[dict[str, Any], Found]:
        owner = self.kinds == ("owner",)
        cascade, element_id = resolve_element(tx, element_id, cascade, owner=owner)
        subject = _subject(tx, element_id, cascade)
        if self.kinds is not None and subject["kind"] not in self.kinds:
            if self.kinds == ("owner",):
                raise OwnerNotFound(element_id)
            raise ElementNotFound(element_id)
        return subject, _members(tx, f"view_{self.view}", cascade=subject["cascade"], id=element_id)

    def picture(self, subject: dict[str, Any], found: Found, report: Report | None) -> GraphView:
        title = gettext(self.heading) % {"name": _label(subject)}
        return _view(self.view, subject["cascade"], title, subject, found, report)

    def __call__(
        self, db: Db, element_id: str, cascade: str | None = None, *, findings: bool = True
    ) -> GraphView:

        def work(tx: ManagedTransaction) -> tuple[dict[str, Any], Found, Cached | None]:
            subject, found = self.tx(tx, element_id, cascade)
            cached = cached_report_tx(tx, db, subject["cascade"]) if findings else None
            return subject, found, cached

        subject, found, cached = db.read(work)  # one read: the marks of the drawn state
        return self.picture(subject, found, remember(cached) if cached else None)


#: The element and everything under it: what supports it or is PART_OF it, directly or
#: through others, the results those units deliver, and the indicators and owners of the
#: results. Raises ``ElementNotFound``.
subtree_view = ElementView("subtree", N_("Under: %(name)s"))
#: The element's SUPPORTS paths to the Goal (and where they stop short), with the units
#: delivering the results on the way, the PART_OF parents of a start unit, and the indicators
#: and owners of the results. Raises ``ElementNotFound``.
trace_view = ElementView("trace", N_("Trace to the Goal: %(name)s"))
#: An owner's portfolio: the results it owns, their indicators and delivering units, and its
#: reporting line. Raises ``OwnerNotFound`` when the id is not an owner's.
owner_view = ElementView("owner", N_("Portfolio of: %(name)s"), kinds=("owner",))
#: What depends on the element upwards, across cascades: every result its SUPPORTS paths reach
#: in its own cascade, in other agencies' (crosscutting) and in the RPJMD, with the links
#: between them (an indicator is followed from what it measures, an owner from its results).
#: Findings are marked on the element's own cascade only: the checks are per cascade and
#: cached per cascade, so that one report is cheap, while a report for every cascade crossed
#: would run every agency's checks for one picture. Raises ``ElementNotFound``.
impact_view = ElementView("impact", N_("Impact of: %(name)s"))
#: What supports the element downwards, across cascades (results and units of every agency
#: contributing), and the owners of those results. Findings as for ``impact_view``: its own
#: cascade's only. Raises ``ElementNotFound``.
contributors_view = ElementView("contributors", N_("Contributors to: %(name)s"))


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


def check_view(db: Db, check: str, cascade: str | None = None) -> GraphView:
    """The findings of one check, each in its context: the offending elements (marked), what
    their findings name, their neighbours and their SUPPORTS chains up to the Goal. Raises
    ``UnknownCheck`` or ``CascadeNotFound``."""
    if check not in CHECKS:
        raise UnknownCheck([check], CHECKS)

    def work(tx: ManagedTransaction) -> tuple[str, Cached, Found, str | None]:
        chosen = _chosen(tx, db, cascade)
        cached = cached_report_tx(tx, db, chosen, [check])
        findings = cached.report.checks[0].findings
        ids = sorted({f.id for f in findings})
        related = sorted({s for f in findings for s in _named_ids(f.detail)} - set(ids))
        # the heading names the agency even when there is nothing to draw
        agency = next(iter(tx.run(query("view_cascades"), cascades=[chosen]).data()), {})
        if not ids:
            return chosen, cached, ([], [], set()), agency.get("agency")
        found = _members(tx, "view_context", cascade=chosen, ids=ids, related=related)
        return chosen, cached, found, agency.get("agency")

    cascade, cached, found, agency = db.read(work)  # one read: findings and context agree
    report = remember(cached)
    findings = report.checks[0].findings
    info = CHECKS[check]
    counted = ngettext("%(count)s finding", "%(count)s findings", len(findings)) % {
        "count": len(findings)
    }
    return _view(
        "check",
        cascade,
        gettext("Check: %(title)s (%(findings)s)")
        % {"title": gettext(info.title), "findings": counted},
        None,
        found,
        report,
        check=check,
        agency=agency,
    )


def crosscutting_view(db: Db, region: str) -> GraphView:
    """A region's crosscutting map: the results at both ends of every crosscutting link
    between its agencies, the links with their status (and every other link between those
    results). No findings are marked: the region checks run every agency's checks, far too much
    for one picture; the links' status shows what ``proposed_crosscutting`` would report, and
    the region page has the whole matrix. Raises ``RegionNotFound``."""

    def work(tx: ManagedTransaction) -> tuple[list[dict[str, Any]], Found]:
        return (
            tx.run(query("region_cascades"), region=region).data(),
            _members(tx, "view_crosscutting", region=region),
        )

    cascades, found = db.read(work)
    if not cascades:
        raise RegionNotFound(region)
    name = next((c["agency"] for c in cascades if c["kind"] == "rpjmd"), None)
    links = sum(1 for r in found[1] if r["source_cascade"] != r["target_cascade"])
    title = ngettext(
        "Crosscutting map: %(region)s (%(count)s link)",
        "Crosscutting map: %(region)s (%(count)s links)",
        links,
    ) % {"region": name or region, "count": links}
    return _view(
        "crosscutting", None, title, None, found, None, region=region, agency=name or region
    )


# --- the registry ---------------------------------------------------------------------------

Target = Literal["cascade", "element", "owner", "check", "region"]


@dataclass(frozen=True, kw_only=True)
class View:
    """A graph view as every surface offers it (``label``, ``button`` and ``help`` are msgids,
    translated where shown): the explorer serves it at ``path`` (``{id}``
    is the target) under the heading ``label``, links to it as ``button`` from the page of its
    ``target`` (``views_on``), ``pokin graph NAME [ID]`` writes it (``help``), and
    ``build(db, target, cascade)`` makes it. ``target`` says what the id names and which page
    links to it (``cascade``: no id, the cascade's page; ``region``: a region id, and no
    cascade is taken)."""

    name: str
    label: str
    button: str
    help: str
    target: Target
    path: str
    build: Callable[[Db, str | None, str | None], GraphView]

    def url(self, target: str | None = None, cascade: str | None = None) -> str:
        """Its address in the explorer, for ``target`` (an id) of ``cascade``."""
        path = self.path.replace("{id}", quote(target or "", safe=""))
        if cascade and self.target != "region":
            path += f"?cascade={quote(cascade, safe='')}"
        return path


#: Every graph view, by name. A new view is one entry here, its ``cypher/view_<name>.cypher``
#: and its test: the routes, the links to it, its page heading and ``pokin graph`` follow.
VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View(
            name="cascade",
            label=N_("Whole cascade"),
            button=N_("Whole cascade graph"),
            help=N_("the whole cascade"),
            target="cascade",
            path="/graph",
            build=lambda db, _target, cascade: cascade_view(db, cascade),
        ),
        View(
            name="owner",
            label=N_("Owner's portfolio"),
            button=N_("Portfolio graph"),
            help=N_("an owner's portfolio"),
            target="owner",
            path="/graph/owners/{id}",
            build=owner_view,
        ),
        View(
            name="subtree",
            label=N_("Subtree"),
            button=N_("Subtree graph"),
            help=N_("everything under an element"),
            target="element",
            path="/graph/elements/{id}",
            build=subtree_view,
        ),
        View(
            name="trace",
            label=N_("Trace to the Goal"),
            button=N_("Trace graph"),
            help=N_("an element's trace to the Goal"),
            target="element",
            path="/graph/elements/{id}/trace",
            build=trace_view,
        ),
        View(
            name="impact",
            label=N_("Impact across cascades"),
            button=N_("Impact graph"),
            help=N_("what depends on an element upwards, across cascades"),
            target="element",
            path="/graph/elements/{id}/impact",
            build=impact_view,
        ),
        View(
            name="contributors",
            label=N_("Contributors across cascades"),
            button=N_("Contributors graph"),
            help=N_("what supports an element downwards, across cascades, with owners"),
            target="element",
            path="/graph/elements/{id}/contributors",
            build=contributors_view,
        ),
        View(
            name="check",
            label=N_("Check findings"),
            button=N_("Findings graph"),
            help=N_("one check's findings in their context"),
            target="check",
            path="/graph/checks/{id}",
            build=lambda db, target, cascade: check_view(db, target, cascade),
        ),
        View(
            name="crosscutting",
            label=N_("Crosscutting map"),
            button=N_("Crosscutting map graph"),
            help=N_("a region's crosscutting links between agencies"),
            target="region",
            path="/graph/regions/{id}/crosscutting",
            build=lambda db, target, _cascade: crosscutting_view(db, target),
        ),
    )
}


def views_on(target: Target, views: dict[str, View] | None = None) -> list[View]:
    """The views of one ``target`` kind, which its pages link to, in registry order."""
    return [v for v in (VIEWS if views is None else views).values() if v.target == target]


def build_view(db: Db, name: str, target: str | None = None, cascade: str | None = None):
    """The view ``name`` of ``target`` (an element, owner, check or region id; None for the
    cascade).
    Raises ``UnknownView``, ``Invalid`` when a target is missing, or the view's not-found."""
    view = VIEWS.get(name)
    if view is None:
        raise UnknownView(name, VIEWS)
    if view.target != "cascade" and not target:
        raise Invalid(
            gettext("the %(view)s view needs the id of %(what)s")
            % {"view": name, "what": gettext(TARGET_WORDS[view.target])}
        )
    return view.build(db, target, cascade)


#: What the id of a view names, by its target (a ``cascade`` view takes none).
TARGET_WORDS: dict[str, str] = {
    "element": N_("an element"),
    "owner": N_("an owner"),
    "check": N_("a check"),
    "region": N_("a region"),
}


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


def level_counts(db: Db, cascade: str) -> CascadeCounts:
    """Results and units per level, indicators and owners of ``cascade`` (zeros when the
    cascade holds nothing)."""
    return db.read(level_counts_tx, cascade)


def level_counts_tx(tx: ManagedTransaction, cascade: str) -> CascadeCounts:
    """``level_counts``'s work, inside a transaction the caller runs."""
    rows = tx.run(query("view_summary"), cascade=cascade).data()
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
