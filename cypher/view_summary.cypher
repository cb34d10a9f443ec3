// view_summary: how many elements of each kind and level one cascade holds (the explorer's
// summary: results and units per level, indicators, owners).
// Parameters: $cascade (string).
// Columns: kind, level (null for indicators and owners), count.
MATCH (n:Element {cascade: $cascade})
RETURN n.kind AS kind, n.level AS level, count(*) AS count
ORDER BY kind, level
