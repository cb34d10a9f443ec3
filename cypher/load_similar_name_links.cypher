// load_similar_name_links: write the near-duplicate pairs of one cascade, computed at load time
// (graph.loader.near_duplicate_links), as SIMILAR_NAME links the near_duplicate_names check
// reads. Derived, not data: never exported, not counted, not drawn.
// Parameters: $cascade (string), $rows (list of maps: from, to, similarity).
// Columns: loaded (number of links written).
UNWIND $rows AS row
MATCH (a:Element {cascade: $cascade, id: row.from}) USING INDEX SEEK a:Element(cascade, id)
MATCH (b:Element {cascade: $cascade, id: row.to}) USING INDEX SEEK b:Element(cascade, id)
CREATE (a)-[r:SIMILAR_NAME {cascade: $cascade, similarity: row.similarity}]->(b)
RETURN count(r) AS loaded
