"""The alignment checks against a real Neo4j: a clean cascade passes every check; each planted
defect is found by its check, exactly, and by nothing else in that check; the seed cascade's
report; ``pokin check``."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from pokin.cli import app
from pokin.core.errors import CascadeNotFound, UnknownCheck
from pokin.graph.checks import CHECKS, checks_of
from pokin.graph.db import Db
from pokin.graph.elements import resolve_cascade
from pokin.graph.models import Report
from pokin.graph.report import run_checks
from pokin.graph.similarity import normalise_name, similar_pairs
from pokin.render import render_report
from tests.e2e.cascade_builder import CascadeBuilder, clean_cascade, indicator
from tests.e2e.test_measurement_checks import MEASUREMENT_CHECKS

pytestmark = pytest.mark.usefixtures("english")  # the messages asserted are the English ones

SEED_ID = "bkpsdm-pemalang-2025-2029"


def _load_and_check(driver, settings, builder: CascadeBuilder, *names: str) -> Report:
    builder.load(driver, settings.neo4j_database)
    return run_checks(Db(driver, settings.neo4j_database), builder.cascade_id, names or None)


def _ids(report: Report, name: str) -> list[str]:
    return [f.id for f in next(c for c in report.checks if c.name == name).findings]


def _detail(report: Report, name: str) -> list[dict]:
    return [f.detail for f in next(c for c in report.checks if c.name == name).findings]


# --- the clean cascade ---------------------------------------------------------------------------


def test_clean_cascade_passes_every_check(empty_db, settings):
    report = _load_and_check(empty_db, settings, clean_cascade())
    # an agency's report runs the cascade checks; the region checks run in a region's report
    assert [c.name for c in report.checks] == list(checks_of("cascade"))
    assert {c.name: c.count for c in report.checks} == dict.fromkeys(checks_of("cascade"), 0)
    assert report.ok
    assert report.summary.failed == 0
    assert report.summary.findings == {"error": 0, "warning": 0, "info": 0}


def test_registry_is_complete_and_documented():
    expected = {
        "orphans": "error",
        "unsupported_targets": "warning",
        "level_skips": "warning",
        "structure_conflicts": "error",
        "cycles": "error",
        "results_without_indicator": "error",
        "indicators_without_formula": "warning",
        "indicators_without_polarity": "warning",
        "repeated_indicators": "warning",
        "truncated_formulas": "warning",
        "results_without_owner": "warning",
        "unknown_owners": "warning",
        "owner_misalignment": "warning",
        "near_duplicate_names": "info",
        "goals_without_rpjmd": "warning",
        "rpjmd_targets_unsupported": "warning",
        "dangling_references": "warning",
        "proposed_crosscutting": "warning",
        "shared_sub_activity_codes": "info",
        "indicators_without_yearly_target": "warning",
        "implausible_realisation": "warning",
        "negative_values": "warning",
        "targets_against_polarity": "warning",
        "missing_quarters": "warning",
        "capaian_above_cap": "info",
        "rollup_disagreement": "warning",
        "results_at_risk": "warning",
    }
    assert {n: c.severity for n, c in CHECKS.items()} == expected
    from pokin.graph.queries import query

    for check in CHECKS.values():
        assert check.explanation and check.title
        text = query(check.query)
        assert text.startswith(f"// {check.query}:"), check.query
        assert "$cascade" in text


# --- one planted defect per check ----------------------------------------------------------------

Plant = Callable[[CascadeBuilder], None]


def _set(eid: str, **fields) -> Plant:
    def plant(b: CascadeBuilder) -> None:
        b.element(eid).update(fields)

    return plant


def _supports(eid: str, *targets: str, key: str = "supports") -> Plant:
    def plant(b: CascadeBuilder) -> None:
        b.element(eid)[key] = [{"to": t, "basis": "source_layout"} for t in targets]

    return plant


def _add_unsupported_strategic(b: CascadeBuilder) -> None:
    b.target("ss-b", "strategic", "tujuan", owners=["kepala"])


def _add_alias_owner(b: CascadeBuilder) -> None:
    # the same position written differently owns at-a1: unknown owner, but aligned (the alias
    # resolves to kabid, who owns pt-a and to whom analis, owner of st-a1a/st-a1b, reports)
    b.owner("kabid-mutasi", "Kabid Mutasi Promosi", known_position=False, alias_of="kabid")
    b.element("at-a1")["owners"] = ["kabid-mutasi"]


def _rename(eid: str, name: str) -> Plant:
    return _set(eid, name=name)


def _near_duplicate(b: CascadeBuilder) -> None:
    first = b.element("sub-a1a")["name"]
    b.element("sub-a1b")["name"] = first.upper().replace(" ", "  ") + "."
    # entered twice: the same nomenclature item (other codes would be official variants)
    b.element("sub-a1b")["code"] = b.element("sub-a1a")["code"]
    # the same name on a result of the same level is not a duplicate: another kind
    b.element("st-a1a")["name"] = first


def _repeated_indicator(b: CascadeBuilder) -> None:
    first = b.element("st-a1b")["indicators"][0]
    again = indicator("ind-st-a1b-2", name=first["name"].upper())
    b.element("st-a1b")["indicators"].append({**again, "target_value": 3, "unit": "dokumen"})


CASES: list[tuple[str, str, Plant, list[str], dict]] = [
    # (case id, check, plant, expected finding ids, detail of the first finding (subset))
    (
        "orphan-chain-broken",
        "orphans",
        _supports("st-b1a"),
        ["st-b1a", "sub-b1a"],
        {"stops_at": ["st-b1a"]},
    ),
    (
        "unsupported-activity-result",
        "unsupported_targets",
        lambda b: b.remove("sub-a2a"),
        ["st-a2a"],
        {"level": "sub_activity", "needs": "a lower result or a unit", "supported_by": []},
    ),
    (
        "unsupported-strategic-target",
        "unsupported_targets",
        _add_unsupported_strategic,
        ["ss-b"],
        {"level": "strategic", "needs": "a programme-level result"},
    ),
    (
        "level-skip",
        "level_skips",
        _supports("st-a2a", "pt-a"),
        ["st-a2a"],
        {"problem": "skip", "supports": "pt-a", "skipped": ["activity"]},
    ),
    (
        "level-inversion",
        "level_skips",
        _supports("at-b1", "pt-b", "at-a1"),
        ["at-b1"],
        {"problem": "inversion", "supports": "at-a1", "from_level": "activity"},
    ),
    (
        "unit-delivers-other-level",
        "level_skips",
        _supports("keg-a2", "at-a2", "pt-a", key="delivers"),
        ["keg-a2"],
        {"problem": "delivery", "supports": "pt-a", "to_level": "programme"},
    ),
    (
        "sub-activity-leaves-its-activity",
        "structure_conflicts",
        _supports("st-a2a", "at-a1"),
        ["sub-a2a"],
        {"part_of": "keg-a2", "result": "st-a2a", "supports": "at-a1", "delivered_by": ["keg-a1"]},
    ),
    (
        "activity-leaves-its-programme",
        "structure_conflicts",
        _supports("at-b1", "pt-a"),
        ["keg-b1"],
        {"part_of": "prog-b", "result": "at-b1", "supports": "pt-a", "delivered_by": ["prog-a"]},
    ),
    (
        "cycle",
        "cycles",
        _supports("pt-b", "ss-a", "at-b1"),
        ["at-b1"],
        {"cycle": ["at-b1", "pt-b", "at-b1"]},
    ),
    (
        "result-without-indicator",
        "results_without_indicator",
        _set("at-a2", indicators=[]),
        ["at-a2"],
        {"level": "activity"},
    ),
    (
        "indicator-without-formula",
        "indicators_without_formula",
        _set("ind-st-a1b", formula=None, formula_raw=None),
        ["ind-st-a1b"],
        {"of": "st-a1b"},
    ),
    (
        "indicator-without-polarity",
        "indicators_without_polarity",
        _set("ind-at-b1", polarity=None),
        ["ind-at-b1"],
        {"of": "at-b1"},
    ),
    (
        "truncated-formula",
        "truncated_formulas",
        _set("ind-pt-a", formula="Jumlah ASN dibagi (kumulatif dari", formula_truncated=True),
        ["ind-pt-a"],
        {"of": "pt-a", "formula": "Jumlah ASN dibagi (kumulatif dari"},
    ),
    (
        "result-without-owner",
        "results_without_owner",
        _set("st-a1a", owners=[]),
        ["st-a1a"],
        {"level": "sub_activity"},
    ),
    (
        "unknown-owner-alias",
        "unknown_owners",
        _add_alias_owner,
        ["kabid-mutasi"],
        {"alias_of": "kabid", "alias_title": "Kabid Mutasi dan Promosi", "owns": 1},
    ),
    (
        "owner-misalignment",
        "owner_misalignment",
        _set("st-b1a", owners=["analis"]),
        ["st-b1a"],
        {
            "owner": "analis",
            "supports": "at-b1",
            "supported_owners": ["kasubag"],
            "owner_chain": ["kabid", "kepala"],
        },
    ),
    (
        "repeated-indicator",
        "repeated_indicators",
        _repeated_indicator,
        ["st-a1b"],
        {"indicator": "Persentase capaian ind-st-a1b"},
    ),
    (
        "near-duplicate-names",
        "near_duplicate_names",
        _near_duplicate,
        ["sub-a1a"],
        {"similar_to": "sub-a1b", "similarity": 1.0, "level": "sub_activity"},
    ),
]


@pytest.mark.parametrize(
    "check,plant,expected,detail", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_planted_defect_is_found_exactly(empty_db, settings, check, plant, expected, detail):
    builder = clean_cascade()
    plant(builder)
    report = _load_and_check(empty_db, settings, builder)
    assert _ids(report, check) == expected
    first = _detail(report, check)[0]
    assert {k: first[k] for k in detail} == detail
    result = next(c for c in report.checks if c.name == check)
    assert result.count == len(expected)
    assert all(f.message for f in result.findings)
    assert report.ok == (not any(c.count for c in report.checks if c.severity == "error"))


def test_alias_resolution_keeps_owner_alignment(empty_db, settings):
    """The unknown owner of at-a1 is an alias of kabid: the owners of st-a1a/st-a1b (analis,
    reports to kabid) and at-a1 itself (= kabid, owner of pt-a) are all aligned."""
    builder = clean_cascade()
    _add_alias_owner(builder)
    report = _load_and_check(empty_db, settings, builder)
    assert _ids(report, "owner_misalignment") == []
    assert [c.name for c in report.checks if c.count] == ["unknown_owners"]


def test_findings_carry_context(empty_db, settings):
    builder = clean_cascade()
    _set("ind-st-a1b", formula=None, formula_raw=None)(builder)
    _supports("st-a2a", "at-a1")(builder)
    report = _load_and_check(
        empty_db, settings, builder, "indicators_without_formula", "structure_conflicts"
    )
    # in registry order, whatever the order asked
    assert [c.name for c in report.checks] == ["structure_conflicts", "indicators_without_formula"]
    ind = report.checks[1].findings[0]
    assert (ind.kind, ind.level) == ("indicator", "sub_activity")
    assert ind.name == "Persentase capaian ind-st-a1b"
    assert [o.id for o in ind.owners] == ["analis"]
    assert [p.id for p in ind.programmes] == ["prog-a"]
    unit = report.checks[0].findings[0]
    assert (unit.id, unit.kind, unit.level, unit.code) == (
        "sub-a2a",
        "sub_activity",
        "sub_activity",
        "5.03.02.2.02.0001",
    )
    assert [o.id for o in unit.owners] == ["kabid"]  # through the result it delivers
    assert [p.id for p in unit.programmes] == ["prog-a"]
    assert "part of keg-a2" in unit.message and "keg-a1" in unit.message
    assert not report.ok  # structure_conflicts is an error


def test_orphan_loop_without_a_dead_end(empty_db, settings):
    """A programme result that only supports an activity result of its own programme: its
    chain goes round and never ends; orphans says so, cycles names the loop."""
    builder = clean_cascade()
    _supports("pt-b", "at-b1")(builder)
    report = _load_and_check(empty_db, settings, builder, "orphans", "cycles")
    assert _ids(report, "orphans") == ["at-b1", "keg-b1", "prog-b", "pt-b", "st-b1a", "sub-b1a"]
    assert all(d["stops_at"] == [] for d in _detail(report, "orphans"))
    assert "cycle" in report.checks[0].findings[0].message
    assert _detail(report, "cycles") == [{"cycle": ["at-b1", "pt-b", "at-b1"]}]


def test_checks_only_look_at_their_cascade(empty_db, settings):
    """Two cascades in one database: a defect in one is not reported for the other."""
    broken = clean_cascade("broken", suffix="-x")
    _supports("st-b1a-x")(broken)
    broken.load(empty_db, settings.neo4j_database)
    report = _load_and_check(empty_db, settings, clean_cascade("clean"))
    assert report.ok and report.summary.failed == 0
    other = run_checks(Db(empty_db, settings.neo4j_database), "broken", ["orphans"])
    assert _ids(other, "orphans") == ["st-b1a-x", "sub-b1a-x"]


def test_subset_unknown_check_and_unknown_cascade(empty_db, settings):
    clean_cascade().load(empty_db, settings.neo4j_database)
    db = settings.neo4j_database
    report = run_checks(Db(empty_db, db), "test-cascade", ["cycles", "orphans", "cycles"])
    assert [c.name for c in report.checks] == ["orphans", "cycles"]
    with pytest.raises(UnknownCheck, match="nope"):
        run_checks(Db(empty_db, db), "test-cascade", ["nope"])
    with pytest.raises(CascadeNotFound):
        run_checks(Db(empty_db, db), "no-such-cascade")
    assert resolve_cascade(Db(empty_db, db)) == "test-cascade"
    assert resolve_cascade(Db(empty_db, db), "test-cascade") == "test-cascade"
    with pytest.raises(CascadeNotFound):
        resolve_cascade(Db(empty_db, db), "no-such-cascade")


def test_no_cascade_loaded(empty_db, settings):
    with pytest.raises(CascadeNotFound, match="no cascade is loaded"):
        resolve_cascade(Db(empty_db, settings.neo4j_database))


def test_generated_cascade_has_its_planted_defects(empty_db, settings):
    """bench/gen_cascade.py plants per_kind defects of every kind: the checks find exactly
    those (an orphan result takes its sub-activity with it; a planted cycle is also an
    inversion)."""

    from pokin.graph.loader import load_cascade
    from pokin.seed import dump_yaml, parse_cascade
    from pokin.seed.generate import generate

    cascade = parse_cascade(dump_yaml(generate(3, per_kind=2)), "gen")
    load_cascade(Db(empty_db, settings.neo4j_database), cascade)
    report = run_checks(Db(empty_db, settings.neo4j_database), cascade.cascade.id)
    expected = dict.fromkeys(checks_of("cascade"), 2) | {"orphans": 4, "level_skips": 4}
    # the generator writes no targets or realisation: the measurement checks find nothing
    # there (tests/e2e/test_measurement_checks.py plants their defects)
    expected |= dict.fromkeys((*MEASUREMENT_CHECKS, "rollup_disagreement", "results_at_risk"), 0)
    assert {c.name: c.count for c in report.checks} == expected


# --- near-duplicate similarity (pure Python) -----------------------------------------------------


def test_normalise_name():
    text = "  Pengadaan  Mebel, (Peralatan)–Mesín "
    assert normalise_name(text) == "pengadaan mebel peralatan mesin"


def test_similar_pairs_finds_near_duplicates_only():
    names = {
        "a": "Penilaian dan Evaluasi Kinerja Aparatur",
        "b": "Penilaian dan  Evaluasi Kinerja Aparatur.",  # same after normalising
        "c": "Penilaian dan Evaluasi Kinerja Aparatur Daerah",  # near
        "d": "Mutasi dan Promosi ASN",
        "e": "Pengadaan Mebel",
    }
    pairs = {(a, b): s for a, b, s in similar_pairs(names)}
    assert set(pairs) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert pairs[("a", "b")] == 1.0
    assert 0.8 <= pairs[("a", "c")] < 1.0


def test_similar_pairs_agrees_with_brute_force():
    """Prefix filtering finds exactly the pairs an all-pairs comparison finds."""
    import itertools
    import random

    from pokin.graph.similarity import jaccard, trigrams

    rng = random.Random(7)
    words = "pengelolaan data asn jabatan kinerja evaluasi mutasi layanan dokumen".split()
    names = {f"n{i}": " ".join(rng.choices(words, k=rng.randint(2, 5))) for i in range(150)}
    sets = {k: trigrams(normalise_name(v)) for k, v in names.items()}
    for threshold in (0.5, 0.8):
        brute = {
            tuple(sorted((a, b)))
            for a, b in itertools.combinations(names, 2)
            if jaccard(sets[a], sets[b]) >= threshold
        }
        assert {(a, b) for a, b, _ in similar_pairs(names, threshold)} == brute


# --- the seed cascade ----------------------------------------------------------------------------


@pytest.fixture
def seed_db(empty_db, settings):
    from pokin.graph.loader import load_cascade
    from pokin.seed import SEED_FILE, load_cascade_file

    load_cascade(Db(empty_db, settings.neo4j_database), load_cascade_file(SEED_FILE))
    return empty_db


def test_seed_report(seed_db, settings):
    """The seed cascade holds together (no errors); its findings are the source's own gaps."""
    report = run_checks(Db(seed_db, settings.neo4j_database), SEED_ID)
    counts = {c.name: c.count for c in report.checks}
    for name in (
        "orphans",
        "unsupported_targets",
        "level_skips",
        "structure_conflicts",
        "cycles",
        "results_without_indicator",
        "results_without_owner",
        "owner_misalignment",
    ):
        assert counts[name] == 0, (name, _ids(report, name))
    assert report.ok
    # the source cuts off the formula of the competence-mapping programme result
    assert "ind-pt-terpetakan-kompetensi" in _ids(report, "truncated_formulas")
    # one owner title is not a position of the chart; it most likely means the Kabid PEKA
    assert _ids(report, "unknown_owners") == ["kabid-disiplin-kinerja"]
    assert _detail(report, "unknown_owners")[0]["alias_of"] == "kabid-penilaian-evaluasi-kinerja"
    # many kegiatan indicators have no formula and many sub-kegiatan ones no polarity
    assert counts["indicators_without_formula"] > 0
    assert counts["indicators_without_polarity"] > 0
    lines = render_report(report)
    checks = len(checks_of("cascade"))
    assert lines[0].startswith(f"Alignment report of {SEED_ID}: {checks} checks, 0 error(s)")


# --- pokin check ---------------------------------------------------------------------------------


def test_pokin_check_clean_exits_zero(empty_db, settings, cli_env):
    clean_cascade().load(empty_db, settings.neo4j_database)
    result = cli_env.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    checks = len(checks_of("cascade"))
    assert f"Alignment report of test-cascade: {checks} checks, 0 error(s)" in result.output
    assert "orphans" in result.output


def test_pokin_check_errors_exit_one_with_json(empty_db, settings, cli_env):
    builder = clean_cascade()
    _supports("st-b1a")(builder)  # an orphan chain: error
    builder.load(empty_db, settings.neo4j_database)
    result = cli_env.invoke(app, ["check", "--cascade", "test-cascade", "--json"])
    assert result.exit_code == 1
    report = Report.model_validate(json.loads(result.output))
    assert not report.ok
    assert _ids(report, "orphans") == ["st-b1a", "sub-b1a"]
    table = cli_env.invoke(app, ["check"])
    assert table.exit_code == 1
    assert "[error] orphans: 2 finding(s)" in table.output
    assert "sub-b1a" in table.output


def test_pokin_check_subset_and_bad_input(empty_db, settings, cli_env):
    builder = clean_cascade()
    _supports("st-b1a")(builder)
    builder.load(empty_db, settings.neo4j_database)
    only = cli_env.invoke(app, ["check", "--check", "cycles", "--check", "unknown_owners"])
    assert only.exit_code == 0, only.output  # the orphans are not looked for
    assert "2 checks" in only.output
    assert cli_env.invoke(app, ["check", "--check", "nope"]).exit_code == 2
    missing = cli_env.invoke(app, ["check", "--cascade", "nope"])
    assert missing.exit_code == 1  # not found (README: exit codes)
