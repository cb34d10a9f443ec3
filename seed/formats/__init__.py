"""The file formats of cascades: one registry of readers and writers around one model.

Every reader produces the seed-shaped dict and validates it with ``pokin.seed.parse_cascade``
(so every format gets the same validation, and then the same transactional load); every writer
starts from a validated :class:`~pokin.seed.Cascade`. docs/formats.md describes the formats.

    from pokin.seed.formats import FORMATS, read_path, write_cascade
    for cascade, source in read_path("renstra.xlsx"):          # format chosen by extension
        load_cascade(db, cascade, source_text=source)
    data = write_cascade(cascade, "matrix")                      # bytes

=========  ============================  =====================================================
name       files                         what
=========  ============================  =====================================================
yaml       .yaml .yml                    the seed format (lossless)
json       .json                         the same schema as JSON (lossless)
xlsx       .xlsx                         pokin's workbook: a sheet per kind + README (lossless)
csv        a folder or .zip of CSVs      the same tables as CSV files (lossless)
matrix     .xlsx .csv                    a Renstra cascading matrix (one row per lowest element)
sipd       .xlsx .csv                    a flat SIPD-style export: one cascade per agency
=========  ============================  =====================================================

For ``.xlsx`` and ``.csv`` files the content decides between pokin's workbook, a SIPD export
and a matrix unless ``--format`` says which.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pokin.core.errors import Invalid
from pokin.seed.formats import cells
from pokin.seed.schema import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Cascade,
    CascadeValidationError,
    Problem,
    dump_yaml,
    parse_cascade,
    read_file_bytes,
)

#: what a reader is given: the bytes of one file, or {file name: bytes} of a CSV folder
Input = bytes | dict[str, bytes]


@dataclass(frozen=True)
class Options:
    """Reader options: ``columns`` maps a file's own headers to pokin's (``--columns``)."""

    columns: dict[str, str] | None = None


@dataclass(frozen=True)
class Format:
    name: str
    extensions: tuple[str, ...]
    media_type: str
    #: the file name extension of a download
    download: str
    read: Callable[[Input, str, Options], list[Cascade]] | None
    write: Callable[[Cascade], bytes] | None
    help: str


# --------------------------------------------------------------------------- JSON / YAML


def _json_depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
    return True


def _read_json(data: Input, source_name: str, options: Options) -> list[Cascade]:
    assert isinstance(data, bytes)

    def refuse(message: str, line: int | None = None) -> CascadeValidationError:
        return CascadeValidationError([Problem(source_name, line, "(json)", "", message)])

    if len(data) > MAX_FILE_BYTES:
        raise refuse(f"the file is larger than the {MAX_FILE_BYTES} bytes allowed")
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8 text (byte {exc.start}: {exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise refuse(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise refuse(f"nested more than {MAX_DEPTH} levels deep") from None
    if not _json_depth_ok(value):
        raise refuse(f"nested more than {MAX_DEPTH} levels deep (a cascade needs about 6)")
    return [parse_cascade(value, source_name)]


def _read_yaml(data: Input, source_name: str, options: Options) -> list[Cascade]:
    assert isinstance(data, bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CascadeValidationError(
            [
                Problem(
                    source_name,
                    line,
                    "(file)",
                    "",
                    f"not UTF-8 text (byte {exc.start}: {exc.reason})",
                )
            ]
        ) from None
    return [parse_cascade(text, source_name)]


def _plain(cascade: Cascade) -> dict[str, Any]:
    """The cascade as the seed-shaped dict, without fields at their defaults."""
    return cascade.model_dump(mode="json", exclude_defaults=True)


def _write_json(cascade: Cascade) -> bytes:
    return (json.dumps(_plain(cascade), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_yaml(cascade: Cascade) -> bytes:
    return dump_yaml(_plain(cascade)).encode("utf-8")


# --------------------------------------------------------------------------- tables


def _read_xlsx(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.workbook import read_workbook

    assert isinstance(data, bytes)
    return read_workbook(data, source_name)


def _read_csv(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.workbook import read_csv_files, unzip_csv

    files = data if isinstance(data, dict) else unzip_csv(data, source_name)
    return read_csv_files(files, source_name)


def _write_csv_zip(cascade: Cascade) -> bytes:
    from pokin.seed.formats.workbook import write_csv_files, zip_files

    return zip_files(write_csv_files(cascade))


def _write_xlsx(cascade: Cascade) -> bytes:
    from pokin.seed.formats.workbook import write_workbook

    return write_workbook(cascade)


def _read_matrix(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.matrix import read_matrix

    return read_matrix(_one_file(data, source_name), source_name, options.columns)


def _write_matrix(cascade: Cascade) -> bytes:
    from pokin.seed.formats.matrix import write_matrix

    return write_matrix(cascade)


def _read_sipd(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.sipd import read_sipd

    return read_sipd(_one_file(data, source_name), source_name, options.columns)


def _one_file(data: Input, source_name: str) -> bytes:
    if isinstance(data, dict):
        raise Invalid(f"{source_name}: this format reads one file, not a folder")
    return data


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "yaml",
            (".yaml", ".yml"),
            "application/yaml",
            ".yaml",
            _read_yaml,
            _write_yaml,
            "the seed format",
        ),
        Format(
            "json",
            (".json",),
            "application/json",
            ".json",
            _read_json,
            _write_json,
            "the seed format as JSON",
        ),
        Format(
            "xlsx",
            (".xlsx",),
            XLSX,
            ".xlsx",
            _read_xlsx,
            _write_xlsx,
            "pokin's workbook: a sheet per kind and a README",
        ),
        Format(
            "csv",
            (".zip",),
            "application/zip",
            ".zip",
            _read_csv,
            _write_csv_zip,
            "pokin's tables as CSV files (a folder, or a .zip of them)",
        ),
        Format(
            "matrix", (), XLSX, ".xlsx", _read_matrix, _write_matrix, "a Renstra cascading matrix"
        ),
        Format(
            "sipd",
            (),
            XLSX,
            ".xlsx",
            _read_sipd,
            None,
            "a flat SIPD-style export (one cascade per agency)",
        ),
    )
}
#: What ``POST /api/cascades`` accepts by content type (None: told apart by the content).
MEDIA_TYPES: dict[str, str | None] = {
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
    "text/plain": "yaml",
    "application/json": "json",
    XLSX: None,
    "application/zip": "csv",
    "text/csv": "table",  # a matrix or a SIPD table, told apart by its columns
    "application/octet-stream": None,
    "application/x-www-form-urlencoded": "yaml",  # curl --data-binary without -H
}


def sniff(data: Input, name: str, tables: bool = False) -> str:
    """The format of an ``.xlsx``/``.csv`` file that has no ``--format``: pokin's workbook
    when it has the workbook's sheets, a SIPD export when its header names agencies and
    sub-activity codes, else a matrix."""
    from pokin.seed.formats.sipd import looks_like_sipd
    from pokin.seed.formats.workbook import is_pokin_workbook

    if isinstance(data, dict):
        return "csv"
    if data[:2] == b"PK":
        if b"[Content_Types].xml" not in data[:65536] and b".csv" in data[:65536]:
            return "csv"  # a zip of pokin's CSV tables, not a workbook
        sheets = cells.workbook_sheets(data, name)
        if is_pokin_workbook(sheets):
            return "xlsx"
        return "sipd" if looks_like_sipd(sheets[:1]) else "matrix"
    if tables or name.lower().endswith(".csv"):
        return "sipd" if looks_like_sipd([cells.csv_sheet(data, name)]) else "matrix"
    if data.lstrip()[:1] == b"{":
        return "json"
    first = data.lstrip().split(b"\n", 1)[0]
    if first.count(b",") + first.count(b";") <= first.count(b":"):
        return "yaml"  # not a table: the seed format
    return "sipd" if looks_like_sipd([cells.csv_sheet(data, name)]) else "matrix"


def format_of(path: str | Path, explicit: str | None = None) -> str | None:
    """The format named by ``--format`` or by the file's extension (None: decide by content)."""
    if explicit:
        if explicit not in FORMATS:
            raise Invalid(f"unknown format {explicit!r}; the formats are: {', '.join(FORMATS)}")
        return explicit
    p = Path(path)
    if p.is_dir():
        return "csv"
    suffix = p.suffix.lower()
    if not suffix:
        return "yaml"  # a pipe or a file without extension (/dev/stdin): the seed format
    if suffix in (".xlsx", ".csv", ".xlsm"):
        return None
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f.name
    raise Invalid(
        f"{path}: cannot tell the format from the extension {suffix or '(none)'}; "
        f"give --format ({', '.join(FORMATS)})"
    )


def read_bytes(
    data: Input, source_name: str, fmt: str | None = None, options: Options | None = None
) -> list[Cascade]:
    """Validated cascades from a file's bytes (``fmt`` None: decided by the content; "table":
    a matrix or SIPD table, decided by its columns)."""
    name = fmt if fmt in FORMATS else sniff(data, source_name, tables=fmt == "table")
    reader = FORMATS[name].read
    assert reader is not None
    return reader(data, source_name, options or Options())


def read_input(path: str | Path) -> Input:
    """A file's bytes (``read_file_bytes``: bounded), or the CSV files of a folder."""
    p = Path(path)

    def refuse(message: str) -> CascadeValidationError:
        return CascadeValidationError([Problem(str(p), None, "(file)", "", message)])

    try:
        files = sorted(p.glob("*.csv")) if p.is_dir() else None
    except OSError as exc:  # e.g. a name too long, a folder that cannot be listed
        raise refuse(f"cannot read: {exc.strerror or exc}") from None
    if files is None:
        return read_file_bytes(p)
    if len(files) > cells.MAX_CSV_FILES:
        raise refuse(f"more than {cells.MAX_CSV_FILES} CSV files")
    return {f.name: read_file_bytes(f) for f in files}


def source_bytes(data: Input) -> bytes:
    """What a load's ``source_sha256`` is computed over."""
    if isinstance(data, bytes):
        return data
    return b"".join(name.encode() + b"\0" + data[name] for name in sorted(data))


def read_path(
    path: str | Path, fmt: str | None = None, columns: str | Path | None = None
) -> list[tuple[Cascade, bytes]]:
    """Validated cascades of a file or CSV folder, each with the bytes it was read from."""
    data = read_input(path)
    options = Options(columns=read_columns_map(columns) if columns else None)
    cascades = read_bytes(data, str(path), format_of(path, fmt), options)
    return [(c, source_bytes(data)) for c in cascades]


def read_columns_map(path: str | Path) -> dict[str, str]:
    """A ``--columns`` file: YAML mapping a file's header to pokin's (``"Uraian": "Program"``)."""
    import yaml

    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else None
    if text is None:
        raise Invalid(f"{path}: no such mapping file")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise Invalid(f"{path}: must map the file's column headers to pokin's column names")
    return data


def write_cascade(cascade: Cascade, fmt: str) -> bytes:
    f = FORMATS.get(fmt)
    if f is None or f.write is None:
        writable = [n for n, x in FORMATS.items() if x.write]
        raise Invalid(
            f"cannot write format {fmt!r}; the formats written are: {', '.join(writable)}"
        )
    return f.write(cascade)


def write_path(cascade: Cascade, fmt: str, path: str | Path) -> None:
    """Write ``cascade`` to ``path``; ``csv`` to a folder of CSV files unless it ends ``.zip``."""
    p = Path(path)
    try:
        if fmt == "csv" and p.suffix.lower() != ".zip":
            from pokin.seed.formats.workbook import write_csv_files

            p.mkdir(parents=True, exist_ok=True)
            for name, data in write_csv_files(cascade).items():
                (p / name).write_bytes(data)
            return
        p.write_bytes(write_cascade(cascade, fmt))
    except OSError as exc:
        raise Invalid(f"cannot write {p}: {exc.strerror or exc}") from None


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "Format",
    "Options",
    "format_of",
    "read_bytes",
    "read_input",
    "read_path",
    "sniff",
    "source_bytes",
    "write_cascade",
    "write_path",
]
