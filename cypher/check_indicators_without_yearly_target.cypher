// check_indicators_without_yearly_target: indicators without a target for some year of the
// period, in a cascade that gives targets per year (a cascade that gives none is not measured
// yet: nothing to report). target_value stands for the target of the period's last year.
// Parameters: $cascade (string).
// Columns: id, detail (map: of (the element it measures), missing (the years without a
// target), period_start, period_end).
MATCH (c:Cascade {id: $cascade})
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator
OPTIONAL MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement {quarter: 0})
WHERE m.target IS NOT NULL OR m.target_low IS NOT NULL OR m.target_text IS NOT NULL
WITH c, i, collect(m.year) AS years
WITH c, collect({indicator: i, years: years}) AS indicators
WHERE any(x IN indicators WHERE size(x.years) > 0)
UNWIND indicators AS x
WITH c, x.indicator AS i,
     x.years + CASE WHEN x.indicator.target_value IS NULL THEN [] ELSE [c.period_end] END AS years
WITH c, i, [y IN range(c.period_start, c.period_end) WHERE NOT y IN years] AS missing
WHERE size(missing) > 0
RETURN i.id AS id,
       {of: i.of, missing: missing, period_start: c.period_start, period_end: c.period_end}
       AS detail
ORDER BY id
