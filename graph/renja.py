"""A Renja evaluation table read onto a cascade already stored (``pokin load --into``, ``POST
/api/cascades?into=``): the stored cascade with the table's measurement on its matched
elements, to load in its place; its structure stays the stored one."""

from __future__ import annotations

from pokin.core.errors import Invalid
from pokin.core.i18n import gettext as _
from pokin.graph.db import Db
from pokin.graph.export import read_stored_cascade
from pokin.seed.formats.renja_evaluation import match_into
from pokin.seed.formats.report import ImportReport
from pokin.seed.schema import Cascade


def onto_stored(db: Db, cascades: list[Cascade], report: ImportReport | None, into: str) -> Cascade:
    """The stored cascade ``into`` with the table's targets, realisation and budget
    (``report`` says how each row matched)."""
    if len(cascades) != 1 or report is None or not cascades[0].cascade.id.startswith("renja-"):
        raise Invalid(_("--into takes one Renja evaluation table"))
    return match_into(cascades[0], report, read_stored_cascade(db, into))
