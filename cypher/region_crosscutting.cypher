// region_crosscutting: the crosscutting links of a region: a result of one agency supporting a
// result of another agency.
// Parameters: $region (string).
// Columns: from_cascade, from_id, from_name, to_cascade, to_id, to_name, status, basis, note.
MATCH (c:Cascade {region: $region})
WHERE coalesce(c.kind, 'agency') = 'agency'
MATCH (a:Element {cascade: c.id})-[s:SUPPORTS]->(b:Element)
USING INDEX a:Element(cascade)
WHERE b.cascade <> c.id
  AND EXISTS { MATCH (o:Cascade {id: b.cascade}) WHERE coalesce(o.kind, 'agency') = 'agency' }
RETURN a.cascade AS from_cascade, a.id AS from_id, a.name AS from_name,
       b.cascade AS to_cascade, b.id AS to_id, b.name AS to_name,
       s.status AS status, s.basis AS basis, s.note AS note
ORDER BY from_cascade, from_id, to_cascade, to_id
