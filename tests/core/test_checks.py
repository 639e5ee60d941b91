"""Our deployment checks: each problem is found and names the SECON_* variable to change."""

import pytest

from secon.core import checks

pytestmark = pytest.mark.django_db

STRONG_KEY = "Zq8v-J2mN_r4Tx7bWc1Ly9PkHs3Ue6Ga0Do5Fi_Qw8Er2Ty4Ui"


def ids(messages) -> set[str]:
    return {message.id for message in messages}


def test_a_sound_embedded_site_has_no_errors(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    assert checks.preflight() is None
    for check in (
        checks.check_database,
        checks.check_secret_key,
        checks.check_debug,
        checks.check_allowed_hosts,
        checks.check_media_root,
        checks.check_production_services,
    ):
        assert check(None) == [], check.__name__


def test_migrated_test_database_has_nothing_pending():
    assert checks.unapplied_migrations() == {}
    assert checks.migrations_problem() is None


def test_weak_secret_key_is_an_error_in_production(settings):
    settings.PRODUCTION = True
    for weak in ("short", "a" * 60, "django-insecure-" + STRONG_KEY):
        settings.SECRET_KEY = weak
        (error,) = checks.check_secret_key(None)
        assert error.id == "secon.E003"
        assert error.msg.startswith("SECON_SECRET_KEY:")
    settings.SECRET_KEY = STRONG_KEY
    assert checks.check_secret_key(None) == []


def test_weak_secret_key_is_fine_in_embedded_mode(settings):
    settings.PRODUCTION = False
    settings.SECRET_KEY = "short"
    assert checks.check_secret_key(None) == []


def test_debug_is_an_error_in_production(settings):
    settings.PRODUCTION, settings.DEBUG = True, True
    (error,) = checks.check_debug(None)
    assert error.msg.startswith("SECON_DEBUG:")
    assert error.is_serious()
    settings.DEBUG = False
    assert checks.check_debug(None) == []


def test_allowed_hosts(settings):
    settings.PRODUCTION = True
    settings.ALLOWED_HOSTS = ["*"]
    assert ids(checks.check_allowed_hosts(None)) == {"secon.W003"}
    settings.ALLOWED_HOSTS = []
    (error,) = checks.check_allowed_hosts(None)
    assert error.is_serious() and error.msg.startswith("SECON_ALLOWED_HOSTS:")
    settings.ALLOWED_HOSTS = ["hub.example.org"]
    assert checks.check_allowed_hosts(None) == []


def test_embedded_mode_on_a_public_host_is_a_warning(settings):
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "hub.example.org"]
    (warning,) = checks.check_allowed_hosts(None)
    assert warning.id == "secon.W004"
    assert "hub.example.org" in warning.msg


def test_a_per_process_cache_is_an_error_in_production(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.PRODUCTION = False
    assert ids(checks.check_cache(None)) == {"secon.W005"}
    settings.PRODUCTION = True
    (error,) = checks.check_cache(None)
    assert error.id == "secon.E007" and error.msg.startswith("SECON_CACHE_URL:")


def test_a_file_cache_is_a_warning_in_production(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        }
    }
    settings.PRODUCTION = True
    assert ids(checks.check_cache(None)) == {"secon.W002"}


def test_unreachable_cache_is_an_error(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 2},
        }
    }
    (error,) = checks.check_cache(None)
    assert error.id == "secon.E006"
    assert error.msg.startswith("SECON_CACHE_URL: cannot use the cache")


def test_unwritable_media_root_is_an_error(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    (error,) = checks.check_media_root(None)
    assert error.id == "secon.E008" and error.msg.startswith("SECON_MEDIA_ROOT:")
    assert checks.preflight().startswith("SECON_MEDIA_ROOT:")


def test_media_root_is_created_when_missing(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "new" / "media"
    assert checks.check_media_root(None) == []
    assert (tmp_path / "new" / "media").is_dir()


def test_production_warns_about_embedded_services(settings):
    settings.PRODUCTION = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    found = ids(checks.check_production_services(None))
    assert "secon.W006" in found
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "secon.W001" in found


def test_django_runs_our_checks_with_deploy(settings):
    from django.core.checks import run_checks

    settings.PRODUCTION, settings.DEBUG = True, True
    found = ids(run_checks(include_deployment_checks=True, databases=["default"]))
    assert "secon.E004" in found
    assert "secon.E004" not in ids(run_checks(include_deployment_checks=False))


def test_model_changes_without_a_migration_are_an_error():
    from django.apps import apps
    from django.db import models

    assert checks.check_models_migrated(None) == []

    class Scratch(models.Model):
        class Meta:
            app_label = "projects"

        def __str__(self):
            return "scratch"

    try:
        (error,) = checks.check_models_migrated(None)
        assert error.id == "secon.E009"
        assert "projects" in error.msg
        assert "makemigrations projects" in error.hint
    finally:
        del apps.all_models["projects"]["scratch"]
        apps.clear_cache()
    assert checks.check_models_migrated(None) == []
