// check_level_skips: SUPPORTS links that do not go exactly one level up. A result supporting a
// result two or more levels up is a 'skip' (the levels in between are named); one supporting a
// result of its own or a lower level is an 'inversion'; a unit delivering a result of another
// level than its own is a 'delivery' mismatch.
// Links to another cascade (crosscutting, RPJMD) are left to the region checks.
// Parameters: $cascade (string).
// Columns: id (the lower element), detail (map: problem ('skip', 'inversion' or 'delivery'),
//          supports (id), from_level, to_level, skipped (list of levels), basis).
WITH {goal: 0, strategic: 1, programme: 2, activity: 3, sub_activity: 4} AS rank,
     ['goal', 'strategic', 'programme', 'activity', 'sub_activity'] AS levels
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (a:Element {cascade: $cascade})-[r:SUPPORTS]->(b:Goal|Target) USING INDEX a:Element(cascade)
WHERE a:Target AND b.cascade = $cascade
WITH rank, levels, a, r, b, rank[a.level] - rank[b.level] AS up
WHERE up <> 1
RETURN a.id AS id,
       {problem: CASE WHEN up > 1 THEN 'skip' ELSE 'inversion' END, supports: b.id,
        from_level: a.level, to_level: b.level, basis: r.basis,
        skipped: [l IN levels WHERE rank[l] > rank[b.level] AND rank[l] < rank[a.level]]}
         AS detail
ORDER BY id, detail.supports
UNION ALL
MATCH (u:Element {cascade: $cascade})-[r:SUPPORTS]->(b:Element) USING INDEX u:Element(cascade)
WHERE (u:Programme OR u:Activity OR u:SubActivity) AND b.level <> u.level
  AND b.cascade = $cascade
RETURN u.id AS id,
       {problem: 'delivery', supports: b.id, from_level: u.level, to_level: b.level,
        basis: r.basis, skipped: []} AS detail
ORDER BY id, detail.supports
