// capaian_results: every result (Goal, Target) of some cascades with what its capaian, its
// roll-up and what it endangers are computed from (pokin.core.capaian and pokin.core.rollup
// compute them in Python): its indicators with their Measurement nodes, its owners, the
// SUPPORTS links it starts (to results of any cascade, with their weight) and the units
// delivering it with their budget.
// Parameters: $cascades (list of strings).
// Columns: cascade, cascade_kind ('agency' or 'rpjmd'), agency, period_end, id, kind, level,
// name, owners (list of maps: id, title, known_position), indicators (list of maps: indicator
// (the node's properties), measurements (list of the Measurement nodes' properties)), supports
// (list of maps: cascade, id, weight, crosscutting), units (list of maps: id, kind, level, name,
// code, budget (list of the unit's Measurement nodes' properties)).
UNWIND $cascades AS cascade
MATCH (c:Cascade {id: cascade})
MATCH (r:Element {cascade: cascade}) USING INDEX SEEK r:Element(cascade)
WHERE r:Goal OR r:Target
RETURN cascade, c.kind AS cascade_kind, c.agency AS agency, c.period_end AS period_end,
       r.id AS id, r.kind AS kind, r.level AS level, r.name AS name,
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
         MATCH (r)-[s:SUPPORTS]->(p:Element)
         WHERE p:Goal OR p:Target
         RETURN {cascade: p.cascade, id: p.id, weight: s.weight,
                 crosscutting: coalesce(s.crosscutting, false)}
       } AS supports,
       COLLECT {
         MATCH (u:Element)-[:SUPPORTS]->(r)
         WHERE u:Programme OR u:Activity OR u:SubActivity
         RETURN {id: u.id, kind: u.kind, level: u.level, name: u.name, code: u.code,
                 budget: COLLECT { MATCH (u)-[:HAS_MEASUREMENT]->(m:Measurement)
                                   RETURN properties(m) }}
       } AS units
ORDER BY cascade, id
