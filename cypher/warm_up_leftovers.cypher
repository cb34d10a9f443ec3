// warm_up_leftovers: the fictional cascades a warm-up wrote and did not delete (a start that
// was stopped between the two), found by their id prefix through the Cascade id constraint.
// Parameters: $prefix (string: the warm-up's id prefix). Columns: id.
MATCH (c:Cascade)
WHERE c.id STARTS WITH $prefix
RETURN c.id AS id
