// elements_search_indicators: the elements measured by an indicator whose name matches a
// full-text query (the element_names index holds indicators' names), best first.
// Parameters: $query (a Lucene query built by graph.elements.lucene_query), $cascade (string
// or null: every cascade).
// Columns: cascade, id (the element the indicator measures), score, text (the indicator's name).
CALL db.index.fulltext.queryNodes('element_names', $query) YIELD node AS i, score
WHERE i:Indicator AND ($cascade IS NULL OR i.cascade = $cascade)
MATCH (n)-[:MEASURED_BY]->(i)
RETURN n.cascade AS cascade, n.id AS id, score, i.name AS text
ORDER BY score DESC, cascade, id
