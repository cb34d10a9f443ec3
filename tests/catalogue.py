"""The catalogue check: what ``make i18n`` would extract must be translated in Indonesian.

``extract`` runs Babel's own extraction (the Makefile's arguments, ``babel.cfg``) into a
temporary template; ``problems`` compares it with the Indonesian catalogue and its compiled
``.mo``. The ``.mo`` is "older than its .po" when it does not hold the .po's translations: it is
compared by content, since a checkout gives both files the time of the checkout.
"""

from __future__ import annotations

import tempfile
from gettext import GNUTranslations
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE_DIR = ROOT / "core" / "locale"
PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "pokin.po"
MO = PO.with_suffix(".mo")
#: As the Makefile's ``i18n`` target calls ``pybabel extract``.
KEYWORDS = ("N_", "_")
IGNORED_DIRS = ".* ._ tests tools bench"


def extract(root: Path = ROOT, config: Path = ROOT / "babel.cfg") -> Catalog:
    """The msgids of the code and templates under ``root``, as ``make i18n`` extracts them."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "pokin.pot"
        args = ["pybabel", "-q", "extract", "-F", str(config), "--ignore-dirs", IGNORED_DIRS]
        for keyword in KEYWORDS:
            args += ["-k", keyword]
        CommandLineInterface().run([*args, "-o", str(pot), str(root)])
        with pot.open("rb") as f:
            return read_po(f)


def read_catalogue(path: Path = PO) -> Catalog:
    with path.open("rb") as f:
        return read_po(f, locale="id")


def _key(message) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else message.id


def _strings(message) -> tuple[str, ...]:
    s = message.string
    return tuple(s) if isinstance(s, tuple | list) else (s,)


def problems(template: Catalog, po: Catalog, mo: Path | None = MO) -> list[str]:
    """Each msgid of ``template`` missing from ``po``; each entry of ``po`` untranslated or
    fuzzy; and, given ``mo``, each translation of ``po`` the compiled catalogue lacks."""
    found = []
    for message in template:
        if message.id and message.id not in po:
            found.append(f"missing: {_key(message)!r}")
    for message in po:
        if not message.id:
            continue
        if message.fuzzy:
            found.append(f"fuzzy: {_key(message)!r}")
        elif not all(_strings(message)):
            found.append(f"untranslated: {_key(message)!r}")
    if mo is not None:
        with mo.open("rb") as f:
            compiled = GNUTranslations(f)
        for message in po:
            if not message.id or message.fuzzy or not all(_strings(message)):
                continue
            if isinstance(message.id, tuple | list):
                shown = compiled.ngettext(message.id[0], message.id[1], 1)
                wanted = _strings(message)[0]
            else:
                shown, wanted = compiled.gettext(message.id), message.string
            if shown != wanted:
                found.append(f"stale .mo (older than its .po): {_key(message)!r}")
    return found
