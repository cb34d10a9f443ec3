// load_delete_stale: remove the elements of a cascade that the file just loaded no longer has.
// Parameters: $cascade (string), $ids (list of the file's ids). Columns: deleted.
MATCH (n:Element {cascade: $cascade})
WHERE NOT n.id IN $ids
DETACH DELETE n
RETURN count(n) AS deleted
