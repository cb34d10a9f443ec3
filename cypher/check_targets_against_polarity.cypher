// check_targets_against_polarity: year targets that fall from one year to the next while the
// indicator is positive (higher is better), or rise while it is negative: the plan aims
// backwards, or the polarity is wrong.
// Parameters: $cascade (string).
// Columns: id, detail (map: of, polarity, turns (list of maps: from_year, from, to_year, to)).
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator AND i.polarity IN ['positive', 'negative']
MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement {quarter: 0})
WHERE m.target IS NOT NULL
WITH i, m ORDER BY m.year
WITH i, collect({year: m.year, target: m.target}) AS ts
WITH i, [k IN range(1, size(ts) - 1)
         WHERE (i.polarity = 'positive' AND ts[k].target < ts[k - 1].target)
            OR (i.polarity = 'negative' AND ts[k].target > ts[k - 1].target)
         | {from_year: ts[k - 1].year, from: ts[k - 1].target, to_year: ts[k].year,
            to: ts[k].target}] AS turns
WHERE size(turns) > 0
RETURN i.id AS id, {of: i.of, polarity: i.polarity, turns: turns} AS detail
ORDER BY id
