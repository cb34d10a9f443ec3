// elements_list: a page of the cascade's elements (goal, targets, programmes, activities,
// sub-activities), filtered by level and owner, ordered by level then id.
// Parameters: $cascade (string or null: all cascades), $level (string or null), $kind (string or
// null), $owner (owner id or null: elements owned by it; a unit is owned through the results it
// delivers), $offset, $limit (integers).
// Columns: total (matches before paging), items (list of maps: id, kind, level, name, code,
//          cascade, owners: list of {id, title}).
// one cascade's elements through the Element(cascade) index: with an OR over the parameter
// the planner scanned every cascade's elements of the level (the home page of one agency read
// twenty times more with twenty regions loaded)
CALL () {
  WITH $cascade AS c WHERE c IS NOT NULL
  MATCH (n:Element {cascade: c}) USING INDEX SEEK n:Element(cascade)
  RETURN n
  UNION
  WITH $cascade AS c WHERE c IS NULL
  MATCH (n:Element)
  RETURN n
}
WITH n
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
WITH n, owners
WHERE $owner IS NULL OR any(o IN owners WHERE o.id = $owner)
WITH n, owners
ORDER BY CASE n.level WHEN 'goal' THEN 0 WHEN 'strategic' THEN 1 WHEN 'programme' THEN 2
         WHEN 'activity' THEN 3 ELSE 4 END, n.kind DESC, n.id
WITH collect({id: n.id, kind: n.kind, level: n.level, name: n.name, code: n.code,
              cascade: n.cascade, owners: owners}) AS rows
RETURN size(rows) AS total, rows[$offset..$offset + $limit] AS items
