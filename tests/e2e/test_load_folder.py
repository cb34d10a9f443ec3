"""``pokin load DIR``: a region in one command, all or nothing, against the real Neo4j.

The generated region (``pokin.seed.generate_region``: 41 files) loads in one process and one
transaction; a bad file among good ones leaves the database unchanged and is named;
``--region`` sets the region of agency cascades that name none; a re-load that would merge
into stored cascades is refused unless ``--replace`` or ``--merge`` says what to do.
"""

from __future__ import annotations

import copy

from pokin.seed import SEED_FILE
from pokin.seed.generate_region import REGION, REGION_NAME, generate_region, write_region
from tests.conftest import run_pokin
from tests.e2e.cascade_builder import clean_cascade
from tests.e2e.test_loader import snapshot


def _cascades(driver, database) -> dict[str, tuple[str | None, str | None]]:
    records, _, _ = driver.execute_query(
        "MATCH (c:Cascade) RETURN c.id AS id, c.region AS region, c.region_name AS name",
        database_=database,
    )
    return {r["id"]: (r["region"], r["name"]) for r in records}


def _node_count(driver, database) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    return records[0]["n"]


def test_a_region_folder_loads_in_one_command_and_a_reload_is_refused(empty_db, settings, tmp_path):
    db = settings.neo4j_database
    region = generate_region(40)
    region.files = copy.deepcopy(region.files)
    for data in region.agencies:  # the agencies name no region: --region gives it
        data["cascade"].pop("region", None)
        data["cascade"].pop("region_name", None)
    paths = write_region(tmp_path / "contoh", region)
    assert len(paths) == 41

    result = run_pokin(
        settings, "load", tmp_path / "contoh", "--region", REGION, "--region-name", REGION_NAME
    )
    assert result.exit_code == 0, result.output
    stored = _cascades(empty_db, db)
    assert len(stored) == 41
    assert set(stored.values()) == {(REGION, REGION_NAME)}
    assert "loaded 41 cascades" in result.output
    assert result.output.count("read ") >= 41  # one progress line per file
    assert f"read 41/41 {max(p.name for p in paths)}: " in result.output

    # loading it again would merge: refused, naming --replace, and nothing changes
    before = snapshot(empty_db, db)
    again = run_pokin(settings, "load", tmp_path / "contoh", "--region", REGION)
    assert again.exit_code == 2
    assert "--replace" in again.output and "--merge" in again.output
    assert "nothing was changed" in again.output
    assert snapshot(empty_db, db) == before
    merged = run_pokin(
        settings,
        "load",
        tmp_path / "contoh",
        "--merge",
        "--region",
        REGION,
        "--region-name",
        REGION_NAME,
    )
    assert merged.exit_code == 0, merged.output
    assert snapshot(empty_db, db) == before  # an upsert of the same files changes nothing


def test_one_bad_file_among_good_ones_writes_nothing_and_is_named(empty_db, settings, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-seed.yaml").write_bytes(SEED_FILE.read_bytes())
    (folder / "b-clean.yaml").write_text(clean_cascade("contoh-b-2025-2029").yaml())
    (folder / "c-broken.yaml").write_text("cascade: [not a cascade\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")

    result = run_pokin(settings, "load", folder)
    assert result.exit_code == 2
    assert "c-broken.yaml" in result.output
    assert "a-seed.yaml" not in result.output.split("error:", 1)[1]  # only the bad file
    assert _node_count(empty_db, settings.neo4j_database) == 0


def test_a_file_naming_another_region_is_refused(empty_db, settings, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    other = clean_cascade("contoh-c-2025-2029")
    other.data["cascade"]["region"] = "kota-lain"
    (folder / "other.yaml").write_text(other.yaml(), encoding="utf-8")
    (folder / "clean.yaml").write_text(clean_cascade("contoh-d-2025-2029").yaml())

    result = run_pokin(settings, "load", folder, "--region", REGION)
    assert result.exit_code == 2
    assert "other.yaml" in result.output and "'kota-lain'" in result.output
    assert _node_count(empty_db, settings.neo4j_database) == 0


def test_a_long_problem_list_ends_with_the_true_count_and_no_cut_line(empty_db, settings, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    total = 150
    for i in range(total):
        (folder / f"bad-{i:03d}.yaml").write_text("cascade: [not a cascade\n", encoding="utf-8")

    result = run_pokin(settings, "load", folder)
    assert result.exit_code == 2
    error = result.stderr.split("error: ", 1)[1].splitlines()
    *problems, tail, count = error
    assert count == f"{total} problem(s) in all; nothing was loaded"
    shown = len(problems)
    assert 0 < shown < total
    assert tail == f"... and {total - shown} more problems"  # ngettext: the plural
    whole = {line.split(": ", 1)[1] for line in problems}  # every line ends as the first does
    assert len(whole) == 1 and all(line.startswith(str(folder)) for line in problems)
    assert _node_count(empty_db, settings.neo4j_database) == 0


def test_a_csv_folder_is_still_one_cascade(empty_db, settings, tmp_path):
    from pokin.seed import load_cascade_file
    from pokin.seed.formats import write_path

    write_path(load_cascade_file(SEED_FILE), "csv", tmp_path / "tables")
    result = run_pokin(settings, "load", tmp_path / "tables")
    assert result.exit_code == 0, result.output
    assert "SubActivity: 55" in result.output
    assert list(_cascades(empty_db, settings.neo4j_database)) == ["bkpsdm-pemalang-2025-2029"]


def test_a_reload_of_one_file_is_refused_without_replace_or_merge(empty_db, settings):
    first = run_pokin(settings, "load")
    assert first.exit_code == 0, first.output
    before = snapshot(empty_db, settings.neo4j_database)
    again = run_pokin(settings, "load")
    assert again.exit_code == 2 and "--replace" in again.output
    assert snapshot(empty_db, settings.neo4j_database) == before
    both = run_pokin(settings, "load", "--replace", "--merge")
    assert both.exit_code == 2 and "not both" in both.output


def test_region_sets_every_agency_of_a_multi_agency_export(empty_db, settings, tmp_path):
    from tests.unit.test_formats_csv import SIPD

    path = tmp_path / "sipd.csv"
    path.write_text(SIPD, encoding="utf-8")
    result = run_pokin(settings, "load", path, "--region", "kota-contoh")
    assert result.exit_code == 0, result.output
    stored = _cascades(empty_db, settings.neo4j_database)
    assert len(stored) == 2 and set(stored.values()) == {("kota-contoh", None)}
    assert "loaded 2 cascades" in result.output

    bad = run_pokin(settings, "load", path, "--merge", "--region", "Not An Id!")
    assert bad.exit_code == 2 and "--region 'Not An Id!'" in bad.output
    assert _cascades(empty_db, settings.neo4j_database) == stored


def test_two_files_of_one_cascade_are_refused(empty_db, settings, tmp_path):
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.yaml").write_bytes(SEED_FILE.read_bytes())
    (folder / "b.yaml").write_bytes(SEED_FILE.read_bytes())
    result = run_pokin(settings, "load", folder)
    assert result.exit_code == 2
    assert "several files hold cascade bkpsdm-pemalang-2025-2029" in result.output
    assert _node_count(empty_db, settings.neo4j_database) == 0
