// check_goals_without_rpjmd: an agency's Tujuan (Goal) that supports no Sasaran of an RPJMD and
// names none (a reference to an RPJMD Sasaran not loaded yet is dangling_references' finding).
// Parameters: $region (string or null), $cascade (string or null): the agency cascades of the
// region, or the one cascade (null: no restriction).
// Columns: cascade, id (the Goal), detail (map: region (the cascade's region, may be null)).
// each cascade's elements are reached through the Element(cascade) index (a hint: the
// planner cannot see which of $region and $cascade is null; the kind is a property test, not a
// label, so that no label scan is joined in)
MATCH (c:Cascade)
WHERE coalesce(c.kind, 'agency') = 'agency'
  AND ($region IS NULL OR c.region = $region)
  AND ($cascade IS NULL OR c.id = $cascade)
MATCH (g:Element {cascade: c.id}) USING INDEX g:Element(cascade)
WHERE g.kind = 'goal'
  AND NOT EXISTS {
    MATCH (g)-[:SUPPORTS]->(s:Target)
    MATCH (:Cascade {id: s.cascade, kind: 'rpjmd'})
  }
  AND NOT EXISTS { MATCH (r:Reference {cascade: c.id, from: g.id}) }
RETURN c.id AS cascade, g.id AS id, {region: c.region} AS detail
ORDER BY cascade, id
