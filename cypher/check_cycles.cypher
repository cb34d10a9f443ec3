// check_cycles: cycles in SUPPORTS (of at most 12 links), each reported once, from its
// smallest id; only simple cycles (no element twice). Only targets can be on a cycle (the Goal
// supports nothing, and nothing supports a unit), so only targets are started from.
// Parameters: $cascade (string).
// Columns: id (the smallest id on the cycle), detail (map: cycle = ids in SUPPORTS order,
//          starting and ending at id).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH p = (n:Element {cascade: $cascade})-[:SUPPORTS]->{1,12}(n) USING INDEX n:Element(cascade)
WHERE n:Target
WITH n, nodes(p) AS ns
WITH n, ns, ns[..-1] AS ring
WHERE all(x IN ring WHERE n.id <= x.id)
  AND all(i IN range(0, size(ring) - 2) WHERE NOT ring[i] IN ring[i + 1..])
RETURN n.id AS id, {cycle: [x IN ns | x.id]} AS detail
ORDER BY id
