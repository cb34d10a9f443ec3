// graph_versions: the load_id and region of every loaded cascade: what the warmer
// (pokin.graph.warmup) compares between two looks to find the cascades loaded, or touched by a
// load, since, and so the regions whose pages to prepare again. Read only after the graph's
// stamp (graph_stamp) has moved.
// Parameters: none. Columns: id, load_id, region (or null).
MATCH (c:Cascade)
RETURN c.id AS id, c.load_id AS load_id, c.region AS region
ORDER BY id
