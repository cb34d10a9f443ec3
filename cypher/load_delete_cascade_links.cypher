// load_delete_cascade_links: remove every link between the elements of one cascade (a load with
// --replace writes them all again, so links dropped from the file disappear).
// Parameters: $cascade (string). Columns: deleted (number of links removed).
MATCH (a:Element {cascade: $cascade})-[r]->(:Element {cascade: $cascade})
DELETE r
RETURN count(r) AS deleted
