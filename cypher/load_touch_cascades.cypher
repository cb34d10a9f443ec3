// load_touch_cascades: a new load_id for the stored cascades among $ids (results cached per
// load of them, checks and pages, are made again); ids not loaded are passed over.
// Parameters: $ids (list of strings), $load_id (string). Columns: touched (number).
UNWIND $ids AS id
MATCH (c:Cascade {id: id})
SET c.load_id = $load_id
RETURN count(c) AS touched
