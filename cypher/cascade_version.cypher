// cascade_version: what identifies one load of a cascade (it changes with every load), so that
// results computed from it can be reused until the next load.
// Parameters: $cascade (string). Columns: loaded_at, source_sha256 (no row: not loaded).
MATCH (c:Cascade {id: $cascade})
RETURN c.loaded_at AS loaded_at, c.source_sha256 AS source_sha256
