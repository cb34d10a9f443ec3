"""``pokin trace``: an auditor's trace on the command line."""

import json

from tests.conftest import run_pokin as _run


def test_trace_prints_every_hop_with_owner_indicator_and_basis(seeded_db, settings):
    result = _run(settings, "trace", "sub-5.03.02.2.02.0001")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "reaches the Goal" in out
    assert "keg-5.03.02.2.02 (Mutasi dan Promosi ASN)" in out
    assert "Sub-activity result (Sasaran Sub Kegiatan)" in out
    assert "owner: Kabid Mutasi dan Promosi" in out
    assert "basis subject_and_owner" in out
    assert "Goal (Tujuan): Terwujudnya Meritokrasi dalam Manajemen ASN [tujuan]" in out


def test_trace_json_and_unknown_id(seeded_db, settings):
    result = _run(settings, "trace", "sub-5.03.02.2.02.0001", "--json")
    body = json.loads(result.output)
    assert body["reaches_goal"] is True and body["paths"][0]["hops"][-1]["id"] == "tujuan"
    missing = _run(settings, "trace", "no-such-id")
    assert missing.exit_code == 1  # not found (README: exit codes)
    assert "no-such-id" in missing.output


def test_commands_say_clearly_when_the_database_does_not_answer(settings):
    from pokin.graph.local_server import free_port

    dead = settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}"})
    for args in (["check"], ["workload"], ["trace", "tujuan"], ["load"]):
        result = _run(dead, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "not reachable" in result.output, args
