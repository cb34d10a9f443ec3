// load_delete_cascade: remove a loaded cascade (its elements, their links, its Cascade node).
// Parameters: $cascade (string). Columns: deleted (number of nodes removed).
OPTIONAL MATCH (n:Element {cascade: $cascade})
DETACH DELETE n
WITH count(n) AS elements
OPTIONAL MATCH (c:Cascade {id: $cascade})
DETACH DELETE c
WITH elements, count(c) AS cascades
RETURN elements + cascades AS deleted
