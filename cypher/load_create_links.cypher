// load_create_links: create relationships of one type between elements of one cascade whose
// links are written anew (a new cascade, or a replaced one whose links were just deleted):
// CREATE, not MERGE, since none exists between the two ends.
// Parameters: $cascade (string), $type (string: the relationship type), $rows (list of maps:
// from, to, and the link's properties in props; one row per pair). Columns: loaded (number
// of links written).
// Both ends are found through the unique (cascade, id) key of Element; the hints keep the
// planner from scanning an index per row when its statistics are stale (a fresh database).
UNWIND $rows AS row
MATCH (a:Element {cascade: $cascade, id: row.from}) USING INDEX SEEK a:Element(cascade, id)
MATCH (b:Element {cascade: $cascade, id: row.to}) USING INDEX SEEK b:Element(cascade, id)
CREATE (a)-[r:$($type)]->(b)
SET r = row.props
RETURN count(r) AS loaded
