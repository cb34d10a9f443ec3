// owner_workload: for every owner of the given cascades (one agency, or every cascade of a
// region), what it owns: the results (Goal, targets) it owns, the indicators that measure them,
// and the units (programmes, activities, sub-activities) that deliver them (a unit is owned
// through the results it delivers). Owners, results and units stay inside their cascade, so
// each row's lists belong to the row's cascade.
// Parameters: $cascades (list of cascade ids).
// Columns: cascade (the owner's cascade id), owner (map: id, title, known_position, alias_of),
//          results (list of maps: id, kind, level, name, code), indicators (list of maps,
//          level = the level of their result), units (list of maps), each list without repeats
//          and ordered by id. Rows ordered by cascade, then owner id.
// the scan goes through the Element(cascade) index (one seek per cascade named): its cost is
// the size of those cascades, whatever else the database holds
MATCH (o:Element) USING INDEX o:Element(cascade)
WHERE o.cascade IN $cascades AND o:Owner
RETURN o.cascade AS cascade,
       o {.id, .title, .known_position, .alias_of} AS owner,
       COLLECT {
         MATCH (r:Goal|Target)-[:OWNED_BY]->(o)
         RETURN r {.id, .kind, .level, .name, .code} AS r ORDER BY r.id
       } AS results,
       COLLECT {
         MATCH (r:Goal|Target)-[:OWNED_BY]->(o)
         MATCH (r)-[:MEASURED_BY]->(i:Indicator)
         WITH i, head(collect(r.level)) AS level
         RETURN i {.id, .kind, .name, level: level} AS i ORDER BY i.id
       } AS indicators,
       COLLECT {
         MATCH (r:Goal|Target)-[:OWNED_BY]->(o)
         MATCH (u:Programme|Activity|SubActivity)-[:SUPPORTS]->(r)
         RETURN DISTINCT u {.id, .kind, .level, .name, .code} AS u ORDER BY u.id
       } AS units
ORDER BY cascade, owner.id
