"""The explorer: server-rendered HTML pages for analysts (Jinja2 templates, no front-end build).

- ``/``: the cascade's summary (counts per level), its region (the RPJMD Sasaran it supports,
  its crosscutting links), the alignment checks with their findings and the owners' workload
  (table and bar chart); with several cascades and none named, the regions (their agencies,
  RPJMD and findings) and then every agency by region;
- ``/search?q=``: elements by id, nomenclature code, name, indicator or owner title, ranked,
  each with its agency (every cascade unless ``?cascade=`` names one);
- ``/elements/{id}?cascade=``: one element with its details, links up and down, findings and
  its trace to the Goal (as a list and as an embedded graph);
- ``/checks/{name}``: the findings of one check;
- ``/regions/{region}``: a region as a dashboard: its agencies (filtered and sorted by
  ``pokin-region.js``), RPJMD support, the findings matrix without its empty rows and columns,
  crosscutting links and the owners' workload across its agencies;
- ``/upload``: a form that sends a cascade file to ``POST /api/cascades`` (``pokin-upload.js``)
  and shows the answer: the cascades loaded and the import report (or that writes are disabled).

Unknown ids answer a 404 page, a database outage a 503 page, a page that needs a cascade and
was named none a chooser (``pokin.api.errors``). Every page
is sent with a Content-Security-Policy that allows scripts only from this server
(``pokin.api.html``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from pokin.api.deps import CascadeParam, DbDep, SettingsDep, YearParam
from pokin.api.html import HtmlRoute, page
from pokin.api.routes.upload import MAX_UPLOAD_BYTES
from pokin.core.capaian import CATEGORY_LABELS
from pokin.core.errors import UnknownCheck
from pokin.graph.checks import CHECKS
from pokin.graph.elements import list_elements
from pokin.graph.pages import check_page, element_page, home_page
from pokin.graph.region import dashboard, region_measurement, region_overview
from pokin.graph.workload import region_workload
from pokin.seed.formats import FORMATS, extension_claims, writable
from pokin.visualize.documents import documents_on
from pokin.visualize.measurement import element_context
from pokin.visualize.render import graph_context

MAX_TRACE_PATHS = 25
#: Owners and position titles shown on a region page (the JSON route has them all).
REGION_TOP = 20

router = APIRouter(include_in_schema=False, route_class=HtmlRoute)

ElementId = Annotated[str, PathParam(min_length=1, max_length=200)]


@router.get("/", response_class=HTMLResponse)
def home(db: DbDep, settings: SettingsDep, cascade: CascadeParam = None):
    shown = home_page(db, cascade or None, settings.pokin_at_risk_threshold)
    current = shown.current
    if current is None:  # none loaded, or several and none named: regions, then agencies
        return page(
            "home.html",
            cascades=shown.cascades,
            current=None,
            groups=shown.groups,
            regions=shown.regions,
            glances={r.group.region.region: r for r in shown.regions if r.group.region},
        )
    return page(
        "home.html",
        cascades=shown.cascades,
        current=current.cascade,
        groups=shown.groups,
        other_regions=shown.other_regions,
        region=current.region,
        counts=current.counts,
        top=current.top,
        report=current.report,
        workload=current.workload,
        at_risk=current.at_risk,
        max_results=max((w.counts.total_results for w in current.workload.owners), default=0),
        export_formats=list(writable().values()),
        documents=documents_on("agency"),
    )


@router.get("/search", response_class=HTMLResponse)
def search(db: DbDep, q: Annotated[str, Query(max_length=200)] = "", cascade: CascadeParam = None):
    results = None
    if q.strip():
        results = list_elements(db, q=q, cascade=cascade or None, limit=100)
    return page("search.html", q=q, cascade=cascade, results=results)


@router.get("/elements/{element_id}", response_class=HTMLResponse)
def element(element_id: ElementId, db: DbDep, cascade: CascadeParam = None, year: YearParam = None):
    """``?cascade=`` names the element's cascade; without it the id must be held by one
    cascade only (a 409 page lists the cascades otherwise). ``?year=`` the year its chart and
    budget show (default: the latest realised)."""
    sheet = element_page(db, element_id, cascade or None)
    trace, view = sheet.trace, sheet.view
    return page(
        "element.html",
        e=sheet.element,
        agency=sheet.agency,
        region_of=sheet.region,
        trace=trace,
        paths=trace.paths[:MAX_TRACE_PATHS],
        more_paths=max(len(trace.paths) - MAX_TRACE_PATHS, 0),
        graph=graph_context(view),
        # for a unit: the owners and indicators of the results it delivers
        itself=next((n for n in view.nodes if n.id == sheet.element.id), None),
        findings=sheet.findings,
        m=element_context(sheet.element, year),
    )


@router.get("/checks/{name}", response_class=HTMLResponse)
def check(name: str, db: DbDep, cascade: CascadeParam = None):
    """An unknown check is a 404 before the cascade is chosen (a chooser would lead to it)."""
    if name not in CHECKS:
        raise UnknownCheck([name], CHECKS)
    sheet = check_page(db, name, cascade or None)
    return page("check.html", cascade=sheet.cascade.id, summary=sheet.cascade, check=sheet.check)


@router.get("/regions/{region}", response_class=HTMLResponse)
def region_page(
    region: Annotated[str, PathParam(min_length=1, max_length=200)],
    db: DbDep,
    year: YearParam = None,
):
    """A region: its cascades, the RPJMD Sasaran with the agencies supporting each, the
    crosscutting links, the findings per agency and check, the most loaded owners and
    position titles across the agencies, the agencies ranked by capaian (of ``?year=``) and by
    realisation freshness, and the results at risk."""
    overview = region_overview(db, region)
    workload = region_workload(db, region)
    return page(
        "region.html",
        o=overview,
        d=dashboard(overview),
        checks=overview.report.checks,
        workload=workload,
        top_owners=workload.owners[:REGION_TOP],
        top_positions=workload.positions[:REGION_TOP],
        m=region_measurement(db, region, year),
        capaian_labels=CATEGORY_LABELS,
    )


@router.get("/upload", response_class=HTMLResponse)
def upload(settings: SettingsDep):
    """The upload form; the page's script does the upload, so the key never leaves the page
    but in the request's header."""
    return page(
        "upload.html",
        enabled=settings.pokin_api_key is not None,
        formats=list(FORMATS.values()),
        accept=",".join(extension_claims()),
        max_bytes=MAX_UPLOAD_BYTES,
    )
