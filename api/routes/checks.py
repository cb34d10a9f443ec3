"""``/api/checks``: the alignment report, whole or one check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from pokin.api.deps import CascadeDep, DbDep
from pokin.graph.models import CheckResult, Report
from pokin.graph.report import run_checks

router = APIRouter(prefix="/api/checks", tags=["checks"])

NO_CASCADE = {404: {"description": "no such cascade is loaded"}}


@router.get("", response_model=Report, responses=NO_CASCADE, summary="Run every alignment check")
def report(db: DbDep, cascade: CascadeDep) -> Report:
    return run_checks(db, cascade)


@router.get(
    "/{name}",
    response_model=CheckResult,
    responses={404: {"description": "no such check or cascade"}},
    summary="Run one alignment check",
)
def one_check(name: Annotated[str, Path(max_length=100)], db: DbDep, cascade: CascadeDep):
    return run_checks(db, cascade, [name]).checks[0]
