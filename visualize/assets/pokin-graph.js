/* pokin graph page: draws the network of #pokin-graph-data with vis-network into #pokin-network.
 *
 * - keeps the vis Network at window.network (as pyvis pages do);
 * - sets document.documentElement.dataset.graphReady = "1" (and window.pokinGraphReady) once the
 *   graph is drawn, keeps the time since navigation started in window.pokinGraphReadyMs (the
 *   draw benchmark reads it) and fires the window event "pokin-graph-ready";
 * - clicking a node opens its element page (the node's url);
 * - the Indicators / Owners switches hide or show those nodes (without the indicators, the
 *   nodes take the positions of the layout the server made without them);
 * - "Find in graph" selects and centres the first element whose name or id holds the text;
 * - a big whole-cascade graph opens on its overview (data.positions.overview: the top three
 *   levels and the programmes, legible at fit zoom); "Top levels only" switches to everything.
 * - node ids are keys "cascade:id" (a view may span cascades); a view drawn as one block per
 *   cascade (data.groups, a region's map) gets a frame around each block, named by its agency.
 * - the first view is legible: when fitting the graph would draw a label smaller than
 *   data.legible CSS px (font size x canvas scale), it zooms to that scale centred on the
 *   subject (a check graph: its first finding; else the top level), kept inside the graph,
 *   and says so, with "Fit all" to see everything;
 * - a big view across cascades opens with each other agency's elements collapsed into one
 *   node (data.clusters, vis clustering); clicking one opens it;
 * - "Next finding" centres the elements with findings one after the other.
 * Text from the data is only ever given to vis-network as labels and string tooltips, which it
 * shows as text, or set with textContent.
 */
(function () {
  "use strict";

  function init() {
    var holder = document.getElementById("pokin-graph-data");
    var container = document.getElementById("pokin-network");
    if (!holder || !container || typeof vis === "undefined") return;
    var data = JSON.parse(holder.textContent);
    var hidden = {};
    // A big whole-cascade graph opens on its overview: the top three levels and the
    // programmes, laid out on their own, everything else hidden (still in the data set).
    var overviewAt = (data.positions && data.positions.overview) || null;
    var overview = !!overviewAt;

    function visibleData() {
      // The server laid the nodes out three times: with the indicators, without them, and the
      // overview alone.
      var moved = overview ? overviewAt : (hidden.indicator ? data.positions.indicator : null);
      var nodes = data.nodes.filter(function (n) { return !hidden[n.kind]; }).map(function (n) {
        if (overview && !overviewAt[n.id]) return Object.assign({}, n, { hidden: true });
        if (!moved || !moved[n.id]) return n;
        return Object.assign({}, n, { x: moved[n.id][0], y: moved[n.id][1] });
      });
      var ids = new Set(nodes.map(function (n) { return n.id; }));
      var edges = data.edges.filter(function (e) { return ids.has(e.from) && ids.has(e.to); });
      if (overview) {
        edges = edges.map(function (e) {
          return overviewAt[e.from] && overviewAt[e.to] ? e : Object.assign({}, e, { hidden: true });
        });
      }
      return { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) };
    }

    var zoomed = document.querySelector("[data-zoomed]");
    // a region's map: the blocks of its cascades, framed and named (see below)
    var groups = data.groups || [];

    /* Fit what is shown (the overview's nodes, or all), never blowing a small graph up. */
    function fitShown() {
      if (overview) network.fit({ nodes: Object.keys(overviewAt), animation: false });
      else network.fit({ animation: false });
      if (network.getScale() > 1) network.moveTo({ scale: 1, animation: false });
      if (zoomed) zoomed.hidden = true;
    }

    /* The ids of the nodes drawn now (a collapsed group counts, its members do not). */
    function drawnIds() {
      return network.body.nodeIndices.filter(function (id) {
        return !network.body.nodes[id].options.hidden;
      });
    }

    /* The canvas scale at which the smallest drawn label is data.legible CSS px high. */
    function legibleScale() {
      var smallest = Infinity;
      drawnIds().forEach(function (id) {
        smallest = Math.min(smallest, network.body.nodes[id].options.font.size);
      });
      return isFinite(smallest) ? (data.legible || 10) / smallest : 0;
    }

    /* The extent of nodes ``ids`` (their centres, a box's half width around them: a node not
     * drawn yet, freshly out of a group, has no bounding box of its own yet). */
    function boundsOf(ids) {
      var box = null;
      var at = network.getPositions(ids);
      ids.forEach(function (id) {
        var p = at[id];
        if (!p) return;
        var b = { left: p.x - 100, right: p.x + 100, top: p.y - 40, bottom: p.y + 40 };
        box = box ? {
          left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
          top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)
        } : b;
      });
      return box;
    }

    /* The elements with findings, worst first, then top to bottom, left to right. */
    var RANK = { error: 0, warning: 1, info: 2 };
    function findings() {
      return data.nodes.filter(function (n) { return n.finding && !hidden[n.kind]; })
        .sort(function (a, b) {
          return (RANK[a.finding] - RANK[b.finding]) || (a.y - b.y) || (a.x - b.x);
        }).map(function (n) { return n.id; });
    }

    /* What the first view centres on: the subject, else a check graph's first finding, else
     * the middle of the top row. */
    function anchor() {
      var ids = drawnIds();
      var drawn = new Set(ids);
      if (data.subject && drawn.has(data.subject)) return data.subject;
      var marked = findings().filter(function (id) { return drawn.has(id); });
      if (data.view === "check" && marked.length) return marked[0];
      var top = Infinity;
      ids.forEach(function (id) { top = Math.min(top, network.body.nodes[id].y); });
      var row = ids.filter(function (id) { return network.body.nodes[id].y === top; });
      return row[Math.floor(row.length / 2)];
    }

    /* Move to ``scale`` centred on canvas point ``at``, as near as the graph's extent allows
     * (no empty margin beyond the graph when it is larger than the screen). */
    function moveNear(at, scale) {
      var box = boundsOf(drawnIds());
      var halfW = container.clientWidth / 2 / scale, halfH = container.clientHeight / 2 / scale;
      function clamp(v, lo, hi, half) {
        return hi - lo <= 2 * half ? (lo + hi) / 2 : Math.min(Math.max(v, lo + half), hi - half);
      }
      var x = at.x, y = at.y;
      if (box) {
        var pad = groups.length ? 40 : 20; // frames reach beyond their nodes
        x = clamp(x, box.left - pad, box.right + pad, halfW);
        y = clamp(y, box.top - (groups.length ? 80 : 20), box.bottom + 20, halfH);
      }
      network.moveTo({ position: { x: x, y: y }, scale: scale, animation: false });
    }

    /* Fit; if that makes labels too small to read, zoom to the legible scale at the anchor. */
    function readableView() {
      fitShown();
      var legible = legibleScale();
      if (!legible || network.getScale() >= legible) return;
      var id = anchor();
      if (id === undefined) return;
      var at = network.getPositions([id])[id];
      if (groups.length && !data.subject) {
        // a map of blocks reads from its first block: the anchor near the top left corner
        var first = groups[0].nodes.filter(function (n) { return network.body.nodes[n]; });
        var start = boundsOf(first.length ? first : [id]);
        at = {
          x: start.left - 40 + container.clientWidth / 2 / legible,
          y: start.top - 80 + container.clientHeight / 2 / legible
        };
      }
      moveNear(at, legible);
      if (zoomed) zoomed.hidden = false;
    }

    /* Collapse each group of data.clusters still closed (an agency's elements) into one node. */
    var opened = {};
    function collapse() {
      (data.clusters || []).forEach(function (c) {
        if (opened[c.id]) return;
        var members = new Set(c.nodes);
        network.cluster({
          joinCondition: function (n) { return members.has(n.id); },
          clusterNodeProperties: {
            id: c.id, label: c.label, title: c.title, x: c.x, y: c.y, kind: "cluster",
            cascade: c.cascade, shape: "box", borderWidth: 2, margin: 12,
            allowSingleNodeCluster: true,
            font: { size: data.clusterFont || 18, color: "#1a202c", multi: false },
            color: { background: "#eef3fb", border: "#1f5fa8",
              highlight: { background: "#dbe7f7", border: "#111111" },
              hover: { background: "#dbe7f7", border: "#111111" } },
            shapeProperties: { borderDashes: [6, 4], borderRadius: 6 },
            widthConstraint: { maximum: 240 }
          }
        });
      });
    }

    /* Open group ``id``: its agency's elements are drawn as a block of their own (laid out by
     * the server), under everything drawn. Returns their ids. */
    function openGroup(id) {
      var members = network.getNodesInCluster(id);
      var group = (data.clusters || []).filter(function (c) { return c.id === id; })[0];
      var drawnBox = boundsOf(drawnIds());
      var origin = { x: (drawnBox.left + drawnBox.right) / 2, y: drawnBox.bottom + 200 };
      opened[id] = true;
      network.openCluster(id, {
        releaseFunction: function (clusterAt, inside) {
          var out = {};
          Object.keys(inside).forEach(function (m) {
            var p = group && group.block[m];
            out[m] = p ? { x: origin.x + p[0], y: origin.y + p[1] } : clusterAt;
          });
          return out;
        }
      });
      return members;
    }

    /* Open the group holding ``id`` (if any): returns whether it was collapsed. */
    function reveal(id) {
      var path = network.clustering.findNode(id);
      if (!path || path.length < 2) return false;
      openGroup(path[0]);
      return true;
    }

    /* Centre ``id`` (a node), legible, selected. */
    function show(id) {
      reveal(id);
      network.selectNodes([id]);
      var scale = Math.max(network.getScale(), legibleScale());
      network.moveTo({ position: network.getPositions([id])[id], scale: scale, animation: false });
    }

    var ready = false;
    function markReady() {
      if (ready) return;
      ready = true;
      window.pokinGraphReadyMs = performance.now(); // since navigation started
      document.documentElement.dataset.graphReady = "1";
      window.pokinGraphReady = true;
      window.dispatchEvent(new CustomEvent("pokin-graph-ready"));
    }

    var network = new vis.Network(container, visibleData(), data.options);
    window.network = network;
    collapse();

    // The nodes come with their positions and physics is off: once drawn, the first view is
    // fitted, never blown up beyond the natural size, and zoomed in when labels would be too
    // small to read.
    network.once("afterDrawing", function () {
      readableView();
      network.once("afterDrawing", markReady);
      network.redraw();
    });

    var overviewBox = document.querySelector("[data-overview]");
    if (overviewBox) {
      if (overviewAt) {
        overviewBox.parentElement.hidden = false;
        overviewBox.checked = true;
        overviewBox.addEventListener("change", function () {
          overview = overviewBox.checked;
          network.setData(visibleData());
          collapse();
          readableView();
        });
      } else {
        overviewBox.parentElement.hidden = true;
      }
    }
    function showEverything() {
      if (!overview) return;
      overview = false;
      if (overviewBox) overviewBox.checked = false;
      network.setData(visibleData());
      collapse();
    }
    if (data.nodes.length === 0) markReady();

    network.on("click", function (params) {
      if (params.nodes.length !== 1) return;
      if (network.isCluster(params.nodes[0])) {
        // open the agency's group and show its elements, legible
        var members = openGroup(params.nodes[0]);
        // centred on the agency's top element (its Tujuan), as much of it around as fits
        var at = network.getPositions(members);
        var top = members.reduce(function (a, b) {
          return at[b].y < at[a].y || (at[b].y === at[a].y && at[b].x < at[a].x) ? b : a;
        });
        var scale = Math.max(network.getScale(), legibleScale());
        var below = (container.clientHeight / 2 - 60) / scale; // the Tujuan near the top
        moveNear({ x: at[top].x, y: at[top].y + below }, scale);
        return;
      }
      var node = network.body.data.nodes.get(params.nodes[0]);
      if (node && typeof node.url === "string" && /^(\/|https?:\/\/)/.test(node.url)) {
        window.location.assign(node.url);
      }
    });
    // A region's map: a frame around each cascade's block, its agency's name above it. Drawn on
    // the canvas under the nodes (fillText: the name is text, never markup).
    if (groups.length) {
      network.on("beforeDrawing", function (ctx) {
        groups.forEach(function (group) {
          var box = null;
          group.nodes.forEach(function (id) {
            var node = network.body.nodes[id];
            if (!node || node.options.hidden) return;
            var b = network.getBoundingBox(id);
            box = box ? {
              left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
              top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)
            } : b;
          });
          if (!box) return;
          var pad = 18, head = 40;
          var x = box.left - pad, y = box.top - pad - head;
          var w = box.right - box.left + 2 * pad, h = box.bottom - box.top + 2 * pad + head;
          ctx.save();
          ctx.beginPath();
          if (ctx.roundRect) ctx.roundRect(x, y, w, h, 10); else ctx.rect(x, y, w, h);
          ctx.fillStyle = "#f4f7fb";
          ctx.strokeStyle = "#b8c4d6";
          ctx.lineWidth = 1.5;
          ctx.fill();
          ctx.stroke();
          ctx.fillStyle = "#2d3748";
          ctx.font = "600 22px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
          ctx.textBaseline = "top";
          var label = group.label;
          while (label.length > 4 && ctx.measureText(label).width > w - 20) {
            label = label.slice(0, -2);
          }
          if (label !== group.label) label = label.slice(0, -1) + "\u2026";
          ctx.fillText(label, x + 10, y + 10);
          ctx.restore();
        });
      });
    }

    network.on("hoverNode", function () { container.style.cursor = "pointer"; });
    network.on("blurNode", function () { container.style.cursor = "default"; });

    document.querySelectorAll("[data-toggle-kind]").forEach(function (box) {
      var kind = box.getAttribute("data-toggle-kind");
      if (!data.nodes.some(function (n) { return n.kind === kind; })) {
        box.disabled = true;
        box.parentElement.classList.add("pg-disabled");
      }
      box.addEventListener("change", function () {
        hidden[kind] = !box.checked;
        network.setData(visibleData());
        collapse();
      });
    });

    document.querySelectorAll("[data-fit]").forEach(function (button) {
      button.addEventListener("click", fitShown);
    });

    var next = document.querySelector("[data-next-finding]");
    if (next) {
      var at = -1;
      next.addEventListener("click", function () {
        var ids = findings();
        if (!ids.length) return;
        at = (at + 1) % ids.length;
        if (overview && !overviewAt[ids[at]]) showEverything();
        show(ids[at]);
        var where = next.querySelector("[data-finding-at]");
        // "of" in the page's language (the button's data-of): no dictionary here
        var of = next.getAttribute("data-of") || "of";
        if (where) where.textContent = "(" + (at + 1) + " " + of + " " + ids.length + ")";
      });
    }

    var find = document.querySelector("[data-find]");
    if (find) {
      find.addEventListener("submit", function (event) {
        event.preventDefault();
        var text = (find.elements.find.value || "").trim().toLowerCase();
        if (!text) return;
        var match = network.body.data.nodes.get({
          filter: function (n) {
            return String(n.id).toLowerCase().indexOf(text) >= 0 ||
              String(n.title || "").toLowerCase().indexOf(text) >= 0;
          }
        })[0];
        find.classList.toggle("pg-miss", !match);
        if (match) {
          if (overview && !overviewAt[match.id]) showEverything();
          reveal(match.id);
          network.selectNodes([match.id]);
          network.focus(match.id, { scale: 1.1 });
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
