"""The documents agencies hand in, one registry: the Renja evaluation table (Permendagri
86/2017), the Perjanjian Kinerja of an owner and the pohon kinerja poster. ``DOCUMENTS`` drives
every surface: ``pokin export --format`` (its choices and help), the API's document route, the
buttons on the agency and owner pages and docs/formats.md. A document is written from data the
caller read (the stored cascade, or its tree), never from the database: this room only draws.

    doc = DOCUMENTS["renja-evaluation"]
    data = doc.write(cascade_model, DocumentRequest(year=2025, kind="xlsx"))   # bytes

Each writer module registers its entry at its foot (``register``); this module imports them
all at its end, so importing it gives the whole registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pokin.seed.signatures import Signatures

#: What a document is written from: the stored cascade (``pokin.graph.export
#: .read_stored_cascade``) or its tree (``pokin.graph.tree.cascade_tree``).
Source = Literal["cascade", "tree"]
#: The pages that show a document's buttons.
Page = Literal["agency", "owner"]
Kind = Literal["xlsx", "pdf"]
Paper = Literal["A2", "A3", "A4"]

MEDIA_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@dataclass(frozen=True, kw_only=True)
class DocumentRequest:
    """What the user asked for. ``year``: the year measured (Renja evaluation, PK);
    ``owner``: one owner's PK (None: every owner of the cascade, one file); ``element``: the
    poster below this element; ``depth``: the poster opens exactly this many levels;
    ``paper`` and ``tiled``: one page scaled to fit, or tiled over numbered pages;
    ``findings``: print the on-screen badges and findings too."""

    kind: Kind = "pdf"
    year: int | None = None
    owner: str | None = None
    element: str | None = None
    depth: int | None = None
    paper: Paper = "A3"
    tiled: bool = False
    findings: bool = False
    signatures: Signatures = field(default_factory=Signatures)


@dataclass(frozen=True, kw_only=True)
class Document:
    """One document: ``name`` (the ``--format`` choice and the route's path), ``title`` and
    ``help`` (msgids), what it is written from, the kinds it is written as, whether it needs a
    year or takes an owner, the pages that offer it, and ``write(data, request) -> bytes``."""

    name: str
    title: str
    help: str
    source: Source
    kinds: tuple[Kind, ...]
    write: Callable[[Any, DocumentRequest], bytes]
    needs_year: bool = False
    takes_owner: bool = False
    pages: tuple[Page, ...] = ("agency",)


DOCUMENTS: dict[str, Document] = {}


def register(document: Document) -> Document:
    """Add ``document`` to the registry (each writer module calls it once, at its foot)."""
    if document.name in DOCUMENTS:
        raise ValueError(f"document {document.name!r} registered twice")
    DOCUMENTS[document.name] = document
    return document


def documents_on(page: Page) -> list[Document]:
    """The documents whose buttons a page shows, in the registry's order."""
    return [d for d in DOCUMENTS.values() if page in d.pages]


def file_name(stem: str, document: Document, kind: Kind) -> str:
    """The download's file name: ``<stem>-<document>.<kind>``."""
    return f"{stem}-{document.name}.{kind}"


def markdown_table() -> str:
    """The documents table of docs/formats.md ("Documents"), in English, from the registry
    (``python -m pokin.visualize.documents_table docs/formats.md`` writes it)."""
    from pokin.core.i18n import using

    lines = [
        "| document (`--format`) | kinds | needs | pages | what |",
        "| --- | --- | --- | --- | --- |",
    ]
    with using("en"):
        for d in DOCUMENTS.values():
            needs = ", ".join(
                x for x, on in (("--year", d.needs_year), ("--owner", d.takes_owner)) if on
            )
            lines.append(
                f"| `{d.name}` | {', '.join(d.kinds)} | {needs or '-'} | {', '.join(d.pages)} "
                f"| {d.help} |"
            )
    return "\n".join(lines) + "\n"


# The writers, each registering its entry (imported last: they import this module's names),
# in the order the pages and the help list them (not sorted).
from pokin.visualize import renja_evaluation  # noqa: E402, F401, I001
from pokin.visualize import perjanjian_kinerja  # noqa: E402, F401
from pokin.visualize import poster  # noqa: E402, F401
