"""The named Cypher queries of ``cypher/``, read once from the installed package.

Each file holds one query (or, for the schema, statements separated by lines holding only
``;``) after a header comment saying what it answers, its parameters and its columns. The files
are package data of ``pokin.cypher``, read through ``importlib.resources``, so an installed
pokin finds them from any folder.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pokin.core.errors import UnknownQuery

_CYPHER = files("pokin.cypher")


@cache
def query(name: str) -> str:
    """The text of ``cypher/NAME.cypher``."""
    resource = _CYPHER / f"{name}.cypher"
    if not name.replace("_", "").isalnum() or not resource.is_file():
        raise UnknownQuery(name)
    return resource.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file, without comments."""
    parts, current = [], []
    for line in query(name).splitlines():
        if line.strip() == ";":
            parts.append("\n".join(current))
            current = []
        elif not line.lstrip().startswith("//"):
            current.append(line)
    parts.append("\n".join(current))
    return [p.strip() for p in parts if p.strip()]


def available() -> list[str]:
    return sorted(
        r.name.removesuffix(".cypher") for r in _CYPHER.iterdir() if r.name.endswith(".cypher")
    )
