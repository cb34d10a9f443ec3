// region_versions: what identifies the state of each named region: the load_id of each of its
// cascades (sorted). A load gives its cascade a new load_id, and the cascades its references
// link to or from one too (load_touch_cascades), so equal lists mean the region's report
// (its cascades, their crosscutting links in and out) is unchanged, whatever other regions
// loaded meanwhile. Index seeks on Cascade.region.
// Parameters: $regions (list of strings). Columns: region, load_ids (list; empty: no cascade).
UNWIND $regions AS region
OPTIONAL MATCH (c:Cascade {region: region})
WITH region, c.load_id AS load_id ORDER BY region, load_id
RETURN region, collect(load_id) AS load_ids
