// view_elements: what a graph view shows of each of its elements: kind, level, name, code; for a
// result its owners and indicators (with formula); for a unit those of the results it delivers;
// for an indicator its formula, polarity, tags and the owners of what it measures; for an owner
// its title, place in the organisation chart and whom it reports to.
// A view may span cascades: its elements are named by (cascade, id).
// Parameters: $members (list of {cascade, id}; unknown elements are left out).
// Columns: cascade, id, kind, level, name, code, formula, formula_truncated, polarity, tags,
//          of (for an indicator: the id of what it measures), title, known_position, alias_of,
//          reports_to (list of owner titles), owners (list of {id, title}), indicators (list of
//          {id, name, formula, formula_truncated, polarity, tags}).
UNWIND $members AS m
MATCH (n:Element {cascade: m.cascade, id: m.id})
RETURN n.cascade AS cascade, n.id AS id, n.kind AS kind, n.level AS level, n.name AS name,
       n.code AS code,
       n.formula AS formula, n.formula_truncated AS formula_truncated, n.polarity AS polarity,
       n.tags AS tags, n.of AS of, n.title AS title, n.known_position AS known_position,
       n.alias_of AS alias_of,
       [(n)-[:REPORTS_TO]->(b:Owner) | b.title] AS reports_to,
       CASE
         WHEN n:Goal OR n:Target THEN [(n)-[:OWNED_BY]->(o:Owner) | o {.id, .title}]
         WHEN n:Indicator THEN COLLECT {
           MATCH (r:Element)-[:MEASURED_BY]->(n)
           MATCH (r)-[:OWNED_BY]->(o:Owner)
           RETURN DISTINCT o {.id, .title} AS o
         }
         WHEN n:Owner THEN []
         ELSE COLLECT {
           MATCH (n)-[:SUPPORTS]->(:Target)-[:OWNED_BY]->(o:Owner)
           RETURN DISTINCT o {.id, .title} AS o
         }
       END AS owners,
       CASE
         WHEN n:Goal OR n:Target THEN COLLECT {
           MATCH (n)-[:MEASURED_BY]->(i:Indicator)
           RETURN i {.id, .name, .formula, .formula_truncated, .polarity, .tags} AS i
           ORDER BY i.id
         }
         WHEN n:Programme OR n:Activity OR n:SubActivity THEN COLLECT {
           MATCH (n)-[:SUPPORTS]->(:Target)-[:MEASURED_BY]->(i:Indicator)
           RETURN DISTINCT i {.id, .name, .formula, .formula_truncated, .polarity, .tags} AS i
           ORDER BY i.id
         }
         ELSE []
       END AS indicators
ORDER BY cascade, id
