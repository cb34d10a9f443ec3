// warm_up_delete_elements: delete up to $batch elements of the warm-up's fictional cascade,
// with their measurements and every relationship of either (a batch at a time: one
// transaction's memory stays small whatever the size).
// Parameters: $cascade (string), $batch (integer). Columns: deleted (elements deleted; 0
// once none is left).
MATCH (n:Element {cascade: $cascade})
WITH n LIMIT $batch
OPTIONAL MATCH (n)-[:HAS_MEASUREMENT]->(m:Measurement)
DETACH DELETE n, m
RETURN count(DISTINCT n) AS deleted
