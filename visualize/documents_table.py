"""``python -m pokin.visualize.documents_table [FILE]``: print the documents table of the
registry, or write it into FILE (docs/formats.md) between its marker comments."""

from __future__ import annotations

import sys
from pathlib import Path

from pokin.visualize.documents import markdown_table

BEGIN = "<!-- documents:begin (python -m pokin.visualize.documents_table docs/formats.md) -->"
END = "<!-- documents:end -->"


def table_in(text: str) -> str:
    """The text between the markers of a document."""
    if BEGIN not in text or END not in text:
        raise ValueError(f"the document has no {BEGIN} ... {END} markers")
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def with_table(text: str, table: str) -> str:
    """``text`` with ``table`` between its markers."""
    table_in(text)
    head, rest = text.split(BEGIN, 1)
    return f"{head}{BEGIN}\n{table}{END}{rest.split(END, 1)[1]}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args:
        sys.stdout.write(markdown_table())
        return 0
    path = Path(args[0])
    path.write_text(
        with_table(path.read_text(encoding="utf-8"), markdown_table()), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
