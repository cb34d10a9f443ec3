// view_subtree: the node set of the graph under one element: the element, everything that
// supports it or is PART_OF it, directly or through others (at most 12 links), the results the
// units found so deliver, and the indicators and owners of every result in the set.
// An indicator stands for the element it measures, an owner for the results it owns.
// Parameters: $cascade (string), $id (string: the element).
// Columns: cascade, id, focus (true for the element(s) the subtree hangs from). No row for an unknown id.
MATCH (n:Element {id: $id, cascade: $cascade})
WITH CASE
    WHEN n:Indicator THEN [(m:Element)-[:MEASURED_BY]->(n) | m]
    WHEN n:Owner THEN [(m:Element)-[:OWNED_BY]->(n) | m]
    ELSE [n]
  END AS roots, n
CALL (roots) {
  UNWIND roots AS root
  MATCH (x:Element)-[:SUPPORTS|PART_OF*1..12]->(root)
  WHERE x.cascade = $cascade
  RETURN collect(DISTINCT x) AS below
}
WITH n, roots, roots + [x IN below WHERE NOT x IN roots] AS core
CALL (core) {
  UNWIND core AS u
  MATCH (u)-[:SUPPORTS]->(r:Target)
  WHERE (u:Programme OR u:Activity OR u:SubActivity) AND NOT r IN core
  RETURN collect(DISTINCT r) AS delivered
}
WITH n, roots, core + delivered AS members
CALL (members) {
  UNWIND members AS m
  MATCH (m)-[:MEASURED_BY|OWNED_BY]->(d:Element)
  RETURN collect(DISTINCT d) AS decorations
}
UNWIND [n] + members + decorations AS x
WITH DISTINCT x, roots
RETURN x.cascade AS cascade, x.id AS id, x IN roots AS focus
ORDER BY id
