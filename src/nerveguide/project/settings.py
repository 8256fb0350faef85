"""Django settings, all read from environment variables; see README "Configuration"."""

import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from whitenoise.compress import Compressor

from nerveguide.project.env import envbool, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent.parent
# The repository checkout (holds content/, var/); an installed package can point elsewhere.
BASE_DIR = Path(envstr("NERVEGUIDE_HOME", str(PACKAGE_DIR.parent.parent)))

DEBUG = envbool("DEBUG", False)
SECRET_KEY = envstr("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
    elif envbool("NERVEGUIDE_SERVES_NOTHING", False):
        # Set by the nerveguide command for commands that serve nothing (ingest, handout, clinics,
        # migrate, ...; nerveguide.cli): a random key for this process only, so nothing it signs
        # outlives it. A server without SECRET_KEY still refuses to start.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CONTENT_DIR = Path(envstr("CONTENT_DIR", str(BASE_DIR / "content")))
VAR_DIR = Path(envstr("VAR_DIR", str(BASE_DIR / "var")))
# The search index, built once per publication generation and mapped from disk by every process
# (search.webindex); an empty value keeps the index in each process's memory instead.
SEARCH_INDEX_DIR = envstr("SEARCH_INDEX_DIR", str(VAR_DIR / "search-index"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",
    "axes",  # brute-force limits on the admin and clinic-owner logins
    "ninja",  # /api/docs: Swagger UI from our own static files (the CDN is blocked by our CSP)
    "nerveguide.web",
    "nerveguide.content",
    "nerveguide.search",
    "nerveguide.selfcheck",
    "nerveguide.education",
    "nerveguide.clinics",
]

MIDDLEWARE = [
    "nerveguide.project.caching.CachePolicyMiddleware",  # first: sees replayed pages too
    "django.middleware.security.SecurityMiddleware",
    "nerveguide.project.middleware.ErrorShapeMiddleware",  # JSON under /api/, a 405 page
    "nerveguide.content.middleware.CachedPageMiddleware",  # cached article pages skip the rest
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nerveguide.project.middleware.UnusableCookieMiddleware",  # a session cookie with NUL is dropped
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # the lockout answer (429) for a locked-out login
    "nerveguide.project.middleware.HostileURLMiddleware",  # 400 for NUL / invalid UTF-8 in the URL
]

ROOT_URLCONF = "nerveguide.project.urls"
WSGI_APPLICATION = "nerveguide.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nerveguide.web.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = envstr("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'nerveguide.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while ingest writes; see docs/operations in README.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    # django-redis rather than Django's own RedisCache: it can ignore connection errors. The cache
    # is an optimisation, so with Redis down every lookup is a miss, pages are rendered, and a
    # warning is logged (logger "nerveguide.cache"); short timeouts keep a hung Redis from
    # holding up requests.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "nerveguide",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,  # seconds
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "nerveguide.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or envbool("TESTING", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            # STATIC_COMPRESS=0: hashed names without the .gz/.br copies (collectstatic in a
            # few seconds instead of ~40; CI's smoke test of the deployment uses it)
            if envbool("STATIC_COMPRESS", True)
            else "whitenoise.storage.ManifestStaticFilesStorage"
        )
    },
}
# Development and tests serve static files straight from the apps; production from collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or envbool("TESTING", False)
# Source maps (5 MB of Swagger UI's, /api/docs) are only read by browser developer tools:
# compressing them would double collectstatic's time for nothing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out clients before checking
    "django.contrib.auth.backends.ModelBackend",
]

# The client address behind a reverse proxy (nerveguide.project.clientip): X-Forwarded-For is
# believed only from these addresses/networks ("127.0.0.1,::1" with nginx on the same host);
# TRUSTED_PROXY_HOPS counts further proxies (a CDN) that append to it after the client.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", [])
TRUSTED_PROXY_HOPS = envint("TRUSTED_PROXY_HOPS", 0)

# django-axes: after AXES_FAILURE_LIMIT failed logins (admin or clinic owner, any user names)
# from one client address, that address cannot log in for AXES_COOLOFF_TIME hours, counted
# from its latest attempt; the answer is a 429 page pointing to the password reset. Keyed on the
# address, not the user name, so nobody can lock a clinic owner out by guessing at their name.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "nerveguide.project.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "nerveguide.project.loginnames.login_username"  # cut to its column

# Seconds a shared page (article, topics, guide, front page) may be kept by browsers and proxy
# caches (Cache-Control public, max-age, s-maxage): a changed article is live within this time.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 60)
# Each worker's own copy of cached pages in front of Redis (content.pagecache): bytes and pages
# at most; 0 turns it off (every cached page is then a Redis round trip).
PAGECACHE_LOCAL_BYTES = envint("PAGECACHE_LOCAL_BYTES", 32 * 1024 * 1024)
PAGECACHE_LOCAL_PAGES = envint("PAGECACHE_LOCAL_PAGES", 1000)

# Handout PDFs: at most this many render at once on one server (all worker processes together,
# education.pdf.render_slot); one more gets 503 with Retry-After (seconds).
PDF_RENDERS_PER_SERVER = envint("PDF_RENDERS_PER_SERVER", 2)
PDF_RETRY_AFTER = envint("PDF_RETRY_AFTER", 5)
PDF_PER_CLIENT = envint("PDF_PER_CLIENT", 30)  # PDFs one client address may ask for at once

LOGIN_URL = "clinics:login"  # URL names (Django reverses them)
LOGIN_REDIRECT_URL = "clinics:owner_home"

# E-mail (review confirmations): the console in development, SMTP otherwise (README "E-mail").
MAILERS: dict[str, dict[str, Any]]
if DEBUG and not envstr("EMAIL_HOST"):
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": envstr("EMAIL_HOST", "localhost"),
                "port": envint("EMAIL_PORT", 25),
                "username": envstr("EMAIL_HOST_USER", ""),
                "password": envstr("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", False),
            },
        }
    }
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "nerveguide <noreply@nerveguide.dk>")

# Background tasks (e-mail is sent outside the request, with retries): Django's tasks framework.
# "database" (production default): tasks are rows in the database (django-tasks-db), written in
# the same transaction as the review, and `nerveguide manage db_worker` runs them (README
# "Production"). "immediate" (default with DEBUG and in tests): run at once in the request, so
# `make run` needs no worker; a failed send is then not retried by itself.
TASKS_BACKEND = envstr(
    "TASKS_BACKEND", "immediate" if DEBUG or envbool("TESTING", False) else "database"
)
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: use 'database' or 'immediate'")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

# Security headers. Django's built-in CSP, the same for every visitor: scripts only from our own
# files (no nonce, no 'unsafe-inline'); the JSON-LD blocks are data, which CSP does not govern,
# so a page can be cached by a proxy and served to everyone.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

# Logging: never log request bodies; the self-check and handout builder rely on this.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"cache_outage": {"()": "nerveguide.content.pagecache.OutageWarning"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"nerveguide.cache": {"filters": ["cache_outage"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
