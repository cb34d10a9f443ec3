// view_subject: the element a graph view is drawn around, and the cascade it belongs to.
// Parameters: $id (string: an element id).
// Columns: id, kind, level, name, code, cascade. No row when the id is not an element.
MATCH (n:Element {id: $id})
RETURN n.id AS id, n.kind AS kind, n.level AS level, n.name AS name, n.code AS code,
       n.cascade AS cascade
