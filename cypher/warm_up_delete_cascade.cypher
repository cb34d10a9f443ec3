// warm_up_delete_cascade: delete what is left of the warm-up's fictional cascade once its
// elements are gone: its references to other cascades and its Cascade node.
// Parameters: $cascade (string). Columns: deleted (nodes deleted).
CALL () {
  MATCH (r:Reference {cascade: $cascade})
  RETURN r AS n
  UNION
  MATCH (c:Cascade {id: $cascade})
  RETURN c AS n
}
DETACH DELETE n
RETURN count(n) AS deleted
