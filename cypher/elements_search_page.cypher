// elements_search_page: one page of search hits, in the order given, as elements_list's items
// with their agency and what matched; hits that are not results or units, or that the filters
// leave out, are dropped (the total counts what is left).
// Parameters: $hits (list of maps: cascade, id, matched, score, text; ranked), $level, $kind,
// $owner (as in elements_list), $offset, $limit.
// Columns: total, items (maps as in elements_list, plus agency, matched, matched_text, score).
UNWIND range(0, size($hits) - 1) AS rank
WITH rank, $hits[rank] AS hit
MATCH (n:Element {cascade: hit.cascade, id: hit.id}) USING INDEX SEEK n:Element(cascade, id)
WHERE n.kind IN ['goal', 'target', 'programme', 'activity', 'sub_activity']
  AND ($level IS NULL OR n.level = $level)
  AND ($kind IS NULL OR n.kind = $kind)
CALL (n) {
  OPTIONAL MATCH (n)-[:SUPPORTS]->{0,1}(r)-[:OWNED_BY]->(o:Owner)
  WHERE n.kind IN ['goal', 'target'] AND r = n OR NOT n.kind IN ['goal', 'target'] AND r:Target
  WITH DISTINCT o
  ORDER BY o.id
  RETURN collect(CASE WHEN o IS NOT NULL THEN {id: o.id, title: o.title} END) AS owners
}
WITH rank, hit, n, owners
WHERE $owner IS NULL OR any(o IN owners WHERE o.id = $owner)
OPTIONAL MATCH (c:Cascade {id: n.cascade})
WITH rank, hit, n, owners, c
ORDER BY rank
WITH collect({id: n.id, kind: n.kind, level: n.level, name: n.name, code: n.code,
              cascade: n.cascade, agency: c.agency, owners: owners, score: hit.score,
              matched: hit.matched, matched_text: hit.text}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
