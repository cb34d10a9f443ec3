// trace_to_goal: every SUPPORTS path from the given start elements to the cascade's Goal, with
// what an auditor reads at each hop. Paths visit no element twice and have at most 12 links
// (a well-formed chain has 5: sub-activity, its result, activity, programme and strategic
// results, Goal).
// Parameters: $cascade (string), $ids (list of start element ids).
// Columns: start (id), hops (list of maps: id, kind, level, name, code, owners [{id, title,
//          known_position, alias_of}], indicators [properties(i) of each indicator:
//          Indicator.from_properties maps them], delivered_by [ids of the units delivering
//          this result; empty for anything but a target]),
//          links (list of maps {basis, note}: links[i] goes from hops[i] to hops[i+1]).
UNWIND $ids AS id
MATCH (s:Element {cascade: $cascade, id: id})
MATCH p = (s)-[:SUPPORTS*0..12]->(g:Goal {cascade: $cascade})
WITH s, p, nodes(p) AS ns
WHERE all(i IN range(0, size(ns) - 2) WHERE NOT ns[i] IN ns[i + 1..])
RETURN s.id AS start,
       [n IN ns | n {.id, .kind, .level, .name, .code,
          owners: [(n)-[:OWNED_BY]->(o:Owner) | o {.id, .title, .known_position, .alias_of}],
          indicators: [(n)-[:MEASURED_BY]->(i:Indicator) | properties(i)],
          delivered_by: CASE WHEN n:Target
                          THEN [(u:Programme|Activity|SubActivity)-[:SUPPORTS]->(n) | u.id]
                          ELSE [] END}] AS hops,
       [r IN relationships(p) | r {.basis, .note}] AS links
ORDER BY start, size(ns), [n IN ns | n.id]
