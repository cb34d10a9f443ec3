// load_create_links: create relationships of one type between elements of cascades whose
// links are written anew (new cascades, or a replaced one whose links were just deleted):
// CREATE, not MERGE, since none exists between the two ends; every such cascade of the load
// in one statement.
// Parameters: $type (string: the relationship type), $groups (list of maps: cascade (string),
// rows (list of maps: from, to, and the link's properties in props; one row per pair)).
// Columns: loaded (number of links written).
// Both ends are found through the unique (cascade, id) key of Element; the hints keep the
// planner from scanning an index per row when its statistics are stale (a fresh database).
UNWIND $groups AS g
UNWIND g.rows AS row
MATCH (a:Element {cascade: g.cascade, id: row.from}) USING INDEX SEEK a:Element(cascade, id)
MATCH (b:Element {cascade: g.cascade, id: row.to}) USING INDEX SEEK b:Element(cascade, id)
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
RETURN count(r) AS loaded
