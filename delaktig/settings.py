"""Django settings for Delaktig, configured by the environment in this one place.

With no variable set, the site runs as the demo: SQLite under var/, mail printed to the console,
the test e-ID provider on and tasks run immediately. ``DELAKTIG_ENV=production`` turns every
integration to its production default and refuses to start without real secrets.
See README.md for what each variable does.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("DELAKTIG_VAR_DIR", PROJECT_DIR / "var"))

DEMO_SECRET_KEY = "demo-only-secret-key-never-use-in-production"
DEMO_PNR_KEY = "demo-only-personnummer-key"


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; accept 1/0, true/false, yes/no, on/off."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """Read an integer variable, failing loudly on a typo rather than running with a wrong limit."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from error


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DELAKTIG_ENV = os.environ.get("DELAKTIG_ENV", "development")
PRODUCTION = DELAKTIG_ENV == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else DEMO_SECRET_KEY)
DELAKTIG_PNR_KEY = os.environ.get("DELAKTIG_PNR_KEY", "" if PRODUCTION else DEMO_PNR_KEY)
if PRODUCTION:
    if len(SECRET_KEY) < 50 or SECRET_KEY == DEMO_SECRET_KEY:
        raise ImproperlyConfigured("DELAKTIG_ENV=production needs SECRET_KEY: a random string of 50+ characters.")
    if len(DELAKTIG_PNR_KEY) < 32 or DELAKTIG_PNR_KEY == DEMO_PNR_KEY:
        raise ImproperlyConfigured(
            "DELAKTIG_ENV=production needs DELAKTIG_PNR_KEY: a random string of 32+ characters, kept secret."
        )

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
DELAKTIG_SITE_URL = os.environ.get("DELAKTIG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks_db",
    "delaktig.core",
    "delaktig.accounts",
    "delaktig.city",
    "delaktig.api",
    "delaktig.events",
    "delaktig.councils",
    "delaktig.inventory",
    "delaktig.proposals",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Serves stored public pages before the rest of the stack runs (see delaktig/core/pagecache.py).
    "delaktig.core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "delaktig.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "delaktig.urls"
WSGI_APPLICATION = "delaktig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "delaktig.city.context_processors.areas",
            ],
        },
    },
]

# Database: SQLite for the demo, PostgreSQL (DATABASE_URL=postgres://...) in production.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'delaktig.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The stock backend with a health check that costs no round trip (see core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "delaktig.core.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for the writer instead of failing with "database is locked" when two requests write at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("DELAKTIG_CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}}
elif PRODUCTION:
    # allauth's login-failure limits must be shared by every web process: without Redis, keep them in the
    # database. (Delaktig's own rate limits have their own counter table, see core/ratelimit.py.)
    # Culling at the default 300 entries would silently forget those counters under real traffic.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "delaktig_cache",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages as anonymous visitors see them, kept in each web process (see delaktig/core/pagecache.py).
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}
DELAKTIG_PAGE_CACHE_SECONDS = env_int("DELAKTIG_PAGE_CACHE_SECONDS", 30 if PRODUCTION else 0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's and allauth's backends, loading the person with the user (see accounts/backends.py).
    "delaktig.accounts.backends.ModelBackend",
    "delaktig.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# Accounts: residents log in with a one-time code sent by e-mail; staff may use a password.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "delaktig.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "delaktig.accounts.adapters.EidAdapter"
ACCOUNT_FORMS = {"login": "delaktig.accounts.forms.StaffLoginForm"}
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# e-ID is a stronger proof than an e-mail address: an e-ID login needs no address and takes none from the broker.
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_REQUIRED = False

# e-ID through an OpenID Connect broker (BankID, Freja eID+); off unless configured.
EID_OIDC_SERVER_URL = os.environ.get("DELAKTIG_EID_OIDC_URL", "")
EID_PNR_CLAIM = os.environ.get("DELAKTIG_EID_PNR_CLAIM", "https://id.oidc.se/claim/personalIdentityNumber")
# Accepted assurance levels (the ID token's "acr"), e.g. http://id.elegnamnden.se/loa/1.0/loa3; empty accepts any.
EID_ACCEPTED_ACR = env_list("DELAKTIG_EID_ACR", [])
SOCIALACCOUNT_PROVIDERS = {}
if EID_OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "eid",
                "name": os.environ.get("DELAKTIG_EID_NAME", "e-legitimation"),
                "client_id": os.environ.get("DELAKTIG_EID_CLIENT_ID", ""),
                "secret": os.environ.get("DELAKTIG_EID_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": EID_OIDC_SERVER_URL,
                    "token_auth_method": os.environ.get("DELAKTIG_EID_TOKEN_AUTH", "client_secret_basic"),
                    "scope": env_list("DELAKTIG_EID_SCOPES", ["openid", "profile"]),
                },
            }
        ],
    }

# The built-in test e-ID provider issues Skatteverket's published test personnummer; never in production.
DELAKTIG_TEST_EID = env_bool("DELAKTIG_TEST_EID", default=not PRODUCTION)
if PRODUCTION and DELAKTIG_TEST_EID:
    raise ImproperlyConfigured("DELAKTIG_TEST_EID cannot be enabled when DELAKTIG_ENV=production.")

# E-mail: printed to the console unless an SMTP host is configured.
SMTP_HOST = os.environ.get("EMAIL_HOST", "")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": SMTP_HOST,
            "port": env_int("EMAIL_PORT", 587),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", default=True),
        },
    }
    if SMTP_HOST
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Delaktig <noreply@delaktig.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: immediate in the demo and tests, in the database (manage.py db_worker) in production.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DELAKTIG_TASK_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django.tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# Internationalisation: Swedish first, English next; more languages through translation files.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale_overrides", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DELAKTIG_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every start when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security headers. The browser loads nothing from another host: no CDN, font, analytics or map tile.
# The e-ID login form posts to us and we redirect to the broker, which form-action must allow.
EID_ORIGINS = (
    [f"{urlsplit(EID_OIDC_SERVER_URL).scheme}://{urlsplit(EID_OIDC_SERVER_URL).netloc}"] if EID_OIDC_SERVER_URL else []
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # No inline script anywhere: pages carry no per-response nonce, so a cached page stays valid.
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, *EID_ORIGINS],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_ENGINE = "delaktig.accounts.sessions"  # the database store, read with plain SQL
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "delaktig.core.views.csrf_failure"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Logging: never the request body, so a personnummer or a vote cannot end up in a log file.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DELAKTIG_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Installation settings for the democracy services (also editable in README's table of variables).
DELAKTIG_RATE_LIMITS_ENABLED = env_bool("DELAKTIG_RATE_LIMITS_ENABLED", default=True)
DELAKTIG_ACCESSIBILITY_CONTACT = os.environ.get("DELAKTIG_ACCESSIBILITY_CONTACT", "tillganglighet@delaktig.localhost")
DELAKTIG_SITE_NAME = _("Delaktig – Göteborgs Stad")
DELAKTIG_API_RATE = os.environ.get("DELAKTIG_API_RATE", "600/m")  # open-data API requests per client address

# Göteborgsförslaget (proposals): installation settings, not constants. Levels: 1 e-mail confirmed, 2 e-ID.
DELAKTIG_PROPOSAL_THRESHOLD = env_int("DELAKTIG_PROPOSAL_THRESHOLD", 200)
DELAKTIG_PROPOSAL_WINDOW_DAYS = env_int("DELAKTIG_PROPOSAL_WINDOW_DAYS", 90)
DELAKTIG_PROPOSAL_PROPOSE_LEVEL = env_int("DELAKTIG_PROPOSAL_PROPOSE_LEVEL", 1)
DELAKTIG_PROPOSAL_VOTE_LEVEL = env_int("DELAKTIG_PROPOSAL_VOTE_LEVEL", 1)
DELAKTIG_PROPOSAL_REPORT_HIDE_COUNT = env_int("DELAKTIG_PROPOSAL_REPORT_HIDE_COUNT", 3)
DELAKTIG_PROPOSAL_OVERDUE_DAYS = env_int("DELAKTIG_PROPOSAL_OVERDUE_DAYS", 180)
DELAKTIG_PROPOSAL_DUPLICATE_MONTHS = env_int("DELAKTIG_PROPOSAL_DUPLICATE_MONTHS", 12)
DELAKTIG_PROPOSAL_RATE_PROPOSE = env_list("DELAKTIG_PROPOSAL_RATE_PROPOSE", ["5/h", "20/d"])
DELAKTIG_PROPOSAL_RATE_PROPOSE_IP = env_list("DELAKTIG_PROPOSAL_RATE_PROPOSE_IP", ["30/h"])
DELAKTIG_PROPOSAL_RATE_VOTE = env_list("DELAKTIG_PROPOSAL_RATE_VOTE", ["30/m", "300/d"])
DELAKTIG_PROPOSAL_RATE_VOTE_IP = env_list("DELAKTIG_PROPOSAL_RATE_VOTE_IP", ["300/m"])
DELAKTIG_PROPOSAL_RATE_COMMENT = env_list("DELAKTIG_PROPOSAL_RATE_COMMENT", ["10/h", "50/d"])
DELAKTIG_PROPOSAL_RATE_COMMENT_IP = env_list("DELAKTIG_PROPOSAL_RATE_COMMENT_IP", ["60/h"])
