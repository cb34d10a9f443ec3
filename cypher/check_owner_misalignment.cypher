// check_owner_misalignment: an owner of a result who neither is, nor reports (REPORTS_TO, any
// number of steps) to, an owner of the result it supports. Aliases are resolved first: an owner
// with alias_of stands for that known position, on both sides. Results whose supported result
// has no owner are skipped (results_without_owner reports those).
// Links to another cascade (crosscutting, RPJMD) are left to the region checks.
// Parameters: $cascade (string).
// Columns: id (the lower result), detail (map: owner (id), resolved_owner (id after alias),
//          supports (id of the supported result), supported_owners (ids, after alias),
//          owner_chain (ids the owner reports to, nearest first)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (lo:Element {cascade: $cascade})-[:SUPPORTS]->(up:Goal|Target) USING INDEX lo:Element(cascade)
WHERE lo:Target AND up.cascade = $cascade
MATCH (lo)-[:OWNED_BY]->(o:Owner)
OPTIONAL MATCH (oa:Owner {cascade: $cascade, id: o.alias_of})
WITH lo, up, o, coalesce(oa, o) AS ro
CALL (up) {
  MATCH (up)-[:OWNED_BY]->(u:Owner)
  OPTIONAL MATCH (ua:Owner {cascade: $cascade, id: u.alias_of})
  RETURN collect(DISTINCT coalesce(ua, u)) AS uppers
}
WITH lo, up, o, ro, uppers
WHERE size(uppers) > 0
  AND NOT ro IN uppers
  AND NOT EXISTS { (ro)-[:REPORTS_TO]->{1,12}(b:Owner) WHERE b IN uppers }
RETURN lo.id AS id,
       {owner: o.id, resolved_owner: ro.id, supports: up.id,
        supported_owners: [u IN uppers | u.id],
        owner_chain: COLLECT {
          MATCH p = (ro)-[:REPORTS_TO]->{1,12}(b:Owner)
          RETURN b.id AS b ORDER BY length(p)
        }} AS detail
ORDER BY id, detail.supports, detail.owner
