// load_cascade: create or update the Cascade node that records where a cascade came from.
// Parameters: $props (map: id, agency, title, period_start, period_end, source, source_sha256,
// loaded_at). Columns: id.
MERGE (c:Cascade {id: $props.id})
SET c = $props
RETURN c.id AS id
