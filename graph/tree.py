"""The pohon tree: the cascade as the tree its users draw, one card per result (Sasaran).

A card is a Goal or a Target with its level, name, indicators (``Indicator``, whole), owners,
the units that deliver it (with their nomenclature codes) and the findings of the alignment checks
on it. The tree follows SUPPORTS: a child result supports its parent result. The model is read in
one read transaction (``cypher/tree_cascade.cypher``) and the findings come from the cached check
report, so the tree page and ``pokin export`` draw the same thing.

The cascade is not always a tree: a result may support several results (crosscutting) or none
(an orphan), and a broken cascade may hold a cycle. The tree places a result under the first
result it supports (its *primary* parent) and names the others in ``also_supports``; results that
support nothing become further roots beside the Goal, and a cycle is cut where it is first met,
so every result is drawn exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core.errors import CascadeNotFound
from pokin.core.vocabulary import LEVEL_KEYS, SEVERITY_RANK, Kind, Level, Severity
from pokin.graph.db import Db
from pokin.graph.elements import (
    CascadeSummary,
    cascades_tx,
    chosen_cascade_tx,
    resolve_element,
)
from pokin.graph.models import Indicator, OwnerRef, Report, Row
from pokin.graph.queries import query
from pokin.graph.report import Cached, cached_report_tx, remember

#: The deepest a tree may be drawn (the cascade has five levels; broken ones may chain deeper).
MAX_DEPTH = 64


class TreeUnit(BaseModel):
    """A Programme, Activity or SubActivity that delivers a card's result."""

    id: str
    kind: Kind
    code: str | None = None
    name: str


class TreeFinding(BaseModel):
    """A finding of an alignment check on the card (or on its indicator, owner or unit)."""

    check: str
    severity: Severity
    title: str
    message: str


class TreeCard(BaseModel):
    """One result of the cascade as a box of the tree, with the results that support it."""

    id: str
    kind: Kind
    level: Level | None = None
    name: str
    depth: int = Field(description="links from the root of the drawn tree (a root is 0)")
    indicators: list[Indicator] = []
    owners: list[OwnerRef] = []
    units: list[TreeUnit] = []
    findings: list[TreeFinding] = []
    also_supports: list[str] = Field(
        [], description="ids of further results it supports (drawn under its first one only)"
    )
    children: list[TreeCard] = []
    descendants: int = Field(0, description="how many cards hang below it")

    @property
    def worst(self) -> Severity | None:
        """The most severe finding on the card, if any."""
        if not self.findings:
            return None
        return min((f.severity for f in self.findings), key=SEVERITY_RANK.__getitem__)


class Tree(BaseModel):
    """The tree of a cascade, or of one element's subtree (``element`` set)."""

    cascade: CascadeSummary
    element: str | None = Field(None, description="the element whose subtree this is")
    roots: list[TreeCard]
    total: int = Field(description="cards in the tree")
    depth: int = Field(description="the deepest card's depth")
    names: dict[str, str] = Field({}, description="id -> name of every result of the cascade")

    def walk(self) -> Iterator[tuple[TreeCard, list[str]]]:
        """Every card with the ids of its ancestors (root first), depth first."""
        stack: list[tuple[TreeCard, list[str]]] = [(r, []) for r in reversed(self.roots)]
        while stack:
            card, path = stack.pop()
            yield card, path
            stack.extend((c, [*path, card.id]) for c in reversed(card.children))

    def search_index(self) -> list[list[Any]]:
        """What the page's search looks through: [id, lower-cased text, ancestor ids] per card
        (the name, indicators, formulas, owners and units' codes and names)."""
        index = []
        for card, path in self.walk():
            words = [card.name, card.id]
            words += [i.name for i in card.indicators]
            words += [o.title for o in card.owners]
            words += [f"{u.code or ''} {u.name}" for u in card.units]
            index.append([card.id, " \n ".join(words).casefold(), path])
        return index


def _tree_tx(
    tx: ManagedTransaction, db: Db, cascade: str | None, element: str | None
) -> tuple[CascadeSummary, list[Row], Cached, str | None]:
    """The cascade, its rows, its check report and the element's id (``element`` may be its
    code), in one transaction: a page of the tree shows one state of the graph, its findings
    those of the names beside them."""
    if element is not None:  # of the cascade named, or of the only cascade holding the id
        cascade, element = resolve_element(tx, element, cascade)
    else:
        cascade = chosen_cascade_tx(tx, cascade, db.default_cascade)
    summaries = cascades_tx(tx, [cascade])
    if not summaries:
        raise CascadeNotFound(cascade)
    rows = tx.run(query("tree_cascade"), cascade=cascade).data()
    summary = summaries[0]
    return summary, rows, cached_report_tx(tx, db, summary.id), element


def _findings_by_element(report: Report) -> dict[str, list[TreeFinding]]:
    found: dict[str, list[TreeFinding]] = {}
    for check in report.checks:
        for f in check.findings:
            found.setdefault(f.id, []).append(
                TreeFinding(
                    check=check.name, severity=check.severity, title=check.title, message=f.message
                )
            )
    return found


def _sort_key(row: Row) -> tuple:
    level = row.get("level")
    rank = LEVEL_KEYS.index(level) if level in LEVEL_KEYS else len(LEVEL_KEYS)
    codes = sorted(u.get("code") or "~" for u in row["units"]) or ["~"]
    return (rank, codes[0], row["name"] or "", row["id"])


def build_tree(rows: list[Row], findings: dict[str, list[TreeFinding]]) -> dict[str, TreeCard]:
    """Cards of every result, children attached under their primary parent; returns the roots
    (results that support nothing, then the first met of any cycle) by id, in drawing order."""
    by_id = {r["id"]: r for r in rows}
    children: dict[str, list[str]] = {}
    for r in sorted(rows, key=_sort_key):
        parents = [p for p in r["supports"] if p in by_id and p != r["id"]]
        if parents:
            children.setdefault(parents[0], []).append(r["id"])

    def card_findings(r: Row) -> list[TreeFinding]:
        ids = [r["id"], *(i["id"] for i in r["indicators"]), *(u["id"] for u in r["units"])]
        ids += [o["id"] for o in r["owners"]]
        seen, out = set(), []
        for i in ids:
            for f in findings.get(i, []):
                if (f.check, f.message) not in seen:
                    seen.add((f.check, f.message))
                    out.append(f)
        return sorted(out, key=lambda f: SEVERITY_RANK[f.severity])

    placed: set[str] = set()

    def make(rid: str, depth: int) -> TreeCard:
        placed.add(rid)
        r = by_id[rid]
        kids = []
        if depth < MAX_DEPTH:
            kids = [make(c, depth + 1) for c in children.get(rid, []) if c not in placed]
        parents = [p for p in r["supports"] if p in by_id and p != rid]
        return TreeCard(
            id=rid,
            kind=r["kind"],
            level=r.get("level"),
            name=r["name"] or rid,
            depth=depth,
            indicators=[Indicator.from_properties(i) for i in r["indicators"]],
            owners=[OwnerRef.from_row(o) for o in r["owners"]],
            units=[TreeUnit(**{**u, "name": u.get("name") or u["id"]}) for u in r["units"]],
            findings=card_findings(r),
            also_supports=parents[1:],
            children=kids,
            descendants=sum(1 + k.descendants for k in kids),
        )

    roots: dict[str, TreeCard] = {}
    ordered = sorted(rows, key=_sort_key)
    for r in ordered:
        if not [p for p in r["supports"] if p in by_id and p != r["id"]]:
            roots[r["id"]] = make(r["id"], 0)
    for r in ordered:  # what is left hangs in a cycle: cut it where it is first met
        if r["id"] not in placed:
            roots[r["id"]] = make(r["id"], 0)
    return roots


def _element_roots(rows: list[Row], element: str) -> list[str]:
    """The results an element's subtree hangs from: the result itself, the results a unit
    delivers or an indicator measures, or the results an owner owns."""
    hits = [
        r["id"]
        for r in rows
        if r["id"] == element
        or any(x["id"] == element for x in (*r["units"], *r["indicators"], *r["owners"]))
    ]
    return hits


def _rebase(card: TreeCard, depth: int = 0) -> TreeCard:
    return card.model_copy(
        update={"depth": depth, "children": [_rebase(c, depth + 1) for c in card.children]}
    )


def cascade_tree(db: Db, cascade: str | None = None, element: str | None = None) -> Tree:
    """The tree of ``cascade`` (default: the first loaded), or of the subtree under
    ``element`` (any element: a result, a unit, an indicator or an owner) in ``cascade`` (None:
    the one cascade holding that id, else ``AmbiguousElement``).
    Raises ``CascadeNotFound``, ``CascadeNotChosen`` or ``ElementNotFound``. One read."""
    summary, rows, cached, element = db.read(_tree_tx, db, cascade, element)
    findings = _findings_by_element(remember(cached))
    roots = build_tree(rows, findings)
    if element is not None:
        # an owner of nothing or a unit that delivers nothing: an empty tree, said so on the page
        wanted = set(_element_roots(rows, element))
        cards: dict[str, TreeCard] = {}

        def collect(card: TreeCard, inside: bool) -> None:
            if card.id in wanted and not inside:
                cards[card.id] = _rebase(card)
                inside = True
            for c in card.children:
                collect(c, inside)

        for root in roots.values():
            collect(root, False)
        top = list(cards.values())
    else:
        top = list(roots.values())
    tree = Tree(
        cascade=summary,
        element=element,
        roots=top,
        total=0,
        depth=0,
        names={r["id"]: r["name"] or r["id"] for r in rows},
    )
    cards_depths = [c.depth for c, _ in tree.walk()]
    tree.total = len(cards_depths)
    tree.depth = max(cards_depths, default=0)
    return tree
