"""Settings of SECON Hub: every deployment value comes from a ``SECON_*`` variable (see config.py)."""

import datetime
import importlib.util
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from secon import config

SOURCE_DIR = Path(__file__).resolve().parent
VAR_DIR = config.var_dir(SOURCE_DIR.parents[1] / "var")

PRODUCTION = config.production_mode()
DEBUG = config.env_bool("SECON_DEBUG", False)
SECRET_KEY = config.secret_key(VAR_DIR)
#: The address every absolute link is built on (secon.core.links); `secon serve` sets SECON_SITE_URL
#: from its --host and --port in embedded mode, so links point where the site is served.
SITE_URL = config.site_url()
ALLOWED_HOSTS = config.allowed_hosts(SITE_URL)
#: False for a command run in embedded mode without SECON_SITE_URL: it does not know the port its
#: site is served on (the default below is a guess), so it cannot tell its own address from another.
SITE_URL_GIVEN = SITE_URL is not None
SITE_URL = SITE_URL or "http://127.0.0.1:8000"
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
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "secon.core",
    "secon.accounts",
    "secon.projects",
    "secon.mail",
    "secon.organisations",
    "secon.events",
    "secon.governance",
    "secon.policy",
    "secon.indicators",
    "secon.practices",
    "secon.communications",
    "secon.api",
    "secon.public",
    "secon.demo",
    # After our apps, so that our templates (accounts/templates/account, mfa, allauth) override theirs.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
]

MIDDLEWARE = [
    # First: a request body over SECON_MAX_REQUEST_MB is refused (413) before anything reads it.
    "secon.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "secon.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cached page's hit for a visitor who cannot be signed in is answered here, before the session,
    # language and authentication middleware (core/cache.py); everything else goes on.
    "secon.core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before any view or form reads a parameter: NUL and control characters get a 400 page.
    "secon.core.middleware.RefuseControlCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "secon.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "secon.projects.tenancy.ProjectScopeMiddleware",
    # A database still locked after its busy timeout (SQLite under a burst): 503 and Retry-After.
    "secon.core.middleware.BusyDatabaseMiddleware",
    # Last: turns a sign-in refused by the throttle into our "please wait" page.
    "axes.middleware.AxesMiddleware",
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
AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt while the account is locked out from the client's address.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Signs in by e-mail address (a ModelBackend, so Django's own permissions work too).
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "public:dashboard"
SESSION_COOKIE_AGE = 14 * 24 * 3600

# Accounts (django-allauth): sign-in by e-mail address, sign-up only with an invitation or from an
# event registration (accounts/adapter.py), verified addresses, TOTP and recovery codes.
ACCOUNT_ADAPTER = "secon.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "secon.accounts.forms.SignupForm",
    "add_email": "secon.accounts.forms.AddEmailForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# A link in an e-mail opens a page; only its button (a POST) confirms: mail scanners follow links.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SECON Hub] "
ACCOUNT_LOGOUT_REDIRECT_URL = "public:home"
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Failed sign-ins are counted by django-axes in the database (below), not in allauth's cache.
ACCOUNT_RATE_LIMITS = {"login_failed": None}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "SECON Hub"
MFA_TOTP_TOLERANCE = 1
MFA_FORMS = {"authenticate": "secon.accounts.forms.TwoFactorAuthenticateForm"}

# Sign-in throttle (django-axes): failures per account *and* client address, kept in the database
# so that a cache eviction or restart forgets nothing; the address comes from accounts/network.py.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "secon.accounts.throttle.username_of"
AXES_CLIENT_IP_CALLABLE = "secon.accounts.network.client_address"
AXES_LOCKOUT_CALLABLE = "secon.accounts.throttle.lockout_response"
# Successful sign-ins are not kept (personal data without a purpose here).
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
TRUSTED_PROXIES = config.trusted_proxies()
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
# Dates and times as each language writes them, with a 24-hour clock (see secon/core/formats/).
FORMAT_MODULE_PATH = ["secon.core.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = config.time_zone()

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = config.media_root(VAR_DIR)
# Uploads: served by core.media (who may see them, their type, nosniff), sent by a proxy if told so.
MEDIA_SENDFILE = config.media_sendfile()
# A body larger than this is refused (413) before it is read (core.middleware.RequestBodyLimitMiddleware);
# form fields other than files at most 2.5 MB in memory; files over 2.5 MB are spooled to a temporary
# file, written readable by the server's user only.
MAX_REQUEST_BYTES = config.max_request_bytes()
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": (
        {"BACKEND": "secon.core.storage.S3MediaStorage", "OPTIONS": _s3}
        if (_s3 := config.storage())
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

#: "fragments": parts of pages cached under a digest of what they show (the agenda's session rows,
#: secon.events.rows), so never stale: each server process keeps its own, in memory.
FRAGMENT_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "secon-fragments",
    "TIMEOUT": 24 * 3600,
    "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
}
CACHES = {"default": config.cache(VAR_DIR), "fragments": FRAGMENT_CACHE}

# The API (secon.api, Django REST framework): tokens only (no session, so no CSRF), JSON only,
# errors as problem details, requests per token and minute, and a body limit of its own (a write
# carries a record, not a file).
API_RATE = "600/minute"
API_MAX_BODY_BYTES = 256 * 1024
#: Addresses whose errors are problem documents (application/problem+json), not pages (core.middleware).
PROBLEM_DETAILS_PATHS = ("/api/v1/",)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["secon.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["secon.api.permissions.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["secon.api.throttling.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "secon.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "secon.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SECON Hub API",
    "DESCRIPTION": "Projects, partners, events, good practices and more, read and written with a token.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PracticeStatusEnum": "secon.practices.enums.Status",
        "ActionStatusEnum": "secon.policy.enums.ActionStatus",
        # The site's languages (a person's or a registration's), apart from the content languages.
        "SiteLanguageEnum": LANGUAGES,
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "secon.api.schema.add_problems",
    ],
}
PAGE_CACHE_SECONDS = config.env_int("SECON_PAGE_CACHE_SECONDS", 86400, minimum=0)
PAGE_MAX_AGE = config.env_int("SECON_PAGE_MAX_AGE", 60, minimum=0)

# Background tasks: Django's task API (the django-tasks backport) with the database queue by default
# or Redis (RQ); secon.core.tasks adds retries, idempotency keys, leases, recurring jobs and pruning.
_tasks = config.tasks()
TASKS_BACKEND = _tasks["backend"]
TASK_QUEUE = "default"
if TASKS_BACKEND == "redis":
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": config.TASK_BACKENDS["redis"], "QUEUES": [TASK_QUEUE]}}
    RQ_QUEUES = {
        TASK_QUEUE: {"URL": _tasks["url"], "DEFAULT_TIMEOUT": 3600, "DEFAULT_RESULT_TTL": 3600},
    }
    RQ_SHOW_ADMIN_LINK = False
else:
    TASKS = {"default": {"BACKEND": config.TASK_BACKENDS["database"], "QUEUES": [TASK_QUEUE]}}
TASKS_KEEP_DAYS = config.env_int("SECON_TASKS_KEEP_DAYS", 14, minimum=1)

globals().update(config.email())
DEFAULT_FROM_EMAIL = config.default_from_email()
SERVER_EMAIL = DEFAULT_FROM_EMAIL
BOUNCE_WEBHOOK_SECRET = config.bounce_webhook_secret()

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
#: Practice feeds may be fetched from private and loopback addresses (see practices/exchange/fetch.py).
EXCHANGE_ALLOW_PRIVATE = config.env_bool("SECON_EXCHANGE_ALLOW_PRIVATE", False)
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
