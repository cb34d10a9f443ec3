// The upload page (/upload): sends the chosen file to POST /api/cascades with the API key,
// then shows the answer: the cascades loaded, the import report's counts, the rows merged,
// refused or skipped, the levels inferred, the findings and the notes. Text from the answer
// is only ever set as textContent.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  const out = document.getElementById("upload-result");
  if (!form || !out) return;

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
    const detail = body && body.detail ? body.detail : "the server answered " + status;
    box.appendChild(el("p", "Not loaded (" + status + "): " + detail));
    const problems = (body && body.problems) || [];
    if (problems.length) {
      const list = el("ul");
      for (const p of problems) {
        const where = [p.file, p.line && "line " + p.line, p.element_id, p.field]
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
    box.appendChild(el("h2", "Loaded"));
    const list = el("ul", null, { class: "plain" });
    for (const id of body.cascades || [body.cascade]) {
      const li = el("li");
      li.appendChild(el("a", id, { href: "/?cascade=" + encodeURIComponent(id) }));
      list.appendChild(li);
    }
    box.appendChild(list);
    const report = body.import_report;
    if (!report) {
      box.appendChild(el("p", "This format gives no import report: its rows are the elements.",
        { class: "muted" }));
      out.appendChild(box);
      return;
    }
    box.appendChild(el("h2", "Import report of " + fileName));
    const counts = { read: report.rows.length, kept: 0, merged: 0, refused: 0 };
    // "skipped" (titles, headers, totals, the footer of a Renja table) only where a format skips
    if (report.rows.some((r) => r.outcome === "skipped")) counts.skipped = 0;
    for (const r of report.rows) counts[r.outcome] += 1;
    const cells = Object.keys(counts).map(
      (k) => el("td", counts[k], { class: "num", "data-count": k }));
    box.appendChild(table(["rows read", "kept", "merged", "refused", "skipped"]
      .slice(0, cells.length), [cells], { "data-report-counts": "" }, true));
    const shown = report.rows.filter((r) => r.outcome !== "kept");
    if (shown.length) {
      box.appendChild(el("h3", "Rows merged, refused or skipped"));
      box.appendChild(table(["sheet", "row", "outcome", "reason"], shown.map((r) => [
        r.sheet, r.row, r.outcome,
        r.reason || (r.element ? "merged into " + r.element : ""),
      ]), { "data-report-rows": "" }));
    }
    // rows whose level was inferred (a Renja table's one name column), and how each matched
    const levelled = report.rows.filter((r) => r.outcome === "kept" && r.level_inferred);
    if (levelled.length) {
      box.appendChild(el("h3", "Levels inferred"));
      box.appendChild(table(["row", "level", "how", "matched"], levelled.map((r) => [
        r.row, r.level, r.level_inferred, r.matched || "",
      ]), { "data-report-levels": "" }));
    }
    const findings = report.findings || [];
    if (findings.length) {
      box.appendChild(el("h3", "Findings"));
      box.appendChild(table(["sheet", "row", "column", "the table", "pokin", "finding"],
        findings.map((f) => [f.sheet, f.row, f.column, f.table, f.computed, f.message]),
        { "data-report-findings": "" }));
    }
    if (report.notes.length) {
      box.appendChild(el("h3", "Notes"));
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
    out.replaceChildren(el("p", "Loading " + file.name + " …", { class: "muted" }));
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
      showError("no answer", { detail: "the server could not be reached" });
    } finally {
      button.disabled = false;
    }
  });
})();
