// element_context: the context an analyst needs to act on an element (the findings of the
// alignment checks, the units of a trace): its kind, level, name, code, owners, programme(s).
// An indicator is placed by the element it measures (level, owners, programmes); a unit's
// owners are the owners of the results it delivers; a result's programmes are those of the
// units that deliver it; a unit's programme is itself or its PART_OF ancestor.
// Parameters: $cascade (string), $ids (list of element ids).
// Columns: id, kind, level, name, code, owners (list of {id, title, known_position, alias_of}),
//          programmes (list of {id, kind, level, name, code}).
UNWIND $ids AS id
MATCH (n:Element {cascade: $cascade, id: id})
OPTIONAL MATCH (m:Element)-[:MEASURED_BY]->(n)
WITH n, coalesce(m, n) AS c
RETURN n.id AS id, n.kind AS kind, coalesce(n.level, c.level) AS level, n.name AS name,
       n.code AS code,
       COLLECT {
         MATCH (c)-[:SUPPORTS]->{0,1}(r:Goal|Target)-[:OWNED_BY]->(o:Owner)
         WHERE r = c OR NOT (c:Goal OR c:Target)
         RETURN DISTINCT o {.id, .title, .known_position, .alias_of} AS o
       } AS owners,
       COLLECT {
         MATCH (c)-[:PART_OF]->{0,2}(p:Programme)
         RETURN p {.id, .kind, .level, .name, .code} AS p
         UNION
         MATCH (c)<-[:SUPPORTS]-(:Programme|Activity|SubActivity)-[:PART_OF]->{0,2}(p:Programme)
         RETURN p {.id, .kind, .level, .name, .code} AS p
       } AS programmes
