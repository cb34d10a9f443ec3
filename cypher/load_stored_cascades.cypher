// load_stored_cascades: which of the cascades about to be loaded are stored already (a load
// without --replace or --merge into one of them is refused; one not stored is CREATEd).
// Parameters: $ids (list of cascade ids). Columns: id.
MATCH (c:Cascade)
WHERE c.id IN $ids
RETURN c.id AS id
ORDER BY id
