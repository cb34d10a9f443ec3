// view_links: the relationships between the elements of a graph view (SUPPORTS, PART_OF with
// their basis and note, and for a SUPPORTS link across cascades its status; MEASURED_BY,
// OWNED_BY, REPORTS_TO). A view may span cascades: its elements are named by (cascade, id), and
// a link between two cascades (crosscutting, or to the RPJMD) is found like any other.
// Parameters: $members (list of {cascade, id}), $keys (the same elements as 'cascade:id'
// strings).
// Columns: source_cascade, source, target_cascade, target (element ids and their cascades),
//          type, basis, note, status (null within a cascade).
UNWIND $members AS m
MATCH (a:Element {cascade: m.cascade, id: m.id})
      -[r:SUPPORTS|PART_OF|MEASURED_BY|OWNED_BY|REPORTS_TO]->(b:Element)
WHERE b.cascade + ':' + b.id IN $keys
RETURN a.cascade AS source_cascade, a.id AS source, b.cascade AS target_cascade, b.id AS target,
       type(r) AS type, r.basis AS basis, r.note AS note, r.status AS status
ORDER BY source_cascade, source, type, target_cascade, target
