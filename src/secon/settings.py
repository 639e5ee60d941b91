"""Settings of SECON Hub: every deployment value comes from a ``SECON_*`` variable (see config.py)."""

import importlib.util
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from secon import config

SOURCE_DIR = Path(__file__).resolve().parent
VAR_DIR = config.var_dir(SOURCE_DIR.parents[1] / "var")

PRODUCTION = config.production_mode()
DEBUG = config.env_bool("SECON_DEBUG", False)
SECRET_KEY = config.secret_key(VAR_DIR)
ALLOWED_HOSTS = config.allowed_hosts()
DATABASES = {"default": config.database(VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_countries",
    "secon.core",
    "secon.accounts",
    "secon.projects",
    "secon.organisations",
    "secon.events",
    "secon.practices",
    "secon.public",
    "secon.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "secon.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "secon.projects.tenancy.ProjectScopeMiddleware",
]

ROOT_URLCONF = "secon.urls"
WSGI_APPLICATION = "secon.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SOURCE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "secon.core.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "accounts.User"
# Staff sign in through the admin's (rate-limited) login for now; every view sends visitors there.
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: the interface's four complete catalogues; content languages are declared per project.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("el", _("Greek")),
]
LOCALE_PATHS = [SOURCE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = config.time_zone()

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = config.media_root(VAR_DIR)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {"default": config.cache(VAR_DIR)}
PAGE_CACHE_SECONDS = config.env_int("SECON_PAGE_CACHE_SECONDS", 86400, minimum=0)

globals().update(config.email())
DEFAULT_FROM_EMAIL = config.default_from_email()
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: strict by default; cookies are secure whenever the site is not served on loopback.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_SSL_REDIRECT = PRODUCTION and config.env_bool("SECON_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
MAP_TILE_URL = config.map_tile_url()

# Leaflet comes from the django-leaflet package; we only take its static files (its admin widgets
# need GDAL, which the embedded install does not have).
STATICFILES_DIRS = [Path(importlib.util.find_spec("leaflet").origin).parent / "static"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
