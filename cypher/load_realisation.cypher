// load_realisation: write one quarter's realisation of one cascade (batched): per row, the
// Measurement of the element, year and quarter gets the realisation the row gives (K in
// realisation, Rp in realisation_rp; a value the row leaves out stays as stored). Nothing
// else changes: no element, no link, no target.
// Parameters: $cascade (string), $year, $quarter (integers), $rows (list of maps: of, value,
// rp). Columns: loaded (number of rows written).
UNWIND $rows AS row
MATCH (e:Element {cascade: $cascade, id: row.of}) USING INDEX SEEK e:Element(cascade, id)
MERGE (m:Measurement {cascade: $cascade, of: row.of, year: $year, quarter: $quarter})
SET m.realisation = coalesce(row.value, m.realisation),
    m.realisation_rp = coalesce(row.rp, m.realisation_rp)
MERGE (e)-[:HAS_MEASUREMENT]->(m)
RETURN count(m) AS loaded
