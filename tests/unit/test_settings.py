from pokin.core.settings import LOCAL_NEO4J_URI, Settings


def test_defaults_point_at_the_local_neo4j(monkeypatch):
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "POKIN_HOST", "POKIN_PORT"):
        monkeypatch.delenv(name, raising=False)
    s = Settings()
    assert s.neo4j_uri == LOCAL_NEO4J_URI
    assert s.pokin_host == "127.0.0.1"
    assert s.pokin_port == 8000
    assert s.pokin_api_key is None


def test_environment_overrides(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "cascades")
    monkeypatch.setenv("POKIN_PORT", "9001")
    s = Settings()
    assert s.neo4j_uri == "neo4j+s://abc.databases.neo4j.io"
    assert s.neo4j_user == "alice"
    assert s.neo4j_password.get_secret_value() == "s3cret-pass"
    assert s.neo4j_database == "cascades"
    assert s.pokin_port == 9001


def test_password_is_masked_unless_asked(monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    lines = Settings().as_lines()
    assert "NEO4J_PASSWORD=********" in lines
    assert not any("s3cret-pass" in line for line in lines)
    assert "NEO4J_PASSWORD=s3cret-pass" in Settings().as_lines(show_secrets=True)


def test_bad_port_is_rejected(monkeypatch):
    import pytest
    from pydantic import ValidationError

    monkeypatch.setenv("POKIN_PORT", "not-a-port")
    with pytest.raises(ValidationError, match="pokin_port"):
        Settings()


def test_local_neo4j_heap_is_checked(monkeypatch):
    """A heap size is accepted; anything else is one line naming the variable."""
    import pytest

    from pokin.core.errors import SettingsError
    from pokin.core.settings import load_settings

    monkeypatch.setenv("POKIN_NEO4J_HEAP", "4g")
    assert load_settings().pokin_neo4j_heap == "4g"
    monkeypatch.setenv("POKIN_NEO4J_HEAP", "lots")
    with pytest.raises(
        SettingsError, match="POKIN_NEO4J_HEAP='lots' is not valid: it must be a Java"
    ):
        load_settings()


def test_capaian_thresholds_and_efficiency_margin(monkeypatch):
    import pytest

    from pokin.core.errors import SettingsError
    from pokin.core.settings import load_settings

    assert Settings().pokin_capaian_thresholds == [91.0, 76.0, 66.0, 51.0]
    monkeypatch.setenv("POKIN_CAPAIAN_THRESHOLDS", "90,75,60,50")
    monkeypatch.setenv("POKIN_EFFICIENCY_MARGIN", "10")
    settings = load_settings()
    assert (settings.pokin_capaian_thresholds, settings.pokin_efficiency_margin) == (
        [90.0, 75.0, 60.0, 50.0],
        10.0,
    )
    assert "POKIN_CAPAIAN_THRESHOLDS=90,75,60,50" in settings.as_lines()
    for bad in ("90,75", "50,60,70,80", "a,b,c,d"):
        monkeypatch.setenv("POKIN_CAPAIAN_THRESHOLDS", bad)
        with pytest.raises(SettingsError, match="POKIN_CAPAIAN_THRESHOLDS=.*highest first"):
            load_settings()


def test_at_risk_threshold(monkeypatch):
    import pytest

    from pokin.core.errors import SettingsError
    from pokin.core.settings import load_settings

    assert Settings().pokin_at_risk_threshold == 66.0  # the lower bound of Sedang
    monkeypatch.setenv("POKIN_AT_RISK_THRESHOLD", "76")
    assert load_settings().pokin_at_risk_threshold == 76.0
    monkeypatch.setenv("POKIN_AT_RISK_THRESHOLD", "-1")
    with pytest.raises(
        SettingsError, match="POKIN_AT_RISK_THRESHOLD='-1' is not valid: it must be a capaian"
    ):
        load_settings()
