"""``/api/elements``: list and search elements, and what pokin answers about one element --
its detail, its trace to the Goal, its subtree, its impact and its contributors -- each under
``/api/elements/{id}`` and under ``/api/cascades/{cascade}/elements/{id}``.

An element is identified by (cascade, id). The scoped route always names one; the unscoped one
keeps working while the id is held by one cascade only and answers 409 Conflict, listing the
cascades, when several hold it (docs/model.md, "Ids"). Both routes of an answer are made from
one entry of ``ELEMENT_ANSWERS``, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel

from pokin.api.deps import DbDep
from pokin.api.responses import json_response
from pokin.core.i18n import N_
from pokin.core.vocabulary import Kind, Level
from pokin.graph.elements import ElementDetail, ElementPage, get_element, list_elements
from pokin.graph.impact import Contributors, Impact, contributors, impact
from pokin.graph.models import Subtree, Trace
from pokin.graph.trace import MAX_DEPTH, subtree, trace_to_goal

router = APIRouter(prefix="/api/elements")
scoped = APIRouter(prefix="/api/cascades/{cascade}/elements")

ElementId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=200,
        description="an element id, or its nomenclature code (either form: "
        "5.03.02.2.02.0001 or 5.03.02.2.02.01)",
    ),
]
CascadeId = Annotated[str, Path(min_length=1, max_length=200, description="a cascade id")]
NOT_FOUND = {
    404: {"description": N_("no element with this id or code (the closest are suggested)")}
}
AMBIGUOUS = {
    **NOT_FOUND,
    409: {"description": N_("several cascades hold this id: name the cascade (listed)")},
}


@router.get(
    "", response_model=ElementPage, summary=N_("List or search elements"), tags=["elements"]
)
def elements(
    db: DbDep,
    level: Annotated[Level | None, Query(description="goal, strategic, ... sub_activity")] = None,
    kind: Annotated[Kind | None, Query(description="goal, target, programme, ...")] = None,
    owner: Annotated[str | None, Query(max_length=200, description="owner id")] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="what to find: an id, a nomenclature code (either form), words of a "
            "name, of an indicator (the element it measures) or of an owner's title (the "
            "results it owns); case- and accent-insensitive; ranked: id and code first, then "
            "name, indicator and owner matches by score",
        ),
    ] = None,
    cascade: Annotated[str | None, Query(max_length=200, description="cascade id")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> ElementPage:
    return list_elements(
        db,
        cascade=cascade,
        level=level,
        kind=kind,
        owner=owner,
        q=q,
        offset=offset,
        limit=limit,
    )


def no_options() -> dict[str, Any]:
    return {}


def depth_option(
    depth: Annotated[
        int | None, Query(ge=1, le=MAX_DEPTH, description="at most this many links down")
    ] = None,
) -> dict[str, Any]:
    return {"depth": depth}


@dataclass(frozen=True, kw_only=True)
class ElementAnswer:
    """One thing pokin answers about an element, served twice: ``/api/elements/{id}{path}``
    (operation ``name``) and ``/api/cascades/{cascade}/elements/{id}{path}`` (``cascade_`` +
    ``name``). ``read(db, cascade, element_id, **options)`` answers it (cascade None: the one
    cascade holding the id); ``options`` is a dependency giving the answer's own query
    parameters."""

    name: str
    path: str
    model: type[BaseModel]
    summary: str
    scoped_summary: str
    tag: str
    read: Callable[..., BaseModel]
    options: Callable[..., dict[str, Any]] = no_options


#: Every answer about one element; a new one is an entry here (and its test).
ELEMENT_ANSWERS: tuple[ElementAnswer, ...] = (
    ElementAnswer(
        name="element",
        path="",
        model=ElementDetail,
        summary=N_("One element, by an id held by one cascade only"),
        scoped_summary=N_("One element of a cascade"),
        tag="elements",
        read=lambda db, cascade, element_id: get_element(db, element_id, cascade),
    ),
    ElementAnswer(
        name="trace",
        path="/trace",
        model=Trace,
        summary=N_("Every SUPPORTS path from an element to a Goal, hop by hop"),
        scoped_summary=N_("Every SUPPORTS path from an element of a cascade to a Goal, hop by hop"),
        tag="trace",
        read=trace_to_goal,
    ),
    ElementAnswer(
        name="subtree",
        path="/subtree",
        model=Subtree,
        summary=N_("Everything that supports an element, with depth"),
        scoped_summary=N_("Everything that supports an element of a cascade, with depth"),
        tag="trace",
        read=lambda db, cascade, element_id, depth: subtree(db, cascade, element_id, depth),
        options=depth_option,
    ),
    ElementAnswer(
        name="impact",
        path="/impact",
        model=Impact,
        summary=N_("Everything that depends on an element upwards, across cascades"),
        scoped_summary=N_(
            "Everything that depends on an element of a cascade upwards, across cascades"
        ),
        tag="trace",
        read=impact,
    ),
    ElementAnswer(
        name="contributors",
        path="/contributors",
        model=Contributors,
        summary=N_("Everything that supports an element, by agency and owner"),
        scoped_summary=N_("Everything that supports an element of a cascade, by agency and owner"),
        tag="trace",
        read=contributors,
    ),
)


def _serve(answer: ElementAnswer) -> None:
    # the options dependency as a default value: a local Annotated alias would be a string
    # annotation (postponed evaluation) that FastAPI cannot resolve
    options_of = Depends(answer.options)

    def unscoped(element_id: ElementId, db: DbDep, options: dict = options_of) -> Response:
        return json_response(answer.read(db, None, element_id, **options))

    def in_cascade(
        cascade: CascadeId, element_id: ElementId, db: DbDep, options: dict = options_of
    ) -> Response:
        return json_response(answer.read(db, cascade, element_id, **options))

    for on, endpoint, name, summary, responses in (
        (router, unscoped, answer.name, answer.summary, AMBIGUOUS),
        (scoped, in_cascade, f"cascade_{answer.name}", answer.scoped_summary, NOT_FOUND),
    ):
        on.add_api_route(
            "/{element_id}" + answer.path,
            endpoint,
            methods=["GET"],
            name=name,
            response_model=answer.model,
            responses=responses,
            summary=summary,
            tags=[answer.tag],
        )


for _answer in ELEMENT_ANSWERS:
    _serve(_answer)
