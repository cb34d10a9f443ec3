// export_elements: every element of one cascade with all its properties, to rebuild the
// cascade file (goal, targets, units, indicators, owners).
// Parameters: $cascade (string). Columns: kind, props (map of the node's properties).
MATCH (n:Element {cascade: $cascade})
RETURN n.kind AS kind, properties(n) AS props
ORDER BY n.kind, n.id
