// element_cascade: which cascades hold an element of this id (ids are unique only within a
// cascade, so an id asked for without its cascade may be held by several).
// Parameters: $id (string). Columns: cascade (one row per cascade holding the id; none when
// there is no such element).
MATCH (n:Element {id: $id})
RETURN n.cascade AS cascade
ORDER BY cascade
