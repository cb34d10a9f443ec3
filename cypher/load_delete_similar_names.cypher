// load_delete_similar_names: remove one cascade's SIMILAR_NAME links before they are written
// anew (a merge; --replace removes every link of the cascade already).
// Parameters: $cascade (string). Columns: deleted (number of links removed).
MATCH ()-[s:SIMILAR_NAME {cascade: $cascade}]->() USING INDEX s:SIMILAR_NAME(cascade)
DELETE s
RETURN count(s) AS deleted
