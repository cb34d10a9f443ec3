// view_cascade: the node set of the whole-cascade graph: every element of one cascade (the Goal,
// targets, programmes, activities, sub-activities, indicators and owners).
// Parameters: $cascade (string).
// Columns: cascade, id, focus (always false: no element stands out). No row for an unknown cascade.
MATCH (n:Element {cascade: $cascade})
RETURN n.cascade AS cascade, n.id AS id, false AS focus
ORDER BY id
