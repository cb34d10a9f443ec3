"""``pokin export``: the pohon tree as a PDF, PNG or SVG file, drawn by headless Chromium from
the same templates as the ``/tree`` page (``pokin.visualize.tree.render_standalone``).

- **PDF**: the poster (``pokin.visualize.poster``): the one way the tree is printed, on one
  page scaled to fit, or tiled over numbered pages that never cut a card.
- **PNG**: a screenshot of the whole tree.
- **SVG**: the laid-out tree in an SVG ``<foreignObject>`` (serialized by the browser as XHTML,
  so every name stays escaped text), which any browser opens and scales.

The page is loaded from a string with every request outside it refused: an export reaches no
network. Chromium and Playwright are optional: without them the export says what to install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pokin.core.errors import Invalid
from pokin.core.i18n import _
from pokin.graph.tree import Tree
from pokin.visualize.browser import CHROMIUM, CHROMIUM_ARGS, outside_event_loop
from pokin.visualize.browser import playwright as _playwright
from pokin.visualize.pictures import FORMATS, PictureFormat
from pokin.visualize.tree import render_standalone

Format = Literal[tuple(FORMATS)]  # type: ignore[valid-type]
Paper = Literal["A2", "A3", "A4"]
MEDIA_TYPES = {name: f.media_type for name, f in FORMATS.items()}
__all__ = ["FORMATS", "MEDIA_TYPES", "Format", "Paper", "PictureFormat", "export_tree"]

#: The width the tree is laid out in for PNG and SVG (CSS pixels); the height follows.
IMAGE_WIDTH = 1800
#: Widths for print, per paper (landscape, 10 mm margins, 96 dpi).
PRINT_WIDTH = {"A2": 2169, "A3": 1512, "A4": 1047}

_SVG_SCRIPT = """(css) => {
  const SVG = "http://www.w3.org/2000/svg", XHTML = "http://www.w3.org/1999/xhtml";
  const width = Math.ceil(document.documentElement.scrollWidth);
  const height = Math.ceil(document.documentElement.scrollHeight);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const fo = document.createElementNS(SVG, "foreignObject");
  fo.setAttribute("x", 0); fo.setAttribute("y", 0);
  fo.setAttribute("width", width); fo.setAttribute("height", height);
  const html = document.createElementNS(XHTML, "html");
  const head = document.createElementNS(XHTML, "head");
  const style = document.createElementNS(XHTML, "style");
  style.textContent = css;
  head.appendChild(style);
  html.appendChild(head);
  const body = document.createElementNS(XHTML, "body");
  body.setAttribute("class", document.body.className);
  for (const child of document.body.children) body.appendChild(document.importNode(child, true));
  for (const t of body.querySelectorAll("template, script")) t.remove();
  html.appendChild(body);
  fo.appendChild(html);
  svg.appendChild(fo);
  return new XMLSerializer().serializeToString(svg);
}"""


@outside_event_loop
def render_file(html: str, fmt: Format, output: Path, *, paper: Paper = "A3") -> int:
    """Draw the standalone ``html`` into ``output`` as ``fmt``; returns the bytes written."""
    if fmt not in FORMATS:
        raise Invalid(
            _("unknown format %(format)s; the formats are: %(formats)s")
            % {"format": repr(fmt), "formats": ", ".join(FORMATS)}
        )
    sync_playwright = _playwright()
    from pokin.visualize.tree import tree_asset

    width = PRINT_WIDTH[paper] if fmt == "pdf" else IMAGE_WIDTH
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.route("**/*", lambda route: route.abort())  # nothing leaves the page
                page.set_content(html, wait_until="load")
                if fmt == "pdf":  # a page's HTML as is; the tree's print is the poster
                    page.emulate_media(media="print")
                    page.pdf(path=str(output), format=paper, landscape=True, print_background=True)
                elif fmt == "png":
                    page.screenshot(path=str(output), full_page=True)
                else:
                    svg = page.evaluate(_SVG_SCRIPT, tree_asset("tree.css"))
                    output.write_text(
                        '<?xml version="1.0" encoding="UTF-8"?>\n' + svg, encoding="utf-8"
                    )
            finally:
                browser.close()
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(reason)s") % {"path": output, "reason": exc.strerror or exc}
        ) from None
    return output.stat().st_size


def render_bytes(html: str, fmt: Format, *, paper: Paper = "A3") -> bytes:
    """``render_file`` into memory (the explorer's Export links)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pokin-export-") as folder:
        path = Path(folder) / f"tree.{fmt}"
        render_file(html, fmt, path, paper=paper)
        return path.read_bytes()


def require_browser() -> None:
    """Raise ``ExportUnavailable`` (exit code 2) when Chromium or Playwright is missing: called
    before anything is read, so the user learns what to install first."""
    _playwright()


def open_depth(depth: int | None) -> int | None:
    """``--depth N`` draws exactly N levels: the page's open depth is the deepest card shown
    with its children, so N levels are open depth N - 1 (at least the roots)."""
    return None if depth is None else max(depth, 1) - 1


def export_bytes(
    tree: Tree,
    fmt: Format,
    *,
    depth: int | None = None,
    paper: Paper = "A3",
    tiled: bool = False,
) -> bytes:
    """``tree`` as ``fmt``, ``depth`` levels drawn (all when None): a PDF is the poster."""
    if fmt == "pdf":
        from pokin.visualize.documents import DocumentRequest
        from pokin.visualize.poster import write

        return write(tree, DocumentRequest(depth=depth, paper=paper, tiled=tiled))
    return render_bytes(render_standalone(tree, open_depth(depth)), fmt, paper=paper)


def export_tree(
    tree: Tree,
    output: Path,
    fmt: Format,
    *,
    depth: int | None = None,
    paper: Paper = "A3",
    tiled: bool = False,
) -> tuple[int, int]:
    """Export ``tree`` (a cascade's, or the subtree under an element), ``depth`` levels drawn
    (all when None), to ``output``; returns (cards in the tree, bytes written)."""
    if fmt != "pdf":
        html = render_standalone(tree, open_depth(depth))
        return tree.total, render_file(html, fmt, output, paper=paper)
    data = export_bytes(tree, fmt, depth=depth, paper=paper, tiled=tiled)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        raise Invalid(
            _("cannot write %(path)s: %(reason)s") % {"path": output, "reason": exc.strerror or exc}
        ) from None
    return tree.total, len(data)
