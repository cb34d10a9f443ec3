"""Reading the cascade: which cascades are loaded, lists and full-text search of elements, and
one element with everything around it. Read transactions only."""

from __future__ import annotations

import re
from typing import Any, Literal, NamedTuple

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core.codes import code_forms
from pokin.core.errors import (
    AmbiguousElement,
    CascadeNotChosen,
    CascadeNotFound,
    ElementNotFound,
    OwnerNotFound,
)
from pokin.graph.db import Db
from pokin.graph.measurement import indicator_with_measurements, unit_budget
from pokin.graph.models import ElementRef, Indicator, OwnerRef, Row
from pokin.graph.queries import query
from pokin.seed.schema import UnitBudget


class CascadeSummary(BaseModel):
    id: str
    agency: str
    title: str | None = None
    period_start: int
    period_end: int
    source: str | None = None
    source_sha256: str | None = None
    loaded_at: str | None = None
    kind: str = Field("agency", description="agency (a Renstra cascade) or rpjmd (a region's plan)")
    region: str | None = Field(None, description="the region the cascade belongs to")
    counts: dict[str, int] = Field(
        {},
        description="nodes per level (goal, strategic, programme, activity, sub_activity) and "
        "per kind (indicator, owner)",
    )


#: What a search hit matched, in the order results are ranked.
Matched = Literal["id", "code", "name", "indicator", "owner"]
MATCH_ORDER: tuple[str, ...] = ("id", "code", "name", "indicator", "owner")


class ElementSummary(ElementRef):
    cascade: str
    agency: str | None = Field(None, description="the agency of its cascade, when searching")
    owners: list[OwnerRef] = []
    score: float | None = Field(None, description="full-text relevance, when searching")
    matched: Matched | None = Field(
        None,
        description="when searching, what matched: its id, its nomenclature code (either "
        "form), its name, an indicator's name (the element it measures) or an owner's title "
        "(the results it owns)",
    )
    matched_text: str | None = Field(
        None, description="the text that matched (the name, indicator or owner title)"
    )


class ElementPage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ElementSummary]


class LinkedElement(ElementRef):
    cascade: str | None = Field(None, description="the cascade of the linked element")
    basis: str | None = Field(None, description="how the link was decided")
    note: str | None = None
    status: str | None = Field(None, description="for a link across cascades: proposed or agreed")


class OwnerInfo(OwnerRef):
    """An owner with the note the cascade file gives on it."""

    note: str | None = None


class ElementDetail(ElementRef):
    cascade: str
    properties: dict[str, Any] = Field(description="every stored property of the node")
    indicators: list[Indicator] = Field([], description="for a result: what measures it")
    indicator: Indicator | None = Field(None, description="for an indicator: itself")
    owners: list[OwnerInfo] = []
    supports: list[LinkedElement] = Field([], description="what this element supports")
    supported_by: list[LinkedElement] = Field([], description="what supports this element")
    part_of: LinkedElement | None = Field(None, description="the PART_OF parent")
    parts: list[LinkedElement] = Field([], description="the PART_OF children")
    measures: LinkedElement | None = Field(None, description="for an indicator: what it measures")
    owns: list[LinkedElement] = Field([], description="for an owner: the results it owns")
    reports_to: list[OwnerRef] = []
    reported_by: list[OwnerRef] = []
    budget: list[UnitBudget] = Field(
        [], description="for a programme, activity or sub-activity: pagu and realisation (Rp)"
    )
    delivered: list[Indicator] = Field(
        [], description="for a unit: the indicators of the results it supports"
    )
    period_start: int | None = Field(None, description="the first year of its cascade's period")
    period_end: int | None = Field(None, description="the last year of its cascade's period")


def list_cascades(db: Db) -> list[CascadeSummary]:
    return db.read(cascades_tx)


def cascades_tx(
    tx: ManagedTransaction, ids: list[str] | None = None, *, counts: bool = True
) -> list[CascadeSummary]:
    """``list_cascades``'s work, inside a transaction the caller runs: every cascade, or those
    of ``ids`` (sought by id); without ``counts`` their ``counts`` are empty (they read every
    element of each cascade: a list that shows none leaves them out)."""
    return [
        CascadeSummary(
            **{k: r[k] for k in r.keys() if k != "pairs"},
            counts={key: n for key, n in r["pairs"] if key is not None},
        )
        for r in tx.run(query("cascades_list"), ids=ids, counts=counts)
    ]


_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def lucene_query(text: str) -> str | None:
    """A safe Lucene query from what a user typed: every word must match, as a word or a word
    prefix; Lucene's own syntax characters are escaped, so any input is valid."""
    words = [w for w in re.split(r"\s+", text.strip().lower()) if w]
    terms = []
    for word in words[:20]:
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", word)
        if not escaped.strip("\\"):
            continue
        terms.append(f"({escaped} OR {escaped}*)")
    return " AND ".join(terms) if terms else None


def list_elements(
    db: Db,
    *,
    cascade: str | None = None,
    level: str | None = None,
    kind: str | None = None,
    owner: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> ElementPage:
    """A page of elements; with ``q``, those it finds (``_search_tx``), ranked."""
    params: dict[str, Any] = dict(
        cascade=cascade, level=level, kind=kind, owner=owner, q=q, offset=offset, limit=limit
    )
    if q and not q.strip():  # only blanks typed: no read at all
        return ElementPage(total=0, offset=offset, limit=limit, items=[])
    return db.read(elements_tx, **params)


def elements_tx(
    tx: ManagedTransaction,
    *,
    cascade: str | None = None,
    level: str | None = None,
    kind: str | None = None,
    owner: str | None = None,
    q: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> ElementPage:
    """``list_elements``'s work, inside a transaction the caller runs."""
    params = dict(cascade=cascade, level=level, kind=kind, owner=owner, offset=offset, limit=limit)
    if q:
        return _search_tx(tx, q, **params)
    record = tx.run(query("elements_list"), **params).single()
    return ElementPage(
        total=record["total"],
        offset=offset,
        limit=limit,
        items=[ElementSummary(**item) for item in record["items"]],
    )


def _search_tx(
    tx: ManagedTransaction, q: str, *, cascade: str | None, offset: int, limit: int, **filters: Any
) -> ElementPage:
    """Search by what people type: an id or a nomenclature code (either form) first, then
    names, indicators' names and owners' titles, each by full-text score. An element found
    several ways counts once, by its best match."""
    text = q.strip()
    hits: list[dict[str, Any]] = []
    for r in tx.run(query("element_resolve"), id=text, codes=code_forms(text), cascade=cascade):
        hits.append(dict(cascade=r["cascade"], id=r["id"], matched=r["by"], score=None))
    lucene = lucene_query(text)
    if lucene:
        for matched in ("name", "indicator", "owner"):
            name = "elements_search" if matched == "name" else f"elements_search_{matched}s"
            for r in tx.run(query(name), {"query": lucene, "cascade": cascade}):
                hits.append(dict(r, matched=matched))
    ranked = sorted(hits, key=lambda h: MATCH_ORDER.index(h["matched"]))  # stable: by score
    seen: set[tuple[str, str]] = set()
    unique = []
    for hit in ranked:
        key = (hit["cascade"], hit["id"])
        if key not in seen:
            seen.add(key)
            unique.append({"text": None, **hit})
    if not unique:
        return ElementPage(total=0, offset=offset, limit=limit, items=[])
    record = tx.run(
        query("elements_search_page"), hits=unique, offset=offset, limit=limit, **filters
    ).single()
    return ElementPage(
        total=record["total"],
        offset=offset,
        limit=limit,
        items=[ElementSummary(**item) for item in record["items"]],
    )


def get_element(db: Db, element_id: str, cascade: str | None = None) -> ElementDetail:
    """One element with everything around it. Without ``cascade`` the id must be held by
    exactly one cascade (``AmbiguousElement`` otherwise)."""
    return db.read(element_tx, element_id, cascade)


def element_tx(tx: ManagedTransaction, element_id: str, cascade: str | None) -> ElementDetail:
    """``get_element``'s work, inside a transaction the caller runs."""
    r = _element_detail(tx, element_id, cascade)
    props = dict(r["element"])
    by_of: dict[str, list[dict[str, Any]]] = {}
    for m in r["measurements"]:
        by_of.setdefault(m["of"], []).append(m)
    own = by_of.get(props["id"], [])
    return ElementDetail(
        id=props["id"],
        kind=props["kind"],
        level=props.get("level"),
        name=props.get("name", props["id"]),
        code=props.get("code"),
        cascade=props["cascade"],
        properties=props,
        indicators=[
            indicator_with_measurements(i, by_of.get(i["id"], [])) for i in r["indicators"]
        ],
        indicator=indicator_with_measurements(props, own) if props["kind"] == "indicator" else None,
        budget=unit_budget(own) if props["kind"] in UNIT_KINDS else [],
        delivered=[
            indicator_with_measurements(d["indicator"], d["measurements"]) for d in r["delivered"]
        ],
        period_start=r["period_start"],
        period_end=r["period_end"],
        owners=[OwnerInfo(**_known(OwnerInfo, o)) for o in r["owners"]],
        supports=[LinkedElement(**x) for x in r["supports"]],
        supported_by=[LinkedElement(**x) for x in r["supported_by"]],
        part_of=LinkedElement(**r["part_of"][0]) if r["part_of"] else None,
        parts=[LinkedElement(**x) for x in r["parts"]],
        measures=LinkedElement(**r["measures"][0]) if r["measures"] else None,
        owns=[LinkedElement(**x) for x in r["owns"]],
        reports_to=[OwnerRef.from_row(x) for x in r["reports_to"]],
        reported_by=[OwnerRef.from_row(x) for x in r["reported_by"]],
    )


UNIT_KINDS = ("programme", "activity", "sub_activity")


def _element_detail(tx: ManagedTransaction, element_id: str, cascade: str | None) -> Row:
    """The element's cascade and its detail row, in one read (an API request is one round of
    the read path, not two)."""
    cascade, element_id = resolve_element(tx, element_id, cascade)
    records = tx.run(query("element_detail"), cascade=cascade, id=element_id).data()
    if not records:
        raise ElementNotFound(element_id, cascade=cascade)
    return records[0]


def _known(model: type[BaseModel], props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k in model.model_fields}


class ElementKey(NamedTuple):
    """An element as the graph knows it: its cascade and its id."""

    cascade: str
    id: str


def resolve_element(
    tx: ManagedTransaction, ref: str, cascade: str | None = None, *, owner: bool = False
) -> ElementKey:
    """The element ``ref`` names: an id, or a nomenclature code in either form
    (``pokin.core.codes``); an id wins over a code. The one place every route and command
    resolves what it was given, read inside the transaction that goes on to read the element.
    Ids and codes are unique only within a cascade: with ``cascade`` given, the element must
    be one of it (``CascadeNotFound``, with suggestions, when that cascade is not loaded);
    without, ``ref`` must name an element of exactly one cascade, else ``AmbiguousElement``
    (409) lists the cascades. Unknown: ``ElementNotFound`` (``OwnerNotFound`` with
    ``owner``), suggesting the closest ids, codes and names."""
    rows = tx.run(query("element_resolve"), id=ref, codes=code_forms(ref), cascade=cascade).data()
    by_id = [r for r in rows if r["by"] == "id"]
    rows = by_id or rows
    if owner:
        rows = [r for r in rows if r["kind"] == "owner"]
    if cascade is not None:
        if not rows and not tx.run(query("cascade_version"), cascade=cascade).single():
            ids = [r["id"] for r in tx.run(query("cascade_ids"))]
            raise CascadeNotFound(cascade, ids)
    held = sorted({r["cascade"] for r in rows})
    if len(held) > 1:
        raise AmbiguousElement(ref, held)
    if not rows:
        raise _not_found(tx, ref, cascade, owner)
    return ElementKey(rows[0]["cascade"], rows[0]["id"])


def _not_found(
    tx: ManagedTransaction, ref: str, cascade: str | None, owner: bool
) -> ElementNotFound | OwnerNotFound:
    """The error for an unknown ``ref``, with what it may have meant (only read on a miss)."""
    known: dict[str, str] = {}
    for r in tx.run(query("element_choices"), cascade=cascade, owners=owner):
        for text in (r["name"], r["code"], r["id"]):  # an id's own entry last: it wins
            if text:
                known[text] = r["id"]
    error = OwnerNotFound if owner else ElementNotFound
    return error(ref, known, cascade=cascade)


def element_cascade(tx: ManagedTransaction, element_id: str, cascade: str | None = None) -> str:
    """The cascade of the element ``element_id`` (an id or a code) names: ``resolve_element``'s
    rule, for a caller that needs only the cascade."""
    return resolve_element(tx, element_id, cascade).cascade


def resolve_cascade(db: Db, cascade: str | None = None) -> str:
    """The cascade a request means: ``cascade`` when named; else the configured default
    (``POKIN_DEFAULT_CASCADE``); else the only one loaded. Deterministic: loading a second
    cascade never silently changes what an unnamed request shows; it asks which instead
    (``CascadeNotChosen``). Raises ``CascadeNotFound`` for a name that is not loaded."""
    return db.read(chosen_cascade_tx, cascade, db.default_cascade)


def chosen_cascade_tx(tx: ManagedTransaction, cascade: str | None, default: str | None) -> str:
    """``resolve_cascade``'s choice inside a transaction the caller runs. A cascade named (or
    the default) is sought by its id: a request about one agency does not read the list of
    every cascade loaded, which only a miss (for its suggestions) or no name at all needs."""
    wanted = cascade or default
    if wanted is not None and tx.run(query("cascade_version"), cascade=wanted).single():
        return wanted
    return choose_cascade([r["id"] for r in tx.run(query("cascade_ids"))], cascade, default)


def choose_cascade(ids: list[str], cascade: str | None, default: str | None) -> str:
    """``resolve_cascade``'s rule over the loaded ``ids`` (also used inside a transaction that
    reads them itself)."""
    wanted = cascade or default
    if wanted is not None:
        if wanted not in ids:
            raise CascadeNotFound(wanted, ids)
        return wanted
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise CascadeNotFound(None)
    raise CascadeNotChosen(sorted(ids))
