// cascades_without_region: the cascades that name no region (an agency's page offers them
// beside its own region's). A scan of the Cascade nodes that reads no element and returns only
// those rows (no index holds a missing property).
// Parameters: none. Columns: id.
MATCH (c:Cascade)
WHERE c.region IS NULL
RETURN c.id AS id
ORDER BY id
