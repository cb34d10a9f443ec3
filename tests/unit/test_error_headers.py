"""Headers an error's HTTP answer carries are said once, by the error kind."""

from pokin.core.errors import (
    ApiKeyRequired,
    LocalNeo4jError,
    NotFound,
    Timeout,
    Unavailable,
    retry_after_header,
)


def test_every_unavailable_kind_says_when_to_retry_from_one_source():
    assert (
        retry_after_header()
        == {"Retry-After": str(Unavailable.retry_after)}
        == {"Retry-After": "5"}
    )
    for kind in (Unavailable, Timeout, LocalNeo4jError):
        assert kind("x").http_status == 503
        assert kind("x").http_headers == retry_after_header()


def test_other_kinds_carry_only_their_own_headers():
    assert NotFound("x").http_headers == {}
    assert ApiKeyRequired().http_headers == {"WWW-Authenticate": "X-API-Key"}
