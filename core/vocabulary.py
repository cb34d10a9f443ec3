"""The cascade's vocabulary, defined once: levels, kinds, their English and Indonesian names,
the node labels and relationship types pokin writes, and the level colours.

Users call the levels by their Indonesian names (Tujuan, Sasaran, Program, Kegiatan, Sub
Kegiatan): Indonesian pages show those names alone, English ones both ("Goal (Tujuan)"); they
all take them from here (``level_label``, through the catalogue of ``pokin.core.i18n``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from pokin.core.i18n import N_, gettext

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
    "goals": N_("Tujuan or Sasaran above its units"),
    "owners": N_("owners (Pemilik Kinerja)"),
    "formulas": N_("indicator formulas (Formulasi)"),
    "polarity": N_("indicator polarity (positif/negatif)"),
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
#: Links the load derives from the data, not data: never exported, counted or drawn.
#: SIMILAR_NAME: a near-duplicate pair (``{cascade, similarity}``), read by the check.
DERIVED_RELATIONSHIP_TYPES = ("SIMILAR_NAME",)


#: The labels pages show, as English msgids whose Indonesian translation is the regulation's
#: term alone (``core/locale/id``): "Goal (Tujuan)" in English, "Tujuan" in Indonesian.
LEVEL_LABELS: dict[str, str] = {
    "goal": N_("Goal (Tujuan)"),
    "strategic": N_("Strategic target (Sasaran Strategis)"),
    "programme": N_("Programme (Program)"),
    "activity": N_("Activity (Kegiatan)"),
    "sub_activity": N_("Sub-activity (Sub Kegiatan)"),
}
#: A target below the strategic level, labelled by its level.
RESULT_LABELS: dict[str, str] = {
    "programme": N_("Programme result (Sasaran Program)"),
    "activity": N_("Activity result (Sasaran Kegiatan)"),
    "sub_activity": N_("Sub-activity result (Sasaran Sub Kegiatan)"),
}
INDICATOR_LABEL = N_("Indicator (Indikator)")
OWNER_LABEL = N_("Owner (Pemilik Kinerja)")
ELEMENT_LABEL = N_("Element (Elemen)")


def level_name(level: str | None) -> str:
    """A level in the current language: 'Sub Kegiatan' (id), 'Sub-activity (Sub Kegiatan)'
    (en)."""
    return gettext(LEVEL_LABELS.get(level or "", ELEMENT_LABEL))


def level_label(kind: str, level: str | None) -> str:
    """A node's kind and level in the current language: 'Sasaran Kegiatan', 'Indikator' (id);
    'Activity result (Sasaran Kegiatan)', 'Indicator (Indikator)' (en)."""
    if kind == "indicator":
        return gettext(INDICATOR_LABEL)
    if kind == "owner":
        return gettext(OWNER_LABEL)
    if kind == "target" and level in RESULT_LABELS:
        return gettext(RESULT_LABELS[level])
    return level_name(level)


@dataclass(frozen=True, kw_only=True)
class Term:
    """A word of the regulations: its English name (a msgid whose Indonesian translation is
    the term itself), the term as the regulations write it, and what it means (a msgid)."""

    english: str
    indonesian: str
    meaning: str

    @property
    def anchor(self) -> str:
        return re.sub(r"[^a-z]+", "-", self.indonesian.lower()).strip("-")


#: The glossary (``/glossary``): the vocabulary of performance planning, top-down.
GLOSSARY: tuple[Term, ...] = (
    Term(
        english=N_("Goal"),
        indonesian="Tujuan",
        meaning=N_(
            "What an agency, or the region in its RPJMD, means to achieve by the end of the "
            "five-year plan; the top of the cascade."
        ),
    ),
    Term(
        english=N_("Strategic target"),
        indonesian="Sasaran Strategis",
        meaning=N_("A result that brings a Tujuan about, measured by its performance indicators."),
    ),
    Term(
        english=N_("Programme"),
        indonesian="Program",
        meaning=N_(
            "A set of activities of a Perangkat Daerah towards a Sasaran, named by the national "
            "nomenclature; its result is a Sasaran Program."
        ),
    ),
    Term(
        english=N_("Activity"),
        indonesian="Kegiatan",
        meaning=N_("A part of a Program that delivers one of its results (Sasaran Kegiatan)."),
    ),
    Term(
        english=N_("Sub-activity"),
        indonesian="Sub Kegiatan",
        meaning=N_(
            "The smallest unit of the budget: a part of a Kegiatan with its own output and Pagu."
        ),
    ),
    Term(
        english=N_("Performance indicator"),
        indonesian="Indikator Kinerja",
        meaning=N_(
            "What measures a result: its unit, its Target for each year and, once reported, "
            "its Realisasi."
        ),
    ),
    Term(
        english=N_("Formula"),
        indonesian="Formulasi",
        meaning=N_("How an indicator is computed from its data."),
    ),
    Term(
        english=N_("Performance owner"),
        indonesian="Pemilik Kinerja",
        meaning=N_("The position accountable for a result (for example a head of division)."),
    ),
    Term(
        english=N_("Achievement"),
        indonesian="Capaian",
        meaning=N_("The Realisasi compared with the Target, usually as a percentage."),
    ),
    Term(
        english=N_("Realisation"),
        indonesian="Realisasi",
        meaning=N_("The value an indicator reached in a period."),
    ),
    Term(
        english=N_("Target value"),
        indonesian="Target",
        meaning=N_("The value planned for an indicator in a year (or a quarter)."),
    ),
    Term(
        english=N_("Quarter"),
        indonesian="Triwulan",
        meaning=N_("A period of three months; performance is reported each quarter."),
    ),
    Term(
        english=N_("Budget ceiling"),
        indonesian="Pagu",
        meaning=N_("The budget allocated to a Program, Kegiatan or Sub Kegiatan."),
    ),
    Term(
        english=N_("Regional agency"),
        indonesian="Perangkat Daerah",
        meaning=N_("A unit of the regional government (a dinas, a badan, ...) with its Renstra."),
    ),
    Term(
        english=N_("Regional medium-term development plan"),
        indonesian="RPJMD",
        meaning=N_(
            "Rencana Pembangunan Jangka Menengah Daerah: the region's five-year development "
            "plan, with the Tujuan and Sasaran of the region that its agencies support."
        ),
    ),
    Term(
        english=N_("Strategic plan"),
        indonesian="Renstra",
        meaning=N_(
            "Rencana Strategis: the five-year plan of a Perangkat Daerah, aligned with the RPJMD."
        ),
    ),
    Term(
        english=N_("Annual work plan"),
        indonesian="Renja",
        meaning=N_("Rencana Kerja: the plan of a Perangkat Daerah for one year of its Renstra."),
    ),
    Term(
        english=N_("Performance cascade"),
        indonesian="Cascading / Pohon Kinerja",
        meaning=N_(
            "How results are broken down from the Tujuan to the Sub Kegiatan, each supporting "
            "the one above it, with their indicators and owners: what pokin shows."
        ),
    ),
    Term(
        english=N_("Crosscutting"),
        indonesian="Crosscutting",
        meaning=N_(
            "A result that several agencies support together; pokin draws the links between "
            "their cascades."
        ),
    ),
)


#: How a SUPPORTS or PART_OF link was decided (its ``basis``, docs/model.md), in the plain words
#: pages show (msgids, translated where shown); the value itself shows on hover.
BASIS_WORDS = {
    "source_layout": N_("as the source draws it"),
    "nomenclature": N_("from the official nomenclature"),
    "subject_and_owner": N_("judged by subject and owner"),
    "merged_cell": N_("a merged cell of the source"),
    "page_break_continuation": N_("continued across a page break"),
    "rpjmd_alignment": N_("as the Renstra aligns it to the RPJMD"),
    "crosscutting_agreement": N_("agreed between the agencies"),
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
