// check_capaian_reading: what the capaian checks (rollup_disagreement, results_at_risk) are
// computed from, read once per cascade in a report and shared by them (graph.checks
// CAPAIAN_READING): every result with its indicators' measurements, owners, SUPPORTS links
// and delivering units, as capaian_results reads them, for one cascade, and nothing for a
// cascade without any realisation. The capaian and the roll-up are computed in Python
// (pokin.graph.capaian over pokin.core.capaian and pokin.core.rollup), once.
// Parameters: $cascade (string).
// Columns: as capaian_results: cascade, cascade_kind, agency, period_end, id, kind, level,
// name, owners, indicators (indicator, measurements), supports, units.
MATCH (c:Cascade {id: $cascade})
WHERE EXISTS {
  MATCH (m:Measurement {cascade: $cascade}) USING INDEX SEEK m:Measurement(cascade, of, year, quarter)
  WHERE m.of IS NOT NULL AND m.year IS NOT NULL AND m.quarter IS NOT NULL
    AND m.realisation IS NOT NULL
}
MATCH (r:Element {cascade: $cascade}) USING INDEX SEEK r:Element(cascade)
WHERE r:Goal OR r:Target
RETURN $cascade AS cascade, c.kind AS cascade_kind, c.agency AS agency,
       c.period_end AS period_end, r.id AS id, r.kind AS kind, r.level AS level, r.name AS name,
       COLLECT {
         MATCH (r)-[:OWNED_BY]->(o:Owner)
         RETURN {id: o.id, title: o.title, known_position: o.known_position}
       } AS owners,
       COLLECT {
         MATCH (r)-[:MEASURED_BY]->(i:Indicator)
         RETURN {indicator: properties(i),
                 measurements: COLLECT { MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement)
                                         RETURN properties(m) }}
       } AS indicators,
       COLLECT {
         MATCH (r)-[s:SUPPORTS]->(p)
         WHERE (p:Goal OR p:Target) AND p.cascade = $cascade  // p by the link, not an index
         RETURN {cascade: p.cascade, id: p.id, weight: s.weight, crosscutting: false}
       } AS supports,
       COLLECT {
         MATCH (u:Element)-[:SUPPORTS]->(r)
         WHERE u:Programme OR u:Activity OR u:SubActivity
         RETURN {id: u.id, kind: u.kind, level: u.level, name: u.name, code: u.code,
                 budget: COLLECT { MATCH (u)-[:HAS_MEASUREMENT]->(m:Measurement)
                                   RETURN properties(m) }}
       } AS units
ORDER BY id
