// cascade_version: what identifies one load of a cascade (a new load_id with every load), so
// that results computed from it can be reused until the next load.
// Parameters: $cascade (string). Columns: load_id (no row: not loaded).
MATCH (c:Cascade {id: $cascade})
RETURN c.load_id AS load_id
