"""Every text of the code and templates is in the Indonesian catalogue, translated, not fuzzy,
and compiled (``tests.catalogue``); and the check sees each kind of defect planted alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from tests.catalogue import MO, PO, ROOT, extract, problems, read_catalogue


@pytest.fixture(scope="module")
def template():
    return extract()


def test_the_catalogue_has_every_text_translated_and_compiled(template):
    assert len(template) > 50  # the extraction found the code's and templates' texts
    assert "Glossary" in template and "Goal (Tujuan)" in template
    assert problems(template, read_catalogue()) == []


def _planted_tree(tmp_path: Path, relative: str, text: str) -> Path:
    """A tree with babel.cfg and one planted file."""
    shutil.copy(ROOT / "babel.cfg", tmp_path / "babel.cfg")
    planted = tmp_path / relative
    planted.parent.mkdir(parents=True)
    planted.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("relative", "text"),
    [
        ("api/templates/planted.html", '<p>{{ _("Summary") }} {{ _("A planted sentence") }}</p>'),
        (
            "graph/planted.py",
            'from pokin.core.i18n import _\n\nX = (_("Summary"), _("A planted sentence"))\n',
        ),
    ],
)
def test_a_text_missing_from_the_catalogue_is_found(tmp_path, relative, text):
    root = _planted_tree(tmp_path, relative, text)
    planted = extract(root, root / "babel.cfg")
    assert problems(planted, read_catalogue(), mo=None) == ["missing: 'A planted sentence'"]


def _catalogue_with(tmp_path: Path, change) -> Path:
    po = read_catalogue()
    change(po)
    path = tmp_path / "pokin.po"
    with path.open("wb") as f:
        write_po(f, po)
    return path


def test_an_untranslated_entry_is_found(tmp_path, template):
    def untranslate(po):
        po["Glossary"].string = ""

    po = read_catalogue(_catalogue_with(tmp_path, untranslate))
    assert problems(template, po, mo=None) == ["untranslated: 'Glossary'"]


def test_a_fuzzy_entry_is_found(tmp_path, template):
    def fuzz(po):
        po["Glossary"].flags.add("fuzzy")

    po = read_catalogue(_catalogue_with(tmp_path, fuzz))
    assert problems(template, po, mo=None) == ["fuzzy: 'Glossary'"]


def test_a_mo_older_than_its_po_is_found(tmp_path, template):
    old = read_catalogue()
    mo = tmp_path / "pokin.mo"
    with mo.open("wb") as f:
        write_mo(f, old)
    assert problems(template, old, mo) == []  # compiled from this .po: up to date

    def retranslate(po):
        po["Glossary"].string = "Daftar istilah"

    newer = read_catalogue(_catalogue_with(tmp_path, retranslate))
    assert problems(template, newer, mo) == ["stale .mo (older than its .po): 'Glossary'"]


def test_the_compiled_catalogue_ships_as_package_data():
    from pokin.core.i18n import catalogue_path

    assert catalogue_path("id").is_file()
    assert Path(str(catalogue_path("id"))).resolve() == MO.resolve()
    assert PO.is_file()
