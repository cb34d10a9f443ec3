// check_structure_conflicts: a unit whose result supports a result delivered by units of its
// parent's kind, none of which is the parent it is PART_OF: a sub-activity of activity A whose
// result supports a result of activity B; an activity of programme P whose result supports a
// result of programme Q. (A supported result no unit delivers is not a conflict.)
// Parameters: $cascade (string).
// Columns: id (the unit), detail (map: part_of (its parent's id), result (its result's id),
//          supports (the supported result's id), delivered_by (ids of the units delivering the
//          supported result), basis (of the result's SUPPORTS link)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (u:Element {cascade: $cascade})-[:PART_OF]->(parent:Element) USING INDEX u:Element(cascade)
WHERE u:SubActivity OR u:Activity
MATCH (u)-[:SUPPORTS]->(own:Target)-[r:SUPPORTS]->(up:Target)
WHERE up.cascade = $cascade
WITH u, parent, own, r, up,
     [(d:Element)-[:SUPPORTS]->(up) WHERE d.kind = parent.kind | d] AS deliverers
WHERE size(deliverers) > 0 AND NOT parent IN deliverers
RETURN u.id AS id,
       {part_of: parent.id, result: own.id, supports: up.id, basis: r.basis,
        delivered_by: [d IN deliverers | d.id]} AS detail
ORDER BY id, detail.supports
