// load_create_measurements: create the Measurement nodes of a cascade whose measurements are
// written anew (a new cascade, or a replaced one whose measurements were just deleted), each
// linked from its element: CREATE, not MERGE, since none exists (the key constraint guards it).
// Parameters: $cascade (string), $rows (list of maps: of, year, quarter, and the values in
// props). Columns: loaded (number of measurements written).
UNWIND $rows AS row
MATCH (e:Element {cascade: $cascade, id: row.of}) USING INDEX SEEK e:Element(cascade, id)
CREATE (e)-[:HAS_MEASUREMENT]->(m:Measurement)
SET m = row.props, m.cascade = $cascade, m.of = row.of, m.year = row.year, m.quarter = row.quarter
RETURN count(m) AS loaded
