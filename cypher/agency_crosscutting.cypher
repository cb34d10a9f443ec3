// agency_crosscutting: the crosscutting links of one agency: its results supporting another
// agency's ('out') and other agencies' results supporting its own ('in'); RPJMD links are not
// crosscutting (agency_rpjmd_support has them).
// Parameters: $cascade (string: the agency's cascade id).
// Columns: direction ('out' or 'in'), own_id, own_name (this agency's end), other_cascade,
//          other_agency (the other cascade's agency name), other_id, other_name, status, basis.
CALL () {
  MATCH (a:Element {cascade: $cascade})-[s:SUPPORTS]->(b:Element)
  USING INDEX a:Element(cascade)
  WHERE b.cascade <> $cascade
  RETURN 'out' AS direction, a AS own, b AS other, s
  UNION ALL
  MATCH (a:Element {cascade: $cascade})<-[s:SUPPORTS]-(b:Element)
  USING INDEX a:Element(cascade)
  WHERE b.cascade <> $cascade
  RETURN 'in' AS direction, a AS own, b AS other, s
}
MATCH (o:Cascade {id: other.cascade})
WHERE coalesce(o.kind, 'agency') = 'agency'
RETURN direction, own.id AS own_id, own.name AS own_name, o.id AS other_cascade,
       o.agency AS other_agency, other.id AS other_id, other.name AS other_name,
       s.status AS status, s.basis AS basis
ORDER BY direction DESC, other_cascade, own_id, other_id
