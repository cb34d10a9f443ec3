"""``python -m pokin.seed.formats --markdown [FILE]``: print the formats table of the registry,
or write it into FILE (docs/formats.md) between its marker comments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pokin.seed.formats import markdown_table

BEGIN = "<!-- formats:begin (python -m pokin.seed.formats --markdown docs/formats.md) -->"
END = "<!-- formats:end -->"


def table_in(text: str) -> str:
    """The text between the markers of a document."""
    if BEGIN not in text or END not in text:
        raise ValueError(f"the document has no {BEGIN} ... {END} markers")
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def with_table(text: str, table: str) -> str:
    """``text`` with ``table`` between its markers."""
    table_in(text)  # the markers are there
    head, rest = text.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{table}{END}{rest.split(END, 1)[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pokin.seed.formats")
    parser.add_argument("--markdown", action="store_true", help="the formats table")
    parser.add_argument("file", nargs="?", type=Path, help="write it into this document")
    args = parser.parse_args(argv)
    if not args.markdown:
        parser.error("nothing to do: give --markdown")
    if args.file is None:
        sys.stdout.write(markdown_table())
        return 0
    args.file.write_text(
        with_table(args.file.read_text(encoding="utf-8"), markdown_table()), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
