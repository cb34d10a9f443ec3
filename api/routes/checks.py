"""``/api/checks``: the alignment report, whole or one check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from pokin.api.deps import CascadeParam, DbDep
from pokin.api.responses import json_response
from pokin.graph.models import CheckResult, Report
from pokin.graph.report import run_checks

router = APIRouter(prefix="/api/checks", tags=["checks"])

NO_CASCADE = {404: {"description": "no such cascade is loaded"}}


@router.get("", response_model=Report, responses=NO_CASCADE, summary="Run every alignment check")
def report(db: DbDep, cascade: CascadeParam = None) -> Response:
    # the cascade (named or the default one) is resolved inside the report's own read
    return json_response(run_checks(db, cascade or None))


@router.get(
    "/{name}",
    response_model=CheckResult,
    responses={404: {"description": "no such check or cascade"}},
    summary="Run one alignment check",
)
def one_check(
    name: Annotated[str, Path(max_length=100)], db: DbDep, cascade: CascadeParam = None
) -> Response:
    return json_response(run_checks(db, cascade or None, [name]).checks[0])
