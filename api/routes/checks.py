"""``/api/checks``: the alignment report, whole or one check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from api.deps import DriverDep, SettingsDep
from graph.checks import CascadeNotFound, UnknownCheck, resolve_cascade, run_checks
from graph.models import CheckResult, Report

router = APIRouter(prefix="/api/checks", tags=["checks"])

CascadeParam = Annotated[
    str | None,
    Query(max_length=200, description="cascade id (default: the first cascade loaded)"),
]


NO_CASCADE = {404: {"description": "no such cascade is loaded"}}


@router.get("", response_model=Report, responses=NO_CASCADE, summary="Run every alignment check")
def report(driver: DriverDep, settings: SettingsDep, cascade: CascadeParam = None) -> Report:
    db = settings.neo4j_database
    try:
        return run_checks(driver, db, resolve_cascade(driver, db, cascade))
    except CascadeNotFound as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get(
    "/{name}",
    response_model=CheckResult,
    responses={404: {"description": "no such check or cascade"}},
    summary="Run one alignment check",
)
def one_check(
    name: Annotated[str, Path(max_length=100)],
    driver: DriverDep,
    settings: SettingsDep,
    cascade: CascadeParam = None,
) -> CheckResult:
    db = settings.neo4j_database
    try:
        return run_checks(driver, db, resolve_cascade(driver, db, cascade), [name]).checks[0]
    except (CascadeNotFound, UnknownCheck) as exc:
        raise HTTPException(404, str(exc)) from exc
