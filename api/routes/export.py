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


# --- the documents agencies hand in (pokin.visualize.documents.DOCUMENTS) ----------------------

_SIGNED = Annotated[str | None, Query(max_length=300)]
MEDIA_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def document_bytes(db, cascade_id: str | None, name: str, request) -> tuple[bytes, str, str]:
    """A document of a stored cascade: (its bytes, media type, file name). Unknown document or
    owner: 404; a missing year where the document needs one, or a kind it is not written as:
    422. Shared by the route and ``pokin export``."""
    from pokin.core.errors import Invalid, NotFound, OwnerNotFound
    from pokin.core.i18n import _
    from pokin.graph.elements import resolve_cascade
    from pokin.visualize.documents import DOCUMENTS, MEDIA_TYPES, file_name

    doc = DOCUMENTS.get(name)
    if doc is None:
        raise NotFound(
            _("no document named %(name)s; the documents are: %(known)s")
            % {"name": repr(name), "known": ", ".join(DOCUMENTS)}
        )
    if request.kind not in doc.kinds:
        raise Invalid(
            _("%(document)s is written as %(kinds)s, not %(kind)s")
            % {"document": doc.name, "kinds": ", ".join(doc.kinds), "kind": request.kind}
        )
    if doc.needs_year and request.year is None:
        raise Invalid(_("the document %(document)s needs a year") % {"document": doc.name})
    cascade = resolve_cascade(db, cascade_id)
    if doc.source == "tree":
        from pokin.graph.tree import cascade_tree

        data = cascade_tree(db, cascade, request.element)
    else:
        data = read_stored_cascade(db, cascade)
        if request.owner is not None and request.owner not in {o.id for o in data.owners}:
            known = [o.id for o in data.owners] + [o.title for o in data.owners]
            raise OwnerNotFound(request.owner, known, cascade)
    stem = re.sub(r"[^A-Za-z0-9._-]", "_", cascade)
    return doc.write(data, request), MEDIA_TYPES[request.kind], file_name(stem, doc, request.kind)


@router.get(
    "/{cascade_id}/documents/{name}",
    summary=N_("Download a document (Renja evaluation table, Perjanjian Kinerja, poster)"),
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}, MEDIA_XLSX: {}},
            "description": N_("the document, as an attachment"),
        },
        404: {"description": N_("no such cascade, document or owner")},
        422: {"description": N_("a year missing where the document needs one")},
    },
)
async def document(
    db: DbDep,
    cascade_id: Annotated[str, Path(max_length=200)],
    name: Annotated[str, Path(max_length=60)],
    kind: Literal["xlsx", "pdf"] = "pdf",
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    owner: Annotated[str | None, Query(max_length=200)] = None,
    element: Annotated[str | None, Query(max_length=200)] = None,
    depth: Annotated[int | None, Query(ge=0, le=64)] = None,
    paper: Literal["A2", "A3", "A4"] = "A3",
    tiled: bool = False,
    findings: bool = False,
    place: _SIGNED = None,
    date: _SIGNED = None,
    signatory_name: _SIGNED = None,
    signatory_nip: Annotated[str | None, Query(max_length=40)] = None,
    signatory_position: _SIGNED = None,
) -> Response:
    from starlette.concurrency import run_in_threadpool

    from pokin.seed.signatures import Signatures
    from pokin.visualize.documents import DocumentRequest

    signatures = Signatures().merged(
        place=place,
        date=date,
        **{
            "signatory.name": signatory_name,
            "signatory.nip": signatory_nip,
            "signatory.position": signatory_position,
        },
    )
    request = DocumentRequest(
        kind=kind, year=year, owner=owner or None, element=element or None, depth=depth,
        paper=paper, tiled=tiled, findings=findings, signatures=signatures,
    )  # fmt: skip
    # reading and writing (a workbook, or Chromium printing) off the event loop
    data, media, filename = await run_in_threadpool(document_bytes, db, cascade_id, name, request)
    return Response(
        data,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
