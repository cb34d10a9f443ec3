// check_near_duplicate_names: the names of the Goal, targets and units, for the near-duplicate
// comparison done in Python (graph.checks: normalised character-trigram Jaccard similarity
// within each kind and level).
// Parameters: $cascade (string). Columns: id, kind, level, name.
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (n:Element {cascade: $cascade}) USING INDEX n:Element(cascade)
WHERE n:Goal OR n:Target OR n:Programme OR n:Activity OR n:SubActivity
RETURN n.id AS id, n.kind AS kind, n.level AS level, n.name AS name
ORDER BY id
