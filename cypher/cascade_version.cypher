// cascade_version: what identifies one load of a cascade (a new load_id with every load), so
// that results computed from it can be reused until the next load, and what its source lacks
// (the checks that need it do not apply).
// Parameters: $cascade (string). Columns: load_id, lacks (list of aspects; no row: not loaded).
MATCH (c:Cascade {id: $cascade})
RETURN c.load_id AS load_id, coalesce(c.lacks, []) AS lacks
