"""``GET /api/cascades/{id}/export``: a loaded cascade as a file to download, in any format of
``pokin.seed.formats.FORMATS`` that is written (pokin's workbook, a Renstra matrix, JSON, YAML
or a zip of CSV tables)."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from pokin.api.deps import DbDep
from pokin.core.i18n import N_
from pokin.graph.export import read_stored_cascade
from pokin.seed.formats import FORMATS, writable, write_cascade

router = APIRouter(prefix="/api/cascades", tags=["cascades"])

#: The formats written, as the route's choices (made from the registry).
ExportFormat = Literal[tuple(writable())]  # type: ignore[valid-type]


@router.get(
    "/{cascade_id}/export",
    summary=N_("Download a cascade") + f" ({', '.join(writable())})",
    response_class=Response,
    responses={
        200: {
            "content": {f.media_type: {} for f in writable().values()},
            "description": N_("the file, as an attachment"),
        },
        404: {"description": N_("no such cascade")},
    },
)
def export(
    db: DbDep,
    cascade_id: Annotated[str, Path(max_length=200)],
    fmt: Annotated[
        ExportFormat,
        Query(
            alias="format",
            description=" | ".join(f"{n}: {f.help}" for n, f in writable().items()),
        ),
    ] = "xlsx",
) -> Response:
    cascade = read_stored_cascade(db, cascade_id)
    f = FORMATS[fmt]
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", cascade.cascade.id)
    media = f.media_type + (f"; charset={f.charset}" if f.charset else "")
    return Response(
        write_cascade(cascade, fmt),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{stem}{f.download}"'},
    )
