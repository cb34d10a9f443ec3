"""pokin's graph layer: settings, the Neo4j driver, the schema, the loader and the typed
functions that run the named queries of ``cypher/``."""
