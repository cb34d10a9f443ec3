// load_linked_cascades: the other cascades a cascade's references link to, and those whose
// references link to it: a load of the cascade changes what their checks see (a crosscutting
// SUPPORTS link made or removed), so they are touched (load_touch_cascades). Read before the
// load replaces the references (links it drops) and after (links it adds).
// Parameters: $cascade (string). Columns: id (sorted, distinct, never $cascade).
CALL () {
  MATCH (r:Reference {cascade: $cascade})
  RETURN r.to_cascade AS id
  UNION
  MATCH (r:Reference {to_cascade: $cascade})
  RETURN r.cascade AS id
}
WITH id WHERE id <> $cascade
RETURN DISTINCT id
ORDER BY id
