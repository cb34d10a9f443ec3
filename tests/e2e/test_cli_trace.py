"""``pokin trace``: an auditor's trace on the command line."""

import json

from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.settings import get_settings


def _run(settings, *args):
    env = {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    }
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(app, list(args), env=env)
    finally:
        get_settings.cache_clear()


def test_trace_prints_every_hop_with_owner_indicator_and_basis(seeded_db, settings):
    result = _run(settings, "trace", "sub-5.03.02.2.02.0001")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "reaches the Goal" in out
    assert "keg-5.03.02.2.02 (Mutasi dan Promosi ASN)" in out
    assert "sub_activity result (Sasaran Sub Kegiatan)" in out
    assert "owner: Kabid Mutasi dan Promosi" in out
    assert "basis subject_and_owner" in out
    assert "goal (Tujuan): Terwujudnya Meritokrasi dalam Manajemen ASN [tujuan]" in out


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
