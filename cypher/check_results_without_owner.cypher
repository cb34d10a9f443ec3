// check_results_without_owner: the Goal and targets with no owner (Pemilik Kinerja).
// Parameters: $cascade (string). Columns: id, detail (map: level).
// the scan goes through the Element(cascade) index: its cost is the cascade's size, whatever
// else the database holds
MATCH (n:Element {cascade: $cascade}) USING INDEX n:Element(cascade)
WHERE (n:Goal OR n:Target) AND NOT EXISTS { (n)-[:OWNED_BY]->(:Owner) }
RETURN n.id AS id, {level: n.level} AS detail
ORDER BY id
