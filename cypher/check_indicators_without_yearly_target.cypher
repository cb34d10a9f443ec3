// check_indicators_without_yearly_target: indicators without a target for a year the cascade
// plans, in a cascade that gives targets per year (a cascade that gives none is not measured
// yet: nothing to report). The years planned are those that any indicator of the cascade has
// a target for (a Renja table's one year, a Renstra's whole period), so an imported Renja
// table is not asked for the years it never plans. target_value stands for the target of the
// period's last year.
// Parameters: $cascade (string).
// Columns: id, detail (map: of (the element it measures), missing (the planned years without a
// target), planned (the years planned), period_start, period_end).
MATCH (c:Cascade {id: $cascade})
MATCH (i:Element {cascade: $cascade}) USING INDEX i:Element(cascade)
WHERE i:Indicator
OPTIONAL MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement {quarter: 0})
WHERE m.target IS NOT NULL OR m.target_low IS NOT NULL OR m.target_text IS NOT NULL
WITH c, i, collect(m.year) AS yearly
WITH c, collect({indicator: i, yearly: yearly,
                 years: yearly + CASE WHEN i.target_value IS NULL THEN [] ELSE [c.period_end] END})
        AS indicators
WHERE any(x IN indicators WHERE size(x.yearly) > 0)
WITH c, indicators,
     [y IN range(c.period_start, c.period_end) WHERE any(x IN indicators WHERE y IN x.years)]
     AS planned
UNWIND indicators AS x
WITH c, planned, x.indicator AS i, [y IN planned WHERE NOT y IN x.years] AS missing
WHERE size(missing) > 0
RETURN i.id AS id,
       {of: i.of, missing: missing, planned: planned, period_start: c.period_start,
        period_end: c.period_end}
       AS detail
ORDER BY id
