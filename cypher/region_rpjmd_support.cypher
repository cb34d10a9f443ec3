// region_rpjmd_support: the Sasaran of a region's RPJMD, each with what supports it from the
// agencies' cascades (their Tujuan or results).
// Parameters: $region (string).
// Columns: cascade (the RPJMD), id, name, goals (ids of the RPJMD Tujuan it supports),
//          supporters (list of {cascade, id, name, status}; graph.region sorts them).
// the Sasaran through the Element(cascade) index, their kind a property test (a label would
// let the planner join a label scan in)
MATCH (c:Cascade {region: $region, kind: 'rpjmd'})
MATCH (t:Element {cascade: c.id}) USING INDEX t:Element(cascade)
WHERE t.kind = 'target'
RETURN c.id AS cascade, t.id AS id, t.name AS name,
       [(t)-[:SUPPORTS]->(g:Goal) | g.id] AS goals,
       // expanded from t, then filtered: with the filter inside the pattern the planner scanned
       // the Element(cascade) index for it
       [y IN [(t)<-[s:SUPPORTS]-(x:Element) |
              {cascade: x.cascade, id: x.id, name: x.name, status: s.status}]
        WHERE y.cascade <> c.id] AS supporters
ORDER BY cascade, id
