"""The graph page's head and header: what names its cascade or region, and the site menu of
served pages (a standalone file has no server to link to or search)."""

from __future__ import annotations

from pokin.core import i18n
from pokin.graph.views import GraphView, ViewNode
from pokin.visualize.render import render_page

NODE = ViewNode(id="tujuan", kind="goal", level="goal", name="T", cascade="c-1", agency="Dinas X")


def _view(**kw) -> GraphView:
    base = dict(view="cascade", cascade="c-1", title="Whole cascade: c-1", nodes=[NODE], edges=[])
    return GraphView(**{**base, **kw})


def test_a_served_page_has_the_site_menu_and_search_with_its_cascade():
    html = render_page(_view(agency="Dinas <X>"))
    assert '<meta name="pokin-cascade" content="c-1">' in html
    assert 'name="pokin-region"' not in html
    for href in ("/?cascade=c-1", "/tree?cascade=c-1", "/graph?cascade=c-1", "/upload", "/docs"):
        assert f'<a href="{href}">' in html
    assert '<form class="search" action="/search"' in html
    assert '<input type="hidden" name="cascade" value="c-1">' in html
    assert "Perangkat Daerah: <bdi>Dinas &lt;X&gt;</bdi>" in html  # escaped, never markup


def test_a_standalone_file_has_no_menu_but_names_its_cascade():
    html = render_page(_view(), standalone=True, home_url=None)
    assert 'class="site-nav"' not in html and 'action="/search"' not in html
    assert '<meta name="pokin-cascade" content="c-1">' in html


def test_a_region_view_names_its_region():
    html = render_page(
        _view(view="crosscutting", cascade=None, region="r-1", agency="Kabupaten Contoh")
    )
    assert '<meta name="pokin-region" content="r-1">' in html
    assert 'name="pokin-cascade"' not in html
    assert "Daerah: <bdi>Kabupaten Contoh</bdi>" in html
    # the site menu in the page's language, as every page's header
    assert '<a href="/">Ringkasan</a>' in html and 'name="cascade"' not in html
    assert 'placeholder="Nama, kode, indikator, pemilik…"' in html
    with i18n.using("en"):
        english = render_page(
            _view(view="crosscutting", cascade=None, region="r-1", agency="Kabupaten Contoh")
        )
    assert '<a href="/">Summary</a>' in english
    assert "Region: <bdi>Kabupaten Contoh</bdi>" in english


def test_the_language_switch_links_the_page_in_each_language_and_marks_the_current():
    languages = [("id", "/graph?cascade=c-1&lang=id"), ("en", "/graph?cascade=c-1&lang=en")]
    html = render_page(_view(), languages=languages)
    assert (
        '<a href="/graph?cascade=c-1&amp;lang=id" hreflang="id" lang="id" aria-current="true">'
        "Bahasa Indonesia</a>" in html
    )
    assert '<a href="/graph?cascade=c-1&amp;lang=en" hreflang="en" lang="en">English</a>' in html
    assert 'class="lang-switch"' not in render_page(_view())  # no URLs given: no switch


def test_the_toolbar_and_legend_speak_the_page_language():
    html = render_page(_view())
    assert "Tampilkan semua" in html and "Fit all" not in html
    assert (
        'data-legend-kind="goal"><span class="pg-swatch pg-box" style="--c: #6a3d9a"></span>Tujuan<'
        in html
    )
    assert "Keterangan" in html and "mendukung" in html
    with i18n.using("en"):
        english = render_page(_view())
    assert "Fit all" in english and "Tampilkan semua" not in english
    assert "</span>Goal (Tujuan)<" in english and "supports (mendukung)" in english
