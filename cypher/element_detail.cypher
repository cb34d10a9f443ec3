// element_detail: one element with everything around it: its properties, indicators, owners,
// what it supports and what supports it (with each link's basis and note), its PART_OF parent
// and children, the element an indicator measures, and the results an owner owns.
// Linked elements carry their cascade: a link may cross to another agency's cascade or the RPJMD.
// Parameters: $cascade (string), $id (string).
// Its measurement: the Measurement nodes of the element and of its indicators (a unit's
// budget, an indicator's targets and realisation), and its cascade's period.
// Columns: element (map of the node's properties), labels, indicators, owners, supports,
//          supported_by, part_of, parts, measures, owns, reports_to, reported_by,
//          measurements (list of maps: Measurement properties, by of, year, quarter; the
//          year as a whole after its quarters),
//          delivered (list of maps {indicator, measurements}: for a unit, the indicators of
//          the results it supports, with their Measurement nodes), period_start, period_end.
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
CALL (n) {
  OPTIONAL MATCH (n)-[:MEASURED_BY]->(i:Indicator)
  WITH n, collect(i) AS indicators
  UNWIND indicators + [n] AS x
  OPTIONAL MATCH (x)-[:HAS_MEASUREMENT]->(m:Measurement)
  WITH m ORDER BY m.of, m.year, CASE m.quarter WHEN 0 THEN 5 ELSE m.quarter END
  RETURN collect(properties(m)) AS measurements
}
CALL (n) {
  OPTIONAL MATCH (n:Programme|Activity|SubActivity)-[:SUPPORTS]->()-[:MEASURED_BY]->(i:Indicator)
  WITH DISTINCT i ORDER BY i.id
  OPTIONAL MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement)
  WITH i, m ORDER BY m.year, m.quarter
  WITH i, collect(properties(m)) AS measurements
  RETURN collect(CASE WHEN i IS NOT NULL THEN
    {indicator: properties(i), measurements: measurements} END) AS delivered
}
OPTIONAL MATCH (c:Cascade {id: $cascade})
RETURN properties(n) AS element, [l IN labels(n) WHERE l <> 'Element'] AS labels,
       indicators, owners, supports, supported_by, part_of, parts, measures, owns,
       reports_to, reported_by, measurements, delivered, c.period_start AS period_start,
       c.period_end AS period_end
