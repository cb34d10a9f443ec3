// region_cascades: the cascades of a region: its RPJMD(s) and the agencies that name it.
// Parameters: $region (string). Columns: id, kind ('agency' or 'rpjmd'), agency, title,
// lacks (what the cascade's source cannot carry: a list of aspects, usually empty).
MATCH (c:Cascade {region: $region})
RETURN c.id AS id, coalesce(c.kind, 'agency') AS kind, c.agency AS agency, c.title AS title,
       coalesce(c.lacks, []) AS lacks
ORDER BY kind DESC, id
