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

    /* Fit what is shown (the overview's nodes, or all), never blowing a small graph up. */
    function fitShown() {
      if (overview) network.fit({ nodes: Object.keys(overviewAt), animation: false });
      else network.fit({ animation: false });
      if (network.getScale() > 1) network.moveTo({ scale: 1 });
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

    // The nodes come with their positions and physics is off: the first drawing is the graph.
    // A small graph is not blown up beyond its natural size.
    network.once("afterDrawing", function () {
      if (overview) {
        fitShown();
        network.once("afterDrawing", markReady);
        network.redraw();
      } else if (network.getScale() > 1) {
        network.moveTo({ scale: 1 });
        network.once("afterDrawing", markReady);
      } else {
        markReady();
      }
    });

    var overviewBox = document.querySelector("[data-overview]");
    if (overviewBox) {
      if (overviewAt) {
        overviewBox.parentElement.hidden = false;
        overviewBox.checked = true;
        overviewBox.addEventListener("change", function () {
          overview = overviewBox.checked;
          network.setData(visibleData());
          fitShown();
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
    }
    if (data.nodes.length === 0) markReady();

    network.on("click", function (params) {
      if (params.nodes.length !== 1) return;
      var node = network.body.data.nodes.get(params.nodes[0]);
      if (node && typeof node.url === "string" && /^(\/|https?:\/\/)/.test(node.url)) {
        window.location.assign(node.url);
      }
    });
    // A region's map: a frame around each cascade's block, its agency's name above it. Drawn on
    // the canvas under the nodes (fillText: the name is text, never markup).
    var groups = data.groups || [];
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
      });
    });

    var fit = document.querySelector("[data-fit]");
    if (fit) {
      fit.addEventListener("click", fitShown);
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
