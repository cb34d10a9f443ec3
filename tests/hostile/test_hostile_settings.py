"""A careless operator's settings: each bad value is one line naming the variable, exit 2;
empty and comma-separated CORS origins work; ``pokin config`` output round-trips."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import one_line, pokin


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("POKIN_PORT", "abc"),
        ("POKIN_PORT", "70000"),
        ("POKIN_QUERY_TIMEOUT", "-1"),
        ("POKIN_QUERY_TIMEOUT", "abc"),
        ("POKIN_QUERY_TIMEOUT", "nan"),
        ("POKIN_QUERY_TIMEOUT", "inf"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(settings, name, value):
    for command in (["config"], ["check"]):
        result = pokin(settings, *command, **{name: value})
        assert result.returncode == 2, result.stderr
        assert name in one_line(result.stderr)


def test_cors_origins_empty_or_comma_separated(settings):
    empty = pokin(settings, "config", POKIN_CORS_ORIGINS="")
    assert empty.returncode == 0, empty.stderr
    assert "POKIN_CORS_ORIGINS=\n" in empty.stdout.decode()
    two = pokin(settings, "config", POKIN_CORS_ORIGINS="https://a.example, https://b.example")
    assert "POKIN_CORS_ORIGINS=https://a.example,https://b.example" in two.stdout.decode()


def test_config_output_round_trips_as_environment(settings):
    first = pokin(settings, "config", "--show-secrets", POKIN_CORS_ORIGINS="https://a.example")
    assert first.returncode == 0, first.stderr
    env = dict(line.split("=", 1) for line in first.stdout.decode().splitlines())
    again = pokin(settings, "config", "--show-secrets", **env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_output_files_that_cannot_be_written(tmp_path, seeded_db, settings):
    for target in (tmp_path / "missing" / "x.html", tmp_path, "/dev/full"):
        result = pokin(
            settings,
            "graph",
            "cascade",
            "-o",
            str(target),
            POKIN_DEFAULT_CASCADE="bkpsdm-pemalang-2025-2029",
        )
        assert result.returncode == 2, (target, result.stderr)
        assert "cannot write" in one_line(result.stderr)
