// subtree: everything that supports an element, directly or through others (the reverse of a
// trace), each with its depth (the fewest SUPPORTS links to the root) and its own SUPPORTS
// links, up to $max_depth links away (never more than 12).
// Parameters: $cascade (string), $id (string: the root), $max_depth (integer 1..12).
// Columns: id, kind, level, name, code, depth, owners (list of {id, title, known_position,
//          alias_of}; a unit's are those of the results it delivers), supports (list of
//          {to, basis, note}: all its SUPPORTS links; keep those inside the subtree).
//          No row when nothing supports the root.
MATCH (root:Element {cascade: $cascade, id: $id})
MATCH p = (x:Element)-[:SUPPORTS*1..12]->(root)
WHERE length(p) <= $max_depth AND x.cascade = $cascade
WITH x, min(length(p)) AS depth
RETURN x.id AS id, x.kind AS kind, x.level AS level, x.name AS name, x.code AS code, depth,
       CASE WHEN x:Target
         THEN [(x)-[:OWNED_BY]->(o:Owner) | o {.id, .title, .known_position, .alias_of}]
         ELSE COLLECT {
           MATCH (x)-[:SUPPORTS]->(:Target)-[:OWNED_BY]->(o:Owner)
           RETURN DISTINCT o {.id, .title, .known_position, .alias_of} AS o
         } END AS owners,
       [(x)-[r:SUPPORTS]->(y) | {to: y.id, basis: r.basis, note: r.note}] AS supports
ORDER BY depth, level, id
