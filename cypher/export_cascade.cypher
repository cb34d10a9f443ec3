// export_cascade: the stored Cascade node of one cascade, to write the cascade back to a file.
// Parameters: $cascade (string). Columns: props (map: id, kind, region, region_name,
// synthetic, agency, title, period_start, period_end, source, note, and the load's stamps
// source_sha256, loaded_at, load_id). No row when it is not loaded.
MATCH (c:Cascade {id: $cascade})
RETURN properties(c) AS props
