// impact: everything that depends on an element upwards, across cascades: every result its
// SUPPORTS paths reach (at most 12 links), in its own cascade, other agencies' cascades
// (crosscutting) and the RPJMD, each with the fewest links to it.
// Parameters: $cascade (string), $id (string: the element).
// Columns: id, kind, level, name, code, cascade, depth, agency (the name of its cascade's
//          agency), cascade_kind ('agency' or 'rpjmd'). No row when nothing depends on it.
MATCH (n:Element {cascade: $cascade, id: $id})
MATCH p = (n)-[:SUPPORTS*1..12]->(x:Element)
WITH x, min(length(p)) AS depth
OPTIONAL MATCH (c:Cascade {id: x.cascade})
RETURN x.id AS id, x.kind AS kind, x.level AS level, x.name AS name, x.code AS code,
       x.cascade AS cascade, depth, c.agency AS agency,
       coalesce(c.kind, 'agency') AS cascade_kind
ORDER BY depth, cascade, id
