// elements_search_owners: the results owned by an owner whose title matches a full-text query
// (the element_names index holds owners' titles as their name), best first.
// Parameters: $query (a Lucene query built by graph.elements.lucene_query), $cascade (string
// or null: every cascade).
// Columns: cascade, id (the result the owner owns), score, text (the owner's title).
CALL db.index.fulltext.queryNodes('element_names', $query) YIELD node AS o, score
WHERE o:Owner AND ($cascade IS NULL OR o.cascade = $cascade)
MATCH (n)-[:OWNED_BY]->(o)
RETURN n.cascade AS cascade, n.id AS id, score, o.title AS text
ORDER BY score DESC, cascade, id
