// check_orphans: results and units (targets, programmes, activities, sub-activities) from which
// no SUPPORTS path (at most 12 links) reaches the cascade's Goal.
// Parameters: $cascade (string).
// Columns: id, detail (map: stops_at = ids of the elements where its upward chains end, i.e.
//          that support nothing; empty when the chains only loop).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
// The labels are tested first, in their own step: left in one WHERE with the EXISTS, the
// planner walked up from every element of the cascade, indicators and owners too (PROFILE on
// x100: 681k db hits; so, 279k).
MATCH (n:Element {cascade: $cascade}) USING INDEX n:Element(cascade)
WHERE n:Target OR n:Programme OR n:Activity OR n:SubActivity
WITH n
CALL (n) {
  RETURN EXISTS { (n)-[:SUPPORTS]->{1,12}(:Goal {cascade: $cascade}) } AS reaches
}
WITH n WHERE NOT reaches
RETURN n.id AS id,
       {stops_at: COLLECT {
          MATCH (n)-[:SUPPORTS]->{0,12}(e:Element)
          WHERE NOT EXISTS { (e)-[:SUPPORTS]->() }
          RETURN DISTINCT e.id AS e ORDER BY e
       }} AS detail
ORDER BY id
