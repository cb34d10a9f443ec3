// export_measurements: every Measurement node of one cascade, to rebuild the indicators'
// targets and realisation and the units' budget of the cascade file.
// Parameters: $cascade (string). Columns: of (the element's id), props (map of the node's
// properties: year, quarter, target..., pagu, realisation, realisation_rp).
MATCH (m:Measurement {cascade: $cascade})
RETURN m.of AS of, properties(m) AS props
ORDER BY of, m.year, m.quarter
