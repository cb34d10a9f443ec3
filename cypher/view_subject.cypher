// view_subject: the element a graph view is drawn around, and the cascade it belongs to.
// Parameters: $id (string: an element id), $cascade (string, or null: any cascade holding it).
// Columns: id, kind, level, name, code, cascade. No row when the id is not an element; one row
// per cascade holding it when $cascade is null.
MATCH (n:Element {id: $id})
WHERE $cascade IS NULL OR n.cascade = $cascade
RETURN n.id AS id, n.kind AS kind, n.level AS level, n.name AS name, n.code AS code,
       n.cascade AS cascade
ORDER BY cascade
