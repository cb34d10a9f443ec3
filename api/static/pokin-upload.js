// The upload page (/upload): sends the chosen file to POST /api/cascades with the API key,
// then shows the answer: the cascades loaded, the import report's counts, the rows merged,
// refused or skipped, the levels inferred, the findings and the notes. Text from the answer
// is only ever set as textContent.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  const out = document.getElementById("upload-result");
  if (!form || !out) return;
  // the page's texts in its language (upload.html); "{name}" is filled in by fill()
  const texts = JSON.parse(document.getElementById("upload-texts").textContent);
  const fill = (key, values) =>
    texts[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function table(head, rows, attrs, numeric) {
    const t = el("table", null, Object.assign({ class: "table compact" }, attrs || {}));
    const tr = t.createTHead().insertRow();
    for (const h of head) tr.appendChild(el("th", h, numeric ? { class: "num" } : {}));
    const body = t.createTBody();
    for (const row of rows) {
      const r = body.insertRow();
      for (const cell of row) r.appendChild(cell instanceof Node ? cell : el("td", cell));
    }
    return t;
  }

  function showError(status, body) {
    out.replaceChildren();
    const box = el("div", null, { class: "card upload-error", "data-upload-error": String(status) });
    const detail = body && body.detail ? body.detail : fill("serverAnswered", { status });
    box.appendChild(el("p", fill("notLoaded", { status, detail })));
    const problems = (body && body.problems) || [];
    if (problems.length) {
      const list = el("ul");
      for (const p of problems) {
        const where = [p.file, p.line && fill("line", { line: p.line }), p.element_id, p.field]
          .filter(Boolean).join(", ");
        list.appendChild(el("li", (where ? where + ": " : "") + p.message));
      }
      box.appendChild(list);
    }
    out.appendChild(box);
  }

  function showResult(body, fileName) {
    out.replaceChildren();
    const box = el("div", null, { class: "card", "data-upload-result": "" });
    box.appendChild(el("h2", texts.loaded));
    const list = el("ul", null, { class: "plain" });
    for (const id of body.cascades || [body.cascade]) {
      const li = el("li");
      li.appendChild(el("a", id, { href: "/?cascade=" + encodeURIComponent(id) }));
      list.appendChild(li);
    }
    box.appendChild(list);
    const report = body.import_report;
    if (!report) {
      box.appendChild(el("p", texts.noReport, { class: "muted" }));
      out.appendChild(box);
      return;
    }
    box.appendChild(el("h2", fill("reportOf", { file: fileName })));
    const counts = { read: report.rows.length, kept: 0, merged: 0, refused: 0 };
    // "skipped" (titles, headers, totals, the footer of a Renja table) only where a format skips
    if (report.rows.some((r) => r.outcome === "skipped")) counts.skipped = 0;
    for (const r of report.rows) counts[r.outcome] += 1;
    const cells = Object.keys(counts).map(
      (k) => el("td", counts[k].toLocaleString(document.documentElement.lang),
        { class: "num", "data-count": k }));
    box.appendChild(table([texts.rowsRead, texts.kept, texts.merged, texts.refused, texts.skipped]
      .slice(0, cells.length), [cells], { "data-report-counts": "" }, true));
    const shown = report.rows.filter((r) => r.outcome !== "kept");
    if (shown.length) {
      box.appendChild(el("h3", texts.rowsShown));
      box.appendChild(table([texts.sheet, texts.row, texts.outcome, texts.reason], shown.map((r) => [
        r.sheet, r.row, texts[r.outcome] || r.outcome,
        r.reason || (r.element ? fill("mergedInto", { element: r.element }) : ""),
      ]), { "data-report-rows": "" }));
    }
    // rows whose level was inferred (a Renja table's one name column), and how each matched
    const levelled = report.rows.filter((r) => r.outcome === "kept" && r.level_inferred);
    if (levelled.length) {
      box.appendChild(el("h3", texts.levelsInferred));
      box.appendChild(table([texts.row, texts.level, texts.how, texts.matched], levelled.map((r) => [
        r.row, texts.levelNames[r.level] || r.level, r.level_inferred, r.matched || "",
      ]), { "data-report-levels": "" }));
    }
    const findings = report.findings || [];
    if (findings.length) {
      box.appendChild(el("h3", texts.findings));
      box.appendChild(table([texts.sheet, texts.row, texts.column, texts.theTable, "pokin",
        texts.finding], findings.map((f) => [f.sheet, f.row, f.column, f.table, f.computed,
        f.message]), { "data-report-findings": "" }));
    }
    if (report.notes.length) {
      box.appendChild(el("h3", texts.notes));
      const notes = el("ul", null, { "data-report-notes": "" });
      for (const n of report.notes) notes.appendChild(el("li", n));
      box.appendChild(notes);
    }
    out.appendChild(box);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.elements.file.files[0];
    if (!file) return;
    const params = new URLSearchParams();
    const mode = form.querySelector("input[name=mode]:checked");
    if (mode && mode.value) params.set(mode.value, "true");
    if (form.elements.format.value) params.set("format", form.elements.format.value);
    if (form.elements.into && form.elements.into.value.trim()) {
      params.set("into", form.elements.into.value.trim());
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    out.replaceChildren(el("p", fill("loading", { file: file.name }), { class: "muted" }));
    try {
      const query = params.toString();
      const response = await fetch("/api/cascades" + (query ? "?" + query : ""), {
        method: "POST",
        headers: {
          "X-API-Key": form.elements.key.value,
          // told apart by its content (or ?format=), whatever the browser calls the file
          "Content-Type": "application/octet-stream",
        },
        body: file,
        credentials: "same-origin",
      });
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (response.ok) showResult(body, file.name);
      else showError(response.status, body);
    } catch (_) {
      showError(texts.noAnswer, { detail: texts.unreachable });
    } finally {
      button.disabled = false;
    }
  });
})();
