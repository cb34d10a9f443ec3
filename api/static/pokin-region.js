// The region page (/regions/{R}): filters the agencies table by name (word prefixes) and by
// severity, and sorts it by a column when its header is clicked (again: the other way). Rows
// carry their values as data-* attributes, so nothing is parsed from the cells' text.
"use strict";
(function () {
  const table = document.querySelector("table[data-table=cascades]");
  const form = document.querySelector("form[data-filter-for=cascades]");
  if (!table || !form) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const nameInput = form.querySelector("[data-filter-name]");
  const severity = form.querySelector("[data-filter-severity]");
  const shown = form.querySelector("[data-shown]");
  const none = document.querySelector("[data-none-shown]");

  function matches(row) {
    // as the search box: every word typed starts a word of the agency's name or id
    const split = (text) => text.toLocaleLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const words = split(nameInput.value);
    const own = split(row.dataset.name || "");
    if (!words.every((w) => own.some((x) => x.startsWith(w)))) return false;
    switch (severity.value) {
      case "error": return Number(row.dataset.error) > 0;
      case "warning": return Number(row.dataset.warning) > 0;
      case "none": return Number(row.dataset.findings) === 0;
      default: return true;
    }
  }

  function filter() {
    let n = 0;
    for (const row of rows) {
      const keep = matches(row);
      row.hidden = !keep;
      if (keep) n += 1;
    }
    // the words come from the page, in its language: "{shown} of {total} shown"
    shown.textContent = shown.dataset.template
      .replace("{shown}", n.toLocaleString(document.documentElement.lang))
      .replace("{total}", rows.length.toLocaleString(document.documentElement.lang));
    if (none) none.hidden = n > 0;
  }

  function sortBy(button) {
    const key = button.dataset.sort;
    const th = button.closest("th");
    // numbers start with the largest (most findings first), names from A
    const first = key === "name" ? "ascending" : "descending";
    const order = th.getAttribute("aria-sort") === first
      ? (first === "ascending" ? "descending" : "ascending") : first;
    for (const other of table.tHead.querySelectorAll("th[aria-sort]")) {
      other.setAttribute("aria-sort", "none");
    }
    th.setAttribute("aria-sort", order);
    const sign = order === "ascending" ? 1 : -1;
    const value = (row) => key === "name"
      ? (row.dataset.name || "").toLocaleLowerCase() : Number(row.dataset[key] || 0);
    const sorted = rows.slice().sort((a, b) => {
      const x = value(a), y = value(b);
      if (x < y) return -sign;
      if (x > y) return sign;
      return rows.indexOf(a) - rows.indexOf(b);  // stable: the page's own order
    });
    body.append(...sorted);
  }

  form.addEventListener("submit", (event) => event.preventDefault());
  nameInput.addEventListener("input", filter);
  severity.addEventListener("change", filter);
  for (const button of table.tHead.querySelectorAll("button[data-sort]")) {
    button.addEventListener("click", () => sortBy(button));
  }
  filter();
})();
