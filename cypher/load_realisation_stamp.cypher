// load_realisation_stamp: give the cascade a new load id after a realisation file, so results
// cached per load (checks, pages) are computed again.
// Parameters: $cascade (string), $load_id (string). Columns: id.
MATCH (c:Cascade {id: $cascade})
SET c.load_id = $load_id
RETURN c.id AS id
