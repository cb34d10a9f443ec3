// contributors: everything that supports an element downwards, across cascades (results and
// units of its own and of other agencies' cascades, at most 12 SUPPORTS links away), each with
// its owners (a result's own; a unit's are those of the results it delivers) and the fewest
// links to the element.
// Parameters: $cascade (string), $id (string: the element).
// Columns: id, kind, level, name, code, cascade, depth, agency, cascade_kind, owners (list of
//          {id, title, known_position, alias_of}). No row when nothing supports it.
MATCH (n:Element {cascade: $cascade, id: $id})
MATCH p = (x:Element)-[:SUPPORTS*1..12]->(n)
WITH x, min(length(p)) AS depth
OPTIONAL MATCH (c:Cascade {id: x.cascade})
RETURN x.id AS id, x.kind AS kind, x.level AS level, x.name AS name, x.code AS code,
       x.cascade AS cascade, depth, c.agency AS agency,
       coalesce(c.kind, 'agency') AS cascade_kind,
       CASE WHEN x:Goal OR x:Target
         THEN [(x)-[:OWNED_BY]->(o:Owner) | o {.id, .title, .known_position, .alias_of}]
         ELSE COLLECT {
           MATCH (x)-[:SUPPORTS]->(t:Target)-[:OWNED_BY]->(o:Owner)
           WHERE t.cascade = x.cascade
           RETURN DISTINCT o {.id, .title, .known_position, .alias_of} AS o
         } END AS owners
ORDER BY depth, cascade, id
