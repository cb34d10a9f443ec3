// cascades_list: the cascades loaded, with where they came from and their counts per level.
// Parameters: none.
// Columns: id, agency, title, period_start, period_end, source, source_sha256, loaded_at,
//          kind ('agency' or 'rpjmd'), region (or null), counts (map: level or kind -> number of nodes).
MATCH (c:Cascade)
CALL (c) {
  MATCH (n:Element {cascade: c.id})
  WITH coalesce(CASE WHEN n.kind IN ['indicator', 'owner'] THEN n.kind END, n.level) AS key,
       count(*) AS n
  RETURN collect([key, n]) AS pairs
}
RETURN c.id AS id, c.agency AS agency, c.title AS title, c.period_start AS period_start,
       c.period_end AS period_end, c.source AS source, c.source_sha256 AS source_sha256,
       c.loaded_at AS loaded_at, coalesce(c.kind, 'agency') AS kind, c.region AS region, pairs
ORDER BY c.agency, c.period_start
