// element_cascade: which cascade an element belongs to.
// Parameters: $id (string). Columns: cascade (no row when there is no such element).
MATCH (n:Element {id: $id})
RETURN n.cascade AS cascade
