// elements_search: results and units whose name matches a full-text query (Indonesian text,
// case- and accent-insensitive: the element_names index uses the standard-folding analyzer),
// best first.
// Parameters: $query (a Lucene query built by graph.elements.lucene_query), $cascade (string
// or null: every cascade).
// Columns: cascade, id, score, text (the name matched).
CALL db.index.fulltext.queryNodes('element_names', $query) YIELD node AS n, score
WHERE n.kind IN ['goal', 'target', 'programme', 'activity', 'sub_activity']
  AND ($cascade IS NULL OR n.cascade = $cascade)
RETURN n.cascade AS cascade, n.id AS id, score, n.name AS text
ORDER BY score DESC, cascade, id
