// check_unknown_owners: owners whose title is not a position of the organisation chart
// (known_position false or missing), with the known position it most likely means.
// Parameters: $cascade (string).
// Columns: id, detail (map: title, alias_of, alias_title, note, owns (number of results it
//          owns)).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (o:Element {cascade: $cascade}) USING INDEX o:Element(cascade)
WHERE o:Owner AND coalesce(o.known_position, false) = false
OPTIONAL MATCH (a:Owner {cascade: $cascade, id: o.alias_of})
RETURN o.id AS id,
       {title: o.title, alias_of: o.alias_of, alias_title: a.title, note: o.note,
        owns: COUNT { (r:Goal|Target)-[:OWNED_BY]->(o) }} AS detail
ORDER BY id
