// check_capaian_above_cap: indicators with a cap whose capaian of a year, computed, is above
// it (capaian itself is computed in Python by pokin.core.capaian, the one engine: this query
// reads the method and the measurements).
// Parameters: $cascade (string).
// Columns: id, indicator (map: the node's properties), measurements (list of maps: the
// Measurement nodes' properties), period_end.
MATCH (c:Cascade {id: $cascade})
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator AND i.cap IS NOT NULL
MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement)
WITH c, i, collect(properties(m)) AS measurements
RETURN i.id AS id, properties(i) AS indicator, measurements, c.period_end AS period_end
ORDER BY id
