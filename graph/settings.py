"""Settings from the environment (pydantic-settings).

The defaults point at the project's own local Neo4j (``make neo4j-up``), so that ``pokin``
commands work with no environment set.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_NEO4J_URI = "bolt://127.0.0.1:7687"
LOCAL_NEO4J_PASSWORD = "pokin-local-neo4j"


class Settings(BaseSettings):
    """Effective configuration. Each field is read from the environment variable of the same
    name in upper case (``NEO4J_URI``, ``POKIN_PORT``, ...)."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore")

    neo4j_uri: str = Field(LOCAL_NEO4J_URI, description="Bolt or neo4j(+s) URI of the server")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr(LOCAL_NEO4J_PASSWORD)
    neo4j_database: str = "neo4j"
    pokin_host: str = Field("127.0.0.1", description="address the API binds to")
    pokin_port: int = Field(8000, ge=1, le=65535)
    pokin_api_key: SecretStr | None = Field(
        None, description="key for write routes (POST /api/cascades); unset disables them"
    )
    pokin_cors_origins: list[str] = Field(
        default_factory=list, description="origins allowed by CORS; empty means no CORS"
    )
    pokin_query_timeout: float = Field(10.0, gt=0, description="seconds a query may run")

    def as_lines(self, show_secrets: bool = False) -> list[str]:
        """``KEY=value`` lines of the effective settings; secrets masked unless asked for."""
        lines = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = value.get_secret_value() if show_secrets else "********"
            elif value is None:
                value = ""
            elif isinstance(value, list):
                value = ",".join(value)
            lines.append(f"{name.upper()}={value}")
        return lines


@lru_cache
def get_settings() -> Settings:
    return Settings()
