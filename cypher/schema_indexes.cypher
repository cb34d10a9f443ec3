// schema_indexes: the indexes the database has (a uniqueness constraint's index has the
// constraint's name), so that the loader creates only what is missing.
// Parameters: none. Columns: name, state ('ONLINE' when usable).
SHOW INDEXES YIELD name, state
RETURN name, state
