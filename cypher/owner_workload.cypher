// owner_workload: for every owner of the cascade, what it owns: the results (Goal, targets)
// it owns, the indicators that measure them, and the units (programmes, activities,
// sub-activities) that deliver them (a unit is owned through the results it delivers).
// Parameters: $cascade (string).
// Columns: owner (map: id, title, known_position, alias_of), results (list of maps: id, kind,
//          level, name, code), indicators (list of maps, level = the level of their result),
//          units (list of maps), each list without repeats and ordered by id.
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (o:Element {cascade: $cascade}) USING INDEX o:Element(cascade)
WHERE o:Owner
RETURN o {.id, .title, .known_position, .alias_of} AS owner,
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
ORDER BY owner.id
