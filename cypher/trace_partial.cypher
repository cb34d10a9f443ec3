// trace_partial: for start elements that reach no Goal, how far they get: their longest
// SUPPORTS paths (no element visited twice, at most 12 links; a start that supports nothing
// gives the path holding only itself).
// Parameters: $cascade (string), $ids (list of start element ids).
// Columns: start, hops, links: as in trace_to_goal.
UNWIND $ids AS id
MATCH (s:Element {cascade: $cascade, id: id})
MATCH p = (s)-[:SUPPORTS*0..12]->(e:Element {cascade: $cascade})
WITH s, p, nodes(p) AS ns
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
WITH s, collect(p) AS paths, max(length(p)) AS longest
UNWIND [p IN paths WHERE length(p) = longest] AS p
WITH s, p, nodes(p) AS ns
RETURN s.id AS start,
       [n IN ns | n {.id, .kind, .level, .name, .code,
          owners: [(n)-[:OWNED_BY]->(o:Owner) | o {.id, .title, .known_position, .alias_of}],
          indicators: [(n)-[:MEASURED_BY]->(i:Indicator) | properties(i)],
          delivered_by: CASE WHEN n:Target
                          THEN [(u:Programme|Activity|SubActivity)-[:SUPPORTS]->(n) | u.id]
                          ELSE [] END}] AS hops,
       [r IN relationships(p) | r {.basis, .note}] AS links
ORDER BY start, [n IN ns | n.id]
