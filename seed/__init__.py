"""Seed cascades for pokin: the YAML transcriptions of performance cascades and their schema.

    from pokin.seed import SEED_FILE, load_cascade_file
    cascade = load_cascade_file(SEED_FILE)      # raises CascadeValidationError on a bad file
    planned_counts(cascade)   # pokin.graph.loader: what loading it writes, per label and link

``parse_cascade(text, source_name)`` does the same for YAML text (API uploads). The model is
described in docs/model.md; the judgements behind the seed data in docs/seed-judgements.md.
"""

from pathlib import Path

from .schema import (
    Cascade,
    CascadeValidationError,
    Problem,
    dump_yaml,
    load_cascade_file,
    parse_cascade,
    read_cascade_file,
    read_file_bytes,
    read_text_file,
)

#: The BKPSDM Kabupaten Pemalang 2025-2029 cascade.
SEED_FILE: Path = Path(__file__).resolve().parent / "cascades" / "bkpsdm-pemalang-2025-2029.yaml"

__all__ = [
    "SEED_FILE",
    "Cascade",
    "CascadeValidationError",
    "Problem",
    "dump_yaml",
    "load_cascade_file",
    "parse_cascade",
    "read_cascade_file",
    "read_file_bytes",
    "read_text_file",
]
