// check_indicators_without_polarity: indicators that do not say whether higher or lower is
// better ("(positif)"/"(negatif)"), so achievement (capaian) cannot be computed.
// Parameters: $cascade (string). Columns: id, detail (map: of, raw (the source text)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator AND i.polarity IS NULL
RETURN i.id AS id, {of: i.of, raw: i.raw} AS detail
ORDER BY id
