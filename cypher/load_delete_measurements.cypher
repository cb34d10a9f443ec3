// load_delete_measurements: remove every Measurement node of one cascade (a load with
// --replace writes them all again from the file).
// Parameters: $cascade (string). Columns: deleted (number of nodes removed).
MATCH (m:Measurement {cascade: $cascade})
DETACH DELETE m
RETURN count(m) AS deleted
