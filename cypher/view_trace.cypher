// view_trace: the node set of an element's trace to the Goal: its start(s) (the element itself;
// for an indicator the element it measures; for an owner the results it owns), everything the
// starts reach over SUPPORTS (every path towards the Goal, at most 12 links, including paths
// that stop short of it), the PART_OF parents of a start unit, the units that deliver the
// results on the way, and the indicators and owners of those results.
// Parameters: $cascade (string), $id (string: the element).
// Columns: cascade, id, focus (true for the start(s)). No row for an unknown id.
MATCH (n:Element {id: $id, cascade: $cascade})
WITH n, CASE
    WHEN n:Indicator THEN [(m:Element)-[:MEASURED_BY]->(n) | m]
    WHEN n:Owner THEN [(m:Element)-[:OWNED_BY]->(n) | m]
    ELSE [n]
  END AS starts
CALL (starts) {
  UNWIND starts AS s
  MATCH (s)-[:SUPPORTS*0..12]->(x:Element)
  WHERE x.cascade = $cascade
  RETURN collect(DISTINCT x) AS reached
}
CALL (starts) {
  UNWIND starts AS s
  MATCH (s)-[:PART_OF*1..2]->(p:Element)
  RETURN collect(DISTINCT p) AS structure
}
CALL (reached) {
  UNWIND reached AS r
  MATCH (u:Programme|Activity|SubActivity)-[:SUPPORTS]->(r)
  RETURN collect(DISTINCT u) AS delivering
}
CALL (reached) {
  UNWIND reached AS r
  MATCH (r)-[:MEASURED_BY|OWNED_BY]->(d:Element)
  RETURN collect(DISTINCT d) AS decorations
}
UNWIND [n] + starts + reached + structure + delivering + decorations AS x
WITH DISTINCT x, starts
RETURN x.cascade AS cascade, x.id AS id, x IN starts AS focus
ORDER BY id
