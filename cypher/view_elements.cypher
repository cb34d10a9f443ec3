// view_elements: what a graph view shows of each of its elements: kind, level, name, code; for a
// result its owners and indicators; for a unit those of the results it delivers; for an
// indicator itself (every stored property) and the owners of what it measures; for an owner its
// title, place in the organisation chart and whom it reports to. An indicator is always its
// whole properties(i) (Indicator.from_properties maps them): a new field needs no change here.
// A view may span cascades: its elements are named by (cascade, id).
// Parameters: $members (list of {cascade, id}; unknown elements are left out).
// Columns: cascade, id, kind, level, name, code, indicator (for an indicator: properties(n);
//          else null), of (for an indicator: the id of what it measures), title,
//          known_position, alias_of, reports_to (list of owner titles), owners (list of
//          {id, title}), indicators (list of properties(i)).
UNWIND $members AS m
MATCH (n:Element {cascade: m.cascade, id: m.id})
RETURN n.cascade AS cascade, n.id AS id, n.kind AS kind, n.level AS level, n.name AS name,
       n.code AS code, CASE WHEN n:Indicator THEN properties(n) END AS indicator, n.of AS of,
       n.title AS title, n.known_position AS known_position, n.alias_of AS alias_of,
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
           RETURN properties(i) AS i
           ORDER BY i.id
         }
         WHEN n:Programme OR n:Activity OR n:SubActivity THEN COLLECT {
           MATCH (n)-[:SUPPORTS]->(:Target)-[:MEASURED_BY]->(i:Indicator)
           RETURN DISTINCT properties(i) AS i
           ORDER BY i.id
         }
         ELSE []
       END AS indicators
ORDER BY cascade, id
