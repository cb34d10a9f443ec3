// view_context: the node set of the findings of one check in their context: the offending
// elements and the other elements their findings name, everything one link away from them, and
// the SUPPORTS chains from them (or, for an indicator, from the element it measures) up to the
// Goal, so that every finding is shown where it sits in the cascade.
// Parameters: $cascade (string), $ids (list of offending element ids), $related (list of ids of
// other elements the findings name; ids that are not elements of the cascade are ignored).
// Columns: cascade, id, focus (true for an offending element).
UNWIND $ids + $related AS id
MATCH (f:Element {id: id, cascade: $cascade})
WITH collect(DISTINCT f) AS named
CALL (named) {
  UNWIND named AS f
  MATCH (f)--(x:Element)
  WHERE x.cascade = $cascade
  RETURN collect(DISTINCT x) AS around
}
CALL (named) {
  UNWIND named AS f
  OPTIONAL MATCH (m:Element)-[:MEASURED_BY]->(f)
  WITH coalesce(m, f) AS s
  WHERE NOT s:Owner
  MATCH (s)-[:SUPPORTS*0..12]->(x:Element)
  WHERE x.cascade = $cascade
  RETURN collect(DISTINCT x) AS up
}
UNWIND named + around + up AS x
WITH DISTINCT x
RETURN x.cascade AS cascade, x.id AS id, x.id IN $ids AS focus
ORDER BY id
