// view_owner: the node set of an owner's portfolio: the owner (Pemilik Kinerja), the owners it
// reports to (up the chain) and those reporting to it directly, the results it owns, the
// indicators measuring them and the units delivering them.
// Parameters: $cascade (string), $id (string: the owner).
// Columns: cascade, id, focus (true for the owner). No row when the id is not an owner of the cascade.
MATCH (o:Owner {id: $id, cascade: $cascade})
WITH o,
     [(o)-[:REPORTS_TO*1..10]->(b:Owner) | b] + [(s:Owner)-[:REPORTS_TO]->(o) | s] AS chain,
     [(r:Element)-[:OWNED_BY]->(o) | r] AS results
CALL (results) {
  UNWIND results AS r
  OPTIONAL MATCH (r)-[:MEASURED_BY]->(i:Indicator)
  OPTIONAL MATCH (u:Programme|Activity|SubActivity)-[:SUPPORTS]->(r)
  RETURN collect(DISTINCT i) + collect(DISTINCT u) AS around
}
UNWIND [o] + chain + results + around AS x
WITH DISTINCT x, o
RETURN x.cascade AS cascade, x.id AS id, x = o AS focus
ORDER BY id
