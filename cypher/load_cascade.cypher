// load_cascade: create or update the Cascade node that records where a cascade came from.
// Parameters: $props (map: id, kind, region, region_name, synthetic, agency, title,
// period_start, period_end, source, note, source_sha256, loaded_at, load_id; nulls left out).
// Columns: id.
MERGE (c:Cascade {id: $props.id})
SET c = $props
RETURN c.id AS id
