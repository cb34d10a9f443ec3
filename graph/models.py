"""The result models of pokin's analytics: traces to the Goal, subtrees, alignment checks and
owner workload.

The API uses these as response models, so their field names are the public JSON. Every model
is plain data (no behaviour beyond small derived properties) and is built by ``graph.trace``,
``graph.checks`` and ``graph.workload`` from the rows of the named queries in ``cypher/``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, computed_field, field_serializer

from pokin.core.i18n import _
from pokin.core.vocabulary import ASPECT_NAMES, LEVEL_KEYS, Aspect, Kind, Level, Severity
from pokin.seed.schema import Indicator

# re-exported with the models below; ``Indicator`` is the one shape of an indicator, the seed
# format's own: a node's properties map onto it with ``Indicator.from_properties``
__all__ = ["LEVEL_KEYS", "Indicator", "Kind", "Level", "Severity"]

Row = dict[str, Any]


# --- building blocks ----------------------------------------------------------------------------


class ElementRef(BaseModel):
    """An element named briefly: enough to show it and to link to it."""

    id: str
    kind: Kind
    level: Level | None = None
    name: str
    code: str | None = Field(None, description="nomenclature code of a programme/activity/unit")

    @classmethod
    def from_row(cls, row: Row, **extra: Any):
        """From a query row holding ``id``, ``kind`` and optionally ``level``, ``name``,
        ``code`` (a missing name shows the id)."""
        return cls(
            id=row["id"],
            kind=row["kind"],
            level=row.get("level"),
            name=row.get("name") or row["id"],
            code=row.get("code"),
            **extra,
        )


class OwnerRef(BaseModel):
    """An owner (Pemilik Kinerja) named briefly."""

    id: str
    title: str
    known_position: bool | None = Field(
        None, description="whether the title is a position of the organisation chart"
    )
    alias_of: str | None = Field(
        None, description="the known position a differently written title most likely means"
    )

    @classmethod
    def from_row(cls, row: Row) -> OwnerRef:
        return cls(
            id=row["id"],
            title=row.get("title") or row["id"],
            known_position=row.get("known_position"),
            alias_of=row.get("alias_of"),
        )


class Link(BaseModel):
    """How a SUPPORTS or PART_OF link was decided (see docs: ``basis``) and any note on it."""

    basis: str | None = None
    note: str | None = None


# --- trace ---------------------------------------------------------------------------------------


class Hop(ElementRef):
    """One element on a path towards the Goal."""

    owners: list[OwnerRef] = []
    indicators: list[Indicator] = []
    link: Link | None = Field(
        None, description="the SUPPORTS link taken from this hop to the next; null on the last hop"
    )


class StructureDeparture(BaseModel):
    """A place where a SUPPORTS path leaves the budget structure (PART_OF) of its start: the
    result at ``result`` supports ``supports``, which is delivered by ``delivered_by`` and not
    by ``expected``, the unit the start is PART_OF at that level."""

    hop: int = Field(description="index in ``hops`` of the result whose link leaves")
    result: str
    supports: str
    level: Level = Field(description="the level of ``supports``")
    expected: ElementRef
    delivered_by: list[ElementRef]


class TracePath(BaseModel):
    """One SUPPORTS path from a start element: to the Goal, or as far as it gets."""

    start: str = Field(description="id of the element the path starts from")
    reaches_goal: bool
    length: int = Field(description="number of SUPPORTS links")
    hops: list[Hop]
    leaves_structure: bool = Field(
        False, description="whether the path leaves the PART_OF structure of its start"
    )
    departures: list[StructureDeparture] = []


class TraceStart(BaseModel):
    """An element a trace starts from, with the budget structure it belongs to."""

    element: ElementRef
    reaches_goal: bool
    structure: list[ElementRef] = Field(
        [],
        description="the unit and its PART_OF ancestors (sub-activity, activity, programme); "
        "for a result, those of the one unit that delivers it",
    )


class Trace(BaseModel):
    """Every SUPPORTS path from an element to the Goal (auditors' trace).

    An indicator is traced from the element it measures, an owner from every result it owns.
    When a start reaches no Goal, its paths are the longest SUPPORTS paths from it, so that
    the answer shows how far it gets."""

    cascade: str
    element: ElementRef = Field(description="the element asked about")
    reaches_goal: bool = Field(description="every start reaches the Goal (and there is a start)")
    starts: list[TraceStart]
    paths: list[TracePath]


class SubtreeLink(BaseModel):
    """A SUPPORTS link from a subtree element to another element of the subtree (or the root)."""

    to: str
    basis: str | None = None
    note: str | None = None


class SubtreeItem(ElementRef):
    """An element that supports the subtree's root, directly or through others."""

    depth: int = Field(description="the fewest SUPPORTS links from it to the root")
    owners: list[OwnerRef] = []
    supports: list[SubtreeLink] = Field(description="its SUPPORTS links inside the subtree")


class Subtree(BaseModel):
    """Everything that supports an element (the reverse of a trace), nearest first."""

    cascade: str
    root: ElementRef
    max_depth: int | None = None
    items: list[SubtreeItem]


# --- checks --------------------------------------------------------------------------------------


class Finding(ElementRef):
    """One offending element of a check, with the context an analyst needs to act on it. Its
    ``level``, for an indicator, is the level of what it measures."""

    owners: list[OwnerRef] = Field(
        [], description="its owners; a unit's are those of the results it delivers"
    )
    programmes: list[ElementRef] = Field([], description="the programme(s) it belongs to")
    cascade: str | None = Field(None, description="the cascade of the element")
    detail: dict[str, Any] = Field({}, description="check-specific facts (ids, levels, scores)")
    #: the check's message function: the message is said when shown, in the current locale,
    #: so that a cached report serves every language
    _say: Callable[[dict[str, Any]], str] | None = PrivateAttr(None)

    def said_by(self, say: Callable[[dict[str, Any]], str]) -> Finding:
        """This finding, its message said by ``say`` (its check's message function)."""
        self._say = say
        return self

    @computed_field(description="one line saying what is wrong with this element")  # type: ignore[prop-decorator]
    @property
    def message(self) -> str:
        return self._say(self.detail) if self._say else ""


class CheckInfo(BaseModel):
    """A check as registered: its stable name, severity and what it means."""

    name: str
    severity: Severity
    title: str = Field(description="what the check finds, in the request's language")
    explanation: str = Field(description="why it matters, in the request's language")
    query: str = Field(description="the named query in cypher/ that finds the offenders")
    scope: Literal["cascade", "region"] = Field(
        "cascade", description="cascade: one agency's cascade; region: across a region's cascades"
    )
    needs: list[Aspect] = Field(
        [], description="what a cascade's source must carry for the check to apply to it"
    )

    @field_serializer("title", "explanation")
    def _in_locale(self, text: str) -> str:
        """Held as English msgids (a cached report serves every language), said in the
        current locale."""
        return _(text)


class NotApplicable(BaseModel):
    """A check that does not apply to a cascade: its source cannot carry what the check needs
    (a planning-system export has no owners), so it is said once instead of one finding per
    element."""

    cascade: str
    lacks: list[Aspect] = Field(description="what the check needs and the source cannot carry")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def message(self) -> str:
        """Said when shown, in the current locale."""
        what = ", ".join(_(ASPECT_NAMES[a]) for a in self.lacks)
        return _("does not apply to %(cascade)s: its source does not carry %(what)s") % {
            "cascade": self.cascade,
            "what": what,
        }


class CheckResult(CheckInfo):
    count: int
    findings: list[Finding]
    not_applicable: list[NotApplicable] = Field(
        [], description="the cascades this check does not apply to, one note each"
    )

    @property
    def passed(self) -> bool:
        return not self.findings


class ReportSummary(BaseModel):
    checks: int
    failed: int = Field(description="checks with at least one finding")
    findings: dict[Severity, int] = Field(description="findings per severity")
    not_applicable: int = Field(
        0, description="notes of checks that do not apply to a cascade's source"
    )


class Report(BaseModel):
    """The alignment report of one cascade, or of a region (every agency's cascade checks and
    the region checks): the checks run and their findings."""

    cascade: str | None = Field(None, description="the cascade checked (none for a region)")
    region: str | None = Field(None, description="the region checked")
    cascades: list[str] = Field([], description="for a region: the cascades it holds")
    ok: bool = Field(description="no check of severity error has findings")
    summary: ReportSummary
    checks: list[CheckResult]


# --- owner workload ------------------------------------------------------------------------------


class LevelCounts(BaseModel):
    """Counts keyed by level: goal, strategic, programme, activity, sub_activity."""

    goal: int = 0
    strategic: int = 0
    programme: int = 0
    activity: int = 0
    sub_activity: int = 0

    @property
    def total(self) -> int:
        return self.goal + self.strategic + self.programme + self.activity + self.sub_activity


class WorkloadCounts(BaseModel):
    """What an owner owns, per level. Units (programmes, activities, sub-activities) are owned
    through the results they deliver; an indicator is keyed by the level of its result."""

    results: LevelCounts = LevelCounts()
    indicators: LevelCounts = LevelCounts()
    units: LevelCounts = LevelCounts()
    total_results: int = 0
    total_indicators: int = 0
    total_units: int = 0


class WorkloadShare(BaseModel):
    """An owner's share of the agency's total (0..1), per kind of thing owned."""

    results: float = 0.0
    indicators: float = 0.0
    units: float = 0.0


class OwnedItems(BaseModel):
    results: list[ElementRef] = []
    indicators: list[ElementRef] = []
    units: list[ElementRef] = []


class OwnerWorkload(BaseModel):
    owner: OwnerRef
    counts: WorkloadCounts
    share: WorkloadShare
    owns: OwnedItems


class Concentration(BaseModel):
    """How evenly results are spread over owners.

    ``hhi``: Herfindahl–Hirschman index, the sum of the squared result shares of all owners
    (1/N when N owners share evenly, 1 when one owner holds everything).
    ``effective_owners``: 1 / hhi, the number of equally loaded owners that would give the same
    index. ``gini``: Gini coefficient of the owners' result counts, owners without results
    included (0 even, towards 1 concentrated)."""

    hhi: float
    effective_owners: float
    gini: float


class Spread(BaseModel):
    largest_share: float = Field(description="the largest share of results held by one owner")
    largest_owners: list[OwnerRef] = Field(description="the owner(s) holding it")
    concentration: Concentration


class Workload(BaseModel):
    """Owner workload of one cascade: per owner, and the agency-wide spread.

    Shares are of ownership assignments: a result with two owners counts once for each, so
    the owners' shares add up to 1."""

    cascade: str
    totals: WorkloadCounts = Field(description="ownership assignments over all owners")
    distinct: WorkloadCounts = Field(
        description="distinct elements owned by at least one owner (a result with two owners "
        "counts once)"
    )
    owners: list[OwnerWorkload]
    spread: Spread


# --- workload across a region -------------------------------------------------------------------


class RegionOwnerRef(OwnerRef):
    """An owner with its cascade: across a region identity is (cascade, id), so the same title
    ("Sekretaris") in two agencies is two owners."""

    cascade: str
    agency: str | None = Field(None, description="the agency (or the region's government)")
    cascade_kind: str = Field("agency", description="agency or rpjmd")


class RegionOwnerWorkload(BaseModel):
    """One owner's counts and its share of the region's total. The owned items themselves are
    left out (a region holds thousands); ``/api/owners/{id}?cascade=`` lists them."""

    owner: RegionOwnerRef
    counts: WorkloadCounts
    share: WorkloadShare


class RegionSpread(Spread):
    largest_owners: list[RegionOwnerRef] = Field(description="the owner(s) holding it")


class PositionGroup(BaseModel):
    """The owners that hold one position title across the region's cascades (e.g. every
    agency's Sekretaris): titles compared case- and space-insensitively, as written otherwise
    (an alias is not merged with the position it most likely means)."""

    key: str = Field(description="the normalised title: lower case, blanks collapsed")
    title: str = Field(description="the title as most of its owners write it")
    titles: list[str] = Field(description="every spelling found")
    owners: int
    cascades: list[str] = Field(description="the cascades holding an owner of this title")
    counts: WorkloadCounts = Field(description="what the group's owners own together")
    share: WorkloadShare = Field(description="the group's share of the region's total")


class RegionWorkload(BaseModel):
    """Owner workload across a region (its RPJMD and every agency naming it): per owner, most
    loaded first; the region-wide spread over all owners; and the owners grouped by position
    title across agencies. Shares are of ownership assignments, as in ``Workload``."""

    region: str
    cascades: list[str]
    totals: WorkloadCounts = Field(description="ownership assignments over all owners")
    distinct: WorkloadCounts = Field(
        description="distinct elements owned by at least one owner (identity: cascade and id)"
    )
    owners: list[RegionOwnerWorkload]
    spread: RegionSpread
    positions: list[PositionGroup] = Field(description="most results first")
