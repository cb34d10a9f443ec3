// load_element_names: the names of the Goal, targets and units, for the near-duplicate
// comparison done in Python at load time when a merge meets a stored cascade (its elements and
// links may be more than the file's); the tests' reference for the SIMILAR_NAME links (graph.checks: normalised character-trigram Jaccard similarity
// within each kind and level; two units whose official codes differ are never a pair, and a
// result named as the unit delivering it is left out: the units' pair stands for it).
// Parameters: $cascade (string).
// Columns: kind, level, names (list of [id, name, code, the names of the units delivering it]:
// every element of that kind and level; code null for results, the list empty for units).
// One row per kind and level, the names in lists: a large cascade's 16k names arrive as a few
// records (the driver's cost is per record, four times the list's at x100).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (n:Element {cascade: $cascade}) USING INDEX n:Element(cascade)
WHERE n:Goal OR n:Target OR n:Programme OR n:Activity OR n:SubActivity
WITH n ORDER BY n.id
RETURN n.kind AS kind, n.level AS level,
       collect([n.id, n.name, n.code,
                CASE WHEN n:Target
                  THEN [(u)-[:SUPPORTS]->(n) WHERE u:Programme OR u:Activity OR u:SubActivity
                        | u.name]
                  ELSE [] END]) AS names
ORDER BY kind, level
