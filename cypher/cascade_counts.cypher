// cascade_counts: what one loaded cascade holds, per node label and per relationship type.
// The derived SIMILAR_NAME links (near-duplicate names, written by the load) are not counted.
// Parameters: $cascade (string). Columns: kind ('node' or 'relationship'), name, count.
MATCH (n:Element {cascade: $cascade})
UNWIND [l IN labels(n) WHERE l <> 'Element'] AS name
RETURN 'node' AS kind, name, count(*) AS count
UNION ALL
MATCH (a:Element {cascade: $cascade})-[r:!SIMILAR_NAME]->(:Element {cascade: $cascade})
RETURN 'relationship' AS kind, type(r) AS name, count(*) AS count
