// region_freshness: how recent the realisation of each agency of a region is: per owner of a
// measured result, the latest quarter its results' indicators have a realisation for
// (year * 10 + quarter; null: none yet). The page tells from it which owners have not reported
// the region's last quarter.
// Parameters: $region (string).
// Columns: cascade, agency, owners (list of maps: id, title, latest (int or null),
//          indicators (how many indicators its results have)).
MATCH (c:Cascade {region: $region})
WHERE coalesce(c.kind, 'agency') = 'agency'
CALL (c) {
  MATCH (r:Element {cascade: c.id}) USING INDEX r:Element(cascade)
  MATCH (r)-[:OWNED_BY]->(o:Owner)
  MATCH (r)-[:MEASURED_BY]->(i:Indicator)
  OPTIONAL MATCH (i)-[:HAS_MEASUREMENT]->(m:Measurement)
    WHERE m.quarter > 0 AND m.realisation IS NOT NULL
  WITH o, count(DISTINCT i) AS indicators, max(m.year * 10 + m.quarter) AS latest
  ORDER BY o.id
  RETURN collect({id: o.id, title: o.title, latest: latest, indicators: indicators}) AS owners
}
RETURN c.id AS cascade, c.agency AS agency, owners
ORDER BY cascade
