"""``GET /api/cascades/{id}/export``: a loaded cascade as a file to download (pokin's workbook,
a Renstra matrix, JSON, YAML or a zip of CSV tables)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from pokin.api.deps import DbDep
from pokin.graph.export import read_stored_cascade
from pokin.seed.formats import FORMATS, write_cascade

router = APIRouter(prefix="/api/cascades", tags=["cascades"])

ExportFormat = Literal["xlsx", "matrix", "json", "yaml", "csv"]


@router.get(
    "/{cascade_id}/export",
    summary="Download a cascade as xlsx, matrix, JSON, YAML or CSV (zip)",
    response_class=Response,
    responses={
        200: {
            "content": {FORMATS[f].media_type: {} for f in ("xlsx", "json", "yaml", "csv")},
            "description": "the file, as an attachment",
        },
        404: {"description": "no such cascade"},
    },
)
def export(
    db: DbDep,
    cascade_id: Annotated[str, Path(max_length=200)],
    fmt: Annotated[ExportFormat, Query(alias="format")] = "xlsx",
) -> Response:
    cascade = read_stored_cascade(db, cascade_id)
    f = FORMATS[fmt]
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", cascade.cascade.id)
    name = f"{stem}{'-matrix' if fmt == 'matrix' else ''}{f.download}"
    media = f.media_type + ("; charset=utf-8" if fmt in ("json", "yaml") else "")
    return Response(
        write_cascade(cascade, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
