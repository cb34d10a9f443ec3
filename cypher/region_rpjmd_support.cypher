// region_rpjmd_support: the Sasaran of a region's RPJMD, each with what supports it from the
// agencies' cascades (their Tujuan or results).
// Parameters: $region (string).
// Columns: cascade (the RPJMD), id, name, goals (ids of the RPJMD Tujuan it supports),
//          supporters (list of {cascade, id, name, status}, by cascade).
MATCH (c:Cascade {region: $region, kind: 'rpjmd'})
MATCH (t:Target {cascade: c.id})
CALL (c, t) {
  OPTIONAL MATCH (x:Element)-[s:SUPPORTS]->(t)
  WHERE x.cascade <> c.id
  WITH x, s ORDER BY x.cascade, x.id
  RETURN collect(CASE WHEN x IS NOT NULL THEN
    {cascade: x.cascade, id: x.id, name: x.name, status: s.status} END) AS supporters
}
RETURN c.id AS cascade, t.id AS id, t.name AS name,
       [(t)-[:SUPPORTS]->(g:Goal) | g.id] AS goals, supporters
ORDER BY cascade, id
