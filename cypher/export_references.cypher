// export_references: one cascade's SUPPORTS links to elements of other cascades as its file
// wrote them ('cascade-id:element-id'): its Reference nodes, resolved or not. A resolved one is
// also a SUPPORTS link to the other cascade; export_links leaves those out, so it comes back once.
// Parameters: $cascade (string). Columns: from (element id), to ('cascade-id:element-id'),
// props (map of the Reference's properties: cascade, from, to_cascade, to_id, basis, note,
// status).
MATCH (r:Reference {cascade: $cascade})
RETURN r.from AS from, r.to_cascade + ':' + r.to_id AS to, properties(r) AS props
ORDER BY from, to, r.basis, r.status, r.note
