"""The command line's text renderings: tables laid out by rich as plain text, and text from
data never reaching the terminal raw (control characters escaped, markup left as written)."""

from typer.testing import CliRunner

from pokin.cli import app
from pokin.graph.models import CheckResult, Finding, OwnerRef, Report, ReportSummary
from pokin.render import printable, render_report, table


def test_table_aligns_cuts_and_right_aligns_as_plain_text():
    lines = table(
        ["id", "n", "title"],
        [["x" * 50, "1", "Kepala Badan"], ["staf", "22", "Sekretaris"]],
        [10, 5, 60],
        right=frozenset({1}),
    )
    assert lines == [
        "id           n  title",
        "xxxxxxxxx…   1  Kepala Badan",
        "staf        22  Sekretaris",
    ]
    assert all("\x1b" not in line for line in lines)  # no colour codes


def test_control_characters_and_markup_in_data_are_shown_as_written():
    hostile = "Kepala\x1b[31m Badan\u202e [bold]x[/bold]\nline two\x07"
    lines = table(["owner", "title"], [["kabid", hostile]])
    shown = r"Kepala\x1b[31m Badan\u202e [bold]x[/bold]\x0aline two\x07"
    assert lines[1] == f"kabid  {shown}"
    assert printable(hostile) == shown
    assert printable("Dinas Pendidikan — Sub Kegiatan") == "Dinas Pendidikan — Sub Kegiatan"


def _report(message: str, title: str) -> Report:
    finding = Finding(
        id="sub-a",
        kind="sub_activity",
        level="sub_activity",
        name="a sub-activity",
        owners=[OwnerRef(id="kabid", title=title)],
        cascade="c",
    ).said_by(lambda _detail: message)
    check = CheckResult(
        name="orphans",
        severity="error",
        title="results that support nothing",
        explanation="every result should support one a level up",
        query="check_orphans",
        count=1,
        findings=[finding],
    )
    return Report(
        cascade="c",
        ok=False,
        summary=ReportSummary(checks=1, failed=1, findings={"error": 1, "warning": 0, "info": 0}),
        checks=[check],
    )


def test_a_report_keeps_every_line_and_escapes_the_data(english):
    lines = render_report(_report("supports nothing\x1b]0;owned\x07", "Kabid\rX"))
    assert lines[0] == "Alignment report of c: 1 checks, 1 error(s), 0 warning(s), 0 info: " + (
        "FAILED (errors found)"
    )
    assert lines[2].split() == ["severity", "check", "findings", "what", "it", "looks", "for"]
    assert lines[3].split()[:3] == ["error", "orphans", "1"]
    assert "[error] orphans: 1 finding(s)" in lines
    [row] = [line for line in lines if line.startswith("  sub-a ")]
    assert row.split()[:5] == ["sub-a", "Sub-activity", "(Sub", "Kegiatan)", "kabid"]
    assert row.endswith(r"supports nothing\x1b]0;owned\x07")
    assert not any(c in "\n".join(lines) for c in "\x1b\x07\r")


def test_an_error_message_from_data_is_escaped_on_the_command_line(tmp_path):
    bad = tmp_path / "bad\x1b[2Jname.yaml"
    bad.write_text("not: [a cascade", encoding="utf-8")
    result = CliRunner().invoke(app, ["load", str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.output
    assert r"bad\x1b[2Jname.yaml" in result.output
