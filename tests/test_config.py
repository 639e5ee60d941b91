"""Parsing the SECON_* variables: every wrong value names its variable; the documentation is complete."""

import re
from pathlib import Path

import pytest

from secon import config
from secon.config import ConfigurationError

REPOSITORY = Path(__file__).resolve().parents[1]


@pytest.fixture
def clean_env(monkeypatch):
    """Start from an environment without any SECON_* variable."""
    import os

    for name in list(os.environ):
        if name.startswith("SECON_"):
            monkeypatch.delenv(name)
    return monkeypatch


def raises_for(variable: str):
    return pytest.raises(ConfigurationError, match=rf"^{re.escape(variable)}: ")


# --- documentation ---------------------------------------------------------------------------------


def _variables_read_by_the_code() -> set[str]:
    sources = [
        *(REPOSITORY / "src").rglob("*.py"),
        *(REPOSITORY / "src").rglob("*.html"),
        *(REPOSITORY / "benchmarks").rglob("*.py"),
        REPOSITORY / "tests" / "settings.py",
        REPOSITORY / "tests" / "conftest.py",
        REPOSITORY / "Makefile",
        REPOSITORY / ".ci" / "run",
    ]
    found = set()
    for path in sources:
        if path.is_file():
            found |= set(re.findall(r"\bSECON_[A-Z][A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8")))
    return found


def test_every_variable_the_code_reads_is_documented():
    documented = {name for name, _default, _meaning in config.VARIABLES}
    undocumented = _variables_read_by_the_code() - documented
    assert not undocumented, f"add these to secon.config.VARIABLES (name, default, meaning): {undocumented}"


def test_every_documented_variable_is_read_somewhere():
    documented = {name for name, _default, _meaning in config.VARIABLES}
    assert documented <= _variables_read_by_the_code()


def test_variables_have_a_default_and_a_meaning():
    names = [name for name, _default, _meaning in config.VARIABLES]
    assert len(names) == len(set(names))
    for name, default, meaning in config.VARIABLES:
        assert name.startswith("SECON_")
        assert default and meaning, name


# --- simple values ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "YES", " on ", "True"])
def test_yes_words(clean_env, value):
    clean_env.setenv("SECON_DEBUG", value)
    assert config.env_bool("SECON_DEBUG", False) is True


@pytest.mark.parametrize("value", ["0", "false", "No", "off"])
def test_no_words(clean_env, value):
    clean_env.setenv("SECON_DEBUG", value)
    assert config.env_bool("SECON_DEBUG", True) is False


def test_unset_or_empty_boolean_takes_its_default(clean_env):
    assert config.env_bool("SECON_DEBUG", True) is True
    clean_env.setenv("SECON_DEBUG", " ")
    assert config.env_bool("SECON_DEBUG", True) is True


def test_bad_boolean_names_the_variable(clean_env):
    clean_env.setenv("SECON_DEBUG", "maybe")
    with raises_for("SECON_DEBUG"):
        config.env_bool("SECON_DEBUG", False)


def test_whole_numbers(clean_env):
    clean_env.setenv("SECON_PAGE_CACHE_SECONDS", " 60 ")
    assert config.env_int("SECON_PAGE_CACHE_SECONDS", 1) == 60
    clean_env.setenv("SECON_PAGE_CACHE_SECONDS", "a minute")
    with raises_for("SECON_PAGE_CACHE_SECONDS"):
        config.env_int("SECON_PAGE_CACHE_SECONDS", 1)
    clean_env.setenv("SECON_PAGE_CACHE_SECONDS", "-5")
    with raises_for("SECON_PAGE_CACHE_SECONDS"):
        config.env_int("SECON_PAGE_CACHE_SECONDS", 1, minimum=0)


def test_time_zone(clean_env):
    assert config.time_zone() == "Europe/Brussels"
    clean_env.setenv("SECON_TIME_ZONE", "Europe/Madrid")
    assert config.time_zone() == "Europe/Madrid"
    clean_env.setenv("SECON_TIME_ZONE", "Mars/Olympus")
    with raises_for("SECON_TIME_ZONE"):
        config.time_zone()


# --- mode ------------------------------------------------------------------------------------------


def test_embedded_mode_is_the_default(clean_env):
    assert config.production_mode() is False


def test_unknown_mode(clean_env):
    clean_env.setenv("SECON_MODE", "staging")
    with raises_for("SECON_MODE"):
        config.production_mode()


def test_production_names_every_missing_variable_at_once(clean_env):
    clean_env.setenv("SECON_MODE", "production")
    clean_env.setenv("SECON_ALLOWED_HOSTS", "hub.example.org")
    with pytest.raises(ConfigurationError) as raised:
        config.production_mode()
    assert str(raised.value) == (
        "SECON_SECRET_KEY, SECON_DATABASE_URL, SECON_SITE_URL: required when SECON_MODE=production"
    )


def test_production_with_everything_set(clean_env):
    clean_env.setenv("SECON_MODE", "Production")
    clean_env.setenv("SECON_SECRET_KEY", "k" * 60)
    clean_env.setenv("SECON_ALLOWED_HOSTS", "hub.example.org")
    clean_env.setenv("SECON_DATABASE_URL", "postgresql://hub@db.example.org/hub")
    clean_env.setenv("SECON_SITE_URL", "https://hub.example.org")
    assert config.production_mode() is True


# --- database --------------------------------------------------------------------------------------


def test_default_database_is_a_sqlite_file_under_var(clean_env, tmp_path):
    entry = config.database(tmp_path)
    assert entry["ENGINE"] == "django.db.backends.sqlite3"
    assert entry["NAME"] == str(tmp_path / "secon.sqlite3")


def test_postgresql_url(clean_env, tmp_path):
    clean_env.setenv(
        "SECON_DATABASE_URL", "postgresql://hub:s%40cret@db.example.org:6543/hub?sslmode=require"
    )
    entry = config.database(tmp_path)
    assert entry["ENGINE"] == "django.db.backends.postgresql"
    assert (entry["HOST"], entry["PORT"], entry["NAME"], entry["USER"]) == (
        "db.example.org",
        6543,
        "hub",
        "hub",
    )
    assert entry["PASSWORD"] == "s@cret"
    assert entry["OPTIONS"] == {"sslmode": "require", "connect_timeout": 10}


def test_sqlite_url_becomes_an_absolute_path(clean_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    entry = config.parse_database_url("sqlite:///relative.sqlite3", variable="SECON_DATABASE_URL")
    assert entry["NAME"] == str(tmp_path / "relative.sqlite3")


@pytest.mark.parametrize(
    "url",
    [
        "garbage",
        "mysql://user@host/db",
        "postgresql://user@host:port/db",
        "postgresql://user@host:99999/db",
        "postgresql://user@host:0/db",
        "postgresql://user@host",
        "postgresql://user@[broken/db",
        "sqlite://",
        "sqlite:///:memory:",
        "://nothing",
    ],
)
def test_malformed_database_url_names_the_variable(url):
    with raises_for("SECON_DATABASE_URL"):
        config.parse_database_url(url, variable="SECON_DATABASE_URL")


def test_database_errors_hide_the_password():
    with pytest.raises(ConfigurationError) as raised:
        config.parse_database_url("mysql://user:topsecret@host/db", variable="SECON_DATABASE_URL")
    assert "topsecret" not in str(raised.value)
    assert "***" in str(raised.value)


# --- secret key, hosts, folders ----------------------------------------------------------------------


def test_secret_key_is_generated_once_and_kept(clean_env, tmp_path):
    first = config.secret_key(tmp_path)
    assert len(first) >= 50
    assert config.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_secret_key_from_the_environment(clean_env, tmp_path):
    clean_env.setenv("SECON_SECRET_KEY", "from-the-environment")
    assert config.secret_key(tmp_path) == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_allowed_hosts(clean_env):
    assert config.allowed_hosts() == ["127.0.0.1", "localhost", "[::1]"]
    clean_env.setenv("SECON_ALLOWED_HOSTS", " hub.example.org, .example.net ,")
    assert config.allowed_hosts() == ["hub.example.org", ".example.net"]
    for wrong in (",", "https://hub.example.org/"):
        clean_env.setenv("SECON_ALLOWED_HOSTS", wrong)
        with raises_for("SECON_ALLOWED_HOSTS"):
            config.allowed_hosts()


def test_var_dir_is_created(clean_env, tmp_path):
    clean_env.setenv("SECON_VAR_DIR", str(tmp_path / "a" / "b"))
    assert config.var_dir(Path("/unused")) == tmp_path / "a" / "b"
    assert (tmp_path / "a" / "b").is_dir()


def test_var_dir_that_cannot_be_written(clean_env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    clean_env.setenv("SECON_VAR_DIR", str(blocker / "var"))
    with raises_for("SECON_VAR_DIR"):
        config.var_dir(Path("/unused"))


def test_media_root_defaults_under_var(clean_env, tmp_path):
    assert config.media_root(tmp_path) == tmp_path / "media"
    clean_env.setenv("SECON_MEDIA_ROOT", str(tmp_path / "uploads"))
    assert config.media_root(tmp_path) == tmp_path / "uploads"


# --- e-mail, cache, tiles ----------------------------------------------------------------------------


def test_email_defaults_to_the_console(clean_env):
    assert config.email() == {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


def test_smtp_url(clean_env):
    clean_env.setenv("SECON_EMAIL_URL", "smtp://mailer:p%40ss@mail.example.org:587?tls=1")
    settings = config.email()
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (settings["EMAIL_HOST_USER"], settings["EMAIL_HOST_PASSWORD"]) == ("mailer", "p@ss")
    assert settings["EMAIL_USE_TLS"] is True
    assert settings["EMAIL_USE_SSL"] is False


def test_smtps_url_uses_port_465(clean_env):
    clean_env.setenv("SECON_EMAIL_URL", "smtps://mail.example.org")
    settings = config.email()
    assert (settings["EMAIL_PORT"], settings["EMAIL_USE_SSL"]) == (465, True)


@pytest.mark.parametrize(
    "url", ["sendmail://x", "smtp://", "smtp://mail.example.org:abc", "smtp://h?tls=perhaps", "nonsense"]
)
def test_bad_email_url_names_the_variable(clean_env, url):
    clean_env.setenv("SECON_EMAIL_URL", url)
    with raises_for("SECON_EMAIL_URL"):
        config.email()


def test_default_from_email(clean_env):
    assert config.default_from_email() == "SECON Hub <noreply@localhost>"
    clean_env.setenv("SECON_DEFAULT_FROM_EMAIL", "SECON Hub")
    with raises_for("SECON_DEFAULT_FROM_EMAIL"):
        config.default_from_email()


def test_cache_urls(clean_env, tmp_path):
    assert config.cache(tmp_path)["LOCATION"] == str(tmp_path / "cache")
    clean_env.setenv("SECON_CACHE_URL", "redis://cache.example.org:6379/1")
    assert config.cache(tmp_path)["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    clean_env.setenv("SECON_CACHE_URL", "file:///srv/secon-cache")
    assert config.cache(tmp_path)["LOCATION"] == "/srv/secon-cache"
    clean_env.setenv("SECON_CACHE_URL", "locmem:")
    assert config.cache(tmp_path)["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    "url", ["memcached://x", "redis://", "redis://host:port/0", "file://relative/path", "nonsense"]
)
def test_bad_cache_url_names_the_variable(clean_env, tmp_path, url):
    clean_env.setenv("SECON_CACHE_URL", url)
    with raises_for("SECON_CACHE_URL"):
        config.cache(tmp_path)


def test_map_tile_url(clean_env):
    assert "{z}" in config.map_tile_url()
    clean_env.setenv("SECON_MAP_TILE_URL", "tiles.example.org")
    with raises_for("SECON_MAP_TILE_URL"):
        config.map_tile_url()


def test_only_the_settings_read_the_environment():
    """Deployment values come from SECON_* variables through secon.config, read once by settings.py."""
    allowed = {"config.py", "cli.py", "wsgi.py"}  # cli: SECON_ADMIN_PASSWORD; wsgi: the settings module
    readers = {
        str(path.relative_to(REPOSITORY))
        for path in (REPOSITORY / "src" / "secon").rglob("*.py")
        if re.search(r"os\.environ|getenv\(", path.read_text(encoding="utf-8"))
        and not (path.parent.name == "secon" and path.name in allowed)
    }
    assert not readers, f"read SECON_* variables in secon/config.py and settings.py, not in {readers}"


# --- site address and task queue -------------------------------------------------------------------


def test_site_url(clean_env):
    assert config.site_url() is None
    clean_env.setenv("SECON_SITE_URL", "https://Hub.Example.org/")
    assert config.site_url() == "https://hub.example.org"
    clean_env.setenv("SECON_SITE_URL", "http://127.0.0.1:8123")
    assert config.site_url() == "http://127.0.0.1:8123"


@pytest.mark.parametrize(
    "url",
    [
        "hub.example.org",
        "ftp://hub.example.org",
        "https://",
        "https://hub.example.org:port",
        "https://hub.example.org/secon/",
        "https://hub.example.org/?a=1",
        "https://user:pw@hub.example.org",
    ],
)
def test_bad_site_url_names_the_variable(clean_env, url):
    clean_env.setenv("SECON_SITE_URL", url)
    with raises_for("SECON_SITE_URL"):
        config.site_url()


def test_the_site_host_is_allowed(clean_env):
    assert config.allowed_hosts("http://hub.local:8000")[-1] == "hub.local"
    assert config.allowed_hosts("http://127.0.0.1:8123") == ["127.0.0.1", "localhost", "[::1]"]
    clean_env.setenv("SECON_ALLOWED_HOSTS", ".example.org")
    assert config.allowed_hosts("https://hub.example.org") == [".example.org"]
    with raises_for("SECON_ALLOWED_HOSTS"):
        config.allowed_hosts("https://hub.example.net")


def test_production_needs_the_site_url(clean_env):
    clean_env.setenv("SECON_MODE", "production")
    clean_env.setenv("SECON_SECRET_KEY", "k" * 60)
    clean_env.setenv("SECON_ALLOWED_HOSTS", "hub.example.org")
    clean_env.setenv("SECON_DATABASE_URL", "postgresql://hub@db.example.org/hub")
    with raises_for("SECON_SITE_URL"):
        config.site_url()


def test_tasks_url(clean_env):
    assert config.tasks() == {"backend": "database", "url": "database:"}
    clean_env.setenv("SECON_TASKS_URL", "redis://queue.example.org:6380/2")
    assert config.tasks() == {"backend": "redis", "url": "redis://queue.example.org:6380/2"}


@pytest.mark.parametrize(
    "url",
    ["rabbitmq://x", "redis://", "redis://host:port/1", "redis://host/queue", "database://x", "nonsense"],
)
def test_bad_tasks_url_names_the_variable(clean_env, url):
    clean_env.setenv("SECON_TASKS_URL", url)
    with raises_for("SECON_TASKS_URL"):
        config.tasks()


def test_storage_defaults_to_the_media_folder(clean_env):
    assert config.storage() == {}


def test_an_s3_url_chooses_django_storages(clean_env):
    clean_env.setenv(
        "SECON_STORAGE_URL", "s3://AKIA%2Fkey:se%2Bcret@minio.internal:9000/uploads/secon?region=eu-west-3"
    )
    options = config.storage()
    assert options["bucket_name"] == "uploads"
    assert options["location"] == "secon"
    assert options["endpoint_url"] == "https://minio.internal:9000"
    assert options["region_name"] == "eu-west-3"
    assert (options["access_key"], options["secret_key"]) == ("AKIA/key", "se+cret")
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 300
    assert options["file_overwrite"] is False


def test_s3_credentials_may_come_from_the_environment(clean_env):
    clean_env.setenv("SECON_STORAGE_URL", "s3://s3.eu-central-1.amazonaws.com/bucket?addressing=virtual")
    options = config.storage()
    assert "access_key" not in options
    assert options["addressing_style"] == "virtual"
    assert options["location"] == ""
    clean_env.setenv("SECON_STORAGE_URL", "s3://localhost:9000/bucket?secure=false")
    assert config.storage()["endpoint_url"] == "http://localhost:9000"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("ftp://host/bucket", "unsupported storage"),
        ("s3:///bucket", "names no host"),
        ("s3://host", "names no bucket"),
        ("s3://host:99999/bucket", "malformed host or port"),
        ("s3://host/bucket?secure=maybe", "secure= expects"),
        ("s3://host/bucket?addressing=odd", "addressing= expects"),
        ("s3://host/bucket?acl=public-read", "unknown option 'acl'"),
    ],
)
def test_a_wrong_storage_url_names_the_variable(clean_env, value, problem):
    clean_env.setenv("SECON_STORAGE_URL", value)
    with pytest.raises(ConfigurationError, match=problem) as error:
        config.storage()
    assert error.value.variable == "SECON_STORAGE_URL"


def test_the_s3_storage_links_through_the_media_view(clean_env, settings):
    from secon.core.storage import S3MediaStorage

    clean_env.setenv("SECON_STORAGE_URL", "s3://key:secret@localhost:9000/bucket?secure=false")
    storage = S3MediaStorage(**config.storage())
    assert storage.url("practices/1/images/a b.png") == "/media/practices/1/images/a%20b.png"
    signed = storage.signed_url("practices/1/images/a.png", parameters={"ResponseContentType": "image/png"})
    assert signed.startswith("http://localhost:9000/bucket/practices/1/images/a.png?")
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        (None, {"kind": "none", "location": ""}),
        ("none", {"kind": "none", "location": ""}),
        ("x-sendfile", {"kind": "x-sendfile", "location": ""}),
        ("x-accel-redirect", {"kind": "x-accel-redirect", "location": "/internal-media/"}),
        ("X-Accel-Redirect:/protected/", {"kind": "x-accel-redirect", "location": "/protected/"}),
    ],
)
def test_media_sendfile(clean_env, value, parsed):
    if value is not None:
        clean_env.setenv("SECON_MEDIA_SENDFILE", value)
    assert config.media_sendfile() == parsed


@pytest.mark.parametrize("value", ["nginx", "x-accel-redirect:internal", "x-sendfile:/x/"])
def test_a_wrong_media_sendfile_names_the_variable(clean_env, value):
    clean_env.setenv("SECON_MEDIA_SENDFILE", value)
    with pytest.raises(ConfigurationError) as error:
        config.media_sendfile()
    assert error.value.variable == "SECON_MEDIA_SENDFILE"


def test_the_request_limit(clean_env):
    assert config.max_request_bytes() == 25 * 1024 * 1024
    clean_env.setenv("SECON_MAX_REQUEST_MB", "5")
    assert config.max_request_bytes() == 5 * 1024 * 1024
    clean_env.setenv("SECON_MAX_REQUEST_MB", "0")
    with pytest.raises(ConfigurationError):
        config.max_request_bytes()


def test_the_settings_choose_the_s3_storage_from_the_one_variable(clean_env, tmp_path):
    import subprocess
    import sys

    clean_env.setenv("SECON_VAR_DIR", str(tmp_path))
    clean_env.setenv("SECON_STORAGE_URL", "s3://key:secret@localhost:9000/bucket?secure=false")
    code = "from secon import settings; print(settings.STORAGES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "secon.core.storage.S3MediaStorage"


def test_the_sqlite_file_is_created_readable_by_its_owner_only(clean_env, tmp_path):
    import os

    old_umask = os.umask(0o022)
    try:
        clean_env.setenv("SECON_VAR_DIR", str(tmp_path))
        name = config.database(tmp_path)["NAME"]
        assert os.stat(name).st_mode & 0o777 == 0o600
        existing = tmp_path / "other.sqlite3"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        clean_env.setenv("SECON_DATABASE_URL", f"sqlite:///{existing}")
        config.database(tmp_path)
        assert existing.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)
