"""Text renderings of pokin's results for the command line: the check report, the owners'
workload and an auditor's trace. One table function draws every table (laid out by rich, as
plain text); control characters from data are shown escaped, never sent raw to the terminal."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pokin.core.i18n import N_, _, money, ngettext, number, percent
from pokin.core.vocabulary import ASPECT_NAMES, LEVEL_KEYS, level_label, level_name
from pokin.graph.models import (
    CheckResult,
    OwnerRef,
    RegionWorkload,
    Report,
    Trace,
    Workload,
)

#: Control characters (C0, DEL, C1) and the bidirectional overrides and isolates: shown
#: escaped, so that text from data cannot move the cursor, recolour or reorder the terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: The width tables are laid out in: wider than any table, so that none is shrunk or wrapped
#: (and the layout does not depend on the terminal; lines carry no trailing blanks).
_WIDTH = 10_000


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(_escape, text)


def _printable_lines(render: Callable[..., list[str]]) -> Callable[..., list[str]]:
    """A rendering whose every line is ``printable`` (a name holding a newline stays on its
    line)."""

    @functools.wraps(render)
    def safe(*args: Any, **kwargs: Any) -> list[str]:
        return [printable(line) for line in render(*args, **kwargs)]

    return safe


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int] | None = None,
    right: frozenset[int] = frozenset(),
) -> list[str]:
    """Aligned text rows, laid out by rich: each column as wide as its widest cell, at most
    ``widths[i]`` (longer cells are cut with an ellipsis); the columns in ``right`` are
    right-aligned. Plain text (no colour, no markup: cells are ``Text``), escaped with
    ``printable``."""
    grid = Table(box=None, pad_edge=False, padding=(0, 1), header_style=None)
    for i, header in enumerate(headers):
        grid.add_column(
            header,
            max_width=widths[i] if widths else None,
            justify="right" if i in right else "left",
            no_wrap=True,
            overflow="ellipsis",
        )
    for row in rows:
        grid.add_row(*(Text(printable(cell)) for cell in row))
    console = Console(
        file=io.StringIO(),
        width=_WIDTH,
        no_color=True,
        force_terminal=False,
        color_system=None,
        highlight=False,
        emoji=False,
    )
    console.print(grid)
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def _some(names: Iterable[str], shown: int = 3) -> str:
    names = list(names)
    more = _(" and %(n)s more") % {"n": len(names) - shown} if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _count(check: CheckResult) -> str:
    """The findings, or ``n/a`` for a check that applies to none of the cascades checked."""
    return _("n/a") if check.not_applicable and not check.count else number(check.count)


#: Severities as the report's lines name them (msgids; the JSON keeps the machine values).
SEVERITY_NAMES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}


def _severity(severity: str) -> str:
    return _(SEVERITY_NAMES.get(severity, severity))


def _what(kind: str, level: str | None) -> str:
    """An offending element's kind and level as the locale names them (an indicator: with the
    level of what it measures)."""
    if kind == "indicator" and level:
        return f"{level_label(kind, level)} · {level_name(level)}"
    return level_label(kind, level)


@_printable_lines
def render_report(report: Report) -> list[str]:
    """The report as a readable text table in the current locale: a summary of every check,
    then the findings of each check that has any."""
    f = report.summary.findings
    if report.cascade:
        what = report.cascade
    else:
        what = _("region %(region)s (%(n)s cascades)") % {
            "region": report.region,
            "n": number(len(report.cascades)),
        }
    head = _(
        "Alignment report of %(what)s: %(checks)s checks, %(errors)s error(s), "
        "%(warnings)s warning(s), %(infos)s info: %(verdict)s"
    ) % {
        "what": what,
        "checks": number(report.summary.checks),
        "errors": number(f["error"]),
        "warnings": number(f["warning"]),
        "infos": number(f["info"]),
        "verdict": _("OK") if report.ok else _("FAILED (errors found)"),
    }
    if report.summary.not_applicable:
        head += _("; %(n)s check(s) do not apply to a cascade's source") % {
            "n": number(report.summary.not_applicable)
        }
    out = [head, ""]
    out += table(
        [_("severity"), _("check"), _("findings"), _("what it looks for")],
        [[_severity(c.severity), c.name, _count(c), _(c.title)] for c in report.checks],
        [10, 28, 8, 60],
    )
    for c in report.checks:
        out += [
            f"[{_('n/a')}] {c.name}: {n.message}" for n in c.not_applicable if not report.region
        ]
    if report.region:  # one line per check: a region holds many cascades
        for c in report.checks:
            if c.not_applicable:
                lacking = sorted({_(ASPECT_NAMES[a]) for n in c.not_applicable for a in n.lacks})
                said = _(
                    "does not apply to %(n)s cascade(s) whose source does not carry %(what)s: "
                    "%(which)s"
                ) % {
                    "n": number(len(c.not_applicable)),
                    "what": ", ".join(lacking),
                    "which": _some(n.cascade for n in c.not_applicable),
                }
                out.append(f"[{_('n/a')}] {c.name}: {said}")
    for c in report.checks:
        if not c.findings:
            continue
        count = _("%(n)s finding(s)") % {"n": number(c.count)}
        out += ["", f"[{_severity(c.severity)}] {c.name}: {count}", f"  {_(c.explanation)}"]
        rows = [
            [
                x.id if report.cascade else f"{x.cascade}:{x.id}",
                _what(x.kind, x.level),
                ", ".join(o.id for o in x.owners),
                ", ".join(p.id for p in x.programmes),
                x.message,
            ]
            for x in c.findings
        ]
        lines = table(
            [_("id"), _("level"), _("owners"), _("programme"), _("finding")],
            rows,
            [40, 34, 28, 14, 110],
        )
        out += ["  " + line for line in lines]
    return out


@_printable_lines
def render_workload(workload: Workload) -> list[str]:
    """The workload as a readable text table, most loaded owner first."""
    t, s = workload.totals, workload.spread
    c = s.concentration
    largest = ", ".join(o.id for o in s.largest_owners) or _("nobody")
    d = workload.distinct
    out = [
        _(
            "Owner workload of %(cascade)s: %(owners)s owners; %(results)s results, "
            "%(indicators)s indicators and %(units)s units owned (%(r)s, %(i)s and %(u)s "
            "ownerships: a result with two owners counts for each)"
        )
        % {
            "cascade": workload.cascade,
            "owners": number(len(workload.owners)),
            "results": number(d.total_results),
            "indicators": number(d.total_indicators),
            "units": number(d.total_units),
            "r": number(t.total_results),
            "i": number(t.total_indicators),
            "u": number(t.total_units),
        },
        _spread_line(s.largest_share, largest, c),
        "",
    ]
    headers = [_("owner"), _("results"), _("goal"), _("strat"), _("prog"), _("act"), _("sub")]
    headers += [_("share"), _("indic."), _("share"), _("units"), _("prog"), _("act"), _("sub")]
    headers += [_("share"), _("title")]
    rows = []
    for w in workload.owners:
        k, r, u = w.counts, w.counts.results, w.counts.units
        title = _titled(w.owner)
        rows.append(
            [
                w.owner.id,
                str(k.total_results),
                *(str(getattr(r, level)) for level in ("goal", "strategic", "programme")),
                *(str(getattr(r, level)) for level in ("activity", "sub_activity")),
                f"{w.share.results:.1%}",
                str(k.total_indicators),
                f"{w.share.indicators:.1%}",
                str(k.total_units),
                *(str(getattr(u, level)) for level in ("programme", "activity", "sub_activity")),
                f"{w.share.units:.1%}",
                title,
            ]
        )
    widths = [40] + [10**6] * (len(headers) - 1)
    return out + table(headers, rows, widths, right=frozenset(range(1, len(headers) - 1)))


def _spread_line(largest_share: float, largest: str, c: Any) -> str:
    return _(
        "Largest share of results: %(share)s (%(largest)s); HHI %(hhi)s (= %(effective)s equally "
        "loaded owners); Gini %(gini)s"
    ) % {
        "share": f"{largest_share:.1%}",
        "largest": largest,
        "hhi": f"{c.hhi:.3f}",
        "effective": f"{c.effective_owners:.1f}",
        "gini": f"{c.gini:.3f}",
    }


def _titled(owner: OwnerRef) -> str:
    return owner.title + ("" if owner.known_position is not False else " " + _("(not in chart)"))


@_printable_lines
def render_region_workload(workload: RegionWorkload) -> list[str]:
    """The workload across a region as text: every owner with its cascade, most loaded first,
    then the owners grouped by position title across the cascades."""
    t, d, s = workload.totals, workload.distinct, workload.spread
    c = s.concentration
    largest = ", ".join(f"{o.cascade}:{o.id}" for o in s.largest_owners) or _("nobody")
    out = [
        _(
            "Owner workload of region %(region)s: %(owners)s owners in %(cascades)s cascades; "
            "%(results)s results, %(indicators)s indicators and %(units)s units owned (%(r)s, "
            "%(i)s and %(u)s ownerships: a result with two owners counts for each)"
        )
        % {
            "region": workload.region,
            "owners": number(len(workload.owners)),
            "cascades": number(len(workload.cascades)),
            "results": number(d.total_results),
            "indicators": number(d.total_indicators),
            "units": number(d.total_units),
            "r": number(t.total_results),
            "i": number(t.total_indicators),
            "u": number(t.total_units),
        },
        _spread_line(s.largest_share, largest, c),
        "",
    ]
    headers = [_("cascade"), _("owner"), _("results"), _("goal"), _("strat"), _("prog")]
    headers += [_("act"), _("sub"), _("share"), _("indic."), _("units"), _("title")]
    rows = []
    for w in workload.owners:
        k, r = w.counts, w.counts.results
        rows.append(
            [
                w.owner.cascade,
                w.owner.id,
                str(k.total_results),
                *(str(getattr(r, level)) for level in LEVEL_KEYS),
                f"{w.share.results:.1%}",
                str(k.total_indicators),
                str(k.total_units),
                _titled(w.owner),
            ]
        )
    widths = [34, 30] + [10**6] * (len(headers) - 2)
    out += table(headers, rows, widths, right=frozenset(range(2, len(headers) - 1)))
    said = _("Positions across the cascades (%(n)s titles):") % {"n": len(workload.positions)}
    out += ["", said, ""]
    out += table(
        [_("title"), _("cascades"), _("owners"), _("results"), _("share"), _("indic."), _("units")],
        [
            [
                g.title,
                str(len(g.cascades)),
                str(g.owners),
                str(g.counts.total_results),
                f"{g.share.results:.1%}",
                str(g.counts.total_indicators),
                str(g.counts.total_units),
            ]
            for g in workload.positions
        ],
        [50] + [10**6] * 6,
        right=frozenset(range(1, 7)),
    )
    return out


@_printable_lines
def render_trace(result: Trace) -> list[str]:
    """The trace as indented text, one block per path."""
    lines = [
        _("Trace of %(id)s (%(cascade)s): ") % {"id": result.element.id, "cascade": result.cascade}
        + (_("reaches the Goal") if result.reaches_goal else _("does NOT reach the Goal")),
    ]
    for start in result.starts:
        if start.structure:
            chain = " -> ".join(f"{e.id} ({e.name})" for e in start.structure)
            lines.append("  " + _("budget structure (PART_OF): %(chain)s") % {"chain": chain})
    for nth, path in enumerate(result.paths, 1):
        state = _("reaches the Goal") if path.reaches_goal else _("stops short of the Goal")
        leaves = _("; leaves its budget structure") if path.leaves_structure else ""
        said = _("path %(n)s: %(length)s link(s), %(state)s") % {
            "n": nth,
            "length": number(path.length),
            "state": state,
        }
        lines.append(said + leaves)
        for depth, hop in enumerate(path.hops):
            label = level_label(hop.kind, hop.level)
            lines.append(f"  {'  ' * depth}{label}: {hop.name} [{hop.id}]")
            if hop.owners:
                owners = "; ".join(o.title for o in hop.owners)
                lines.append(f"  {'  ' * depth}  " + _("owner: %(owners)s") % {"owners": owners})
            for ind in hop.indicators:
                formula = ind.formula or _("(no formula)")
                target = _("; target %(t)s") % {"t": ind.target_label} if ind.target_label else ""
                said = _("indicator: %(name)s = %(formula)s") % {
                    "name": ind.name,
                    "formula": formula,
                }
                lines.append(f"  {'  ' * depth}  {said}{target}")
            if hop.link is not None:
                note = f" ({hop.link.note})" if hop.link.note else ""
                said = _("supports, basis %(basis)s") % {"basis": hop.link.basis}
                lines.append(f"  {'  ' * depth}  {said}{note}:")
        for d in path.departures:
            said = _("%(result)s supports %(supports)s, delivered by %(by)s, not by %(expected)s")
            lines.append(
                "  ! "
                + said
                % {
                    "result": d.result,
                    "supports": d.supports,
                    "by": ", ".join(e.id for e in d.delivered_by),
                    "expected": d.expected.id,
                }
            )
    return lines


@_printable_lines
def render_impact(result: Any) -> list[str]:
    """An impact (``pokin.graph.impact.Impact``) as text: the agencies crossed, then what
    depends on the element, nearest first."""
    e = result.element
    out = [
        _("Impact of %(element)s (%(level)s): %(n)s element(s) in %(cascades)s cascade(s)")
        % {
            "element": f"{result.cascade}:{e.id}",
            "level": level_label(e.kind, e.level),
            "n": number(len(result.items)),
            "cascades": number(len(result.agencies)),
        },
    ]
    out += [
        "  " + line
        for line in table(
            [_("kind"), _("cascade"), _("agency"), _("elements")],
            [[a.kind, a.cascade, a.agency or "?", str(a.count)] for a in result.agencies],
            right=frozenset({3}),
        )
    ]
    out.append("")
    out += table(
        [_("depth"), _("cascade"), _("id"), _("level"), _("name")],
        [
            [str(x.depth), x.cascade, x.id, level_label(x.kind, x.level), x.name]
            for x in result.items
        ],
        [5, 34, 24, 30, 60],
    )
    return out


@_printable_lines
def render_contributors(result: Any) -> list[str]:
    """Contributors (``pokin.graph.impact.Contributors``) as text, by agency and owner."""
    e = result.element
    out = [
        _("Contributors to %(element)s (%(level)s): %(n)s element(s) from %(cascades)s cascade(s)")
        % {
            "element": f"{result.cascade}:{e.id}",
            "level": level_label(e.kind, e.level),
            "n": number(result.total),
            "cascades": number(len(result.agencies)),
        },
    ]
    for a in result.agencies:
        out.append(f"{a.cascade} ({a.agency or '?'}): {a.count}")
        for g in a.owners:
            who = f"{g.owner.title} ({g.owner.id})" if g.owner else _("(no owner)")
            out.append(f"  {who}: " + ", ".join(x.id for x in g.elements))
    return out


def _pct(value: float | None) -> str:
    return "-" if value is None else percent(value)


@_printable_lines
def render_at_risk(report: Any) -> list[str]:
    """Results at risk (``pokin.graph.capaian.AtRiskReport``): each with its own and rolled-up
    capaian, owners, budget, and the higher results, Tujuan and RPJMD Sasaran it endangers."""
    scope = report.cascade or report.region
    if report.year is None:
        return [_("%(scope)s: nothing realised yet, no capaian to judge") % {"scope": scope}]
    out = [
        ngettext(
            "%(scope)s, %(year)s: %(n)s result at risk (capaian below %(threshold)s)",
            "%(scope)s, %(year)s: %(n)s results at risk (capaian below %(threshold)s)",
            len(report.at_risk),
        )
        % {
            "scope": scope,
            "year": report.year,
            "n": number(len(report.at_risk)),
            "threshold": percent(report.threshold),
        }
    ]
    for a in report.at_risk:
        r = a.result
        out += [
            "",
            f"{r.cascade}:{r.id} ({level_label(r.kind, r.level)}) {r.name}",
            "  "
            + _("own capaian %(own)s, rolled up %(rolled)s")
            % {"own": _pct(r.own), "rolled": _pct(r.rolled)},
            "  "
            + _("owner: %(owners)s")
            % {"owners": ", ".join(o.title for o in r.owners) or _("(no owner)")},
        ]
        if a.budget.pagu is not None or a.budget.realisation is not None:
            out.append(
                "  "
                + _("budget: pagu %(pagu)s, realised %(spent)s (%(absorption)s)")
                % {
                    "pagu": money(a.budget.pagu) if a.budget.pagu is not None else "-",
                    "spent": money(a.budget.realisation)
                    if a.budget.realisation is not None
                    else "-",
                    "absorption": _pct(a.budget.absorption),
                }
            )
        if a.endangers:
            out.append("  " + _("endangers:"))
            for path in a.paths:
                out.append("    " + " -> ".join(f"{c}:{i}" for c, i in path))
        for label, refs in ((_("Tujuan"), a.goals), (_("RPJMD Sasaran"), a.rpjmd)):
            if refs:
                out.append(f"  {label}: " + ", ".join(f"{x.cascade}:{x.id} {x.name}" for x in refs))
    return out
