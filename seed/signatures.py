"""The texts a document's user gives and pokin never invents: the place and date of signing,
the letterhead (kop), the footer's notes and who signs (position, name, NIP). They come from
command-line options or a small YAML settings file (``pokin export --signatures FILE``, the
explorer's form); a blank field prints as a blank line to fill by hand, never as a made-up
name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pokin.core.errors import Invalid
from pokin.core.i18n import _
from pokin.seed.schema import CascadeValidationError, _screen, read_text_file

#: A settings file is a few lines; anything larger is not one.
MAX_SETTINGS_BYTES = 64 * 1024
_TEXT = 300


class Signatory(BaseModel):
    """One person who signs: the position (jabatan), name, rank (pangkat/golongan) and NIP."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    position: str = Field("", max_length=_TEXT)
    name: str = Field("", max_length=_TEXT)
    rank: str = Field("", max_length=_TEXT)
    nip: str = Field("", max_length=40)


class Signatures(BaseModel):
    """What a document prints around its table: ``signatory`` signs (the agency head for the
    Renja evaluation, the owner for a Perjanjian Kinerja), ``superior`` is a Perjanjian
    Kinerja's second party; ``letterhead`` the kop's lines, ``footer`` the notes under the
    table."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    place: str = Field("", max_length=_TEXT)
    #: printed as given (``2 Januari 2026``): the date of signing is the user's, not today's
    date: str = Field("", max_length=_TEXT)
    letterhead: list[str] = Field([], max_length=8)
    footer: list[str] = Field([], max_length=20)
    signatory: Signatory = Signatory()
    superior: Signatory = Signatory()

    def merged(self, **given: Any) -> Signatures:
        """These settings with the options a user gave on top (``None`` keeps the file's)."""
        data = self.model_dump()
        for key, value in given.items():
            if value is None:
                continue
            if "." in key:
                who, field = key.split(".", 1)
                data[who][field] = value
            else:
                data[key] = value
        return Signatures.model_validate(data)


def read_signatures(path: str | Path) -> Signatures:
    """The settings file at ``path`` (YAML: ``place``, ``date``, ``letterhead``, ``footer``,
    ``signatory`` and ``superior`` with ``position``, ``name``, ``rank``, ``nip``), read with
    the cascade files' limits (size, no aliases, depth). Raises ``Invalid`` naming the file and
    the field."""
    text = read_text_file(path, MAX_SETTINGS_BYTES)
    try:
        data, _duplicates = _screen(text, str(path))
    except CascadeValidationError as exc:
        raise Invalid(str(exc)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise Invalid(_("%(file)s: expected a mapping of settings") % {"file": path})
    try:
        return Signatures.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(file)"
        raise Invalid(
            _("%(file)s: %(field)s: %(reason)s")
            % {"file": path, "field": field, "reason": err["msg"]}
        ) from None
