// cascades_list: the cascades loaded, or those named, with where they came from and (when
// asked) their counts per level. Named cascades are found through the Cascade(id) index, so a
// page about one agency reads its own and its region's, never the whole graph's; the counts
// read every element of a cascade, so lists that show none leave them out.
// Parameters: $ids (list of strings, or null: every cascade), $counts (boolean).
// Columns: id, agency, title, period_start, period_end, source, source_sha256, loaded_at,
//          kind ('agency' or 'rpjmd'), region (or null), pairs (list of [level or kind,
//          number of nodes]; empty without $counts).
CALL () {
  WITH $ids AS ids WHERE ids IS NULL
  MATCH (c:Cascade)
  RETURN c
  UNION
  UNWIND coalesce($ids, []) AS id
  MATCH (c:Cascade {id: id}) USING INDEX SEEK c:Cascade(id)
  RETURN c
}
CALL (c) {
  WITH c WHERE $counts
  MATCH (n:Element {cascade: c.id}) USING INDEX SEEK n:Element(cascade)
  WITH coalesce(CASE WHEN n.kind IN ['indicator', 'owner'] THEN n.kind END, n.level) AS key,
       count(*) AS n
  RETURN collect([key, n]) AS pairs
}
RETURN c.id AS id, c.agency AS agency, c.title AS title, c.period_start AS period_start,
       c.period_end AS period_end, c.source AS source, c.source_sha256 AS source_sha256,
       c.loaded_at AS loaded_at, coalesce(c.kind, 'agency') AS kind, c.region AS region, pairs
ORDER BY c.agency, c.period_start
