// check_implausible_realisation: realisation above 300 % of the year's target (the top of a
// range target): most likely a unit error (8500 for 85 %, rupiah for millions).
// Parameters: $cascade (string).
// Columns: id, detail (map: of, unit, over (list of maps: year, quarter (0: the year),
// realisation, target, percent)).
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator
MATCH (i)-[:HAS_MEASUREMENT]->(t:Measurement {quarter: 0})
WITH i, t, coalesce(t.target, t.target_high) AS target
WHERE target > 0
MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement {year: t.year})
WHERE m.realisation > 3 * target
WITH i, m, target ORDER BY m.year, m.quarter
WITH i, collect({year: m.year, quarter: m.quarter, realisation: m.realisation, target: target,
                 percent: m.realisation / target * 100}) AS over
RETURN i.id AS id, {of: i.of, unit: i.unit, over: over} AS detail
ORDER BY id
