// check_truncated_formulas: indicators whose formula is cut off in the source document.
// Parameters: $cascade (string).
// Columns: id, detail (map: of, formula (as kept), formula_raw (the source text)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator AND i.formula_truncated = true
RETURN i.id AS id, {of: i.of, formula: i.formula, formula_raw: i.formula_raw} AS detail
ORDER BY id
