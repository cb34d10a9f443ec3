// view_crosscutting: the node set of a region's crosscutting map: the results at both ends of
// every crosscutting link (a result of one agency supporting a result of another agency; the
// links of region_crosscutting.cypher). The links themselves, with their status, basis and
// note, come from view_links.
// Parameters: $region (string).
// Columns: cascade, id, focus (always false). No row when the region has no crosscutting link.
MATCH (c:Cascade {region: $region})
WHERE coalesce(c.kind, 'agency') = 'agency'
MATCH (a:Element {cascade: c.id})-[:SUPPORTS]->(b:Element)
USING INDEX a:Element(cascade)
WHERE b.cascade <> c.id
  AND EXISTS { MATCH (o:Cascade {id: b.cascade}) WHERE coalesce(o.kind, 'agency') = 'agency' }
UNWIND [a, b] AS x
WITH DISTINCT x
RETURN x.cascade AS cascade, x.id AS id, false AS focus
ORDER BY cascade, id
