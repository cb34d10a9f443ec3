"""Settings from the environment (pydantic-settings).

The defaults point at the project's own local Neo4j (``make neo4j-up``), so that ``pokin``
commands work with no environment set. A bad value is a ``SettingsError``: one line naming the
variable and what it accepts (the CLI exits 2 with it), never a validation traceback. What
``pokin config`` prints can be fed back as environment unchanged.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Annotated

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from pokin.core.errors import SettingsError

LOCAL_NEO4J_URI = "bolt://127.0.0.1:7687"
LOCAL_NEO4J_PASSWORD = "pokin-local-neo4j"


#: What each variable accepts, for the one-line error.
_ACCEPTS = {
    "pokin_port": "a whole number from 1 to 65535",
    "pokin_query_timeout": "a number of seconds greater than 0 and at most 3600",
    "pokin_neo4j_heap": "a Java heap size such as 768m or 4g",
    "pokin_capaian_thresholds": "four numbers, highest first, separated by commas: the lower "
    "bounds of Sangat Tinggi, Tinggi, Sedang and Rendah (default 91,76,66,51)",
    "pokin_efficiency_margin": "a number of points from 0 to 100",
    "pokin_at_risk_threshold": "a capaian in percent from 0 to 1000, e.g. 66",
    "pokin_cors_origins": "origins separated by commas (empty: no CORS), e.g. "
    "https://a.example,https://b.example",
}


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
    pokin_cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="origins allowed by CORS; empty means no CORS"
    )
    pokin_query_timeout: float = Field(
        30.0, gt=0, le=3600, description="seconds one read (all its queries) may run"
    )
    pokin_default_cascade: str | None = Field(
        None,
        description="the cascade shown and checked when none is named (else the only one loaded)",
    )

    pokin_warm_interval: float = Field(
        5.0,
        ge=0,
        le=3600,
        description="seconds between the server's looks for new loads, whose pages it then "
        "prepares in the background (0: no warming)",
    )

    pokin_capaian_thresholds: Annotated[list[float], NoDecode] = Field(
        default_factory=lambda: [91.0, 76.0, 66.0, 51.0],
        description="capaian categories (Permendagri 86/2017): lower bounds of Sangat Tinggi, "
        "Tinggi, Sedang, Rendah",
    )
    pokin_at_risk_threshold: float = Field(
        66.0,
        ge=0,
        le=1000,
        description="capaian (own or rolled up, %) below which a result is at risk and the "
        "higher results it supports endangered (default: the lower bound of Sedang)",
    )
    pokin_efficiency_margin: float = Field(
        5.0,
        ge=0,
        le=100,
        description="points by which capaian must exceed (fall below) budget absorption to be "
        "efficient (not efficient)",
    )

    pokin_neo4j_heap: str = Field(
        "1g",
        pattern=r"^[1-9][0-9]*[mMgG]$",
        description="Java heap of the project's local Neo4j (a transaction may use 70% of it)",
    )
    pokin_neo4j_launcher_dir: str | None = Field(
        None,
        description="tools/neo4j-embedded of a pokin checkout, for `pokin neo4j` run elsewhere "
        "(default: the checkout pokin runs from)",
    )

    @field_validator("pokin_cors_origins", mode="before")
    @classmethod
    def _origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [o.strip() for o in value.split(",") if o.strip()]
        return value

    @field_validator("pokin_capaian_thresholds", mode="before")
    @classmethod
    def _thresholds(cls, value: object) -> object:
        if isinstance(value, str):
            value = [float(v) for v in value.split(",") if v.strip()]
        return value

    @field_validator("pokin_capaian_thresholds")
    @classmethod
    def _four_descending(cls, value: list[float]) -> list[float]:
        if len(value) != 4 or any(not math.isfinite(v) for v in value):
            raise ValueError("four numbers")
        if any(a <= b for a, b in zip(value, value[1:], strict=False)):
            raise ValueError("highest first")
        return value

    @field_validator("pokin_query_timeout")
    @classmethod
    def _finite(cls, value: float) -> float:
        if not math.isfinite(value):
            raise ValueError("must be finite")
        return value

    @field_validator(
        "pokin_api_key", "pokin_default_cascade", "pokin_neo4j_launcher_dir", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    def as_lines(self, show_secrets: bool = False) -> list[str]:
        """``KEY=value`` lines of the effective settings; secrets masked unless asked for.
        Fed back as environment, they give the same settings (lists comma-separated, unset
        values empty)."""
        lines = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = value.get_secret_value() if show_secrets else "********"
            elif value is None:
                value = ""
            elif isinstance(value, list):
                value = ",".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
            lines.append(f"{name.upper()}={value}")
        return lines


def load_settings(**overrides: object) -> Settings:
    """The settings from the environment (and ``overrides``), or ``SettingsError``."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first.get("loc") else "?"
        shown = str(first.get("input"))[:60]
        why = f"it must be {_ACCEPTS[name]}" if name in _ACCEPTS else first.get("msg", "")
        raise SettingsError(f"{name.upper()}={shown!r} is not valid: {why}") from None


@lru_cache
def get_settings() -> Settings:
    return load_settings()
