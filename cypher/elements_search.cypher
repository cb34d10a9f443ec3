// elements_search: elements whose name matches a full-text query (Indonesian text, case- and
// accent-insensitive: the element_names index uses the standard-folding analyzer), best first.
// Parameters: $query (a Lucene query built by graph.elements.lucene_query), $cascade, $level,
// $kind, $owner (as in elements_list), $offset, $limit.
// Columns: total, items (maps as in elements_list, plus score).
CALL db.index.fulltext.queryNodes('element_names', $query) YIELD node AS n, score
WHERE n.kind IN ['goal', 'target', 'programme', 'activity', 'sub_activity']
  AND ($cascade IS NULL OR n.cascade = $cascade)
  AND ($level IS NULL OR n.level = $level)
  AND ($kind IS NULL OR n.kind = $kind)
CALL (n) {
  OPTIONAL MATCH (n)-[:SUPPORTS]->{0,1}(r)-[:OWNED_BY]->(o:Owner)
  WHERE n.kind IN ['goal', 'target'] AND r = n OR NOT n.kind IN ['goal', 'target'] AND r:Target
  WITH DISTINCT o
  ORDER BY o.id
  RETURN collect(CASE WHEN o IS NOT NULL THEN {id: o.id, title: o.title} END) AS owners
}
WITH n, score, owners
WHERE $owner IS NULL OR any(o IN owners WHERE o.id = $owner)
WITH n, score, owners
ORDER BY score DESC, n.id
WITH collect({id: n.id, kind: n.kind, level: n.level, name: n.name, code: n.code,
              cascade: n.cascade, owners: owners, score: score}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
