// load_create_nodes: create the nodes of one label of a cascade that is not stored yet (a new
// cascade: nothing to match, so CREATE, not MERGE; the uniqueness constraint still guards it).
// Parameters: $cascade (string), $labels (list of strings: the node's label and Element),
// $rows (list of maps: id and the node's other properties). Columns: loaded (rows written).
// One statement for every label (a dynamic label): one plan to make on a fresh server.
UNWIND $rows AS row
CREATE (n:$($labels))
SET n = row, n.cascade = $cascade
RETURN count(n) AS loaded
