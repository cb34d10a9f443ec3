// load_supports_links: create or update SUPPORTS relationships between elements of one cascade.
// Parameters: $cascade (string), $rows (list of maps: from, to, and the link's properties in
// props, e.g. basis and note). Columns: loaded (number of links written).
// Both ends are found through the unique Element(id) index (the hint keeps the planner from
// scanning the cascade's elements by the Element(cascade) index for every row).
UNWIND $rows AS row
MATCH (a:Element {id: row.from}) USING INDEX a:Element(id)
WHERE a.cascade = $cascade
MATCH (b:Element {id: row.to}) USING INDEX b:Element(id)
WHERE b.cascade = $cascade
MERGE (a)-[r:SUPPORTS]->(b)
SET r = row.props
RETURN count(r) AS loaded
