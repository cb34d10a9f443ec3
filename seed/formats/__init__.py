"""The file formats of cascades: one registry of readers and writers around one model.

Every reader produces the seed-shaped dict and validates it with ``pokin.seed.parse_cascade``
(so every format gets the same validation, and then the same transactional load); every writer
starts from a validated :class:`~pokin.seed.Cascade`. docs/formats.md describes the formats.

    from pokin.seed.formats import FORMATS, read_path, write_cascade
    for cascade, source in read_path("renstra.xlsx"):          # format chosen by extension
        load_cascade(db, cascade, source_text=source)
    data = write_cascade(cascade, "matrix")                      # bytes

``FORMATS`` is the one list of formats: the command line's ``--format`` choices, the upload
content types, the export route, the explorer's Export menu and the table of docs/formats.md
(``python -m pokin.seed.formats --markdown``) are made from it. Without ``--format``, a file
name ending or content type that one format claims names it; otherwise the first format of
the registry whose ``detect`` says yes reads the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pokin.core.errors import Invalid
from pokin.core.i18n import N_, _, number
from pokin.seed.formats import cells
from pokin.seed.formats.report import (
    ImportReport,
    Read,
    check_report_path,
    write_reports,
)
from pokin.seed.schema import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    Cascade,
    CascadeMeta,
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
    """Reader options: ``columns`` maps a file's own headers to pokin's (``--columns``);
    ``sheets``: the workbook's sheets when telling its format apart has read them already
    (the readers of workbooks take them instead of reading the file a second time)."""

    columns: dict[str, str] | None = None
    sheets: list[cells.Sheet] | None = None


# --------------------------------------------------------------------------- JSON / YAML


def _json_depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether no value of the document lies deeper than ``limit`` (the root is at depth 1).
    Walked level by level, only the containers carried down: a cascade's values are mostly
    scalars, so this costs one pass over them, not a stack entry each."""
    level, depth = [value], 1
    while level:
        if depth > limit:
            return False
        below: list[Any] = []
        for v in level:
            if isinstance(v, dict):
                below += v.values()
            elif isinstance(v, list):
                below += v
        depth += 1
        if below and depth > limit:
            return False
        level = [v for v in below if isinstance(v, dict | list)]
    return True


def _not_utf8(exc: UnicodeDecodeError) -> str:
    return _("not UTF-8 text (byte %(byte)s: %(reason)s)") % {
        "byte": exc.start,
        "reason": exc.reason,
    }


def _read_json(data: Input, source_name: str, options: Options) -> list[Cascade]:
    assert isinstance(data, bytes)

    def refuse(message: str, line: int | None = None) -> CascadeValidationError:
        return CascadeValidationError([Problem(source_name, line, "(json)", "", message)])

    if len(data) > MAX_FILE_BYTES:
        raise refuse(
            _("the file is larger than the %(n)s bytes allowed") % {"n": number(MAX_FILE_BYTES)}
        )
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise refuse(_not_utf8(exc)) from None
    except json.JSONDecodeError as exc:
        said = _("not valid JSON: %(reason)s (column %(column)s)")
        raise refuse(said % {"reason": exc.msg, "column": exc.colno}, exc.lineno) from None
    except RecursionError:
        raise refuse(_("nested more than %(n)s levels deep") % {"n": MAX_DEPTH}) from None
    if not _json_depth_ok(value):
        said = _("nested more than %(n)s levels deep (a cascade needs about 6)")
        raise refuse(said % {"n": MAX_DEPTH})
    return [parse_cascade(value, source_name)]


def _read_yaml(data: Input, source_name: str, options: Options) -> list[Cascade]:
    assert isinstance(data, bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise CascadeValidationError.of_file(source_name, _not_utf8(exc), line) from None
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
    return read_workbook(data, source_name, options.sheets)


def _read_csv(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.workbook import read_csv_files, unzip_csv

    files = data if isinstance(data, dict) else unzip_csv(data, source_name)
    return read_csv_files(files, source_name)


def _write_csv_zip(cascade: Cascade) -> bytes:
    from pokin.seed.formats.workbook import write_csv_files, zip_files

    return zip_files(write_csv_files(cascade))


def _write_csv_files(cascade: Cascade) -> dict[str, bytes]:
    from pokin.seed.formats.workbook import write_csv_files

    return write_csv_files(cascade)


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

    return read_sipd(_one_file(data, source_name), source_name, options.columns, options.sheets)


def _read_renja(data: Input, source_name: str, options: Options) -> list[Cascade]:
    from pokin.seed.formats.renja_evaluation import read_renja

    return read_renja(_one_file(data, source_name), source_name)


def report_of(cascades: list) -> ImportReport | None:
    """The import report a reader returned beside its cascades, if any."""
    return getattr(cascades, "report", None)


def reports_of(cascades: list) -> list[ImportReport]:
    """Every import report returned beside the cascades (a folder's: one per file that gives
    one; yaml, json, the matrix and pokin's own tables give none)."""
    return list(getattr(cascades, "reports", []))


def _one_file(data: Input, source_name: str) -> bytes:
    if isinstance(data, dict):
        raise Invalid(
            _("%(file)s: this format reads one file, not a folder") % {"file": source_name}
        )
    return data


# --------------------------------------------------------------------------- telling formats apart


class Probe:
    """What the formats' ``detect`` look at: one file (or the CSV files of a folder), its name,
    and whether its name or content type says CSV text (``tables``: then it is never read as
    the seed format). The workbook's sheets are opened once, when first asked for."""

    def __init__(self, data: Input, name: str, tables: bool = False) -> None:
        self.data, self.name, self.tables = data, name, tables

    @cached_property
    def zipped(self) -> bool:
        """A zip file: a workbook or a zip of CSV files."""
        return isinstance(self.data, bytes) and self.data[:2] == b"PK"

    @cached_property
    def sheets(self) -> list[cells.Sheet]:
        assert isinstance(self.data, bytes)
        return cells.workbook_sheets(self.data, self.name)

    @cached_property
    def first_sheet(self) -> list[cells.Sheet]:
        """The workbook's first sheet, or the CSV text as one sheet."""
        if self.zipped:
            return self.sheets[:1]
        assert isinstance(self.data, bytes)
        return [cells.csv_sheet(self.data, self.name)]

    @property
    def seed_text(self) -> bytes | None:
        """The bytes, when they may be the seed format's text (not a zip, not named a table)."""
        if isinstance(self.data, bytes) and not self.zipped and not self.tables:
            return self.data
        return None


def _is_csv_zip(p: Probe) -> bool:
    if isinstance(p.data, dict):
        return True
    head = p.data[:65536]
    return p.zipped and b"[Content_Types].xml" not in head and b".csv" in head


def _is_pokin_workbook(p: Probe) -> bool:
    from pokin.seed.formats.workbook import is_pokin_workbook

    return p.zipped and is_pokin_workbook(p.sheets)


def _is_json(p: Probe) -> bool:
    return p.seed_text is not None and p.seed_text.lstrip()[:1] == b"{"


def _is_yaml(p: Probe) -> bool:
    """Not a table: its first line has no more commas and semicolons than colons."""
    if p.seed_text is None:
        return False
    first = p.seed_text.lstrip().split(b"\n", 1)[0]
    return first.count(b",") + first.count(b";") <= first.count(b":")


def _is_renja(p: Probe) -> bool:
    from pokin.seed.formats.renja_evaluation import looks_like_renja

    return p.zipped and looks_like_renja(p.sheets[:1])


def _is_sipd(p: Probe) -> bool:
    from pokin.seed.formats.sipd import looks_like_sipd

    return isinstance(p.data, bytes) and looks_like_sipd(p.first_sheet)


def _is_table(p: Probe) -> bool:
    return isinstance(p.data, bytes)


# --------------------------------------------------------------------------- the registry


@dataclass(frozen=True, kw_only=True)
class Format:
    """A cascade file format as every surface offers it. ``pokin load`` and ``POST
    /api/cascades`` read it with ``read`` when ``--format``/``?format=`` names it, when a file
    name ending (``extensions``) or content type (``upload_types``) is claimed by it alone, or
    else when it is the first entry of ``FORMATS`` whose ``detect`` says yes. ``pokin export``
    and the export route write it with ``write`` as ``media_type``, named ``...{download}``;
    ``folder`` writes (and ``read`` reads) a folder of files instead."""

    name: str
    #: a few words for menus (the explorer's Export menu)
    title: str
    #: one line: what it is
    help: str
    #: what ``detect`` looks for, in words (docs/formats.md)
    content: str
    extensions: tuple[str, ...] = ()
    #: the content types of an upload it may be; the first is its own (the OpenAPI document
    #: names it), the others are aliases
    upload_types: tuple[str, ...] = ()
    detect: Callable[[Probe], bool]
    read: Callable[[Input, str, Options], list[Cascade]]
    write: Callable[[Cascade], bytes] | None = None
    folder: Callable[[Cascade], dict[str, bytes]] | None = None
    media_type: str
    #: the charset a text download is sent with
    charset: str | None = None
    #: how a download's file name ends
    download: str
    #: whether a cascade written and read back is the same cascade
    lossless: bool | None = None


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Every format, in the order they are told apart by content (the most specific first: a zip
#: of pokin's CSV tables, pokin's workbook, the seed format as JSON or YAML, a Renja evaluation
#: table, a SIPD export; a
#: Renstra matrix takes any other table).
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="csv",
            title=N_("CSV tables"),
            help=N_("pokin's tables as CSV files (a folder, or a .zip of them)"),
            content="a zip holding `.csv` files (or a folder of them)",
            extensions=(".zip",),
            upload_types=("application/zip",),
            detect=_is_csv_zip,
            read=_read_csv,
            write=_write_csv_zip,
            folder=_write_csv_files,
            media_type="application/zip",
            download=".zip",
            lossless=True,
        ),
        Format(
            name="xlsx",
            title=N_("Workbook"),
            help=N_("pokin's workbook: a sheet per kind and a README"),
            content="a workbook with pokin's sheets (cascade, results, units, links)",
            extensions=(".xlsx", ".xlsm"),
            upload_types=(XLSX,),
            detect=_is_pokin_workbook,
            read=_read_xlsx,
            write=_write_xlsx,
            media_type=XLSX,
            download=".xlsx",
            lossless=True,
        ),
        Format(
            name="json",
            title=N_("JSON"),
            help=N_("the seed format as JSON"),
            content="text starting with `{`",
            extensions=(".json",),
            upload_types=("application/json",),
            detect=_is_json,
            read=_read_json,
            write=_write_json,
            media_type="application/json",
            charset="utf-8",
            download=".json",
            lossless=True,
        ),
        Format(
            name="yaml",
            title=N_("YAML (seed format)"),
            help=N_("the seed format"),
            content="other text whose first line is not a row of a table",
            extensions=(".yaml", ".yml"),
            # text/plain and curl's default (--data-binary without -H): the seed format
            upload_types=(
                "application/yaml",
                "application/x-yaml",
                "text/yaml",
                "text/x-yaml",
                "text/plain",
                "application/x-www-form-urlencoded",
            ),
            detect=_is_yaml,
            read=_read_yaml,
            write=_write_yaml,
            media_type="application/yaml",
            charset="utf-8",
            download=".yaml",
            lossless=True,
        ),
        Format(
            name="renja",
            title="Renja evaluation table",
            help="a Renja evaluation table (Permendagri 86/2017, E.81): targets, realisation "
            "per quarter",
            content="a workbook whose row of column numbers holds `13 = 9 + 10 + 11 + 12`",
            extensions=(".xlsx", ".xlsm"),
            upload_types=(XLSX,),
            detect=_is_renja,
            read=_read_renja,
            media_type=XLSX,
            download=".xlsx",
        ),
        Format(
            name="sipd",
            title=N_("SIPD export"),
            help=N_("a flat SIPD-style export (one cascade per agency)"),
            content="a table whose header names agencies and sub-activity codes",
            extensions=(".xlsx", ".xlsm", ".csv"),
            upload_types=("text/csv", XLSX),
            detect=_is_sipd,
            read=_read_sipd,
            media_type=XLSX,
            download=".xlsx",
        ),
        Format(
            name="matrix",
            title=N_("Cascading matrix (Matriks)"),
            help=N_("a Renstra cascading matrix (one row per lowest element)"),
            content="any other table (a workbook, or CSV text)",
            extensions=(".xlsx", ".xlsm", ".csv"),
            upload_types=("text/csv", XLSX),
            detect=_is_table,
            read=_read_matrix,
            write=_write_matrix,
            media_type=XLSX,
            download="-matrix.xlsx",
            lossless=False,
        ),
    )
}

#: A claim that only CSV readers make (``.csv``, ``text/csv``): a table, told apart by content
#: among the formats, but never the seed format.
TABLE = "table"
#: The format a name without extension holds (a pipe, ``/dev/stdin``).
SEED_FORMAT = "yaml"
#: Content types that say nothing about the format: the content decides.
ANY_TYPES = ("application/octet-stream",)


def _claim(claimants: list[Format]) -> str | None:
    """What a name ending or content type says: the one format claiming it; else the content
    decides (None), among tables only (``TABLE``) when every claimant reads ``.csv``."""
    if len(claimants) == 1:
        return claimants[0].name
    if claimants and all(".csv" in f.extensions for f in claimants):
        return TABLE
    return None


def media_types(formats: dict[str, Format] | None = None) -> dict[str, str | None]:
    """What ``POST /api/cascades`` accepts, by content type (None: told apart by the content;
    ``TABLE``: a table told apart by its columns)."""
    formats = FORMATS if formats is None else formats
    types = dict.fromkeys(t for f in formats.values() for t in f.upload_types)
    out = {t: _claim([f for f in formats.values() if t in f.upload_types]) for t in types}
    return out | dict.fromkeys(ANY_TYPES)


def extension_claims(formats: dict[str, Format] | None = None) -> dict[str, str | None]:
    """What a file name ending says (as ``media_types`` for content types)."""
    formats = FORMATS if formats is None else formats
    endings = dict.fromkeys(e for f in formats.values() for e in f.extensions)
    return {e: _claim([f for f in formats.values() if e in f.extensions]) for e in endings}


#: What ``POST /api/cascades`` accepts by content type.
MEDIA_TYPES: dict[str, str | None] = media_types()


def writable(formats: dict[str, Format] | None = None) -> dict[str, Format]:
    """The formats ``pokin export`` and the export route write."""
    formats = FORMATS if formats is None else formats
    return {n: f for n, f in formats.items() if f.write is not None}


def sniff(data: Input, name: str, tables: bool = False) -> str:
    """The format of a file that has no ``--format``: the first of ``FORMATS`` whose
    ``detect`` says yes. ``tables`` (or a name such as ``x.csv``): the caller knows it is a
    table, so it is not read as JSON or YAML."""
    return _sniffed(_probe(data, name, tables))


def _probe(data: Input, name: str, tables: bool) -> Probe:
    suffix = Path(name).suffix.lower()
    return Probe(data, name, tables or extension_claims().get(suffix) == TABLE)


def _sniffed(probe: Probe) -> str:
    for f in FORMATS.values():
        if f.detect(probe):
            return f.name
    name = probe.name
    raise Invalid(
        _("%(file)s: cannot tell its format; give --format (%(formats)s)")
        % {"file": name, "formats": ", ".join(FORMATS)}
    )


def markdown_table(formats: dict[str, Format] | None = None) -> str:
    """The formats table of docs/formats.md (``python -m pokin.seed.formats --markdown``), in
    the order the content decides."""
    formats = FORMATS if formats is None else formats

    def code(values: tuple[str, ...]) -> str:
        return ", ".join(f"`{v}`" for v in values)

    lines = [
        "| format | what | file names | content types | told apart by its content as "
        "| written by `pokin export` | lossless |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in formats.values():
        names = [code(f.extensions)] if f.extensions else []
        names += ["a folder"] if f.folder else []
        names += ["no extension"] if f.name == SEED_FORMAT else []
        written = "no"
        if f.write is not None:
            written = f"yes (`{f.download}`" + (", or a folder)" if f.folder else ")")
        lossless = "-" if f.lossless is None else ("yes" if f.lossless else "no")
        lines.append(
            f"| `{f.name}` | {f.help} | {', '.join(names) or '-'} | "
            f"{code(f.upload_types) or '-'} | {f.content} | {written} | {lossless} |"
        )
    return "\n".join(lines) + "\n"


def format_of(path: str | Path, explicit: str | None = None) -> str | None:
    """The format named by ``--format`` or by the file's name (None or ``TABLE``: decided by
    the content)."""
    if explicit:
        if explicit not in FORMATS:
            raise Invalid(
                _("unknown format %(format)s; the formats are: %(formats)s")
                % {"format": repr(explicit), "formats": ", ".join(FORMATS)}
            )
        return explicit
    p = Path(path)
    if p.is_dir():
        return next(f.name for f in FORMATS.values() if f.folder)
    suffix = p.suffix.lower()
    if not suffix:
        return SEED_FORMAT  # a pipe or a file without extension (/dev/stdin)
    claims = extension_claims()
    if suffix in claims:
        return claims[suffix]
    raise Invalid(
        _(
            "%(file)s: cannot tell the format from the extension %(suffix)s; "
            "give --format (%(formats)s)"
        )
        % {"file": path, "suffix": suffix, "formats": ", ".join(FORMATS)}
    )


def read_bytes(
    data: Input, source_name: str, fmt: str | None = None, options: Options | None = None
) -> list[Cascade]:
    """Validated cascades from a file's bytes (``fmt`` None: decided by the content;
    ``TABLE``: a table, decided by its columns)."""
    options = options or Options()
    if fmt in FORMATS:
        return FORMATS[fmt].read(data, source_name, options)
    probe = _probe(data, source_name, fmt == TABLE)
    name = _sniffed(probe)
    if "sheets" in probe.__dict__:  # read while telling the format apart: not read again
        options = replace(options, sheets=probe.sheets)
    return FORMATS[name].read(data, source_name, options)


def read_input(path: str | Path) -> Input:
    """A file's bytes (``read_file_bytes``: bounded), or the CSV files of a folder."""
    p = Path(path)

    def refuse(message: str) -> CascadeValidationError:
        return CascadeValidationError.of_file(str(p), message)

    try:
        files = sorted(p.glob("*.csv")) if p.is_dir() else None
    except OSError as exc:  # e.g. a name too long, a folder that cannot be listed
        raise refuse(_("cannot read: %(reason)s") % {"reason": exc.strerror or exc}) from None
    if files is None:
        return read_file_bytes(p)
    if len(files) > cells.MAX_CSV_FILES:
        raise refuse(_("more than %(n)s CSV files") % {"n": number(cells.MAX_CSV_FILES)})
    return {f.name: read_file_bytes(f) for f in files}


def source_bytes(data: Input) -> bytes:
    """What a load's ``source_sha256`` is computed over."""
    if isinstance(data, bytes):
        return data
    return b"".join(name.encode() + b"\0" + data[name] for name in sorted(data))


@dataclass(frozen=True)
class RegionOption:
    """``--region ID [--region-name NAME]``: the region every agency cascade read belongs to
    (set where a file names none; a file naming another region is refused)."""

    id: str
    name: str | None = None

    def apply(self, cascade: Cascade, source_name: str) -> Cascade:
        meta = cascade.cascade
        if meta.region is not None and meta.region != self.id:
            raise CascadeValidationError.of_file(
                source_name,
                _("cascade %(id)s names region %(region)s, not --region %(option)s")
                % {"id": meta.id, "region": repr(meta.region), "option": repr(self.id)},
            )
        update: dict[str, Any] = {}
        if meta.region is None and meta.kind == "agency":
            update["region"] = self.id
        if self.name is not None and meta.region_name is None and meta.kind == "agency":
            update["region_name"] = self.name
        if not update:
            return cascade
        try:
            new_meta = CascadeMeta.model_validate(meta.model_dump() | update)
        except ValidationError as exc:
            raise Invalid(
                _("--region %(id)s / --region-name %(name)s: %(reason)s")
                % {"id": repr(self.id), "name": repr(self.name), "reason": exc.errors()[0]["msg"]}
            ) from None
        return cascade.model_copy(update={"cascade": new_meta})


#: The files ``pokin load DIR`` reads from a folder of cascade files.
FOLDER_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
#: The most cascade files one folder load reads.
MAX_FOLDER_FILES = 1000


def is_cascade_folder(path: str | Path) -> bool:
    """A folder of cascade files (a region), not a folder of pokin's CSV tables (one cascade,
    told by its ``cascade.csv``)."""
    p = Path(path)
    return p.is_dir() and not (p / "cascade.csv").is_file()


def read_path(
    path: str | Path,
    fmt: str | None = None,
    columns: str | Path | None = None,
    region: RegionOption | None = None,
    progress: Callable[[int, int, Path, list[Cascade]], None] | None = None,
) -> list[tuple[Cascade, bytes]]:
    """Validated cascades of a file, a CSV folder or a folder of cascade files (every
    ``FOLDER_SUFFIXES`` file), each with the bytes it was read from (and ``.reports``, the
    import report of every file whose format gives one). A folder is read whole before anything
    is returned: every failing file is named with its problems, in one
    ``CascadeValidationError``. ``progress(n, total, file, cascades)`` follows each file."""
    options = Options(columns=read_columns_map(columns) if columns else None)
    if not is_cascade_folder(path):
        out = _read_one(Path(path), fmt, options, region)
        if progress is not None:
            progress(1, 1, Path(path), [c for c, _ in out])
        return out
    files = _folder_files(Path(path))
    out, reports, problems = [], [], []
    for n, file in enumerate(files, start=1):
        try:
            read = _read_one(file, fmt, options, region)
        except CascadeValidationError as exc:
            problems += exc.problems
            read = []
        except Invalid as exc:
            problems.append(Problem.of_file(str(file), exc.message))
            read = []
        out += read
        reports += reports_of(read)
        if progress is not None:
            progress(n, len(files), file, [c for c, _ in read])
    if problems:
        raise CascadeValidationError(problems)
    return Read.of(out, reports)


def _folder_files(folder: Path) -> list[Path]:
    def refuse(message: str) -> CascadeValidationError:
        return CascadeValidationError.of_file(str(folder), message)

    try:
        files = sorted(
            f for f in folder.iterdir() if f.suffix.lower() in FOLDER_SUFFIXES and f.is_file()
        )
    except OSError as exc:
        raise refuse(_("cannot read: %(reason)s") % {"reason": exc.strerror or exc}) from None
    if not files:
        raise refuse(
            _("holds no cascade file (%(patterns)s) and no cascade.csv (pokin's CSV tables)")
            % {"patterns": ", ".join("*" + s for s in FOLDER_SUFFIXES)}
        )
    if len(files) > MAX_FOLDER_FILES:
        raise refuse(_("holds more than %(n)s cascade files") % {"n": number(MAX_FOLDER_FILES)})
    return files


def _read_one(
    path: Path, fmt: str | None, options: Options, region: RegionOption | None
) -> list[tuple[Cascade, bytes]]:
    data = read_input(path)
    cascades = read_bytes(data, str(path), format_of(path, fmt), options)
    report = report_of(cascades)
    if region is not None:
        cascades = [region.apply(c, str(path)) for c in cascades]
    return Read.of([(c, source_bytes(data)) for c in cascades], report)


def read_columns_map(path: str | Path) -> dict[str, str]:
    """A ``--columns`` file: YAML mapping a file's header to pokin's (``"Uraian": "Program"``)."""
    import yaml

    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else None
    if text is None:
        raise Invalid(_("%(file)s: no such mapping file") % {"file": path})
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise Invalid(
            _("%(file)s: must map the file's column headers to pokin's column names")
            % {"file": path}
        )
    return data


def write_cascade(cascade: Cascade, fmt: str) -> bytes:
    f = FORMATS.get(fmt)
    if f is None or f.write is None:
        raise Invalid(
            _("cannot write format %(format)s; the formats written are: %(formats)s")
            % {"format": repr(fmt), "formats": ", ".join(writable())}
        )
    return f.write(cascade)


def write_path(cascade: Cascade, fmt: str, path: str | Path) -> None:
    """Write ``cascade`` to ``path``; a format that writes a folder (``csv``) writes one unless
    the path ends as its download (``.zip``)."""
    p = Path(path)
    f = FORMATS.get(fmt)
    try:
        if f is not None and f.folder is not None and not p.name.lower().endswith(f.download):
            p.mkdir(parents=True, exist_ok=True)
            for name, data in f.folder(cascade).items():
                (p / name).write_bytes(data)
            return
        p.write_bytes(write_cascade(cascade, fmt))
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(reason)s") % {"path": p, "reason": exc.strerror or exc}
        ) from None


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ImportReport",
    "TABLE",
    "Format",
    "Options",
    "Probe",
    "RegionOption",
    "extension_claims",
    "format_of",
    "is_cascade_folder",
    "markdown_table",
    "media_types",
    "read_bytes",
    "read_input",
    "read_path",
    "report_of",
    "reports_of",
    "check_report_path",
    "write_reports",
    "sniff",
    "source_bytes",
    "writable",
    "write_cascade",
    "write_path",
]
