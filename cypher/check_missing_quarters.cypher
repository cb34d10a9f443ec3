// check_missing_quarters: a quarter without realisation (K or Rp) while a later quarter of the
// same year is reported: a report skipped, or entered under the wrong quarter.
// Parameters: $cascade (string).
// Columns: id, detail (map: of (null for a unit), gaps (list of maps: year, missing (the
// quarters), reported)).
MATCH (e:Element {cascade: $cascade}) USING INDEX e:Element(cascade)
WHERE e:Indicator OR e:Programme OR e:Activity OR e:SubActivity
MATCH (e)-[:HAS_MEASUREMENT]->(m:Measurement)
WHERE m.quarter > 0 AND (m.realisation IS NOT NULL OR m.realisation_rp IS NOT NULL)
WITH e, m.year AS year, m.quarter AS quarter ORDER BY year, quarter
WITH e, year, collect(quarter) AS reported
WITH e, year, reported, [q IN range(1, reported[-1] - 1) WHERE NOT q IN reported] AS missing
WHERE size(missing) > 0
WITH e, collect({year: year, missing: missing, reported: reported}) AS gaps
RETURN e.id AS id, {of: e.of, gaps: gaps} AS detail
ORDER BY id
