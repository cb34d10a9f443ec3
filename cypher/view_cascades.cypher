// view_cascades: the agencies of the cascades a graph view draws (a view across cascades names
// each element's agency).
// Parameters: $cascades (list of cascade ids; unknown ones are left out).
// Columns: id, agency, kind ('agency' or 'rpjmd').
UNWIND $cascades AS cid
MATCH (c:Cascade {id: cid})
RETURN c.id AS id, c.agency AS agency, coalesce(c.kind, 'agency') AS kind
ORDER BY id
