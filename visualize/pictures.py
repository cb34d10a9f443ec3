"""The picture formats of the tree (``pokin.visualize.tree_export`` draws them): a registry
light enough for the command line to build its ``--format`` choices from at start-up."""

from __future__ import annotations

from dataclasses import dataclass

from pokin.core.i18n import N_


@dataclass(frozen=True, kw_only=True)
class PictureFormat:
    """A picture of the tree as ``pokin export --format NAME``, ``/tree/export.NAME`` and the
    tree page's Export links offer it (``help``: a msgid, translated where shown)."""

    name: str
    media_type: str
    help: str


#: Every picture format of the tree, by name (its file name extension too).
FORMATS: dict[str, PictureFormat] = {
    f.name: f
    for f in (
        PictureFormat(
            name="pdf",
            media_type="application/pdf",
            help=N_("the poster: one page scaled to fit, else numbered pages"),
        ),
        PictureFormat(
            name="png", media_type="image/png", help=N_("a screenshot of the whole tree")
        ),
        PictureFormat(
            name="svg", media_type="image/svg+xml", help=N_("the laid-out tree, scalable")
        ),
    )
}
