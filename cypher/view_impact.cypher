// view_impact: the node set of an element's impact graph, across cascades: the element and
// everything its SUPPORTS paths reach upwards (at most 12 links), in its own cascade, in other
// agencies' cascades (crosscutting) and in the RPJMD -- the reach of impact.cypher. An
// indicator is followed from what it measures, an owner from the results it owns.
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
  RETURN collect(DISTINCT x) AS reached
}
UNWIND [n] + reached AS x
WITH DISTINCT x, starts
RETURN x.cascade AS cascade, x.id AS id, x IN starts AS focus
ORDER BY cascade, id
