// check_repeated_indicators: results measured by several indicators of the same text (case and
// surrounding spaces aside). Planning-system exports repeat an indicator under one unit with
// other targets or units; every row is kept as data, and the analyst must see which one the
// agency means.
// Parameters: $cascade (string).
// Columns: id (the result), detail (map: indicator (the text as the first one writes it),
// indicators (list of maps id, target_value, unit, by id)). One row per result and text.
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator
WITH i.of AS id, toLower(trim(i.name)) AS text, i
ORDER BY i.id
WITH id, text, collect(i) AS same
WHERE size(same) > 1
RETURN id,
       {indicator: same[0].name,
        indicators: [i IN same | {id: i.id, target_value: i.target_value, unit: i.unit}]}
         AS detail
ORDER BY id, detail.indicator
