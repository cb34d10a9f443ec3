// check_dangling_references: links to another cascade ('cascade-id:element-id') whose target is
// not loaded: the cascade is not loaded at all, or holds no Tujuan or Sasaran of that id.
// Parameters: $region (string or null), $cascade (string or null): references from the
// cascades of the region, or from the one cascade.
// Columns: cascade, id (the element the link starts at), detail (map: to ('cascade:id'),
//          to_cascade, to_id, cascade_loaded (boolean), status, basis).
// each cascade's elements are reached through the Element(cascade) index (a hint: the
// planner cannot see which of $region and $cascade is null; the kind is a property test, not a
// label, so that no label scan is joined in)
MATCH (c:Cascade)
WHERE ($region IS NULL OR c.region = $region)
  AND ($cascade IS NULL OR c.id = $cascade)
MATCH (r:Reference {cascade: c.id}) USING INDEX r:Reference(cascade)
WHERE NOT EXISTS {
    MATCH (b:Element {cascade: r.to_cascade, id: r.to_id})
    USING INDEX SEEK b:Element(cascade, id)
    WHERE b:Goal OR b:Target
  }
RETURN c.id AS cascade, r.from AS id,
       {to: r.to_cascade + ':' + r.to_id, to_cascade: r.to_cascade, to_id: r.to_id,
        cascade_loaded: EXISTS { MATCH (:Cascade {id: r.to_cascade}) },
        status: r.status, basis: r.basis} AS detail
ORDER BY cascade, id, detail.to
