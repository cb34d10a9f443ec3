// regions_list: the regions named by the cascades loaded, with their name (from the RPJMD)
// and how many cascades of each kind name them.
// Parameters: none.
// Columns: region (id), name (the RPJMD's region_name, or null without an RPJMD),
//          cascades (number), agencies (number of kind 'agency'), rpjmd (list of RPJMD ids).
MATCH (c:Cascade)
WHERE c.region IS NOT NULL
WITH c.region AS region, coalesce(c.kind, 'agency') AS kind, c
RETURN region,
       head(collect(CASE WHEN kind = 'rpjmd' THEN c.region_name END)) AS name,
       count(c) AS cascades,
       count(CASE WHEN kind = 'agency' THEN 1 END) AS agencies,
       [id IN collect(CASE WHEN kind = 'rpjmd' THEN c.id END) WHERE id IS NOT NULL] AS rpjmd
ORDER BY region
