"""The cascade's vocabulary, defined once: levels, kinds, their English and Indonesian names,
the node labels and relationship types pokin writes, and the level colours.

Users call the levels by their Indonesian names (Tujuan, Sasaran, Program, Kegiatan, Sub
Kegiatan), so every surface shows both; they all take them from here.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

#: Kinds of node: the five levels' results and units, indicators and owners.
Kind = Literal["goal", "target", "programme", "activity", "sub_activity", "indicator", "owner"]
#: Levels of the cascade, from the top down ("strategic" is the strategic-target level).
Level = Literal["goal", "strategic", "programme", "activity", "sub_activity"]
#: Levels a target (Sasaran) may have: every level but the Goal's.
TargetLevel = Literal["strategic", "programme", "activity", "sub_activity"]
Severity = Literal["error", "warning", "info"]
#: What a source format may not carry: the performance chain above the units (Tujuan and
#: Sasaran with their links), owners, indicator formulas, indicator polarity. A cascade read
#: from such a source says what it lacks; a check that needs it does not apply there.
Aspect = Literal["goals", "owners", "formulas", "polarity"]

KINDS: tuple[Kind, ...] = get_args(Kind)
#: The level keys of every per-level count, from the top of the cascade down.
LEVEL_KEYS: tuple[Level, ...] = get_args(Level)
TARGET_LEVELS: tuple[TargetLevel, ...] = get_args(TargetLevel)
ASPECTS: tuple[Aspect, ...] = get_args(Aspect)
#: Aspect -> what it is, as the reports say "the source carries no ...".
ASPECT_NAMES: dict[Aspect, str] = {
    "goals": "Tujuan or Sasaran above its units",
    "owners": "owners (Pemilik Kinerja)",
    "formulas": "indicator formulas (Formulasi)",
    "polarity": "indicator polarity (positif/negatif)",
}
#: Kinds of the budget structure (PART_OF): programme > activity > sub-activity.
UNIT_KINDS: tuple[Kind, ...] = ("programme", "activity", "sub_activity")

#: The level names users call them, beside the English ones.
LEVEL_NAMES_ID: dict[Level, str] = {
    "goal": "Tujuan",
    "strategic": "Sasaran Strategis",
    "programme": "Program",
    "activity": "Kegiatan",
    "sub_activity": "Sub Kegiatan",
}

#: Level -> (English name, Indonesian name, colour).
LEVELS: dict[str, tuple[str, str, str]] = {
    "goal": ("Goal", LEVEL_NAMES_ID["goal"], "#6a3d9a"),
    "strategic": ("Strategic target", LEVEL_NAMES_ID["strategic"], "#1f5fa8"),
    "programme": ("Programme", LEVEL_NAMES_ID["programme"], "#127a80"),
    "activity": ("Activity", LEVEL_NAMES_ID["activity"], "#3f8f29"),
    "sub_activity": ("Sub-activity", LEVEL_NAMES_ID["sub_activity"], "#b7790f"),
}
INDICATOR = ("Indicator", "Indikator", "#6b7a8f")
OWNER = ("Owner", "Pemilik Kinerja", "#b0416e")

#: Finding severity -> colour.
SEVERITY_COLOURS: dict[Severity, str] = {
    "error": "#d7191c",
    "warning": "#f08c00",
    "info": "#1c7ed6",
}
SEVERITY_RANK: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}

#: The project's fixed set of node labels and relationship types. Nothing else is ever
#: written, and only these names are ever put into query text.
NODE_LABELS = (
    "Goal",
    "Target",
    "Programme",
    "Activity",
    "SubActivity",
    "Indicator",
    "Owner",
    # a SUPPORTS link to another cascade as the file states it, kept until (and after) its
    # target is loaded; not an Element
    "Reference",
)
RELATIONSHIP_TYPES = ("SUPPORTS", "PART_OF", "MEASURED_BY", "OWNED_BY", "REPORTS_TO")


def level_label(kind: str, level: str | None) -> str:
    """'Sub-activity (Sub Kegiatan)', 'Activity result (Sasaran Kegiatan)', 'Indicator
    (Indikator)', ..."""
    if kind == "indicator":
        return f"{INDICATOR[0]} ({INDICATOR[1]})"
    if kind == "owner":
        return f"{OWNER[0]} ({OWNER[1]})"
    english, indonesian, _ = LEVELS.get(level or "", ("Element", "Elemen", ""))
    if kind == "target" and level != "strategic":
        return f"{english} result (Sasaran {indonesian})"
    return f"{english} ({indonesian})"


#: How a SUPPORTS or PART_OF link was decided (its ``basis``, docs/model.md), in the plain words
#: pages show; the value itself shows on hover.
BASIS_WORDS = {
    "source_layout": "as the source draws it",
    "nomenclature": "from the official nomenclature",
    "subject_and_owner": "judged by subject and owner",
    "merged_cell": "a merged cell of the source",
    "page_break_continuation": "continued across a page break",
    "rpjmd_alignment": "as the Renstra aligns it to the RPJMD",
    "crosscutting_agreement": "agreed between the agencies",
}

_JUDGEMENTS = re.compile(r"^(J[0-9]+(?:\s*/\s*J[0-9]+)*)\s*:\s*")


def split_judgements(note: str | None) -> tuple[list[str], str]:
    """A note's reading judgements and its text: ``"J3/J20: formula is ..."`` gives
    ``(["J3", "J20"], "formula is ...")`` (the seed's notes cite the judgements of
    docs/seed-judgements.md that way); a note citing none: ``([], note)``."""
    text = note or ""
    found = _JUDGEMENTS.match(text)
    if found is None:
        return [], text
    return [j.strip() for j in found.group(1).split("/")], text[found.end() :]
