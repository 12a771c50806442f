"""Settings, driven by environment variables. SQLite by default; DATABASE_URL selects PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("THIDUA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("THIDUA_DEBUG", False)
PRODUCTION = env_bool("THIDUA_PRODUCTION", False)
#: the public demo key: anyone can sign cookies with it, so production refuses to run on it
DEMO_SECRET_KEY = "insecure-demo-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = env_str("THIDUA_SECRET_KEY") or DEMO_SECRET_KEY
if PRODUCTION and SECRET_KEY == DEMO_SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "THIDUA_PRODUCTION đang bật nhưng chưa đặt THIDUA_SECRET_KEY (hoặc đặt bằng khóa công khai của bản "
        "demo). Hãy đặt THIDUA_SECRET_KEY là một chuỗi ngẫu nhiên dài, giữ bí mật, rồi khởi động lại."
    )
ALLOWED_HOSTS = env_list("THIDUA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("THIDUA_CSRF_TRUSTED_ORIGINS", [])
#: a form sent from an expired page: a Vietnamese page that says so (Django's own is in English)
CSRF_FAILURE_VIEW = "thidua.core.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "thidua.core",
    "thidua.org",
    "thidua.movements",
    "thidua.participation",
    "thidua.participation.registrations",
    "thidua.fund",
    "thidua.awards",
    "thidua.site",
]

MIDDLEWARE = [
    "thidua.core.middleware.UntrustedProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thidua.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "thidua.core.middleware.PrivateResponsesMiddleware",
    "thidua.core.middleware.RequestContextMiddleware",
    "thidua.core.accounts.PasswordChangeRequiredMiddleware",
]

ROOT_URLCONF = "thidua.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "thidua.site.context_processors.shell",
            ],
        },
    }
]

WSGI_APPLICATION = "thidua.wsgi.application"

_default_sqlite = f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL") or _default_sqlite, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's rules with Vietnamese messages (thidua.core.passwords)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "thidua.core.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "thidua.core.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "thidua.core.passwords.CommonPasswordValidator"},
    {"NAME": "thidua.core.passwords.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttle (core.throttle): failures an account (an address) may make in a day before each further one
# makes the next attempt wait 1, 2, 4, ... minutes, up to LOGIN_LOCKOUT_MINUTES.
LOGIN_FAILURE_LIMIT = env_int("THIDUA_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("THIDUA_LOGIN_ADDRESS_FAILURE_LIMIT", 20)
LOGIN_LOCKOUT_MINUTES = env_int("THIDUA_LOGIN_LOCKOUT_MINUTES", 15)
# Password-reset requests per e-mail address and per client address within an hour.
PASSWORD_RESET_LIMIT = env_int("THIDUA_PASSWORD_RESET_LIMIT", 3)
PASSWORD_RESET_ADDRESS_LIMIT = env_int("THIDUA_PASSWORD_RESET_ADDRESS_LIMIT", 10)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["thidua.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("THIDUA_STATIC_ROOT") or (VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("THIDUA_MEDIA_ROOT") or (VAR_DIR / "media"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploads: imports are capped (the form states the limit).
IMPORT_MAX_BYTES = env_int("THIDUA_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
#: an XLSX whose parts unpack to more than this (each, or all together) is refused before it is parsed
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("THIDUA_IMPORT_MAX_UNCOMPRESSED_BYTES", 100 * 1024 * 1024)
#: export files (MEDIA_ROOT/exports) are removed this long after they were written; the user exports again
EXPORT_RETENTION_HOURS = env_int("THIDUA_EXPORT_RETENTION_HOURS", 24)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
#: a nomination's dossier file (PDF, DOCX, image): larger ones are refused, naming the limit
AWARDS_DOSSIER_MAX_BYTES = env_int("THIDUA_DOSSIER_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
#: the largest request body `thidua serve` accepts: waitress cuts a larger one (413) before Django reads any of it;
#: above every form's own limit (a 30 MB PDF to verify, a 20 MB import) with room for the rest of the form
MAX_REQUEST_BYTES = env_int("THIDUA_MAX_REQUEST_BYTES", 101 * 1024 * 1024)

EMAIL_BACKEND = env_str("THIDUA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("THIDUA_FROM_EMAIL", "thidua@localhost")
#: the address links in e-mails start with (https://thidua.example.gov.vn); empty: links are relative
SITE_URL = env_str("THIDUA_SITE_URL", "")

# Background jobs: "thread" runs them inside the web process (demo, no extra process);
# "worker" leaves them to `thidua worker` processes reading the same database (production).
JOBS_MODE = env_str("THIDUA_JOBS_MODE", "thread")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline (the pages'
# behaviours are in static/thidua/*.js); inline styles stay allowed (style attributes, htmx's indicator).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
#: the browser features no page uses, switched off (core.middleware.PrivateResponsesMiddleware)
PERMISSIONS_POLICY = ("accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
                      "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
                      "interest-cohort=()")
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("THIDUA_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("THIDUA_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("THIDUA_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("THIDUA_HSTS_PRELOAD", True)

# Behind a TLS reverse proxy: the header by which the proxy says the request came over HTTPS
# ("HTTP_X_FORWARDED_PROTO=https"), and the proxies' addresses (IPs or networks, comma-separated) whose
# X-Forwarded-For is believed for the client's address. Nothing is trusted unless configured.
_proxy_ssl_header = env_str("THIDUA_PROXY_SSL_HEADER")
if _proxy_ssl_header:
    _header, _, _value = _proxy_ssl_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), (_value or "https").strip())
TRUSTED_PROXIES = env_list("THIDUA_TRUSTED_PROXIES", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("THIDUA_LOG_LEVEL", "WARNING")},
    # refused requests (403/404) are expected; the audit log keeps what matters
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
