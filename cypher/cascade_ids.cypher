// cascade_ids: the ids of the cascades loaded, in load order, to choose the one the checks
// and the workload run on when none is named.
// Parameters: none. Columns: id, title.
MATCH (c:Cascade)
RETURN c.id AS id, c.title AS title
ORDER BY c.loaded_at, c.id
