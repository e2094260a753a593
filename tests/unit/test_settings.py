"""The one Settings object: what each environment variable chooses, and the defaults without them."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from safehouse_portal.settings import Settings, get_settings, kept_secret

_NAMES = ("DATABASE_URL", "REDIS_URL", "SAFEHOUSE_PORT", "SAFEHOUSE_UPLOAD_DIR", "SAFEHOUSE_WORKERS",
          "SAFEHOUSE_REDIS_CONNECTIONS")
_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bare_environment(monkeypatch):
    for name in _NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_without_variables_the_app_uses_the_sqlite_file_port_3000_and_no_redis(bare_environment):
    settings = Settings()
    assert settings.database_url == "sqlite:///safehouse.db"
    assert settings.redis_url is None
    assert settings.port == 3000


def test_uploads_are_kept_in_var_uploads_of_the_project_by_default(bare_environment):
    assert Settings().upload_dir == _ROOT / "var" / "uploads"


def test_each_variable_sets_its_own_setting(bare_environment, tmp_path):
    bare_environment.setenv("DATABASE_URL", "postgresql+psycopg://app@db:5432/safehouse")
    bare_environment.setenv("REDIS_URL", "redis://cache:6379/0")
    bare_environment.setenv("SAFEHOUSE_PORT", "8080")
    bare_environment.setenv("SAFEHOUSE_UPLOAD_DIR", str(tmp_path))
    settings = Settings()
    assert settings.database_url == "postgresql+psycopg://app@db:5432/safehouse"
    assert settings.redis_url == "redis://cache:6379/0"
    assert settings.port == 8080
    assert settings.upload_dir == tmp_path


def test_an_empty_variable_counts_as_unset(bare_environment):
    bare_environment.setenv("DATABASE_URL", "")
    bare_environment.setenv("REDIS_URL", "")
    settings = Settings()
    assert settings.database_url == "sqlite:///safehouse.db"
    assert settings.redis_url is None


@pytest.mark.parametrize("port", ["eighty", "0", "70000"])
def test_a_port_that_is_not_one_is_refused(bare_environment, port):
    bare_environment.setenv("SAFEHOUSE_PORT", port)
    with pytest.raises(ValidationError):
        Settings()


def test_the_project_root_holds_the_migrations_and_the_pdf_fonts(bare_environment):
    settings = Settings()
    assert settings.project_root == _ROOT
    assert (settings.project_root / "alembic.ini").is_file()
    assert (settings.fonts_dir / "DejaVuSans.ttf").is_file()


def test_settings_are_read_once_until_the_cache_is_cleared(bare_environment):
    bare_environment.setenv("SAFEHOUSE_PORT", "8080")
    first = get_settings()
    bare_environment.setenv("SAFEHOUSE_PORT", "9090")
    assert get_settings() is first and first.port == 8080
    get_settings.cache_clear()
    assert get_settings().port == 9090


@pytest.fixture
def key_file(bare_environment, tmp_path):
    """No secret key in the environment; the generated one is kept in a file of the test's own."""
    bare_environment.delenv("SAFEHOUSE_SECRET_KEY", raising=False)
    path = tmp_path / "var" / "secret_key"
    bare_environment.setenv("SAFEHOUSE_SECRET_KEY_FILE", str(path))
    return path


def test_without_a_secret_key_one_is_generated_kept_for_its_owner_only_and_reused(key_file):
    first = Settings().signing_key()
    assert key_file.read_text().encode() == first and len(first) >= 32
    assert key_file.stat().st_mode & 0o077 == 0
    kept_secret.cache_clear()
    assert Settings().signing_key() == first
    assert [p.name for p in key_file.parent.iterdir()] == ["secret_key"]


def test_the_environments_secret_key_wins_and_is_never_shown(key_file):
    secret = "an-operators-secret-key-of-enough-length"
    settings = Settings(SAFEHOUSE_SECRET_KEY=secret)
    assert settings.signing_key() == secret.encode() and not key_file.exists()
    assert secret not in repr(settings) and secret not in str(settings.model_dump())


def test_a_short_secret_key_is_refused(bare_environment):
    bare_environment.setenv("SAFEHOUSE_SECRET_KEY", "too-short")
    with pytest.raises(ValidationError):
        Settings()


def test_without_redis_the_app_runs_one_worker_whatever_is_asked(bare_environment):
    bare_environment.setenv("SAFEHOUSE_WORKERS", "4")
    assert Settings().workers == 1


def test_with_redis_the_app_runs_one_worker_per_core_unless_told(bare_environment, monkeypatch):
    bare_environment.setenv("REDIS_URL", "redis://cache:6379/0")
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert Settings().workers == 6
    bare_environment.setenv("SAFEHOUSE_WORKERS", "2")
    assert Settings().workers == 2


@pytest.mark.parametrize("value", ["0", "-1", "many"])
def test_a_worker_count_that_is_not_a_positive_number_is_refused(bare_environment, value):
    bare_environment.setenv("SAFEHOUSE_WORKERS", value)
    with pytest.raises(ValidationError):
        Settings()


def test_redis_connections_are_capped_per_client_at_256_unless_told(bare_environment):
    assert Settings().redis_connections == 256
    bare_environment.setenv("SAFEHOUSE_REDIS_CONNECTIONS", "2")
    with pytest.raises(ValidationError):
        Settings()
