// check_proposed_crosscutting: crosscutting links (a result of one agency supporting a result
// of another agency) still 'proposed': one side wrote them, the other has not agreed.
// Parameters: $region (string or null), $cascade (string or null): links from the cascades of
// the region, or from the one cascade.
// Columns: cascade, id (the supporting result), detail (map: supports ('cascade:id'),
//          supports_cascade, basis, note).
// each cascade's elements are reached through the Element(cascade) index (a hint: the
// planner cannot see which of $region and $cascade is null; the kind is a property test, not a
// label, so that no label scan is joined in)
MATCH (c:Cascade)
WHERE coalesce(c.kind, 'agency') = 'agency'
  AND ($region IS NULL OR c.region = $region)
  AND ($cascade IS NULL OR c.id = $cascade)
MATCH (a:Element {cascade: c.id})-[s:SUPPORTS {status: 'proposed'}]->(b:Element)
USING INDEX a:Element(cascade)
WHERE b.cascade <> c.id
  AND EXISTS { MATCH (o:Cascade {id: b.cascade}) WHERE coalesce(o.kind, 'agency') = 'agency' }
RETURN c.id AS cascade, a.id AS id,
       {supports: b.cascade + ':' + b.id, supports_cascade: b.cascade, basis: s.basis,
        note: s.note} AS detail
ORDER BY cascade, id, detail.supports
