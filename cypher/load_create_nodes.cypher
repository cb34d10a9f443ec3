// load_create_nodes: create the nodes of one label for cascades that are not stored yet (new
// cascades: nothing to match, so CREATE, not MERGE; the uniqueness constraint still guards
// them), every cascade of the load in one statement.
// Parameters: $labels (list of strings: the node's label and Element), $groups (list of maps:
// cascade (string), rows (list of maps: id and the node's other properties)).
// Columns: loaded (rows written).
// One statement for every label (a dynamic label): one plan to make on a fresh server; one
// statement for all the cascades of a load (a region, a planning-system export of dozens of
// agencies): a statement's own cost is paid once, not once per cascade.
UNWIND $groups AS g
UNWIND g.rows AS row
CREATE (n:$($labels))
SET n = row, n.cascade = g.cascade
RETURN count(n) AS loaded
