"""Owner workload against a real Neo4j, its concentration measures, and ``pokin workload``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.errors import CascadeNotFound
from pokin.core.i18n import using
from pokin.core.settings import get_settings
from pokin.graph.db import Db
from pokin.graph.models import Workload
from pokin.graph.workload import gini, hhi, owner_workload
from pokin.render import render_workload
from tests.e2e.cascade_builder import clean_cascade

CID = "test-cascade"


def _by_owner(workload: Workload):
    return {w.owner.id: w for w in workload.owners}


def test_workload_of_the_clean_cascade(empty_db, settings):
    clean_cascade().load(empty_db, settings.neo4j_database)
    wl = owner_workload(Db(empty_db, settings.neo4j_database), CID)
    owners = _by_owner(wl)
    assert list(owners) == ["kabid", "analis", "kasubag", "kepala", "sekretaris"]  # most first

    kabid = owners["kabid"].counts
    assert kabid.results.model_dump() == {
        "goal": 0,
        "strategic": 0,
        "programme": 1,
        "activity": 2,
        "sub_activity": 1,
    }
    assert kabid.indicators.model_dump() == kabid.results.model_dump()
    # units are owned through the results they deliver
    assert kabid.units.model_dump() == {
        "goal": 0,
        "strategic": 0,
        "programme": 1,
        "activity": 2,
        "sub_activity": 1,
    }
    assert (kabid.total_results, kabid.total_indicators, kabid.total_units) == (4, 4, 4)
    assert [u.id for u in owners["kabid"].owns.units] == ["keg-a1", "keg-a2", "prog-a", "sub-a2a"]
    assert [r.id for r in owners["kabid"].owns.results] == ["at-a1", "at-a2", "pt-a", "st-a2a"]

    kepala = owners["kepala"].counts
    assert (kepala.results.goal, kepala.results.strategic, kepala.total_units) == (1, 1, 0)

    assert wl.totals.total_results == wl.distinct.total_results == 11
    assert wl.totals.units.model_dump() == {
        "goal": 0,
        "strategic": 0,
        "programme": 2,
        "activity": 3,
        "sub_activity": 4,
    }
    assert owners["kabid"].share.results == pytest.approx(4 / 11, abs=1e-4)
    assert owners["sekretaris"].share.units == pytest.approx(1 / 9, abs=1e-4)
    assert sum(w.share.results for w in wl.owners) == pytest.approx(1, abs=1e-3)

    spread = wl.spread
    assert spread.largest_share == pytest.approx(4 / 11, abs=1e-4)
    assert [o.id for o in spread.largest_owners] == ["kabid"]
    # results per owner: 4, 2, 2, 2, 1
    assert spread.concentration.hhi == pytest.approx(29 / 121, abs=1e-4)
    assert spread.concentration.effective_owners == pytest.approx(121 / 29, abs=0.01)
    assert spread.concentration.gini == pytest.approx(0.2182, abs=1e-4)


def test_shared_results_idle_owners_and_aliases(empty_db, settings):
    """A result with two owners counts for each (shares of assignments); an owner without
    results is listed with zeros; an alias owner is its own row, marked as not in the chart."""
    builder = clean_cascade()
    builder.element("at-b1")["owners"] = ["kasubag", "sekretaris"]
    builder.owner("staf", "Staf Pelaksana", reports_to="kasubag")
    builder.owner("kasubag-umpeg", "Kasubag Umpeg", known_position=False, alias_of="kasubag")
    builder.element("st-b1a")["owners"] = ["kasubag-umpeg"]
    builder.load(empty_db, settings.neo4j_database)
    wl = owner_workload(Db(empty_db, settings.neo4j_database), CID)
    owners = _by_owner(wl)
    assert wl.totals.total_results == 12 and wl.distinct.total_results == 11
    assert wl.totals.total_units == 10 and wl.distinct.total_units == 9
    assert owners["sekretaris"].counts.results.activity == 1
    assert [u.id for u in owners["sekretaris"].owns.units] == ["keg-b1", "prog-b"]
    staf = owners["staf"]
    assert staf.counts.total_results == 0 and staf.share.results == 0.0
    assert staf.owns.results == []
    alias = owners["kasubag-umpeg"].owner
    assert alias.known_position is False and alias.alias_of == "kasubag"
    with using("en"):
        lines = render_workload(wl)
    assert lines[0].startswith(f"Owner workload of {CID}: 7 owners; 11 results")
    assert any(line.startswith("staf ") for line in lines)
    assert any("Kasubag Umpeg (not in chart)" in line for line in lines)


def test_workload_only_counts_its_cascade(empty_db, settings):
    db = settings.neo4j_database
    clean_cascade().load(empty_db, db)
    clean_cascade("other", suffix="-o").load(empty_db, db)
    wl = owner_workload(Db(empty_db, db), "other")
    assert sorted(_by_owner(wl)) == ["analis-o", "kabid-o", "kasubag-o", "kepala-o", "sekretaris-o"]
    assert wl.totals.total_results == 11
    with pytest.raises(CascadeNotFound):
        owner_workload(Db(empty_db, db), "no-such-cascade")


def test_concentration_measures():
    assert hhi([1, 1, 1, 1]) == pytest.approx(0.25)
    assert hhi([0, 3]) == pytest.approx(1.0)
    assert hhi([0, 0]) == 0.0
    assert gini([5, 5, 5]) == pytest.approx(0.0)
    assert gini([0, 0, 10]) == pytest.approx(2 / 3)  # the maximum for 3 owners: (n-1)/n
    assert gini([]) == 0.0


def test_seed_workload(empty_db, settings):
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file

    load_cascade(Db(empty_db, settings.neo4j_database), load_cascade_file(SEED_FILE))
    wl = owner_workload(Db(empty_db, settings.neo4j_database), "bkpsdm-pemalang-2025-2029")
    owners = _by_owner(wl)
    assert len(owners) == 10
    assert wl.distinct.results.goal == 1
    assert wl.distinct.units.model_dump() == {
        "goal": 0,
        "strategic": 0,
        "programme": 3,
        "activity": 14,
        "sub_activity": 55,
    }
    assert owners["kepala"].counts.results.goal == 1
    assert owners["kepala"].counts.results.strategic == 3
    assert 0 < wl.spread.concentration.hhi < 1
    assert wl.spread.largest_owners


def test_pokin_workload(empty_db, settings, monkeypatch):
    clean_cascade().load(empty_db, settings.neo4j_database)
    monkeypatch.setenv("NEO4J_URI", settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", settings.neo4j_password.get_secret_value())
    monkeypatch.setenv("NEO4J_DATABASE", settings.neo4j_database)
    monkeypatch.setenv("POKIN_LANG", "en")  # the lines asserted are the English ones
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        table = runner.invoke(app, ["workload"])
        assert table.exit_code == 0, table.output
        assert "Largest share of results: 36.4% (kabid)" in table.output
        as_json = runner.invoke(app, ["workload", "--cascade", CID, "--json"])
        assert as_json.exit_code == 0
        wl = Workload.model_validate(json.loads(as_json.output))
        assert wl.owners[0].owner.id == "kabid"
        assert runner.invoke(app, ["workload", "--cascade", "nope"]).exit_code == 1
    finally:
        get_settings.cache_clear()


def test_a_reader_that_goes_away_is_no_error(seeded_db, settings):
    """``pokin workload | head``: the pipe closed before pokin writes is not a database
    failure; pokin stops quietly."""
    import os
    import subprocess
    import sys

    from tests.conftest import pokin_env

    SEED = "bkpsdm-pemalang-2025-2029"  # noqa: N806
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pokin.cli", "workload", "--cascade", SEED],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **pokin_env(settings)},
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
