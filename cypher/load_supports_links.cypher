// load_supports_links: create or update SUPPORTS relationships between elements of one cascade.
// Parameters: $cascade (string), $rows (list of maps: from, to, and the link's properties in
// props, e.g. basis and note). Columns: loaded (number of links written).
// Both ends are found through the unique (cascade, id) key of Element; the hints keep the
// planner from scanning an index per row when its statistics are stale (a fresh database).
UNWIND $rows AS row
MATCH (a:Element {cascade: $cascade, id: row.from}) USING INDEX SEEK a:Element(cascade, id)
MATCH (b:Element {cascade: $cascade, id: row.to}) USING INDEX SEEK b:Element(cascade, id)
MERGE (a)-[r:SUPPORTS]->(b)
SET r = row.props
RETURN count(r) AS loaded
