"""pokin's HTTP API: FastAPI routes that translate HTTP to the typed functions of ``graph``."""
