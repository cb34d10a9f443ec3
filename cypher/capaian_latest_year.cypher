// capaian_latest_year: the latest year some cascades have a realisation (K) for, null when none
// has any yet: the year a capaian reading defaults to, and a cheap "nothing to compute" for a
// cascade without measurement (a seed or a planning-system export).
// Parameters: $cascades (list of strings). Columns: year (integer or null).
UNWIND $cascades AS cascade
MATCH (m:Measurement {cascade: cascade})
  USING INDEX SEEK m:Measurement(cascade, of, year, quarter)
WHERE m.of IS NOT NULL AND m.year IS NOT NULL AND m.quarter IS NOT NULL
  AND m.realisation IS NOT NULL
RETURN max(m.year) AS year
