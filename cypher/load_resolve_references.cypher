// load_resolve_references: turn every Reference from or to one cascade whose two ends are
// loaded into a SUPPORTS link (with basis, note, status, weight and crosscutting = true). Runs after
// each load, so files may come in any order.
// Parameters: $cascade (string: the cascade just loaded). Columns: linked (number of links).
CALL () {
  MATCH (r:Reference {cascade: $cascade})
  RETURN r
  UNION
  MATCH (r:Reference {to_cascade: $cascade})
  RETURN r
}
MATCH (a:Element {cascade: r.cascade, id: r.from}) USING INDEX SEEK a:Element(cascade, id)
MATCH (b:Element {cascade: r.to_cascade, id: r.to_id}) USING INDEX SEEK b:Element(cascade, id)
WHERE b:Goal OR b:Target
MERGE (a)-[s:SUPPORTS]->(b)
SET s.basis = r.basis, s.note = r.note, s.status = r.status, s.weight = r.weight,
    s.crosscutting = true
RETURN count(s) AS linked
