"""Reading the cascade: which cascades are loaded, lists and full-text search of elements, and
one element with everything around it. Read transactions only."""

from __future__ import annotations

import re
from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core.errors import (
    AmbiguousElement,
    CascadeNotChosen,
    CascadeNotFound,
    ElementNotFound,
)
from pokin.graph.db import Db
from pokin.graph.models import ElementRef, Indicator, OwnerRef, Row
from pokin.graph.queries import query


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
        description="nodes per level (goal, strategic, programme, activity, sub_activity) and "
        "per kind (indicator, owner)"
    )


class ElementSummary(ElementRef):
    cascade: str
    owners: list[OwnerRef] = []
    score: float | None = Field(None, description="full-text relevance, when searching")


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


def list_cascades(db: Db) -> list[CascadeSummary]:
    return db.read(cascades_tx)


def cascades_tx(tx: ManagedTransaction) -> list[CascadeSummary]:
    """``list_cascades``'s work, inside a transaction the caller runs."""
    return [
        CascadeSummary(
            **{k: r[k] for k in r.keys() if k != "pairs"},
            counts={key: n for key, n in r["pairs"] if key is not None},
        )
        for r in tx.run(query("cascades_list"))
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
    params: dict[str, Any] = dict(
        cascade=cascade, level=level, kind=kind, owner=owner, q=q, offset=offset, limit=limit
    )
    if q and lucene_query(q) is None:  # nothing searchable: no read at all
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
    lucene = lucene_query(q) if q else None
    if q and lucene is None:
        return ElementPage(total=0, offset=offset, limit=limit, items=[])
    if lucene:
        records = tx.run(query("elements_search"), {"query": lucene, **params}).data()
    else:
        records = tx.run(query("elements_list"), **params).data()
    record = records[0]
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
    return ElementDetail(
        id=props["id"],
        kind=props["kind"],
        level=props.get("level"),
        name=props.get("name", props["id"]),
        code=props.get("code"),
        cascade=props["cascade"],
        properties=props,
        indicators=[Indicator.from_properties(i) for i in r["indicators"]],
        indicator=Indicator.from_properties(props) if props["kind"] == "indicator" else None,
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


def _element_detail(tx: ManagedTransaction, element_id: str, cascade: str | None) -> Row:
    """The element's cascade and its detail row, in one read (an API request is one round of
    the read path, not two)."""
    cascade = element_cascade(tx, element_id, cascade)
    records = tx.run(query("element_detail"), cascade=cascade, id=element_id).data()
    if not records:
        raise ElementNotFound(element_id)
    return records[0]


def _known(model: type[BaseModel], props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k in model.model_fields}


def element_cascade(tx: ManagedTransaction, element_id: str, cascade: str | None = None) -> str:
    """The cascade ``element_id`` belongs to, read inside the transaction that goes on to read
    the element (one round of the read path per answer). Ids are unique only within a
    cascade: with ``cascade`` given, the element must be one of it; without, the id must be
    held by exactly one cascade, else ``AmbiguousElement`` (409) lists the cascades holding
    it. ``ElementNotFound`` when there is no such element."""
    held = [r["cascade"] for r in tx.run(query("element_cascade"), id=element_id)]
    if cascade is not None:
        if cascade not in held:
            raise ElementNotFound(element_id)
        return cascade
    if not held:
        raise ElementNotFound(element_id)
    if len(held) > 1:
        raise AmbiguousElement(element_id, held)
    return held[0]


def resolve_cascade(db: Db, cascade: str | None = None) -> str:
    """The cascade a request means: ``cascade`` when named; else the configured default
    (``POKIN_DEFAULT_CASCADE``); else the only one loaded. Deterministic: loading a second
    cascade never silently changes what an unnamed request shows; it asks which instead
    (``CascadeNotChosen``). Raises ``CascadeNotFound`` for a name that is not loaded."""
    return choose_cascade([r["id"] for r in db.rows("cascade_ids")], cascade, db.default_cascade)


def choose_cascade(ids: list[str], cascade: str | None, default: str | None) -> str:
    """``resolve_cascade``'s rule over the loaded ``ids`` (also used inside a transaction that
    reads them itself)."""
    wanted = cascade or default
    if wanted is not None:
        if wanted not in ids:
            raise CascadeNotFound(wanted)
        return wanted
    if len(ids) == 1:
        return ids[0]
    if not ids:
        raise CascadeNotFound(None)
    raise CascadeNotChosen(sorted(ids))
