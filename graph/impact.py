"""Impact and contribution across cascades (a region's analysts).

``impact(element)``: if this element is cut, what does it endanger? Every result its SUPPORTS
paths reach upwards -- in its own cascade, in other agencies' cascades through crosscutting
links, and the RPJMD through the agencies' Tujuan -- with the agencies it crosses.

``contributors(element)``: who works towards this result? Everything that supports it
downwards, across cascades, grouped by agency and, within an agency, by owner (a result's
owners; a unit counts for the owners of the results it delivers).

Both follow at most 12 SUPPORTS links and read in one read transaction.
"""

from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from pokin.core.errors import ElementNotFound
from pokin.graph.db import Db
from pokin.graph.elements import resolve_element
from pokin.graph.models import ElementRef, OwnerRef
from pokin.graph.queries import query

__all__ = ["Contributors", "Impact", "contributors", "impact"]


class ReachedElement(ElementRef):
    cascade: str
    depth: int = Field(description="the fewest SUPPORTS links between it and the element")


class AgencyCrossed(BaseModel):
    cascade: str
    agency: str | None = None
    kind: str = Field(description="agency or rpjmd")
    count: int = Field(description="elements of this cascade in the answer")


class Impact(BaseModel):
    cascade: str
    element: ElementRef
    items: list[ReachedElement] = Field(description="what depends on it, nearest first")
    agencies: list[AgencyCrossed] = Field(description="the cascades it reaches, its own first")


class OwnerContribution(BaseModel):
    owner: OwnerRef | None = Field(None, description="none: elements without an owner")
    elements: list[ReachedElement]


class AgencyContribution(AgencyCrossed):
    owners: list[OwnerContribution]


class Contributors(BaseModel):
    cascade: str
    element: ElementRef
    total: int = Field(description="elements that support it, directly or through others")
    agencies: list[AgencyContribution] = Field(description="by agency, its own first")


def _read(
    tx: ManagedTransaction, name: str, cascade: str | None, element_id: str
) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """The element's cascade (``resolve_element``'s rule: an id or a code), the element and
    the rows of the query ``name``, in one read."""
    cascade, element_id = resolve_element(tx, element_id, cascade)
    root = tx.run(query("view_subject"), id=element_id, cascade=cascade).data()
    if not root:
        raise ElementNotFound(element_id)
    return cascade, root[0], tx.run(query(name), cascade=cascade, id=element_id).data()


def _agencies(cascade: str, rows: list[dict[str, Any]]) -> list[AgencyCrossed]:
    seen: dict[str, AgencyCrossed] = {}
    for r in rows:
        a = seen.setdefault(
            r["cascade"],
            AgencyCrossed(
                cascade=r["cascade"], agency=r["agency"], kind=r["cascade_kind"], count=0
            ),
        )
        a.count += 1
    return sorted(seen.values(), key=lambda a: (a.cascade != cascade, a.kind == "rpjmd", a.cascade))


def _item(r: dict[str, Any]) -> ReachedElement:
    return ReachedElement.from_row(r, cascade=r["cascade"], depth=r["depth"])


def impact(db: Db, cascade: str | None, element_id: str) -> Impact:
    """Everything that depends on ``element_id`` of ``cascade`` upwards, across cascades
    (``cascade`` None: the id must be held by one cascade only). Raises ``ElementNotFound`` or
    ``AmbiguousElement``."""
    cascade, root, rows = db.read(_read, "impact", cascade, element_id)
    return Impact(
        cascade=cascade,
        element=ElementRef.from_row(root),
        items=[_item(r) for r in rows],
        agencies=_agencies(cascade, rows),
    )


def contributors(db: Db, cascade: str | None, element_id: str) -> Contributors:
    """Everything that supports ``element_id`` of ``cascade`` downwards, across cascades,
    grouped by agency and owner (``cascade`` None: as for ``impact``)."""
    cascade, root, rows = db.read(_read, "contributors", cascade, element_id)
    groups: dict[str, dict[str | None, OwnerContribution]] = {}
    for r in rows:
        per_owner = groups.setdefault(r["cascade"], {})
        owners = r["owners"] or [None]
        for o in owners:
            key = o["id"] if o else None
            entry = per_owner.setdefault(
                key, OwnerContribution(owner=OwnerRef.from_row(o) if o else None, elements=[])
            )
            entry.elements.append(_item(r))
    agencies = [
        AgencyContribution(
            **a.model_dump(),
            owners=sorted(
                groups[a.cascade].values(),
                key=lambda g: (g.owner is None, g.owner.id if g.owner else ""),
            ),
        )
        for a in _agencies(cascade, rows)
    ]
    return Contributors(
        cascade=cascade, element=ElementRef.from_row(root), total=len(rows), agencies=agencies
    )
