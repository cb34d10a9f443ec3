"""Every cascade file is read by one bounded read (``read_file_bytes``), whatever its format:
the seed reader and the format registry refuse the same file the same way."""

import pytest

from pokin.seed import CascadeValidationError, read_file_bytes, read_text_file
from pokin.seed.formats import read_input
from pokin.seed.schema import MAX_FILE_BYTES


def _problem(call, path) -> str:
    with pytest.raises(CascadeValidationError) as caught:
        call(path)
    [problem] = caught.value.problems
    assert problem.file == str(path)
    return problem.message


def test_a_file_past_the_limit_is_refused_alike_by_every_reader(tmp_path, english):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written
    expected = f"the file is larger than the {MAX_FILE_BYTES:,} bytes allowed"
    assert _problem(read_text_file, big) == expected
    assert _problem(read_input, big) == expected
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "targets.csv").symlink_to(big)
    with pytest.raises(CascadeValidationError, match="larger than the"):
        read_input(folder)


def test_the_bound_is_exact_and_a_missing_file_is_named(tmp_path, english):
    exact = tmp_path / "exact.csv"
    exact.write_bytes(b"x" * 10)
    assert read_file_bytes(exact, limit=10) == b"x" * 10
    assert "larger than the 9 bytes" in _problem(lambda p: read_file_bytes(p, 9), exact)
    missing = tmp_path / "missing.xlsx"
    assert _problem(read_text_file, missing).startswith("cannot read: ")
    assert _problem(read_input, missing).startswith("cannot read: ")


def test_the_limit_is_said_in_indonesian_by_default(tmp_path):
    exact = tmp_path / "exact.csv"
    exact.write_bytes(b"x" * 1235)
    said = _problem(lambda p: read_file_bytes(p, 1234), exact)
    assert said == "berkas lebih besar dari batas 1.234 bita yang diizinkan"
