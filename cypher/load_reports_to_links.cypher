// load_reports_to_links: create or update REPORTS_TO relationships between elements of one cascade.
// Parameters: $cascade (string), $rows (list of maps: from, to, and the link's properties in
// props, e.g. basis and note). Columns: loaded (number of links written).
UNWIND $rows AS row
MATCH (a:Element {id: row.from, cascade: $cascade})
MATCH (b:Element {id: row.to, cascade: $cascade})
MERGE (a)-[r:REPORTS_TO]->(b)
SET r = row.props
RETURN count(r) AS loaded
