// view_contributors: the node set of an element's contributors graph, across cascades: the
// element, everything that supports it downwards (at most 12 SUPPORTS links: results and units
// of its own and of other agencies' cascades -- the reach of contributors.cypher) and the
// owners of those results (a unit's owners are those of the results it delivers, which are in
// the set). An indicator stands for what it measures, an owner for the results it owns.
// Parameters: $cascade (string), $id (string: the element).
// Columns: cascade, id, focus (true for the element(s) the graph hangs from). No row for an
//          unknown id.
MATCH (n:Element {id: $id, cascade: $cascade})
WITH n, CASE
    WHEN n:Indicator THEN [(m:Element)-[:MEASURED_BY]->(n) | m]
    WHEN n:Owner THEN [(m:Element)-[:OWNED_BY]->(n) | m]
    ELSE [n]
  END AS roots
CALL (roots) {
  UNWIND roots AS r
  MATCH (x:Element)-[:SUPPORTS*0..12]->(r)
  RETURN collect(DISTINCT x) AS below
}
CALL (below) {
  UNWIND below AS b
  MATCH (b)-[:OWNED_BY]->(o:Owner)
  RETURN collect(DISTINCT o) AS owners
}
UNWIND [n] + below + owners AS x
WITH DISTINCT x, roots
RETURN x.cascade AS cascade, x.id AS id, x IN roots AS focus
ORDER BY cascade, id
