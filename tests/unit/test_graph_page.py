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
    assert "Agency: <bdi>Dinas &lt;X&gt;</bdi>" in html  # escaped, never markup


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
    assert "Region: <bdi>Kabupaten Contoh</bdi>" in html
    # the site menu in the page's language, as every page's header
    assert '<a href="/">Ringkasan</a>' in html and 'name="cascade"' not in html
    assert 'placeholder="Nama, kode, indikator, pemilik…"' in html
    with i18n.using("en"):
        english = render_page(
            _view(view="crosscutting", cascade=None, region="r-1", agency="Kabupaten Contoh")
        )
    assert '<a href="/">Summary</a>' in english
