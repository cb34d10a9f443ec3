"""Schema of a cascade seed file (pydantic v2) and its validator.

A seed file is YAML with seven top-level sections: ``cascade``, ``owners``, ``goal``, ``targets``,
``programmes``, ``activities``, ``sub_activities`` (see docs/model.md for the graph they describe).

Validation happens in two passes over the same parsed document and reports *every* problem at once:

1. shape (pydantic, strict): unknown or missing fields, wrong types, values outside the enums;
2. graph (this module): ids unique across the whole file (and agreeing with ``code`` where an id
   is written with one), links to ids that do not exist, links whose ends are the wrong kinds of
   node.

The id *scheme* of docs/model.md (lowercase, ``ss-``/``pt-``/... prefixes) is a convention of the
seed files, not a validation rule, so that uploads with other readable ids still load; see
:meth:`Cascade.id_scheme_violations`.

It deliberately does NOT reject alignment gaps -- a result that supports nothing, a skipped or
inverted level, a sub-activity whose result supports another activity's result, a missing
indicator, owner or formula, a SUPPORTS cycle. Those are facts about the cascade that the checks
report; a seed must be able to hold them.

Problems come back as :class:`CascadeValidationError`, whose ``problems`` are :class:`Problem`
objects (file, YAML line, element id, field, message); ``str()`` gives one per line::

    FILE:LINE: ELEMENT_ID.FIELD: MESSAGE
"""

from __future__ import annotations

import functools
import gc
import re
import reprlib
import types
import typing
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal, Union

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from pokin.core.errors import CascadeValidationError, Problem
from pokin.core.vocabulary import TARGET_LEVELS, Aspect, TargetLevel

__all__ = [
    "Activity",
    "Basis",
    "Cascade",
    "CascadeMeta",
    "CascadeValidationError",
    "Goal",
    "Indicator",
    "KINDS",
    "Link",
    "Owner",
    "Realisation",
    "UnitBudget",
    "YearTarget",
    "Problem",
    "Programme",
    "SubActivity",
    "Target",
    "flat_meta",
    "load_cascade_file",
    "meta_columns",
    "nested_meta",
    "parse_cascade",
]

# --------------------------------------------------------------------------- vocabularies

#: How a SUPPORTS or PART_OF edge was decided (docs/model.md, "basis").
Basis = Literal[
    "source_layout",
    "nomenclature",
    "subject_and_owner",
    "merged_cell",
    "page_break_continuation",
    "rpjmd_alignment",
    "crosscutting_agreement",
]
BASIS_VALUES: tuple[str, ...] = typing.get_args(Basis)
Level = TargetLevel
LEVELS: tuple[str, ...] = TARGET_LEVELS
#: positive: higher is better; negative: lower is better; stabilise: the target is a level to hold
#: (a deviation either way lowers capaian)
Polarity = Literal["positive", "negative", "stabilise"]
#: How a year's quarterly realisation adds up to the year's (docs/model.md, "Measurement"):
#: ``cumulative`` the sum of the quarters, ``last`` the latest quarter reported, ``average``,
#: ``maximum``.
Aggregation = Literal["cumulative", "last", "average", "maximum"]
#: The capaian formula of a negative indicator: ``2t_minus_r`` (2T - R) / T x 100 (the
#: default), ``t_over_r`` T / R x 100.
NegativeFormula = Literal["2t_minus_r", "t_over_r"]
#: A link across cascades (crosscutting, or to the RPJMD) is proposed by one side until the
#: other side takes it up.
LinkStatus = Literal["proposed", "agreed"]
#: What a file describes: one agency's cascade (Renstra), or a region's RPJMD.
CascadeKind = Literal["agency", "rpjmd"]
Tag = Literal["progress", "cumulative", "recurring"]

#: what the validator accepts as an id: a URL-safe token. The seed files follow the stricter
#: scheme of docs/model.md (lowercase, per-kind prefixes), see :meth:`Cascade.id_scheme_violations`.
ID_RE = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
#: the id scheme of the seed files (docs/model.md)
SCHEME_ID_RE = r"^[a-z0-9][a-z0-9.-]*$"
#: one line of text, no leading/trailing blanks (names, titles, raw texts, formulas)
LINE_RE = r"^\S(?:[^\n]*\S)?$"

#: a link target: an id of the same file, or ``cascade-id:element-id`` for another cascade
REF_RE = r"^(?:[A-Za-z0-9][A-Za-z0-9._-]*:)?[A-Za-z0-9][A-Za-z0-9._-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_RE)]
Ref = Annotated[str, StringConstraints(pattern=REF_RE)]
Line = Annotated[str, StringConstraints(pattern=LINE_RE)]
ProgrammeCode = Annotated[str, StringConstraints(pattern=r"^\d\.\d{2}\.\d{2}$")]
ActivityCode = Annotated[str, StringConstraints(pattern=r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$")]
#: a sub-activity code ends in four digits (``5.03.02.2.01.0001``) or, in exports of earlier
#: years and several regional systems, two (``1.01.02.1.01.01``); it is stored as written
SUB_ACTIVITY_CODE_RE = r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.(?:\d{4}|\d{2})$"
SubActivityCode = Annotated[str, StringConstraints(pattern=SUB_ACTIVITY_CODE_RE)]

_PATTERN_HELP = {
    ID_RE: (
        "an id may contain only letters, digits, '.', '_' and '-', "
        "and must start with a letter or digit"
    ),
    REF_RE: ("a link goes to an id of this file, or to 'cascade-id:element-id' of another cascade"),
    LINE_RE: "must be one line of text without leading or trailing blanks",
    r"^\d\.\d{2}\.\d{2}$": "a programme code looks like '5.03.02'",
    r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$": "an activity code looks like '5.03.02.2.01'",
    SUB_ACTIVITY_CODE_RE: (
        "a sub-activity code looks like '5.03.02.2.01.0001' (or '1.01.02.1.01.01')"
    ),
}

# --------------------------------------------------------------------------- models


#: Characters no text of a cascade may hold: C0 controls but tab and line feed, DEL, C1
#: controls, the noncharacters U+FFFE and U+FFFF and lone surrogates. They break terminals,
#: XML (the tree's SVG, xlsx) and PDFs wherever the text goes, and mean nothing in a plan.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for v in value:
            if isinstance(v, str):
                yield v


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        for text in _texts(value):
            found = CONTROL_RE.search(text)
            if found:
                raise ValueError(
                    f"holds the control character U+{ord(found.group()):04X} at position "
                    f"{found.start() + 1}; remove it"
                )
        return value

    #: Properties the loader writes on the element's node beside the model's fields.
    GRAPH_KEYS: ClassVar[frozenset[str]] = frozenset({"cascade", "kind"})

    @classmethod
    def from_properties(cls, props: Mapping[str, Any]) -> typing.Self:
        """The element a stored node holds (``properties(n)``): every property but
        ``GRAPH_KEYS`` is a field of the model, and a field the node lacks is null (the loader
        stores no nulls). So a new scalar field reaches every reader without a query change.
        A property the model does not know, or a value it does not take, is refused, never
        dropped: ``CascadeValidationError`` names the cascade, the element and the field."""
        fields = {k: v for k, v in props.items() if k not in cls.GRAPH_KEYS}
        for name in _nullable(cls):
            fields.setdefault(name, None)
        try:
            return cls.model_validate(fields)
        except ValidationError as exc:
            raise _stored_problems(cls, props, exc) from None


@functools.cache
def _nullable(model: type[BaseModel]) -> tuple[str, ...]:
    """The required fields of ``model`` that may be null (absent from a stored node)."""
    return tuple(
        name
        for name, f in model.model_fields.items()
        if f.is_required() and type(None) in typing.get_args(f.annotation)
    )


def _stored_problems(
    model: type[BaseModel], props: Mapping[str, Any], exc: ValidationError
) -> CascadeValidationError:
    """What is wrong with a stored node, as problems of ``cascade <id>``."""
    kind = model.__name__.lower()
    problems = []
    for err in exc.errors():
        field = _dotted(err["loc"])
        if err["type"] == "extra_forbidden":
            message = (
                f"a stored property that is not a field of the {kind} model "
                f"(fields: {', '.join(model.model_fields)}); the cascade was written by another "
                "version of pokin: load its file again"
            )
        elif err["type"] == "missing":
            message = "the stored node lacks this required field"
        else:
            message = f"stored value not accepted: {_shape_message(err)}"
        problems.append(
            Problem(
                f"cascade {props.get('cascade', '?')}",
                None,
                str(props.get("id", f"({kind})")),
                field,
                message,
            )
        )
    return CascadeValidationError(problems)


class Link(_Model):
    """One SUPPORTS or PART_OF edge, written on its start node: ``{to, basis, note, weight}``. A
    result's SUPPORTS may go to another cascade (``to: cascade-id:element-id``), with a
    ``status``; such a reference is kept even while its target is not loaded."""

    to: Ref
    basis: Basis
    note: str | None = None
    status: LinkStatus | None = None
    #: how much the supporting result counts in its parent's rolled-up capaian (docs/model.md,
    #: "Roll-up"); none: 1
    weight: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None

    def split(self, own_cascade: str) -> tuple[str | None, str]:
        """(other cascade or None when the link stays in ``own_cascade``, element id)."""
        return split_ref(self.to, own_cascade)


def split_ref(ref: str, own_cascade: str) -> tuple[str | None, str]:
    """``cascade-id:element-id`` -> (cascade, element); a plain id or one naming
    ``own_cascade`` -> (None, element)."""
    if ":" not in ref:
        return None, ref
    cascade, element = ref.split(":", 1)
    return (None if cascade == own_cascade else cascade), element


Quarter = Annotated[int, Field(ge=1, le=4)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Amount = Annotated[float, Field(allow_inf_nan=False)]


class YearTarget(_Model):
    """The target of one year of the period: a number (``value``), a range (``low``-``high``,
    "80-90") or a qualitative target (``text``, e.g. "WTP"), exactly one of them; ``pagu``
    the year's budget for it in Rp."""

    year: Year
    value: Amount | None = None
    low: Amount | None = None
    high: Amount | None = None
    text: Line | None = None
    pagu: Amount | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> typing.Self:
        ranged = self.low is not None or self.high is not None
        kinds = (self.value is not None) + ranged + (self.text is not None)
        if kinds != 1:
            raise ValueError(
                "give exactly one of value (a number), low and high (a range) or text "
                "(a qualitative target)"
            )
        if ranged and (self.low is None or self.high is None):
            raise ValueError("a range target needs both low and high")
        if ranged and self.low > self.high:  # type: ignore[operator]
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self

    @property
    def kind(self) -> str:
        """``number``, ``range`` or ``text``."""
        if self.value is not None:
            return "number"
        return "text" if self.text is not None else "range"


class Realisation(_Model):
    """What was reached: in one quarter (``quarter`` 1-4, TW I-IV) or, without a quarter, in
    the year as a whole (as a Renja evaluation reports it); ``value`` in the indicator's unit
    (K), ``rp`` the budget spent (Rp)."""

    year: Year
    quarter: Quarter | None = None
    value: Amount | None = None
    rp: Amount | None = None

    @model_validator(mode="after")
    def _something(self) -> typing.Self:
        if self.value is None and self.rp is None:
            raise ValueError("give value (K), rp (Rp) or both")
        return self


class UnitBudget(_Model):
    """A programme's, activity's or sub-activity's budget: ``pagu`` for a year (no quarter),
    ``realisation`` spent in a quarter or in the year (Rp)."""

    year: Year
    quarter: Quarter | None = None
    pagu: Amount | None = None
    realisation: Amount | None = None

    @model_validator(mode="after")
    def _something(self) -> typing.Self:
        if self.pagu is None and self.realisation is None:
            raise ValueError("give pagu, realisation or both")
        if self.pagu is not None and self.quarter is not None:
            raise ValueError("pagu is a year's: give it without a quarter")
        return self


class Indicator(_Model):
    """An Indikator with its Formulasi. ``name`` is mended and without the trailing tag parentheses;
    ``raw``/``formula_raw`` are the source cells with line breaks collapsed, nothing else
    touched."""

    id: Id
    name: Line
    raw: Line
    formula: Line | None
    formula_raw: Line | None
    formula_truncated: bool
    polarity: Polarity | None
    tags: list[Tag]
    name_truncated: bool = False
    #: Satuan and Target of the indicator where a spreadsheet gives them (matrix, SIPD)
    unit: Line | None = None
    #: the end-of-period target (Renstra, kondisi akhir) as a matrix or SIPD export gives it;
    #: ``targets`` holds the target per year. Where the period's last year has no target,
    #: ``target_value`` stands for it (``targets_by_year``).
    target_value: float | None = None
    note: str | None = None
    #: the value at the start of the period (kondisi awal)
    baseline: Amount | None = None
    #: how quarters add up to the year; null: from the tags (cumulative -> cumulative,
    #: recurring -> average, otherwise last)
    aggregation: Aggregation | None = None
    #: a negative indicator's capaian formula; null: (2T - R) / T
    negative_formula: NegativeFormula | None = None
    #: capaian is shown at most this (e.g. 100), with a note
    cap: Amount | None = None
    targets: list[YearTarget] = []
    realisation: list[Realisation] = []

    #: beside the fields, an indicator node holds the id of what it measures
    GRAPH_KEYS: ClassVar[frozenset[str]] = frozenset({"cascade", "kind", "of"})

    @property
    def target_label(self) -> str | None:
        """The Target as a reader sees it (``100 %``): the value written plainly, then the
        unit; None when the source gives neither."""
        if self.target_value is None:
            return f"not given ({self.unit})" if self.unit else None
        value = f"{self.target_value:.15g}"
        return f"{value} {self.unit}" if self.unit else value

    def targets_by_year(self, period_end: int | None = None) -> dict[int, YearTarget]:
        """year -> target; ``target_value`` counts as the target of ``period_end`` when that
        year has none of its own."""
        out = {t.year: t for t in self.targets}
        if period_end is not None and period_end not in out and self.target_value is not None:
            out[period_end] = YearTarget(year=period_end, value=self.target_value)
        return out


class Owner(_Model):
    """A Pemilik Kinerja, one per title as written in the source."""

    id: Id
    title: Line
    reports_to: Id | None = None
    known_position: bool
    alias_of: Id | None = None
    note: str | None = None


class Goal(_Model):
    """A Tujuan; ``supports`` are its SUPPORTS edges, typically to the RPJMD's Sasaran
    (``rpjmd-id:sasaran-id``)."""

    id: Id
    name: Line
    owners: list[Id]
    indicators: list[Indicator]
    supports: list[Link] = []
    note: str | None = None


class Target(_Model):
    """A Sasaran of any level; ``supports`` are its SUPPORTS edges to results one level up."""

    id: Id
    level: Level
    name: Line
    name_truncated: bool = False
    owners: list[Id]
    indicators: list[Indicator]
    supports: list[Link]
    note: str | None = None


class Programme(_Model):
    id: Id
    code: ProgrammeCode | None
    name: Line
    name_truncated: bool = False
    delivers: list[Link]
    note: str | None = None
    #: pagu per year and realisation (Rp) per quarter or year
    budget: list[UnitBudget] = []


class Activity(_Model):
    id: Id
    code: ActivityCode | None
    name: Line
    name_truncated: bool = False
    part_of: Link | None
    delivers: list[Link]
    note: str | None = None
    #: pagu per year and realisation (Rp) per quarter or year
    budget: list[UnitBudget] = []


class SubActivity(_Model):
    id: Id
    code: SubActivityCode | None
    name: Line
    name_truncated: bool = False
    part_of: Link | None
    delivers: list[Link]
    note: str | None = None
    #: pagu per year and realisation (Rp) per quarter or year
    budget: list[UnitBudget] = []


class Period(_Model):
    start: int
    end: int


class CascadeMeta(_Model):
    """What the file is. ``kind: rpjmd`` is a region's five-year plan (its Tujuan and Sasaran);
    an agency's cascade names its ``region``, the RPJMD names the region it plans for."""

    id: Id
    kind: CascadeKind = "agency"
    region: Id | None = None
    region_name: Line | None = None
    agency: Line
    title: Line
    period: Period
    source: Line
    synthetic: bool = False
    note: str | None = None
    #: what the source format cannot carry (a planning-system export: Tujuan and Sasaran,
    #: owners, formulas, polarity); the checks that need it report once that they do not apply
    lacks: list[Aspect] = []


def meta_columns() -> dict[str, tuple[str, str | None]]:
    """The cascade's own fields as flat names -> (field, field of the nested model or None):
    how the graph's ``Cascade`` node and the tables' ``cascade`` row hold them, a nested model
    as ``field_sub`` (``period`` -> ``period_start``, ``period_end``)."""
    out: dict[str, tuple[str, str | None]] = {}
    for name, f in CascadeMeta.model_fields.items():
        if isinstance(f.annotation, type) and issubclass(f.annotation, BaseModel):
            out.update((f"{name}_{sub}", (name, sub)) for sub in f.annotation.model_fields)
        else:
            out[name] = (name, None)
    return out


def flat_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """The ``cascade`` section (a dict) as flat names (:func:`meta_columns`)."""
    out = {}
    for column, (name, sub) in meta_columns().items():
        value = meta.get(name)
        out[column] = value.get(sub) if sub is not None and isinstance(value, Mapping) else value
    return out


def nested_meta(flat: Mapping[str, Any]) -> dict[str, Any]:
    """The ``cascade`` section from flat names: a blank optional field left out (its default
    applies), a blank required one null, so that validation names it."""
    out: dict[str, Any] = {}
    fields = CascadeMeta.model_fields
    for column, (name, sub) in meta_columns().items():
        value = flat.get(column)
        if sub is not None:
            out.setdefault(name, {})[sub] = value
        elif value is not None or fields[name].is_required():
            out[name] = value
    return out


class Cascade(_Model):
    """A whole cascade, as in one seed file. Build it with :func:`load_cascade_file` or
    :func:`parse_cascade`, which validate it; constructing it directly checks shape only.

    Helpers for the loader (all return fresh lists/dicts in file order):

    * :meth:`by_id` -- id -> model object (goal, targets, units, indicators, owners);
    * :meth:`targets_at` -- targets of one level;
    * :meth:`indicators` -- ``(holder id, Indicator)`` pairs;
    """

    cascade: CascadeMeta
    owners: list[Owner]
    goal: Goal | None = None
    goals: list[Goal] = []
    targets: list[Target]
    programmes: list[Programme]
    activities: list[Activity]
    sub_activities: list[SubActivity]

    # ---------------------------------------------------------------- helpers
    @property
    def all_goals(self) -> list[Goal]:
        """The Tujuan: ``goal`` (one) or ``goals`` (several), as the file writes them."""
        return ([self.goal] if self.goal is not None else []) + list(self.goals)

    def targets_at(self, level: str) -> list[Target]:
        """Targets of one level (``strategic``, ``programme``, ``activity``, ``sub_activity``)."""
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
        return [t for t in self.targets if t.level == level]

    def indicators(self) -> list[tuple[str, Indicator]]:
        """Every indicator with the id of the goal/target that is MEASURED_BY it."""
        out = [(g.id, i) for g in self.all_goals for i in g.indicators]
        for t in self.targets:
            out.extend((t.id, i) for i in t.indicators)
        return out

    def by_id(self) -> dict[str, BaseModel]:
        """id -> element, over every kind of node."""
        out: dict[str, BaseModel] = {g.id: g for g in self.all_goals}
        for group in (
            self.targets,
            self.programmes,
            self.activities,
            self.sub_activities,
            self.owners,
        ):
            out.update((e.id, e) for e in group)
        out.update((i.id, i) for _, i in self.indicators())
        return out

    def id_scheme_violations(self) -> list[str]:
        """Ids that do not follow the seed id scheme of docs/model.md: lowercase ``[a-z0-9.-]``,
        ``tujuan`` for the goal, ``ss-``/``pt-``/``at-``/``st-`` by target level, ``prog-``,
        ``keg-``, ``sub-``, ``ind-`` (owners: any slug). Not a validation rule; the seed tests
        use it."""
        out = []
        expected: list[tuple[str, str]] = [(g.id, "tujuan") for g in self.all_goals]
        expected += [(t.id, _TARGET_PREFIX[t.level]) for t in self.targets]
        for group, kind in (
            (self.programmes, "programme"),
            (self.activities, "activity"),
            (self.sub_activities, "sub_activity"),
        ):
            expected += [(u.id, _PREFIX[kind]) for u in group]
        expected += [(i.id, _PREFIX["indicator"]) for _, i in self.indicators()]
        expected += [(o.id, "") for o in self.owners]
        for ident, prefix in expected:
            if not re.match(SCHEME_ID_RE, ident):
                out.append(f"{ident}: not lowercase [a-z0-9.-]")
            elif prefix == "tujuan" and not (ident == "tujuan" or ident.startswith("tujuan-")):
                out.append(f"{ident}: the goal's id should be 'tujuan'")
            elif prefix and prefix != "tujuan" and not ident.startswith(prefix):
                out.append(f"{ident}: should start with {prefix!r}")
        return out


# --------------------------------------------------------------------------- problems


#: Every element kind of a cascade file: its model, and the section of the file that lists it
#: (None: an indicator, written inside the result it measures).
KINDS: dict[str, tuple[type[BaseModel], str | None]] = {
    "owner": (Owner, "owners"),
    "goal": (Goal, "goals"),
    "target": (Target, "targets"),
    "programme": (Programme, "programmes"),
    "activity": (Activity, "activities"),
    "sub_activity": (SubActivity, "sub_activities"),
    "indicator": (Indicator, None),
}


# --------------------------------------------------------------------------- locating

Path_ = tuple[str | int, ...]


class _Locator:
    """Maps paths inside the document to YAML lines and element ids."""

    def __init__(self, file: str, data: Any, text: str | None):
        self.file = file
        self.data = data
        self.text = text
        self._lines: dict[Path_, int] | None = None

    @property
    def lines(self) -> dict[Path_, int]:
        """Path -> line, built on first use: only a file with problems needs it, so a valid
        file is parsed once, by the C loader, without it."""
        if self._lines is None:
            self._lines = {}
            if self.text is not None:
                loader = _Loader(self.text)
                try:
                    root = loader.get_single_node()
                finally:
                    loader.dispose()
                if root is not None:
                    self._index(root)
        return self._lines

    def _index(self, root: yaml.Node) -> None:
        assert self._lines is not None
        stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
        while stack:  # iterative: the depth is bounded by the screen, but no recursion at all
            node, path = stack.pop()
            self._lines.setdefault(path, node.start_mark.line + 1)
            if isinstance(node, MappingNode):
                seen: set[Any] = set()
                for key, value in node.value:
                    k = key.value if isinstance(key, ScalarNode) else repr(key)
                    if k in seen:
                        continue
                    seen.add(k)
                    self._lines[path + (k,)] = key.start_mark.line + 1
                    stack.append((value, path + (k,)))
            elif isinstance(node, SequenceNode):
                for i, item in enumerate(node.value):
                    stack.append((item, path + (i,)))

    def line(self, path: Path_) -> int | None:
        lines = self.lines
        for cut in range(len(path), -1, -1):
            if path[:cut] in lines:
                return lines[path[:cut]]
        return None

    def problem(self, path: Path_, message: str, line: int | None = None) -> Problem:
        """A problem at ``path``; its element is the innermost object on the path with an id."""
        element, at = None, 0
        cur: Any = self.data
        for depth, step in enumerate(path):
            if isinstance(cur, dict) and isinstance(cur.get("id"), str) and cur["id"]:
                element, at = cur["id"], depth
            try:
                cur = cur[step]
            except (KeyError, IndexError, TypeError):
                cur = None
        if isinstance(cur, dict) and isinstance(cur.get("id"), str) and cur["id"] and len(path) > 0:
            element, at = cur["id"], len(path)
        if element is None:
            # no id on the way: name the element by its position (section[index]) or (root)
            if path and isinstance(path[0], str):
                if len(path) > 1 and isinstance(path[1], int):
                    element, at = f"{path[0]}[{path[1]}]", 2
                elif path[0] in ("cascade", "goal"):
                    element, at = path[0], 1
                else:
                    element, at = "(root)", 0
            else:
                element, at = "(root)", 0
        return Problem(
            self.file,
            line if line is not None else self.line(path),
            element,
            _dotted(path[at:]),
            message,
        )


def _dotted(path: Iterable[str | int]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (("." if out else "") + str(step))
    return out


# --------------------------------------------------------------------------- shape pass


def unwrap(tp: Any) -> tuple[Any, bool]:
    """A field's type without Annotated, Optional and list: (the model class or plain type
    inside, whether it is a list of it). A union of several types comes back as it is."""
    many = False
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp, many
            tp = args[0]
        elif origin is list:
            tp, many = typing.get_args(tp)[0], True
        else:
            return tp, many


def _model_at(loc: Path_) -> type[BaseModel] | None:
    cur: Any = Cascade
    for step in loc:
        if isinstance(step, int):
            continue
        if (
            not (isinstance(cur, type) and issubclass(cur, BaseModel))
            or step not in cur.model_fields
        ):
            return None
        cur = unwrap(cur.model_fields[step].annotation)[0]
    return cur if isinstance(cur, type) and issubclass(cur, BaseModel) else None


def _shape_message(err: dict[str, Any]) -> str:
    kind, loc, value = err["type"], tuple(err["loc"]), _Shown(err.get("input"))
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        return f"unknown field{allowed}"
    if kind == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        return f"{_PATTERN_HELP.get(pattern, err['msg'])} (got {value!r})"
    if kind == "literal_error":
        return f"{err['msg']} (got {value!r})"
    if kind == "value_error":  # a validator of the models: its own words
        return str(err["msg"]).removeprefix("Value error, ")
    if kind == "model_type":
        return f"must be a mapping (got {value.type_name} {value!r})"
    if kind == "list_type":
        return f"must be a list (got {value.type_name} {value!r})"
    return f"{err['msg']} (got {value.type_name} {value!r})"


class _Shown:
    """A value as a problem shows it: its repr, cut to a bounded length."""

    LIMIT = 120

    def __init__(self, value: Any) -> None:
        self.value = value
        shown = reprlib.Repr()
        shown.maxstring = shown.maxother = self.LIMIT
        self.text = shown.repr(value)

    def __repr__(self) -> str:
        return self.text

    @property
    def type_name(self) -> str:
        return type(self.value).__name__


# --------------------------------------------------------------------------- graph pass

_PREFIX = {
    "programme": "prog-",
    "activity": "keg-",
    "sub_activity": "sub-",
    "indicator": "ind-",
}
_TARGET_PREFIX = {"strategic": "ss-", "programme": "pt-", "activity": "at-", "sub_activity": "st-"}
_UNIT_SECTIONS = (
    ("programmes", "programme"),
    ("activities", "activity"),
    ("sub_activities", "sub_activity"),
)
_KIND_WORDS = {
    "goal": "the goal",
    "target": "a target",
    "programme": "a programme",
    "activity": "an activity",
    "sub_activity": "a sub-activity",
    "indicator": "an indicator",
    "owner": "an owner",
}


def _items(data: Any, section: str) -> list[tuple[Path_, dict]]:
    seq = data.get(section) if isinstance(data, dict) else None
    if not isinstance(seq, list):
        return []
    return [((section, i), item) for i, item in enumerate(seq) if isinstance(item, dict)]


def _links(obj: dict, field: str) -> list[tuple[Path_, Any]]:
    """(path below obj, target id) of each link in a list-of-links field."""
    seq = obj.get(field)
    if not isinstance(seq, list):
        return []
    return [((field, i, "to"), ln.get("to")) for i, ln in enumerate(seq) if isinstance(ln, dict)]


def _graph_problems(data: Any, loc: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    kinds: dict[str, tuple[str, Path_]] = {}  # id -> (kind, path of the element)

    def register(path: Path_, obj: dict, kind: str) -> None:
        ident = obj.get("id")
        if not isinstance(ident, str) or not re.match(ID_RE, ident):
            return  # the shape pass reports it
        if ident in kinds:
            other_kind, other_path = kinds[ident]
            problems.append(
                loc.problem(
                    path + ("id",),
                    f"duplicate id {ident!r}: already used by "
                    f"{_KIND_WORDS[other_kind]} at line {loc.line(other_path)}",
                )
            )
            return
        kinds[ident] = (kind, path)

    def register_indicators(path: Path_, obj: dict) -> None:
        seq = obj.get("indicators")
        if isinstance(seq, list):
            for i, ind in enumerate(seq):
                if isinstance(ind, dict):
                    register(path + ("indicators", i), ind, "indicator")

    for path, owner in _items(data, "owners"):
        register(path, owner, "owner")
    goal = data.get("goal") if isinstance(data, dict) else None
    goals: list[tuple[Path_, dict]] = [(("goal",), goal)] if isinstance(goal, dict) else []
    goals += _items(data, "goals")
    if isinstance(data, dict):
        if "goal" in data and "goals" in data:
            problems.append(
                loc.problem(("goals",), "give either goal (one Tujuan) or goals (a list), not both")
            )
        elif data.get("goal") is None and not data.get("goals"):
            problems.append(
                loc.problem(("goal",), "missing required field: goal (or goals, a list)")
            )
    for path, g in goals:
        register(path, g, "goal")
        register_indicators(path, g)
    for path, t in _items(data, "targets"):
        register(path, t, "target")
        register_indicators(path, t)
    for section, kind in _UNIT_SECTIONS:
        for path, u in _items(data, section):
            register(path, u, kind)
            code, ident = u.get("code"), u.get("id")
            # an id written with a code must agree with the code field
            if isinstance(ident, str) and re.fullmatch(
                re.escape(_PREFIX[kind]) + r"\d[\d.]*", ident
            ):
                if ident != _PREFIX[kind] + str(code):
                    problems.append(
                        loc.problem(
                            path + ("id",),
                            f"id {ident!r} is written with a code but "
                            f"code is {code!r}; use {_PREFIX[kind]}<code> or a slug",
                        )
                    )

    meta_ = data.get("cascade") if isinstance(data, dict) else None
    own = meta_.get("id") if isinstance(meta_, dict) else None

    def check(path: Path_, to: Any, allowed: set[str], what: str, across: bool = False) -> None:
        if not isinstance(to, str) or not re.match(REF_RE, to):
            return  # the shape pass reports it
        other, to = split_ref(to, own if isinstance(own, str) else "")
        if other is not None:
            if not across:
                problems.append(
                    loc.problem(
                        path,
                        f"links to {other}:{to}, another cascade; only a result's supports "
                        "may reach across cascades",
                    )
                )
            return  # kept as a reference: resolved when (and if) that cascade is loaded
        if to not in kinds:
            problems.append(
                loc.problem(path, f"links to {to!r}, which is not defined in this file")
            )
            return
        kind = kinds[to][0]
        if kind not in allowed:
            problems.append(
                loc.problem(path, f"must link to {what}, but {to!r} is {_KIND_WORDS[kind]}")
            )

    for path, owner in _items(data, "owners"):
        for field in ("reports_to", "alias_of"):
            if owner.get(field) is not None:
                check(path + (field,), owner.get(field), {"owner"}, "an owner")
        if owner.get("known_position") is True and owner.get("alias_of") is not None:
            problems.append(
                loc.problem(
                    path + ("alias_of",), "alias_of is only for owners with known_position: false"
                )
            )
    holders = goals + _items(data, "targets")
    for path, holder in holders:
        owners = holder.get("owners")
        if isinstance(owners, list):
            for i, to in enumerate(owners):
                check(path + ("owners", i), to, {"owner"}, "an owner")
    for path, t in goals + _items(data, "targets"):
        for sub, to in _links(t, "supports"):
            check(path + sub, to, {"goal", "target"}, "the goal or a target (SUPPORTS)", True)
    for section, kind in _UNIT_SECTIONS:
        for path, u in _items(data, section):
            for sub, to in _links(u, "delivers"):
                check(path + sub, to, {"target"}, "a target (a unit delivers its own results)")
            if kind != "programme" and isinstance(u.get("part_of"), dict):
                parent = "programme" if kind == "activity" else "activity"
                check(
                    path + ("part_of", "to"),
                    u["part_of"].get("to"),
                    {parent},
                    f"{_KIND_WORDS[parent]} (PART_OF)",
                )
    meta = data.get("cascade") if isinstance(data, dict) else None
    period = meta.get("period") if isinstance(meta, dict) else None
    if (
        isinstance(period, dict)
        and isinstance(period.get("start"), int)
        and isinstance(period.get("end"), int)
    ):
        if period["start"] > period["end"]:
            problems.append(
                loc.problem(("cascade", "period", "end"), "the period ends before it starts")
            )
        else:
            span = (period["start"], period["end"])
            for path, holder in holders:
                seq = holder.get("indicators")
                for i, ind in enumerate(seq if isinstance(seq, list) else []):
                    if isinstance(ind, dict):
                        at = path + ("indicators", i)
                        problems += _measurement_problems(ind, "targets", at, span, loc)
                        problems += _measurement_problems(ind, "realisation", at, span, loc)
            for section, _kind in _UNIT_SECTIONS:
                for path, u in _items(data, section):
                    problems += _measurement_problems(u, "budget", path, span, loc)
    return problems


def _measurement_problems(
    obj: dict, field: str, path: Path_, span: tuple[int, int], loc: _Locator
) -> list[Problem]:
    """Years outside the period and a year (or quarter) given twice in one measurement list."""
    out: list[Problem] = []
    seq = obj.get(field)
    seen: dict[tuple[Any, Any], int] = {}
    for i, row in enumerate(seq if isinstance(seq, list) else []):
        if not isinstance(row, dict) or not isinstance(row.get("year"), int):
            continue
        year = row["year"]
        if not span[0] <= year <= span[1]:
            out.append(
                loc.problem(
                    path + (field, i, "year"),
                    f"{year} is outside the period {span[0]}-{span[1]}",
                )
            )
        key = (year, row.get("quarter") if field != "targets" else None)
        if key in seen:
            when = f"{year}" + (f" quarter {key[1]}" if key[1] is not None else "")
            out.append(
                loc.problem(
                    path + (field, i, "year"),
                    f"{when} is given twice (also {field}[{seen[key]}])",
                )
            )
        else:
            seen[key] = i
    return out


# --------------------------------------------------------------------------- entry points


#: The YAML loader: libyaml's C parser when PyYAML has it (about three times faster).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Limits every cascade file is held to before it is parsed (hostile input is a normal day).
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DEPTH = 32


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


_NO_ALIASES = "YAML anchors and aliases (&name, *name) are not allowed in a cascade file"


class _Unusual(Exception):
    """The document uses a YAML feature the one-pass build leaves to PyYAML's constructor
    (explicit collection tags, merge keys): ``_screen`` then parses the file again the usual
    way, so the result is PyYAML's in every case."""


def _screen(text: str, source_name: str) -> tuple[Any, list[tuple[Path_, int]]]:
    """Read the file's YAML events once (libyaml) and refuse what a cascade never needs and an
    attacker uses: anchors and aliases (``&a``/``*a``: a few bytes can stand for gigabytes),
    nesting deeper than ``MAX_DEPTH``, more than one document. From the same events it builds
    the document (the safe loader's scalars: the same tag resolution and constructors), so a
    valid file is parsed once, without PyYAML's node graph. Returns ``(data, duplicate keys as
    (path, line))``; raises ``CascadeValidationError`` naming the line of the first offence."""

    def refuse(mark: Any, message: str) -> CascadeValidationError:
        line = mark.line + 1 if mark is not None else None
        return CascadeValidationError([Problem(source_name, line, "(yaml)", "", message)])

    duplicates: list[tuple[Path_, int]] = []
    # one frame per open collection:
    # [is_mapping, path, expecting_key, next_index, seen_keys, key text, container, key]
    stack: list[list[Any]] = []
    documents = 0
    root: Any = None
    unusual = False
    loader = _Loader(text)
    constructors = loader.yaml_constructors
    implicit_resolvers = loader.yaml_implicit_resolvers
    wildcard = implicit_resolvers.get(None, [])
    plain_resolve = not loader.yaml_path_resolvers  # the safe loader has none

    def scalar(event: Any) -> Any:
        """The scalar's value as the safe loader constructs it (its ``resolve`` inlined)."""
        nonlocal unusual
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            if not plain_resolve:
                tag = loader.resolve(ScalarNode, value, event.implicit)
            elif not event.implicit[0]:
                return value  # quoted or block text: a string
            else:
                tag = _STR
                for candidate, regexp in implicit_resolvers.get(value[:1], []) + wildcard:
                    if regexp.match(value):
                        tag = candidate
                        break
        if tag == _STR:
            return value
        if tag not in constructors or tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
            raise _Unusual
        node = ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        return constructors[tag](loader, node)

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None:
                    raise refuse(event.start_mark, _NO_ALIASES)
                if not stack:
                    if not unusual:
                        try:
                            root = scalar(event)
                        except _Unusual:
                            unusual = True
                    continue
                frame = stack[-1]
                if frame[0] and frame[2]:  # a key of a mapping
                    key = event.value
                    if key in frame[4]:
                        duplicates.append((frame[1] + (key,), event.start_mark.line + 1))
                    frame[4].add(key)
                    frame[5] = key
                    frame[2] = False
                    if not unusual:
                        try:
                            frame[7] = scalar(event)
                            hash(frame[7])
                        except (_Unusual, TypeError):
                            unusual = True
                    continue
                if not unusual:
                    try:
                        value = scalar(event)
                    except _Unusual:
                        unusual = True
                    else:
                        if frame[0]:
                            frame[6][frame[7]] = value
                        else:
                            frame[6].append(value)
                if frame[0]:
                    frame[2] = True
                else:
                    frame[3] += 1
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None:
                    raise refuse(event.start_mark, _NO_ALIASES)
                path: Path_ = ()
                if stack:
                    frame = stack[-1]
                    if frame[0] and frame[2]:
                        raise refuse(event.start_mark, "mapping keys must be plain text")
                    path = frame[1] + ((frame[5],) if frame[0] else (frame[3],))
                if len(stack) >= MAX_DEPTH:
                    raise refuse(
                        event.start_mark,
                        f"nested more than {MAX_DEPTH} levels deep (a cascade needs about 6)",
                    )
                is_map = kind is mapping_start
                if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                    unusual = True
                stack.append([is_map, path, True, 0, set(), None, {} if is_map else [], None])
            elif kind in ends:
                done = stack.pop()
                if not stack:
                    root = done[6]
                    continue
                frame = stack[-1]
                if frame[0]:
                    frame[6][frame[7]] = done[6]
                    frame[2] = True
                else:
                    frame[6].append(done[6])
                    frame[3] += 1
            elif kind is alias_event:
                raise refuse(event.start_mark, _NO_ALIASES)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise refuse(event.start_mark, "the file must hold one YAML document")
            elif kind is yaml.StreamEndEvent or event is None:
                break
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        raise refuse(mark, f"not valid YAML: {_first_line(exc)}") from None
    finally:
        loader.dispose()
    if unusual:
        root = _load_again(text, source_name)
    return root, duplicates


def _load_again(text: str, source_name: str) -> Any:
    """The document as PyYAML's safe constructor builds it (for the unusual documents)."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise CascadeValidationError(
            [Problem(source_name, line, "(yaml)", "", f"not valid YAML: {_first_line(exc)}")]
        ) from None
    finally:
        loader.dispose()


def _first_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while a large document is built: building a cascade
    makes hundreds of thousands of containers and no cycles, and every collection the
    allocations trigger walks all of them again (measured: a third of the parse and most of
    the load plan at x100). Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_cascade(text: str | Mapping[str, Any], source_name: str = "<cascade>") -> Cascade:
    """Parse and validate a cascade from YAML text (e.g. an API upload).

    ``source_name`` is used as FILE in problem reports. ``text`` may also be an already parsed
    mapping (problems then carry no line). Raises :class:`CascadeValidationError`.
    """
    with gc_paused():
        return _parse_cascade(text, source_name)


def _parse_cascade(text: str | Mapping[str, Any], source_name: str) -> Cascade:
    duplicates: list[tuple[Path_, int]] = []
    if isinstance(text, Mapping):
        data: Any = text
        source: str | None = None
    else:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > MAX_FILE_BYTES:
            raise CascadeValidationError.of_file(
                source_name, f"the file is {size} bytes, more than the {MAX_FILE_BYTES} allowed"
            )
        data, duplicates = _screen(text, source_name)
        source = text

    loc = _Locator(source_name, data, source)
    problems = [
        loc.problem(
            path,
            f"duplicate key {path[-1]!r}: given twice in one mapping, one value would be lost",
            line=line,
        )
        for path, line in duplicates
    ]
    if not isinstance(data, Mapping):
        problems.append(
            Problem(
                source_name,
                1,
                "(root)",
                "",
                f"the file must be a mapping with the sections {', '.join(Cascade.model_fields)}",
            )
        )
        raise CascadeValidationError(problems)

    cascade: Cascade | None = None
    try:
        cascade = Cascade.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(loc.problem(tuple(err["loc"]), _shape_message(err)))
    problems.extend(_graph_problems(data, loc))
    if problems or cascade is None:
        problems.sort(key=lambda p: p.line if p.line is not None else 0)
        raise CascadeValidationError(problems)
    return cascade


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes every value in full: a cascade file never holds anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(data: Any) -> str:
    """``data`` as cascade-file YAML (UTF-8 text, keys in the given order, no aliases)."""
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=120)


def _file_problem(path: Path, message: str, line: int | None = None) -> CascadeValidationError:
    return CascadeValidationError.of_file(str(path), message, line)


def read_file_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, read once (``/dev/stdin`` works) and at most ``limit`` of them: the one
    bounded read of every cascade file, whatever its format. Raises
    ``CascadeValidationError`` naming the file when it cannot be read or is too large."""
    p = Path(path)
    try:
        with open(p, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise _file_problem(p, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise _file_problem(p, f"the file is larger than the {limit} bytes allowed")
    return raw


def read_text_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """A UTF-8 text file's content (``read_file_bytes``, then decoded). Raises
    ``CascadeValidationError`` naming the file when it cannot be read, is too large or is not
    UTF-8."""
    raw = read_file_bytes(path, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte {exc.start}: {exc.reason})"
        raise _file_problem(Path(path), message, line) from None


def read_cascade_file(path: str | Path) -> tuple[Cascade, str]:
    """Read and validate a seed file, returning the cascade and the text it was read from."""
    text = read_text_file(path)
    return parse_cascade(text, str(path)), text


def load_cascade_file(path: str | Path) -> Cascade:
    """Read and validate a seed file (FILE in problems = the path given).

    Raises :class:`CascadeValidationError`, also when the file cannot be read."""
    return read_cascade_file(path)[0]
