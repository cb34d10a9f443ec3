// load_find_foreign_ids: which of the ids about to be loaded already belong to another cascade?
// Parameters: $cascade (string, the cascade being loaded), $ids (list of strings).
// Columns: id, cascade (the cascade that holds it now).
UNWIND $ids AS id
MATCH (n:Element {id: id})
WHERE n.cascade <> $cascade
RETURN n.id AS id, n.cascade AS cascade
ORDER BY id
