"""Targets, realisation and budget between the seed's lists and the graph's Measurement nodes
(docs/model.md, "Measurement"): one node per element, year and quarter (0: the year), the
targets' and the realisation's properties side by side. The loader writes the rows of
``measurement_rows``; the export and the checks read them back with ``measurement_entries``."""

from __future__ import annotations

from typing import Any

from pokin.seed.schema import Indicator, UnitBudget

#: seed field of a measurement row -> Measurement property, per measurement list
MEASUREMENT_PROPERTIES: dict[str, dict[str, str]] = {
    "targets": {
        "value": "target",
        "low": "target_low",
        "high": "target_high",
        "text": "target_text",
        "pagu": "pagu",
    },
    "realisation": {"value": "realisation", "rp": "realisation_rp"},
    "budget": {"pagu": "pagu", "realisation": "realisation_rp"},
}


def measurement_rows(element_id: str, element: dict[str, Any]) -> list[dict[str, Any]]:
    """The Measurement rows of one indicator or unit (its seed dict): one per year and
    quarter (0: the year), the targets' and the realisation's properties side by side."""
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for field_name, names in MEASUREMENT_PROPERTIES.items():
        for entry in element.get(field_name) or []:
            key = (entry["year"], entry.get("quarter") or 0)
            row = rows.setdefault(
                key, {"of": element_id, "year": key[0], "quarter": key[1], "props": {}}
            )
            for name, prop in names.items():
                if entry.get(name) is not None:
                    row["props"][prop] = entry[name]
    return [rows[k] for k in sorted(rows)]


#: what a Measurement node holds besides the values: its key
MEASUREMENT_KEYS = frozenset({"cascade", "of", "year", "quarter"})


def measurement_fields(kind: str) -> tuple[str, ...]:
    """The seed lists an element of ``kind`` holds its measurement in."""
    return ("targets", "realisation") if kind == "indicator" else ("budget",)


def unknown_properties(kind: str, props: dict[str, Any]) -> list[str]:
    """The properties of a Measurement node of an element of ``kind`` no seed field holds."""
    known = set(MEASUREMENT_KEYS)
    for name in measurement_fields(kind):
        known |= set(MEASUREMENT_PROPERTIES[name].values())
    return sorted(set(props) - known)


def measurement_entries(kind: str, props: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """One Measurement node's properties as entries of the seed lists (field -> entry)."""
    quarter = props.get("quarter") or None
    out = {}
    for name in measurement_fields(kind):
        names = MEASUREMENT_PROPERTIES[name]
        entry = {seed: props[prop] for seed, prop in names.items() if prop in props}
        if name == "targets" and (quarter is not None or set(entry) <= {"pagu"}):
            continue  # a target is a year's, and is one of value, range or text
        if entry:
            extra = {"quarter": quarter} if quarter is not None else {}
            out[name] = {"year": props["year"], **extra, **entry}
    return out


def indicator_with_measurements(
    props: dict[str, Any], measurements: list[dict[str, Any]]
) -> Indicator:
    """The stored indicator (``properties(i)``) with its targets and realisation."""
    lists: dict[str, list[dict[str, Any]]] = {"targets": [], "realisation": []}
    for m in measurements:
        for name, entry in measurement_entries("indicator", m).items():
            lists[name].append(entry)
    plain = Indicator.from_properties(props)
    return Indicator.model_validate({**plain.model_dump(), **lists})


def unit_budget(measurements: list[dict[str, Any]]) -> list[UnitBudget]:
    """A unit's stored budget (its Measurement nodes' properties) as the seed's entries."""
    entries = (measurement_entries("unit", m).get("budget") for m in measurements)
    return [UnitBudget.model_validate(e) for e in entries if e]
