"""Dependencies shared by the routes, as ``Annotated`` aliases.

``DbDep`` is the request's way to the database: the app's one driver with the database and
the query timeout of the settings. ``CascadeDep`` resolves the ``?cascade=`` parameter once per
request (the named cascade, else the default one), raising ``CascadeNotFound``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from pokin.core.settings import Settings
from pokin.graph.db import Db
from pokin.graph.elements import resolve_cascade


# The two dependencies that only read the app's state are coroutines: FastAPI runs a plain
# ``def`` dependency in its thread pool, a hop per request for nothing.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_db(request: Request) -> Db:
    return request.app.state.db


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Db, Depends(get_db)]

CascadeParam = Annotated[
    str | None,
    Query(max_length=200, description="cascade id (default: the first cascade loaded)"),
]

YearParam = Annotated[
    int | None,
    Query(ge=1900, le=2200, description="the year measured (default: the latest realised)"),
]


def get_cascade(db: DbDep, cascade: CascadeParam = None) -> str:
    return resolve_cascade(db, cascade or None)


CascadeDep = Annotated[str, Depends(get_cascade)]


def at_risk_limit(
    settings: SettingsDep,
    threshold: Annotated[
        float | None,
        Query(ge=0, le=1000, description="at risk below this capaian, % (POKIN_AT_RISK_THRESHOLD)"),
    ] = None,
) -> float:
    """The ``?threshold=`` of a capaian route, else the configured one: said once for all."""
    return settings.pokin_at_risk_threshold if threshold is None else threshold


AtRiskLimitDep = Annotated[float, Depends(at_risk_limit)]
