// load_delete_changed_kind: remove elements whose id is loaded again as another kind of node
// (e.g. a target that became a programme), so that the new node can take the id.
// Parameters: $cascade (string), $rows (list of maps: id, kind). Columns: deleted.
UNWIND $rows AS row
MATCH (n:Element {cascade: $cascade, id: row.id})
WHERE n.kind <> row.kind
DETACH DELETE n
RETURN count(n) AS deleted
