// check_indicators_without_formula: indicators with no formula (Formulasi) or an empty one.
// Parameters: $cascade (string).
// Columns: id, detail (map: of (the element it measures), formula_raw (the source text, if any)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator AND (i.formula IS NULL OR trim(i.formula) = '')
RETURN i.id AS id, {of: i.of, formula_raw: i.formula_raw} AS detail
ORDER BY id
