// check_negative_values: negative values where none can be: a budget (pagu, realisation in
// Rp) of an indicator or unit, or an indicator's baseline, target or realisation (K) unless
// the indicator is a rate that can fall below zero (its name or unit speaks of growth, pace,
// change, difference or inflation: pertumbuhan, laju, perubahan, selisih, inflasi).
// Parameters: $cascade (string).
// Columns: id, detail (map: of (null for a unit), values (list of maps: field, year, quarter,
// value)).
MATCH (e:Element {cascade: $cascade}) USING INDEX e:Element(cascade)
WHERE e:Indicator OR e:Programme OR e:Activity OR e:SubActivity
OPTIONAL MATCH (e)-[:HAS_MEASUREMENT]->(m:Measurement)
WITH e, m ORDER BY m.year, m.quarter
WITH e, collect(m) AS ms,
     e:Indicator AND any(w IN ['pertumbuhan', 'laju', 'perubahan', 'selisih', 'inflasi', 'growth']
                         WHERE toLower(e.name + ' ' + coalesce(e.unit, '')) CONTAINS w) AS may_fall
WITH e, reduce(out = CASE WHEN e.baseline < 0 AND NOT may_fall
                          THEN [{field: 'baseline', year: null, quarter: null, value: e.baseline}]
                          ELSE [] END,
               m IN ms |
               out + [k IN ['pagu', 'realisation_rp', 'target', 'target_low', 'target_high',
                            'realisation']
                      WHERE m[k] < 0 AND (k IN ['pagu', 'realisation_rp'] OR NOT may_fall)
                      | {field: k, year: m.year, quarter: m.quarter, value: m[k]}]) AS values
WHERE size(values) > 0
RETURN e.id AS id, {of: e.of, values: values} AS detail
ORDER BY id
