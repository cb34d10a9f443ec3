"""``pokin --help`` speaks the command line's language (POKIN_LANG, else the POSIX locale,
else Indonesian): pokin's own help texts, also those made from the registries (the formats of
``--format``); the app is built with the msgids, so asking in one language leaves the next
answer in its own."""

from __future__ import annotations

from typer.testing import CliRunner

from pokin.cli import app
from pokin.core.i18n import current


def _help(*args: str, lang: str | None) -> str:
    env = {"POKIN_LANG": lang, "COLUMNS": "200"} if lang else {"COLUMNS": "200"}
    result = CliRunner().invoke(app, [*args, "--help"], env=env)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").split())  # the panels' wrapping aside


def test_pokin_help_is_indonesian_by_default_and_english_on_request():
    indonesian = _help(lang="id")
    assert "pokin: pohon kinerja sebagai graf Neo4j." in indonesian
    assert "Jalankan pemeriksaan keselarasan dan cetak laporannya." in indonesian
    assert "performance cascades" not in indonesian
    english = _help(lang="en")
    assert "pokin: performance cascades as a Neo4j graph." in english
    assert "Run the alignment checks and print the report." in english
    assert "pohon kinerja sebagai graf" not in english
    assert current() == "id"  # asking changed no one's language


def test_an_option_made_from_the_formats_registry_is_said_in_the_language():
    indonesian = _help("load", lang="id")
    assert "jadikan pohon kinerja yang sudah tersimpan sama persis dengan berkas" in indonesian
    assert "sipd: ekspor datar bergaya SIPD" in indonesian
    assert "(bawaan: menurut ekstensi berkas, jika tidak menurut isinya)" in indonesian
    english = _help("load", lang="en")
    assert "sipd: a flat SIPD-style export (one cascade per agency)" in english
    assert "(default: by the file's extension, else by its content)" in english


def test_a_sub_command_group_speaks_the_language_too():
    assert "Hentikan Neo4j lokal dengan rapi." in _help("neo4j", lang="id")
    assert "Stop the local Neo4j cleanly." in _help("neo4j", lang="en")
