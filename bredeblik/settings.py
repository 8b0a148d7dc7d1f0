"""Settings for Brede Blik, chosen by environment.

Without DJANGO_DEBUG=1 the settings are production settings: a strong SECRET_KEY and
ALLOWED_HOSTS are required. `make run`, `make test` and the pytest configuration set
DJANGO_DEBUG=1 for development; see docs/deployment.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from bredeblik.secret_key import check_production_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Debug is on only when asked for: a forgotten variable must never expose tracebacks.
DEBUG = env_flag("DJANGO_DEBUG", False)
DEVELOPMENT_SECRET_KEY = "development-only-key-never-used-in-production-3f9a8c7d1e2b4a6f"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver", "[::1]"}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG:
    check_production_secret_key(SECRET_KEY, DEVELOPMENT_SECRET_KEY)

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = sorted(LOCAL_HOSTS)
if DEBUG and set(ALLOWED_HOSTS) - LOCAL_HOSTS:
    # Debug pages show settings and source code: never on a host the public can reach.
    raise ImproperlyConfigured(
        "DJANGO_DEBUG=1 is only for a local machine; it cannot serve "
        f"{', '.join(sorted(set(ALLOWED_HOSTS) - LOCAL_HOSTS))}."
    )

INSTALLED_APPS = [
    "bredeblik.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "core",
    "people",
    "instruments",
    "assessments",
    "organisations",
    "sharing",
    "conversations",
    "together",
    "socialmap",
    "referrals",
    "insights",
    "community",
    "interop",
    "implementation",
    "network",
    "trajectories",
    "evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.BodySizeMiddleware",
    "core.nul_bytes.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.SecondStepMiddleware",
    "core.middleware.CodeGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "organisations.middleware.OrganisationThemeMiddleware",
]

ROOT_URLCONF = "bredeblik.urls"
FORM_RENDERER = "core.forms.DesignSystemFormRenderer"
WSGI_APPLICATION = "bredeblik.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.navigation.navigation",
                "organisations.context_processors.theme",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers continue while an answer is being written; the timeout
    # rides out short write bursts instead of failing with "database is locked", and
    # the process's threads queue for their writes in arrival order (core/sqlite).
    DATABASES["default"]["ENGINE"] = "core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Said outright (it is Django's default): pytest-django then knows, although the engine is
    # our own, that each test process has its database in memory and needs no file name.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
else:
    # The fill-in path's statements are prepared once per connection (core/prepared.py).
    # DB_PREPARED_STATEMENTS=0 turns that off, for a pooler that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        0 if env_flag("DB_PREPARED_STATEMENTS", True) else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-up and password-reset links (sent with the e-mail settings below) work for 3 days.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "people:my_webs"
LOGOUT_REDIRECT_URL = "core:home"

# Login rate limiting: five wrong passwords lock that account/address pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "people/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Every login and wrong password is kept as the account's login history (in the person's
# export, removed with the account, older entries by `axes_reset_logs --age 365`).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# The real client address behind our own reverse proxies (see core/client_address.py and
# docs/deployment.md): how many proxies append to X-Forwarded-For in front of the app.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
RATELIMIT_IP_META_KEY = "core.client_address.client_ip"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
# The site's own words (core's catalogue) win over the same message in Django's admin catalogue,
# which says "Aanmelden" for "Log in": one word per thing (docs/glossary.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "core" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Uploaded organisation logos; served through organisations.views.theme_logo, not a web server.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Sessions live in the database so a restart of a stateless app server loses nothing.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
# Idle sessions end (core.middleware.SecondStepMiddleware): after 30 minutes for everyone who
# sees other people's data, after 8 hours for other accounts. A browser without an account
# keeps the 90 days, because that is how it finds its own webs again.
SESSION_IDLE_STAFF = int(os.environ.get("SESSION_IDLE_STAFF", str(30 * 60)))
SESSION_IDLE_ACCOUNT = int(os.environ.get("SESSION_IDLE_ACCOUNT", str(8 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Bodies: forms and JSON up to 2.5 MB (Django answers 400 above), uploads up to 10 MB, and on
# the social map's import page (a background job) up to 64 MB; anything larger is refused with
# 413 before it is read (core.middleware.BodySizeMiddleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
MAX_REQUEST_BODY_SIZE = 10 * 1024 * 1024
MAX_UPLOAD_BODY_SIZE = 64 * 1024 * 1024

# In production the cache is a database table, shared by every app server; the benches use it
# too, as each of its reads is a query.
SHARED_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "bredeblik_cache",
}
CACHES = {
    "default": SHARED_CACHE
    if not DEBUG
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [
        o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]

# No inline scripts or styles anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Base of the canonical URLs of FHIR Questionnaires; empty means this server's own /fhir address.
FHIR_CANONICAL_BASE = os.environ.get("FHIR_CANONICAL_BASE", "")

# Background work (counting webs in the figures, big imports, reminders) is queued in the
# database and run by `manage.py db_worker`, which `make run` starts beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email (reminders of planned trajectory moments): printed on the console by default, as in
# `make run`; sent over SMTP as soon as EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Brede Blik <noreply@bredeblik.invalid>")
# The address people reach the site at, for links in emails (no request exists in a task).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
