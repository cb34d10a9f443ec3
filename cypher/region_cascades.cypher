// region_cascades: the cascades of a region: its RPJMD(s) and the agencies that name it.
// Parameters: $region (string). Columns: id, kind ('agency' or 'rpjmd'), agency, title.
MATCH (c:Cascade {region: $region})
RETURN c.id AS id, coalesce(c.kind, 'agency') AS kind, c.agency AS agency, c.title AS title
ORDER BY kind DESC, id
