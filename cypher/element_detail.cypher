// element_detail: one element with everything around it: its properties, indicators, owners,
// what it supports and what supports it (with each link's basis and note), its PART_OF parent
// and children, the element an indicator measures, and the results an owner owns.
// Linked elements carry their cascade: a link may cross to another agency's cascade or the RPJMD.
// Parameters: $cascade (string), $id (string).
// Columns: element (map of the node's properties), labels, indicators, owners, supports,
//          supported_by, part_of, parts, measures, owns, reports_to, reported_by.
MATCH (n:Element {cascade: $cascade, id: $id})
CALL (n) {
  OPTIONAL MATCH (n)-[:MEASURED_BY]->(i:Indicator)
  WITH i ORDER BY i.id
  RETURN collect(properties(i)) AS indicators
}
CALL (n) {
  OPTIONAL MATCH (n)-[:OWNED_BY]->(o:Owner)
  WITH o ORDER BY o.id
  RETURN collect(properties(o)) AS owners
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:SUPPORTS]->(m)
  WITH r, m ORDER BY m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name, cascade: m.cascade, basis: r.basis,
     note: r.note, status: r.status} END)
    AS supports
}
CALL (n) {
  OPTIONAL MATCH (m)-[r:SUPPORTS]->(n)
  WITH r, m ORDER BY m.level, m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name, cascade: m.cascade, basis: r.basis,
     note: r.note, status: r.status} END)
    AS supported_by
}
CALL (n) {
  OPTIONAL MATCH (n)-[r:PART_OF]->(m)
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name, code: m.code, basis: r.basis,
     note: r.note} END) AS part_of
}
CALL (n) {
  OPTIONAL MATCH (m)-[r:PART_OF]->(n)
  WITH r, m ORDER BY m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name, code: m.code, basis: r.basis,
     note: r.note} END) AS parts
}
CALL (n) {
  OPTIONAL MATCH (m)-[:MEASURED_BY]->(n)
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name} END) AS measures
}
CALL (n) {
  OPTIONAL MATCH (m)-[:OWNED_BY]->(n)
  WITH m ORDER BY m.level, m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN
    {id: m.id, kind: m.kind, level: m.level, name: m.name} END) AS owns
}
CALL (n) {
  OPTIONAL MATCH (n)-[:REPORTS_TO]->(m:Owner)
  RETURN collect(CASE WHEN m IS NOT NULL THEN {id: m.id, title: m.title} END) AS reports_to
}
CALL (n) {
  OPTIONAL MATCH (m:Owner)-[:REPORTS_TO]->(n)
  WITH m ORDER BY m.id
  RETURN collect(CASE WHEN m IS NOT NULL THEN {id: m.id, title: m.title} END) AS reported_by
}
RETURN properties(n) AS element, [l IN labels(n) WHERE l <> 'Element'] AS labels,
       indicators, owners, supports, supported_by, part_of, parts, measures, owns,
       reports_to, reported_by
