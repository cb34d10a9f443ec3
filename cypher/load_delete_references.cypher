// load_delete_references: remove what one cascade says about other cascades before it is
// written again: its Reference nodes and the SUPPORTS links they made from its elements to
// elements of other cascades.
// Parameters: $cascade (string). Columns: deleted (number of links removed).
MATCH (r:Reference {cascade: $cascade})
DETACH DELETE r
WITH count(*) AS ignored
OPTIONAL MATCH (a:Element {cascade: $cascade})-[s:SUPPORTS]->(b:Element)
WHERE b.cascade <> $cascade
DELETE s
RETURN count(s) AS deleted
