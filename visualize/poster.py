"""The pohon kinerja poster: a cascade's tree (or the subtree under an element) as a PDF to
print, drawn by headless Chromium from ``tree_print.html``.

- **One page** (the default): the tree on one landscape sheet of the paper, laid out at the
  width that lets it grow largest, then scaled to fit. Text must stay at least ``MIN_PT``
  points: a tree that cannot fit so **falls back to tiled** on the same paper (``Poster.tiled``
  says it did), since a poster nobody can read is no poster; A2 or tiled is then the choice.
  The seed fits one A3 page at 6 pt (scale 1.0085) thanks to a condensed face (Liberation
  Sans Narrow), line-height 1.12, hairline gaps, cards spanning their children and the
  outline (``Sheet.flow_cols``): the two levels under a Program flow in balanced columns, each
  Kegiatan with its Sub Kegiatan indented under it. The tree wrapped as an org chart, the
  first round's layout, reached only 0.50 (3 pt).
- **Tiled**: sheets numbered "Page i of n", the header (title, agency, period) on every one.
  The poster code places the cards itself, measuring each sheet in Chromium before adding to
  it, so a card is never cut: a branch that does not fit goes on under "continued on page k"
  and starts its sheet with "continued from page j".

The letterhead (kop) heads the first sheet and the signature block closes the last, only with
what the user gave (``Signatures``); the badges, findings and warnings print only with
``findings=True``; ``depth=N`` draws exactly N levels.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from pokin.core.i18n import N_
from pokin.visualize.browser import outside_event_loop
from pokin.visualize.documents import Document, DocumentRequest, register

if TYPE_CHECKING:  # the drawing's imports wait for a drawing: the registry is read at start-up
    from jinja2 import Template

    from pokin.graph.tree import Tree, TreeCard

#: Landscape sheets, millimetres (width, height).
PAPER_MM: dict[str, tuple[int, int]] = {"A2": (594, 420), "A3": (420, 297), "A4": (297, 210)}
#: The smallest printed text the poster allows, points.
MIN_PT = 6.0
#: The one-page poster is never blown up more than this (a small subtree on A2).
MAX_SCALE = 2.5
#: Placeholder page number while sheets are measured (the real ones are known at the end).
_PLACEHOLDER = "99"
_PX_PER_MM = 96 / 25.4

_MEASURE = """(html) => {
  document.body.innerHTML = html;
  const body = document.querySelector('[data-body]');
  const blocks = document.querySelector('[data-blocks]');
  let smallest = 1e9;
  for (const el of blocks.querySelectorAll('*')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
  }
  let w = 0;  // what the cards take, not the laid-out width (the tree is centred in it)
  for (const b of blocks.children) w = Math.max(w, b.offsetLeft + b.scrollWidth);
  return {availW: body.clientWidth, availH: body.clientHeight, w: w, h: blocks.scrollHeight,
          smallest: smallest};
}"""


@dataclass
class Item:
    """A card and how many levels of its subtree are drawn with it (1: the card alone)."""

    card: TreeCard
    levels: int


@dataclass
class Block:
    """Cards drawn together; ``parent`` (with the sheet it is on) when they continue a branch."""

    parent: TreeCard | None = None
    from_page: int | None = None
    items: list[Item] = field(default_factory=list)


@dataclass
class Sheet:
    number: int
    blocks: list[Block] = field(default_factory=list)
    signature: bool = False
    scale: float | None = None
    width: int | None = None
    #: the most columns a card's last-level results stack in
    cols: int = 3
    #: or, when given, the most rows they stack in (columns as many as that takes)
    rows: int | None = None
    #: about what a column of an outline holds (``flow_cols``, ``_weight``); None: no outline
    per_col: int | None = None
    #: the cards' width (px); None: the stylesheet's
    card_w: int | None = None
    #: the scaled tree's left margin, to centre it (px)
    offset: int = 0

    def flow_cols(self, card: TreeCard, levels_left: int) -> int:
        """The columns the two levels under ``card`` flow in, as an outline of at most
        ``per_col`` cards a column (0: drawn as the tree, below their parent): only the one-page
        poster flows, under a card whose grandchildren are the last level drawn."""
        if not self.per_col or levels_left < 3:
            return 0
        if levels_left > 3 and any(g.children for k in card.children for g in k.children):
            return 0
        n = sum(_weight(k) + sum(_weight(g) for g in k.children) for k in card.children)
        return max(1, round(n / self.per_col + 0.3))

    def leaf_cols(self, n: int) -> int:
        """The columns ``n`` last-level results stack in: as even as ``rows`` or ``cols`` allow."""
        if self.rows:
            return max(1, -(-n // self.rows))
        return max(1, min(n, -(-n // -(-n // self.cols))))


def _weight(card: TreeCard) -> int:
    """About how much room a card takes: its characters and a line's worth of frame."""
    inds = sum(len(i.name) + len(i.target_label or "") + 12 for i in card.indicators)
    return len(card.name) + inds + sum(len(o.title) + 2 for o in card.owners) + 60


@dataclass(frozen=True)
class Poster:
    """The PDF and how it came out: its pages, whether it is tiled (asked, or fallen back to
    because one page would print text under ``MIN_PT``) and the one page's scale."""

    pdf: bytes
    pages: int
    tiled: bool
    scale: float | None = None


@cache
def _template() -> Template:
    from pokin.visualize.render import environment

    return environment().get_template("tree_print.html")


def _signed(request: DocumentRequest) -> bool:
    s = request.signatures
    who = s.signatory
    return any((s.place, s.date, who.position, who.name, who.rank, who.nip))


class _Layout:
    """One Chromium page: sheets are measured in it, then the poster is printed from it."""

    def __init__(self, page: Any, tree: Tree, request: DocumentRequest) -> None:
        from pokin.visualize.tree import tree_asset, tree_context

        self.page = page
        self.tree = tree
        self.request = request
        self.limit = request.depth if request.depth is not None else tree.depth + 1
        self.limit = max(1, self.limit)
        self.context = {
            **tree_context(tree, tree.depth),
            "findings": request.findings,
            "signatures": request.signatures,
            "signed": _signed(request),
            "paper_mm": PAPER_MM[request.paper],
            "css": tree_asset("tree.css"),
        }
        self.module = _template().make_module({**self.context, "sheets": []})
        page.set_content(_template().render(**self.context, sheets=[], cut={}))

    def measure(self, sheet: Sheet, cut: dict[str, str]) -> dict[str, float]:
        html = str(self.module.poster_sheet(sheet, cut, 2))
        return self.page.evaluate(_MEASURE, html)

    def fits(self, sheet: Sheet, cut: dict[str, str]) -> bool:
        m = self.measure(sheet, cut)
        return m["w"] <= m["availW"] + 0.5 and m["h"] <= m["availH"] - 2

    def levels_of(self, card: TreeCard) -> int:
        return self.limit - card.depth

    # -- one page ---------------------------------------------------------------------------

    def one_page(self) -> Sheet | None:
        """The tree on one sheet, laid out as it scales largest; None when its text would print
        under ``MIN_PT``. Two families are measured: the tree wrapped at several widths, and the
        outline (``flow_cols``) at several card widths and column heights."""
        items = [Item(r, self.levels_of(r)) for r in self.tree.roots]
        avail = self.measure(Sheet(1, [], signature=True), {})["availW"]
        layouts: list[dict[str, Any]] = []
        for cols in (1, 2, 3, 4):
            for factor in (0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5):
                layouts.append({"width": int(avail * factor), "cols": cols})
        total = sum(_weight(c) for c, _ in self.tree.walk())
        for card_w in (110, 120, 135, 150):
            for n in range(2, 60):
                layouts.append({"width": int(avail * 3), "card_w": card_w, "per_col": total / n})
        best: tuple[float, Sheet, float, float] | None = None
        seen: set[str] = set()
        for layout in layouts:
            sheet = Sheet(1, [Block(items=items)], signature=True, scale=1, **layout)
            html = str(self.module.poster_sheet(sheet, {}, 2))
            if html in seen:  # column heights that come to the same columns
                continue
            seen.add(html)
            m = self.page.evaluate(_MEASURE, html)
            scale = min(m["availW"] / max(m["w"], 1), m["availH"] / max(m["h"], 1))
            if best is None or scale > best[0]:
                spare = m["availW"] - m["w"] * min(scale, MAX_SCALE)
                best = (min(scale, MAX_SCALE), sheet, m["smallest"], spare)
        assert best is not None
        scale, sheet, smallest, spare = best
        sheet.offset = int(max(spare, 0) / 2)
        scale *= 0.985  # print and screen round text a hair apart
        if smallest * 0.75 * scale < MIN_PT:
            return None
        sheet.scale = round(scale, 4)
        return sheet

    # -- tiled ------------------------------------------------------------------------------

    def _cuts(self, item: Item) -> list[TreeCard]:
        """The cards of ``item``'s last drawn level whose children are left for other sheets."""
        if item.card.depth + item.levels >= self.limit:
            return []
        level = [item.card]
        for _ in range(item.levels - 1):
            level = [k for c in level for k in c.children]
        return [c for c in level if c.children]

    def tiled(self) -> tuple[list[Sheet], dict[str, str]]:
        """Sheets filled in reading order (a branch's continuation follows it), each measured
        before a card joins it; ``cut``: card id -> the page its children go on to."""
        cut: dict[str, str] = {}
        sheets = [Sheet(1)]
        first_sheet: dict[str, int] = {}  # cut card id -> the sheet its children start on
        queue: deque[tuple[TreeCard | None, int | None, list[TreeCard]]] = deque(
            [(None, None, list(self.tree.roots))]
        )
        while queue:
            parent, from_page, cards = queue.popleft()
            sheet = sheets[-1]
            block = Block(parent, from_page)
            sheet.blocks.append(block)
            later: list[tuple[TreeCard | None, int | None, list[TreeCard]]] = []
            pending = deque(cards)
            while pending:
                card = pending[0]
                full = self.levels_of(card)
                alone = not any(b.items for b in sheet.blocks)
                placed = False
                # on a sheet begun, a card keeps at least its children with it; on an empty one
                # it may stand alone, its children going on elsewhere
                for levels in range(full, 0 if alone else min(full - 1, 1), -1):
                    item = Item(card, levels)
                    cuts = self._cuts(item)
                    block.items.append(item)
                    for c in cuts:
                        cut[c.id] = _PLACEHOLDER
                    if self.fits(sheet, cut) or (alone and levels == 1):
                        placed = True
                        later += [(c, sheet.number, list(c.children)) for c in cuts]
                        break
                    block.items.pop()
                    for c in cuts:
                        del cut[c.id]
                if placed:
                    if parent is not None:
                        first_sheet.setdefault(parent.id, sheet.number)
                    pending.popleft()
                    continue
                if not block.items:
                    sheet.blocks.remove(block)
                sheet = Sheet(len(sheets) + 1)
                sheets.append(sheet)
                block = Block(parent, from_page)
                sheet.blocks.append(block)
            if not block.items:
                sheet.blocks.remove(block)
            queue.extendleft(reversed(later))
        if not sheets[0].blocks:
            sheets[0].blocks.append(Block())
        sheets[-1].signature = True
        if self.context["signed"] and not self.fits(sheets[-1], cut):
            sheets[-1].signature = False
            sheets.append(Sheet(len(sheets) + 1, signature=True))
        for card_id in cut:
            cut[card_id] = str(first_sheet[card_id])
        return sheets, cut

    def pdf(self, sheets: list[Sheet], cut: dict[str, str]) -> bytes:
        width, height = PAPER_MM[self.request.paper]
        self.page.set_content(_template().render(**self.context, sheets=sheets, cut=cut))
        return self.page.pdf(
            width=f"{width}mm",
            height=f"{height}mm",
            margin={"top": "0", "right": "0", "bottom": "0", "left": "0"},
            print_background=True,
            prefer_css_page_size=True,
        )


@outside_event_loop
def draw(tree: Tree, request: DocumentRequest) -> Poster:
    """The poster of ``tree`` as ``request`` asks (paper, tiled, depth, findings, signatures)."""
    from pokin.visualize.browser import CHROMIUM, CHROMIUM_ARGS
    from pokin.visualize.tree_export import _playwright

    sync_playwright = _playwright()
    width, height = PAPER_MM[request.paper]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": int(width * _PX_PER_MM), "height": int(height * _PX_PER_MM)}
            )
            page.route("**/*", lambda route: route.abort())  # nothing leaves the page
            page.emulate_media(media="print")
            layout = _Layout(page, tree, request)
            one = None if request.tiled else layout.one_page()
            if one is not None:
                return Poster(layout.pdf([one], {}), 1, tiled=False, scale=one.scale)
            sheets, cut = layout.tiled()
            return Poster(layout.pdf(sheets, cut), len(sheets), tiled=True)
        finally:
            browser.close()


def write(tree: Tree, request: DocumentRequest) -> bytes:
    """The registry's writer: the poster's PDF."""
    return draw(tree, request).pdf


POSTER = register(
    Document(
        name="poster",
        title=N_("Performance tree poster (pohon kinerja)"),
        help=N_(
            "the tree on one A3 or A2 page scaled to fit, or tiled over numbered pages; "
            "letterhead and signature as given"
        ),
        source="tree",
        kinds=("pdf",),
        write=write,
        pages=("agency", "owner"),
    )
)
