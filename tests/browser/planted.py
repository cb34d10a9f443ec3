"""A small cascade planted beside the seed by the view tests: its names carry markup and script
that must show as text and run nothing, and it has an orphan (an error finding).

    tujuan-planted (kepala-planted)
    └ ss-xss-planted  strategic, named <img src=x onerror=alert(1)>
      └ pt-planted    programme      <- prog-planted
        └ at-planted  activity       <- keg-planted (part of prog-planted)
          └ st-planted sub-activity  <- sub-planted (part of keg-planted)
    st-orphan-planted sub-activity, supports nothing <- sub-orphan-planted (part of nothing)
"""

from __future__ import annotations

from typing import Any

from pokin.graph.db import Db
from pokin.seed import dump_yaml

CASCADE_ID = "planted-2025-2029"
XSS_NAME = "<img src=x onerror=alert(1)>"
XSS_ID = "ss-xss-planted"
SCRIPT_NAME = "</script><script>alert(4)</script>"
OWNER_TITLE = '"><script>alert(2)</script>'
UNIT_NAME = "Programme ' onmouseover='alert(3)' x='"
FORMULA = "<svg onload=alert(5)> & {{ 7 * 7 }}"
#: A right-to-left override (U+202E) in a name: it must not reverse the text around it.
RLO_NAME = "Activity result \u202eplanted gnp.exe"

#: What the planted cascade holds (nodes by kind, relationships by type).
NODES = {
    "goal": 1,
    "target": 5,
    "programme": 1,
    "activity": 1,
    "sub_activity": 2,
    "indicator": 6,
    "owner": 2,
}
RELATIONSHIPS = {"SUPPORTS": 8, "PART_OF": 2, "MEASURED_BY": 6, "OWNED_BY": 6, "REPORTS_TO": 1}


def _indicator(iid: str, name: str | None = None, formula: str | None = None) -> dict[str, Any]:
    formula = formula or "Jumlah yang tercapai dibagi target dikali 100"
    return {
        "id": iid,
        "name": name or f"Persentase capaian {iid}",
        "raw": f"{name or iid} (progress positif)",
        "formula": formula,
        "formula_raw": formula,
        "formula_truncated": False,
        "polarity": "positive",
        "tags": ["progress"],
    }


def _target(tid, level, name, supports, owners) -> dict[str, Any]:
    return {
        "id": tid,
        "level": level,
        "name": name,
        "owners": owners,
        "indicators": [_indicator(f"ind-{tid}")],
        "supports": [{"to": s, "basis": "source_layout"} for s in supports],
    }


def planted_data() -> dict[str, Any]:
    xss_target = _target(XSS_ID, "strategic", XSS_NAME, ["tujuan-planted"], ["kepala-planted"])
    xss_target["indicators"] = [_indicator(f"ind-{XSS_ID}", SCRIPT_NAME, FORMULA)]
    return {
        "cascade": {
            "id": CASCADE_ID,
            "agency": "Planted Test Agency",
            "title": "Planted cascade <script>alert('title')</script>",
            "period": {"start": 2025, "end": 2029},
            "source": "tests/browser/planted.py",
        },
        "owners": [
            {
                "id": "kepala-planted",
                "title": "Kepala <b>Planted</b>",
                "reports_to": None,
                "known_position": True,
            },
            {
                "id": "kabid-planted",
                "title": OWNER_TITLE,
                "reports_to": "kepala-planted",
                "known_position": True,
            },
        ],
        "goal": {
            "id": "tujuan-planted",
            "name": "Tujuan of the planted cascade",
            "owners": ["kepala-planted"],
            "indicators": [_indicator("ind-tujuan-planted")],
        },
        "targets": [
            xss_target,
            _target(
                "pt-planted", "programme", "Programme result planted", [XSS_ID], ["kabid-planted"]
            ),
            _target(
                "at-planted",
                "activity",
                RLO_NAME,
                ["pt-planted"],
                ["kabid-planted"],
            ),
            _target(
                "st-planted",
                "sub_activity",
                "Sub-activity result planted",
                ["at-planted"],
                ["kabid-planted"],
            ),
            _target(
                "st-orphan-planted",
                "sub_activity",
                "Orphan result that supports nothing",
                [],
                ["kabid-planted"],
            ),
        ],
        "programmes": [
            {
                "id": "prog-planted",
                "code": "9.99.01",
                "name": UNIT_NAME,
                "delivers": [{"to": "pt-planted", "basis": "nomenclature"}],
            },
        ],
        "activities": [
            {
                "id": "keg-planted",
                "code": "9.99.01.2.01",
                "name": "Activity & <u>underlined</u>",
                "part_of": {"to": "prog-planted", "basis": "nomenclature"},
                "delivers": [{"to": "at-planted", "basis": "nomenclature"}],
            },
        ],
        "sub_activities": [
            {
                "id": "sub-planted",
                "code": "9.99.01.2.01.0001",
                "name": "Sub-activity planted",
                "part_of": {"to": "keg-planted", "basis": "nomenclature"},
                "delivers": [{"to": "st-planted", "basis": "nomenclature"}],
            },
            {
                "id": "sub-orphan-planted",
                "code": "9.99.01.2.01.0002",
                "name": "Orphan sub-activity planted",
                "part_of": None,
                "delivers": [{"to": "st-orphan-planted", "basis": "subject_and_owner"}],
            },
        ],
    }


def planted_yaml() -> str:
    return dump_yaml(planted_data())


def load_seed_and_planted(driver, database: str) -> None:
    """Wipe the database, then load the seed cascade and the planted one (seed format ->
    ``seed.parse_cascade`` -> ``graph.loader.load_cascade``)."""
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade

    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    seed_text = SEED_FILE.read_text(encoding="utf-8")
    load_cascade(Db(driver, database), load_cascade_file(SEED_FILE), source_text=seed_text)
    text = planted_yaml()
    load_cascade(Db(driver, database), parse_cascade(text, "planted"), source_text=text)
