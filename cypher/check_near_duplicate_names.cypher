// check_near_duplicate_names: the near-duplicate pairs of one cascade, as the load computed and
// stored them (graph.loader: SIMILAR_NAME links, the smaller id first; same kind and level,
// normalised character-trigram Jaccard similarity >= graph.similarity's threshold), so the
// report does no similarity work.
// Parameters: $cascade (string).
// Columns: id, detail (map: similar_to, similar_name, similarity, level).
// The links carry their cascade, read through their own index: the cost is the pairs found.
MATCH (a:Element)-[s:SIMILAR_NAME {cascade: $cascade}]->(b:Element)
  USING INDEX s:SIMILAR_NAME(cascade)
RETURN a.id AS id,
       {similar_to: b.id, similar_name: b.name, similarity: s.similarity, level: a.level}
         AS detail
ORDER BY id, detail.similar_to
