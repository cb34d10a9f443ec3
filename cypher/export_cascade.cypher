// export_cascade: the stored Cascade node of one cascade, to write the cascade back to a file.
// Parameters: $cascade (string). Columns: props (map: id, agency, title, period_start,
// period_end, source, source_sha256, loaded_at, load_id). No row when it is not loaded.
MATCH (c:Cascade {id: $cascade})
RETURN properties(c) AS props
