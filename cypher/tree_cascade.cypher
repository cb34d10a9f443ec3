// tree_cascade: every result (Goal and Target) of one cascade as a card of the pohon tree: its
// level, name, the results it supports (its parents in the tree), its indicators (every stored
// property), its owners and the units that deliver it (with their nomenclature codes).
// Parameters: $cascade (string).
// Columns: id, kind, level, name, supports (list of result ids it SUPPORTS, ordered),
//          indicators (list of properties(i): Indicator.from_properties maps them),
//          owners (list of {id, title, known_position}),
//          units (list of {id, kind, code, name}: the Programme/Activity/SubActivity delivering it).
//          No row for an unknown cascade.
MATCH (n:Element {cascade: $cascade})
WHERE n:Goal OR n:Target
RETURN n.id AS id, n.kind AS kind, n.level AS level, n.name AS name,
       COLLECT {
         MATCH (n)-[:SUPPORTS]->(p:Goal|Target)
         WHERE p.cascade = $cascade
         RETURN p.id AS p ORDER BY p
       } AS supports,
       COLLECT {
         MATCH (n)-[:MEASURED_BY]->(i:Indicator)
         RETURN properties(i) AS i
         ORDER BY i.id
       } AS indicators,
       COLLECT {
         MATCH (n)-[:OWNED_BY]->(o:Owner)
         RETURN o {.id, .title, .known_position} AS o
         ORDER BY o.id
       } AS owners,
       COLLECT {
         MATCH (u:Programme|Activity|SubActivity)-[:SUPPORTS]->(n)
         RETURN u {.id, .kind, .code, .name} AS u
         ORDER BY u.code, u.id
       } AS units
ORDER BY id
