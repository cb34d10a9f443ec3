// check_rpjmd_targets_unsupported: a Sasaran of the region's RPJMD that no agency's Tujuan or
// result supports (SUPPORTS from an element of another cascade).
// Parameters: $region (string or null), $cascade (string or null): the RPJMD cascades of the
// region, or the one cascade.
// Columns: cascade, id (the RPJMD Sasaran), detail (map: region, goals (ids of the RPJMD Tujuan
//          it supports)).
// each cascade's elements are reached through the Element(cascade) index (a hint: the
// planner cannot see which of $region and $cascade is null; the kind is a property test, not a
// label, so that no label scan is joined in)
MATCH (c:Cascade {kind: 'rpjmd'})
WHERE ($region IS NULL OR c.region = $region)
  AND ($cascade IS NULL OR c.id = $cascade)
MATCH (t:Element {cascade: c.id}) USING INDEX t:Element(cascade)
WHERE t.kind = 'target'
  AND NOT any(x IN [(t)<-[:SUPPORTS]-(x:Element) | x.cascade] WHERE x <> c.id)
RETURN c.id AS cascade, t.id AS id,
       {region: c.region, goals: [(t)-[:SUPPORTS]->(g:Goal) | g.id]} AS detail
ORDER BY cascade, id
