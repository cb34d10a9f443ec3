// agency_rpjmd_support: what of one agency's cascade supports an RPJMD (its region's plan):
// each of its elements (usually its Tujuan) with the RPJMD Sasaran or Tujuan it supports.
// Parameters: $cascade (string: the agency's cascade id).
// Columns: from_id, from_name (the agency's element), to_cascade (the RPJMD), to_id, to_name,
//          status ('agreed', 'proposed' or null), basis (how the link was decided).
MATCH (a:Element {cascade: $cascade})-[s:SUPPORTS]->(b:Element)
USING INDEX a:Element(cascade)
WHERE b.cascade <> $cascade
  AND EXISTS { MATCH (r:Cascade {id: b.cascade}) WHERE r.kind = 'rpjmd' }
RETURN a.id AS from_id, a.name AS from_name, b.cascade AS to_cascade, b.id AS to_id,
       b.name AS to_name, s.status AS status, s.basis AS basis
ORDER BY to_cascade, to_id, from_id
