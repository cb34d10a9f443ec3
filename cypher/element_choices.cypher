// element_choices: what an unknown element or owner may have meant, for 'did you mean':
// every element's id, code and name (an owner's name is its title).
// Parameters: $cascade (string or null: every cascade), $owners (boolean: owners only).
// Columns: id, code, name.
MATCH (n:Element)
WHERE ($cascade IS NULL OR n.cascade = $cascade)
  AND ($owners = false OR n:Owner)
RETURN n.id AS id, n.code AS code, n.name AS name
