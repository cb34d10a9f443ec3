"""The explorer reuses a check report until the cascade is loaded again."""

import yaml

from pokin.graph.db import Db
from pokin.graph.loader import load_cascade
from pokin.graph.report import run_checks_cached
from pokin.seed import SEED_FILE, load_cascade_file, parse_cascade

SEED_ID = "bkpsdm-pemalang-2025-2029"


def test_report_is_reused_until_the_next_load(empty_db, settings):
    db = settings.neo4j_database
    load_cascade(Db(empty_db, db), load_cascade_file(SEED_FILE))
    first = run_checks_cached(Db(empty_db, db), SEED_ID)
    assert run_checks_cached(Db(empty_db, db), SEED_ID) is first
    assert first.checks[[c.name for c in first.checks].index("results_without_owner")].count == 0

    # A new load (here: one result loses its owners) gives a new, correct report.
    data = yaml.safe_load(SEED_FILE.read_text())
    data["targets"][0]["owners"] = []
    load_cascade(Db(empty_db, db), parse_cascade(data, "edited.yaml"), replace=True)
    second = run_checks_cached(Db(empty_db, db), SEED_ID)
    assert second is not first
    without_owner = next(c for c in second.checks if c.name == "results_without_owner")
    assert [f.id for f in without_owner.findings] == [data["targets"][0]["id"]]
