// load_measured_by_links: create or update MEASURED_BY relationships between elements of one cascade.
// Parameters: $cascade (string), $rows (list of maps: from, to, and the link's properties in
// props, e.g. basis and note). Columns: loaded (number of links written).
// Both ends are found through the unique (cascade, id) key of Element.
UNWIND $rows AS row
MATCH (a:Element {cascade: $cascade, id: row.from})
MATCH (b:Element {cascade: $cascade, id: row.to})
MERGE (a)-[r:MEASURED_BY]->(b)
SET r = row.props
RETURN count(r) AS loaded
