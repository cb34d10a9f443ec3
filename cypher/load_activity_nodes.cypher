// load_activity_nodes: create or update Activity nodes of one cascade (batched).
// Parameters: $cascade (string), $rows (list of maps: id and the node's other properties).
// Columns: loaded (number of rows written).
UNWIND $rows AS row
MERGE (n:Activity:Element {cascade: $cascade, id: row.id})
SET n = row, n.cascade = $cascade
RETURN count(n) AS loaded
