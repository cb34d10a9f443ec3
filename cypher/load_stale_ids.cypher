// load_stale_ids: elements of a loaded cascade that the file being loaded no longer has (they
// stay after a load without --replace).
// Parameters: $cascade (string), $ids (list of the file's ids). Columns: id.
MATCH (n:Element {cascade: $cascade})
WHERE NOT n.id IN $ids
RETURN n.id AS id
ORDER BY id
