"""pokin's languages: Bahasa Indonesia by default, English on request.

The texts of code and templates are English msgids; the Indonesian texts live in the gettext
catalogue ``core/locale/id/LC_MESSAGES/pokin.po`` (compiled to ``pokin.mo``, shipped as package
data; ``make i18n`` extracts, updates and compiles it). English needs no catalogue: its text is
the msgid itself. The current locale is a ContextVar, so each request (``pokin.api.locale``) and
the command line (``command_line_locale``) set their own; numbers, percentages, money and dates
are formatted by Babel for that locale.

Choosing the language of a request (``negotiate``): ``?lang=`` first, then the ``pokin_lang``
cookie, then ``Accept-Language``, else Indonesian. A header that is exactly a browser's factory
default (``en-US``, or ``en-US,en;q=0.9``) is no choice of its users': pokin's users are
Indonesian civil servants, many of whose browsers were never set, so Indonesian stays. Any other
header that prefers English (``en``, ``en-GB``, ``en-US,en;q=0.9,id;q=0.5`` set by hand, ...)
is an explicit choice and gives English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from gettext import GNUTranslations, NullTranslations
from importlib.resources import files
from typing import Literal

from babel import dates, negotiate_locale, numbers

Locale = Literal["id", "en"]
LOCALES: tuple[Locale, ...] = ("id", "en")
DEFAULT: Locale = "id"
#: The cookie that keeps a visitor's choice.
COOKIE = "pokin_lang"
DOMAIN = "pokin"

_current: ContextVar[Locale] = ContextVar("pokin_locale", default=DEFAULT)

#: Accept-Language headers that browsers send before anyone chose a language (see above).
_FACTORY_DEFAULTS = {("en-us",), ("en-us", "en")}


def catalogue_path(locale: str):
    """Where the compiled catalogue of ``locale`` is installed (package data)."""
    return files("pokin.core") / "locale" / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def translations(locale: str) -> NullTranslations:
    """The catalogue of ``locale``; English (the msgids) needs none."""
    if locale == "en":
        return NullTranslations()
    with catalogue_path(locale).open("rb") as mo:
        return GNUTranslations(mo)


def current() -> Locale:
    return _current.get()


def set_locale(locale: str):
    """Make ``locale`` current in this context (a token for ``reset_locale``)."""
    return _current.set(as_locale(locale) or DEFAULT)


def reset_locale(token) -> None:
    _current.reset(token)


@contextmanager
def using(locale: str) -> Iterator[Locale]:
    """Run a block in ``locale`` (tests, a standalone export in the asker's language)."""
    token = set_locale(locale)
    try:
        yield current()
    finally:
        reset_locale(token)


def gettext(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it (translated where shown)."""
    return message


def as_locale(value: str | None) -> Locale | None:
    """``"id"``, ``"en"`` from a tag such as ``"en"``, ``"EN-gb"``, ``"id_ID.UTF-8"``; else None."""
    if not value:
        return None
    language = value.replace("_", "-").split(".")[0].split("-")[0].strip().lower()
    return language if language in LOCALES else None  # type: ignore[return-value]


def _accepted(header: str) -> list[str]:
    """The language tags of an Accept-Language header, the most wanted first (q=0 dropped)."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag.strip() and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _q, _p, tag in sorted(weighted)]


def from_accept_language(header: str | None) -> Locale | None:
    """The locale an Accept-Language header asks for, None for none of ours or a browser's
    factory default (Indonesian stays)."""
    tags = _accepted(header or "")
    if not tags or tuple(t.lower() for t in tags) in _FACTORY_DEFAULTS:
        return None
    return as_locale(negotiate_locale(tags, LOCALES, sep="-"))


def negotiate(
    query: str | None, cookie: str | None = None, accept_language: str | None = None
) -> Locale:
    """A request's locale: ``?lang=``, the cookie, Accept-Language, else Indonesian."""
    return as_locale(query) or as_locale(cookie) or from_accept_language(accept_language) or DEFAULT


def command_line_locale(environ: Mapping[str, str]) -> Locale:
    """The command line's locale: ``POKIN_LANG``, then the POSIX locale variables in their
    order of precedence; Indonesian when none names one of ours (``C``, ``POSIX``, unset)."""
    for name in ("POKIN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:  # the first one set decides, as in POSIX
            return as_locale(value) or DEFAULT
    return DEFAULT


Number = int | float | Decimal


def number(value: Number | None, digits: int | None = None) -> str:
    """``1.234,5`` (id), ``1,234.5`` (en); ``digits`` fixes the decimals shown."""
    if value is None:
        return ""
    if digits is None:
        return numbers.format_decimal(value, locale=current())
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return numbers.format_decimal(value, format=pattern, locale=current())


#: The percent pattern by locale: Indonesian writes a space before the sign (``75,5 %``).
_PERCENT = {"id": "#,##0.#\u00a0%", "en": "#,##0.#%"}


def percent(value: Number | None) -> str:
    """A percentage given in percent: 75.5 is ``75,5 %`` (id), ``75.5%`` (en); at most one
    decimal."""
    if value is None:
        return ""
    return numbers.format_percent(
        Decimal(str(value)) / 100, format=_PERCENT[current()], locale=current()
    )


def money(value: Number | None) -> str:
    """Rupiah as budgets show them, whole: ``Rp 12.277.627.611`` (id), ``IDR 12,277,627,611``
    (en)."""
    if value is None:
        return ""
    return numbers.format_currency(
        value, "IDR", format="¤\u00a0#,##0", currency_digits=False, locale=current()
    )


def date(value: dt.date | dt.datetime | str | None, format: str = "long") -> str:
    """``2 Desember 2026`` (id), ``December 2, 2026`` (en); ISO strings are read first."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return dates.format_date(value, format=format, locale=current())
