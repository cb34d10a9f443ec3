// cascade_counts: what loaded cascades hold, per node label and per relationship type.
// The derived SIMILAR_NAME links (near-duplicate names, written by the load) are not counted.
// Parameters: $cascades (list of strings: cascade ids). Columns: cascade, kind ('node' or
// 'relationship'), name, count.
// All the cascades of a load in one statement (a region's 41 in one, not 41), each part from
// the cascade's index (hinted). An element's links are read in a pattern comprehension, from
// the element itself, their far end named without a label (an element's links but
// HAS_MEASUREMENT end at elements): as a MATCH, the planner sought both ends in the index and
// tried every pair, or scanned all nodes for the far end, plans that the statistics of a
// database just emptied made look cheap (the counts of a 46-agency export took 6-7 s instead
// of 0.1 s in its first loads; issue 25).
UNWIND $cascades AS cascade
CALL (cascade) {
  MATCH (n:Element {cascade: cascade}) USING INDEX SEEK n:Element(cascade)
  UNWIND [l IN labels(n) WHERE l <> 'Element'] AS name
  RETURN 'node' AS kind, name, count(*) AS count
  UNION ALL
  MATCH (a:Element {cascade: cascade}) USING INDEX SEEK a:Element(cascade)
  UNWIND [(a)-[r:!SIMILAR_NAME&!HAS_MEASUREMENT]->(b) WHERE b.cascade = cascade | type(r)] AS name
  RETURN 'relationship' AS kind, name, count(*) AS count
}
RETURN cascade, kind, name, count
