// export_links: every relationship between two elements of one cascade (SUPPORTS, PART_OF,
// MEASURED_BY, OWNED_BY, REPORTS_TO) with its properties, to rebuild the cascade file. Links to
// other cascades are left out: export_references gives each of them once, as the file wrote it.
// SIMILAR_NAME links are derived at load time, not data: left out.
// Parameters: $cascade (string). Columns: from, type, to, props (map: basis, note, status).
MATCH (a:Element {cascade: $cascade})-[r:!SIMILAR_NAME]->(b:Element {cascade: $cascade})
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props
ORDER BY from, type, to
