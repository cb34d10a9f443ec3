// load_owned_by_links: create or update OWNED_BY relationships between elements of one cascade.
// Parameters: $cascade (string), $rows (list of maps: from, to, and the link's properties in
// props, e.g. basis and note). Columns: loaded (number of links written).
UNWIND $rows AS row
MATCH (a:Element {id: row.from, cascade: $cascade})
MATCH (b:Element {id: row.to, cascade: $cascade})
MERGE (a)-[r:OWNED_BY]->(b)
SET r = row.props
RETURN count(r) AS loaded
