/* pokin: the pohon tree page. Opens and closes cards, opens to a level, expands and collapses
   all, finds a card (opening the path to it) and keeps what is open in the URL hash, so the URL
   is a permalink. Children of a closed card arrive inside a <template>; they are put into the
   page only when the card is first opened, which keeps a tree of thousands of cards fast.
   No inline script anywhere: the CSP allows scripts only from this server. */
(function () {
  "use strict";
  var tree = document.querySelector("[data-pk-tree]");
  if (!tree) return;
  var MAX = 99;
  var indexBlock = document.getElementById("pk-tree-index");
  var index = indexBlock ? JSON.parse(indexBlock.textContent) : [];
  var state = { depth: +tree.dataset.openDepth || 0, open: new Set(), closed: new Set(), focus: null };
  var lastQuery = null;
  var hitAt = -1;

  function nodeOf(id) { return document.getElementById("t:" + id); }
  function childList(li) {
    for (var c = li.lastElementChild; c; c = c.previousElementSibling) {
      if (c.classList.contains("pk-children")) return c;
    }
    return null;
  }
  function toggleOf(li) { return li.firstElementChild.querySelector("[data-toggle]"); }
  function materialise(ul) {
    var t = ul.firstElementChild;
    if (t && t.tagName === "TEMPLATE") { ul.appendChild(t.content); t.remove(); }
  }
  function isOpen(li) { var ul = childList(li); return !!ul && !ul.hidden; }
  function show(li, open) {
    var ul = childList(li);
    if (!ul) return;
    if (open) materialise(ul);
    ul.hidden = !open;
    var b = toggleOf(li);
    if (b) b.setAttribute("aria-expanded", open ? "true" : "false");
  }
  function wanted(li) {
    var id = li.dataset.id;
    return state.open.has(id) || (+li.dataset.depth < state.depth && !state.closed.has(id));
  }
  /* Open or close li as the state says; descend only into what is open (lazy). */
  function apply(li) {
    var ul = childList(li);
    if (!ul) return;
    if (!wanted(li)) { show(li, false); return; }
    show(li, true);
    for (var k = ul.firstElementChild; k; k = k.nextElementSibling) apply(k);
  }
  function applyAll() {
    var roots = tree.querySelector(".pk-roots");
    if (!roots) return;
    for (var k = roots.firstElementChild; k; k = k.nextElementSibling) apply(k);
  }
  /* Remember a user's choice for li, relative to the level the tree is open to. */
  function choose(li, open) {
    var id = li.dataset.id, deep = +li.dataset.depth >= state.depth;
    state.open.delete(id); state.closed.delete(id);
    if (open && deep) state.open.add(id);
    if (!open && !deep) state.closed.add(id);
    if (open) apply(li); else show(li, false);
  }

  function encodeIds(set) { return Array.from(set).map(encodeURIComponent).join(","); }
  function decodeIds(text) {
    return new Set((text || "").split(",").filter(Boolean).map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return s; }
    }));
  }
  function hashText() {
    var parts = ["depth=" + state.depth];
    if (state.open.size) parts.push("open=" + encodeIds(state.open));
    if (state.closed.size) parts.push("closed=" + encodeIds(state.closed));
    if (state.focus) parts.push("focus=" + encodeURIComponent(state.focus));
    return parts.join("&");
  }
  function writeHash() {
    var hash = "#" + hashText();
    history.replaceState(null, "", hash);
    var link = document.querySelector("[data-permalink]");
    if (link) link.href = location.href;
    var select = document.querySelector("[data-depth-select]");
    if (select) select.value = String(Math.min(state.depth, +tree.dataset.maxDepth));
  }
  function readHash() {
    var text = location.hash.replace(/^#/, "");
    if (!text) return false;
    var params = {};
    text.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at > 0) params[pair.slice(0, at)] = pair.slice(at + 1);
    });
    if (!("depth" in params)) return false;
    var depth = parseInt(params.depth, 10);
    state.depth = isNaN(depth) ? state.depth : Math.max(0, Math.min(depth, MAX));
    state.open = decodeIds(params.open);
    state.closed = decodeIds(params.closed);
    state.focus = params.focus ? decodeIds(params.focus).values().next().value : null;
    return true;
  }

  /* Open every card on the way to id, then the card itself is in the page. */
  function reveal(id) {
    var entry = null;
    for (var i = 0; i < index.length; i++) if (index[i][0] === id) { entry = index[i]; break; }
    if (!entry) return null;
    entry[2].forEach(function (a) {
      var li = nodeOf(a);
      if (li && !isOpen(li)) choose(li, true);
    });
    return nodeOf(id);
  }
  function focusOn(li) {
    var old = tree.querySelectorAll(".pk-hit");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("pk-hit");
    var card = li.firstElementChild;
    card.classList.add("pk-hit");
    card.scrollIntoView({ block: "center", inline: "center" });
    card.focus({ preventScroll: true });
  }
  function find(text) {
    var q = text.trim().toLowerCase();
    var status = document.querySelector("[data-search-status]");
    if (!q) { if (status) status.textContent = ""; return; }
    var hits = index.filter(function (e) { return e[1].indexOf(q) !== -1; });
    // the status's words come in the page's language (data-no-match, data-of): no dictionary
    if (!hits.length) {
      if (status) status.textContent = status.getAttribute("data-no-match") || "no match";
      return;
    }
    hitAt = q === lastQuery ? (hitAt + 1) % hits.length : 0;
    lastQuery = q;
    var li = reveal(hits[hitAt][0]);
    if (!li) return;
    state.focus = hits[hitAt][0];
    writeHash();
    focusOn(li);
    if (status) {
      var of = status.getAttribute("data-of") || "of";
      status.textContent = (hitAt + 1) + " " + of + " " + hits.length;
    }
  }

  tree.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-toggle]");
    if (!b || !tree.contains(b)) return;
    var li = b.closest(".pk-node");
    choose(li, !isOpen(li));
    writeHash();
  });
  function setDepth(depth) {
    state.depth = depth; state.open.clear(); state.closed.clear();
    applyAll();
    writeHash();
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-action]");
    if (!b) return;
    if (b.dataset.action === "expand-all") setDepth(MAX);
    if (b.dataset.action === "collapse-all") setDepth(0);
  });
  var select = document.querySelector("[data-depth-select]");
  if (select) select.addEventListener("change", function () { setDepth(+select.value); });
  var form = document.querySelector("[data-search]");
  if (form) form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    find(form.querySelector("input").value);
  });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") === hashText()) return;
    if (readHash()) { applyAll(); var li = state.focus && reveal(state.focus); if (li) focusOn(li); }
  });

  var fromHash = readHash();
  applyAll();
  if (fromHash && state.focus) { var li = reveal(state.focus); if (li) focusOn(li); }
  if (fromHash) writeHash();
  else { var link = document.querySelector("[data-permalink]"); if (link) link.href = location.href.replace(/#.*$/, "") + "#" + hashText(); }
  document.documentElement.dataset.treeReady = "1";
})();
