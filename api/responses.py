"""JSON responses serialised once.

A route that returns a pydantic model lets FastAPI dump it to a dict, validate that dict
against the response model again and encode it with ``json``: three passes over a large trace
or report. ``json_response`` serialises the model once, with pydantic's own (Rust) encoder; the
route keeps ``response_model=`` for the OpenAPI schema, and FastAPI sends a returned
``Response`` as it is.
"""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def json_response(model: BaseModel, status_code: int = 200) -> Response:
    """``model`` as an ``application/json`` response, encoded once."""
    return Response(
        content=model.model_dump_json(), status_code=status_code, media_type="application/json"
    )
