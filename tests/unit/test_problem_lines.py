"""A validation message shows whole problem lines up to ``MAX_MESSAGE`` and the true total."""

import pytest

from pokin.core.errors import MAX_MESSAGE, CascadeValidationError, Problem

pytestmark = pytest.mark.usefixtures("english")  # these assert the English texts


def _problems(n: int) -> list[Problem]:
    return [Problem("f.yaml", i, f"ind-{i}", "target_value", "must be a number") for i in range(n)]


def test_a_long_list_shows_whole_lines_then_the_rest_counted():
    problems = _problems(500)
    message = str(CascadeValidationError(problems))
    *lines, tail = message.split("\n")
    assert len(message) <= MAX_MESSAGE
    assert lines == [str(p) for p in problems[: len(lines)]]  # whole lines, in order
    assert tail == f"... and {500 - len(lines)} more problems"
    assert len(message) + len(str(problems[len(lines)])) + 1 > MAX_MESSAGE  # as many as fit


def test_a_short_list_is_shown_whole():
    problems = _problems(3)
    assert str(CascadeValidationError(problems)) == "\n".join(str(p) for p in problems)


def test_one_huge_line_is_bounded_and_still_counts_the_rest():
    huge = Problem("f.yaml", 1, "x", "name", "z" * 5000)
    message = str(CascadeValidationError([huge, *_problems(2)]))
    assert len(message) <= MAX_MESSAGE
    assert message.endswith("\n... and 2 more problems")
