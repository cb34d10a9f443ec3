"""Nomenclature codes as people type them (Kepmendagri 050-5889/2021, docs/domain.md).

A sub-activity code ends in four digits (``5.03.02.2.02.0001``); exports of the Permendagri
90/2019 era write the same item with two (``5.03.02.2.02.01``). Cascades store the code as
their source wrote it, so a lookup asks for every form of what was typed.
"""

from __future__ import annotations

import re

_SUB_ACTIVITY = re.compile(r"^(\d\.\d{2}\.\d{2}\.\d\.\d{2})\.(\d{4}|\d{2})$")
_UNIT = re.compile(r"^\d\.\d{2}\.\d{2}(?:\.\d\.\d{2})?$")  # a programme or an activity


def code_forms(text: str) -> list[str]:
    """Every way the nomenclature code ``text`` may be stored, as typed first; empty when
    ``text`` is not a code. A four-digit sub-activity number above 99 has no two-digit form."""
    text = text.strip()
    if _UNIT.match(text):
        return [text]
    match = _SUB_ACTIVITY.match(text)
    if match is None:
        return []
    head, number = match.group(1), int(match.group(2))
    other = f"{head}.{number:04d}" if len(match.group(2)) == 2 else f"{head}.{number:02d}"
    return [text] if number > 99 else [text, other]
