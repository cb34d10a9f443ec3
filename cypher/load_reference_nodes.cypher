// load_reference_nodes: keep one cascade's SUPPORTS links to elements of other cascades
// ('cascade-id:element-id' in the file) as Reference nodes, whether or not the other cascade
// is loaded; load_resolve_references turns them into links, the region checks report those
// that point at nothing.
// Parameters: $cascade (string: the cascade the links start in), $rows (list of maps: from
// (element id), to_cascade, to_id, basis, note, status ('proposed' or 'agreed'), weight (a
// number or null: the link's weight in a roll-up)).
// Columns: loaded (number of references written).
UNWIND $rows AS row
CREATE (r:Reference {cascade: $cascade, from: row.from, to_cascade: row.to_cascade,
                     to_id: row.to_id, basis: row.basis, note: row.note, status: row.status,
                     weight: row.weight})
RETURN count(r) AS loaded
