// load_measurement_nodes: create or update the Measurement nodes of one cascade (batched): one
// per element (indicator or unit), year and quarter (0: the year as a whole), holding the
// year's target (target, target_low, target_high or target_text), pagu, and what was realised
// (realisation in K, realisation_rp in Rp); linked from its element by HAS_MEASUREMENT.
// Parameters: $cascade (string), $rows (list of maps: of, year, quarter, props).
// Columns: loaded (number of rows written).
UNWIND $rows AS row
MATCH (e:Element {cascade: $cascade, id: row.of}) USING INDEX SEEK e:Element(cascade, id)
MERGE (m:Measurement {cascade: $cascade, of: row.of, year: row.year, quarter: row.quarter})
SET m = row.props, m.cascade = $cascade, m.of = row.of, m.year = row.year, m.quarter = row.quarter
MERGE (e)-[:HAS_MEASUREMENT]->(m)
RETURN count(m) AS loaded
