// view_links: the relationships between the elements of a graph view (SUPPORTS, PART_OF with
// their basis and note; MEASURED_BY, OWNED_BY, REPORTS_TO).
// Parameters: $cascade (string), $ids (list of element ids).
// Columns: source, target (element ids), type, basis, note.
UNWIND $ids AS id
MATCH (a:Element {id: id, cascade: $cascade})
      -[r:SUPPORTS|PART_OF|MEASURED_BY|OWNED_BY|REPORTS_TO]->(b:Element)
WHERE b.cascade = $cascade AND b.id IN $ids
RETURN a.id AS source, b.id AS target, type(r) AS type, r.basis AS basis, r.note AS note
ORDER BY source, type, target
