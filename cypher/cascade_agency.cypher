// cascade_agency: whose one cascade is: its agency's name, its kind and its region (pages of
// one element name the agency, not only the cascade id).
// Parameters: $cascade (string). Columns: agency, kind ('agency' or 'rpjmd'), region (or null);
// no row: not loaded.
MATCH (c:Cascade {id: $cascade})
RETURN c.agency AS agency, coalesce(c.kind, 'agency') AS kind, c.region AS region
