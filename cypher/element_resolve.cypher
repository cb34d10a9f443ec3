// element_resolve: the elements an id or a nomenclature code names, in every cascade (ids and
// codes are unique only within a cascade; one sub-activity code is held by every agency of a
// region). Both lookups are index seeks (element_id_lookup, element_code).
// Parameters: $id (string: as typed), $codes (list of strings: the forms of the code typed,
// pokin.core.codes.code_forms; empty when it is not a code), $cascade (string: only that
// cascade's, through the (cascade, id) key and the Element(cascade) index, so a request about
// one agency reads the same however many agencies share the id; null: every cascade's).
// Every lookup names its index (USING INDEX SEEK): on a small database the planner otherwise
// scanned a whole index.
// Columns: cascade, id, kind, by ('id' or 'code'); id matches first, then by cascade, id.
CALL () {
  WITH $cascade AS c WHERE c IS NULL
  MATCH (n:Element {id: $id}) USING INDEX SEEK n:Element(id)
  RETURN n, 'id' AS by
  UNION
  WITH $cascade AS c WHERE c IS NULL
  MATCH (n:Element) USING INDEX SEEK n:Element(code)
  WHERE n.code IN $codes
  RETURN n, 'code' AS by
  UNION
  WITH $cascade AS c WHERE c IS NOT NULL
  MATCH (n:Element {cascade: c, id: $id}) USING INDEX SEEK n:Element(cascade, id)
  RETURN n, 'id' AS by
  UNION
  WITH $cascade AS c WHERE c IS NOT NULL AND size($codes) > 0
  MATCH (n:Element {cascade: c}) USING INDEX SEEK n:Element(cascade)
  WHERE n.code IN $codes
  RETURN n, 'code' AS by
}
RETURN n.cascade AS cascade, n.id AS id, n.kind AS kind, by
ORDER BY CASE by WHEN 'id' THEN 0 ELSE 1 END, cascade, id
