"""Settings for Handschlag, read from the environment.

Defaults give the embedded mode: SQLite in WAL mode, local-memory cache, console email,
tasks run in process. ``DATABASE_URL``, ``REDIS_URL`` and ``HANDSCHLAG_ENV=production``
switch to production. There is deliberately one settings module; tests adjust it in an
autouse fixture in ``tests/conftest.py``.
"""

from pathlib import Path

import django_stubs_ext
import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

# Lets generic classes such as ``admin.ModelAdmin[Member]`` be subscripted at runtime.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The working directory holds the embedded database and collected static files.
BASE_DIR = Path.cwd()

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

### Environment ###

#: "development" (the demo, safe defaults) or "production" (strict transport security).
HANDSCHLAG_ENV: str = env.str("HANDSCHLAG_ENV", default="development")
IS_PRODUCTION: bool = HANDSCHLAG_ENV == "production"

#: Only ever used outside production; production refuses to start without a real key.
_DEMO_SECRET_KEY = "handschlag-demo-only-not-secret-3b1f0e6c9a2d4f5e8b7a6c5d4e3f2a1b0c9d8e7f"  # noqa: S105
SECRET_KEY: str = (
    env.str("SECRET_KEY") if IS_PRODUCTION else env.str("SECRET_KEY", default=_DEMO_SECRET_KEY)
)
DEBUG: bool = env.bool("DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list(
    "ALLOWED_HOSTS", default=[] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

#: Registration needs an invitation code from a member when this is on.
HANDSCHLAG_INVITATION_ONLY: bool = env.bool("HANDSCHLAG_INVITATION_ONLY", default=False)
#: Sign-up hardening (SECURITY.md S5): accounts per network address per day, and the
#: least time in seconds a person needs to fill in the sign-up form.
HANDSCHLAG_SIGNUPS_PER_ADDRESS_PER_DAY: int = env.int(
    "HANDSCHLAG_SIGNUPS_PER_ADDRESS_PER_DAY", default=3
)
HANDSCHLAG_SIGNUP_MIN_SECONDS: float = env.float("HANDSCHLAG_SIGNUP_MIN_SECONDS", default=3.0)
#: How many open invitation codes one member may hold at a time.
HANDSCHLAG_OPEN_INVITATIONS_PER_MEMBER: int = env.int(
    "HANDSCHLAG_OPEN_INVITATIONS_PER_MEMBER", default=10
)

#: Run background jobs inline after commit instead of in a thread (tests set this).
HANDSCHLAG_TASKS_EAGER: bool = env.bool("HANDSCHLAG_TASKS_EAGER", default=False)
#: Largest export a member may upload (LinkedIn's complete archive is rarely over 50 MB).
HANDSCHLAG_IMPORT_MAX_BYTES: int = env.int("HANDSCHLAG_IMPORT_MAX_BYTES", default=200 * 1024 * 1024)
#: Where an upload waits for its import job. Web processes and Celery workers must share
#: it (one host without systemd's PrivateTmp, or a shared volume); empty: the system's
#: temporary directory (docs/jobs.md).
HANDSCHLAG_UPLOAD_DIR: str = env.str("HANDSCHLAG_UPLOAD_DIR", default="")
#: This site's address as members reach it; links in emails (the digest) start with it.
HANDSCHLAG_BASE_URL: str = env.str("HANDSCHLAG_BASE_URL", default="http://127.0.0.1:8000")
#: Celery only when a broker is named (config/celery.py); otherwise digests are sent by
#: a thread in the web process (when this is on) or by ``handschlag send_digests``.
CELERY_BROKER_URL: str = env.str("CELERY_BROKER_URL", default=env.str("REDIS_URL", default=""))
#: Redis for the cache, the rate limits and the shared template index (network.engine).
REDIS_URL: str = env.str("REDIS_URL", default="")
#: A job's message is acknowledged when the task returns, and given back when its worker
#: process dies: a killed worker's job is delivered again (docs/jobs.md).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2.0
#: Redis gives an unacknowledged message to another worker after ``visibility_timeout``
#: seconds (when its worker was killed outright); longer than any job runs.
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = env.json(
    "CELERY_BROKER_TRANSPORT_OPTIONS", default={"visibility_timeout": 3600}
)
#: A running job whose row has not moved for this long is taken over by another run.
HANDSCHLAG_JOB_LEASE_SECONDS: int = env.int("HANDSCHLAG_JOB_LEASE_SECONDS", default=300)
HANDSCHLAG_DIGEST_IN_PROCESS: bool = env.bool("HANDSCHLAG_DIGEST_IN_PROCESS", default=True)

### Applications ###

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "allauth",
    "allauth.account",
    "axes",
    "csp",
    # django-ninja: its templates and static files serve the API docs from this site.
    "ninja",
    "handschlag.core",
    "handschlag.accounts",
    "handschlag.profiles",
    "handschlag.network",
    "handschlag.moderation",
    "handschlag.notifications",
    "handschlag.messaging",
    "handschlag.offers",
    "handschlag.recommendations",
    "handschlag.groups",
    "handschlag.feed",
    "handschlag.api",
    "handschlag.events",
    "handschlag.imports",
    "handschlag.gdpr",
    "handschlag.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "handschlag.accounts.sessions.SessionLifetimeMiddleware",
    "handschlag.accounts.middleware.MemberLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "handschlag.core.middleware.PrivatePagesNotCachedMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "handschlag.config.urls"
WSGI_APPLICATION = "handschlag.config.wsgi.application"
ASGI_APPLICATION = "handschlag.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "handschlag.core.context_processors.instance",
            ],
        },
    },
]

### Database ###

#: SQLite in the working directory unless DATABASE_URL names another database.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'handschlag.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write lock at the
    # start of a transaction, so concurrent writers wait (busy timeout) instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

### Cache ###

#: Local memory by default; Redis when REDIS_URL is set (per-process while it is down:
#: core/cache.py).
CACHES = {
    "default": (
        {
            "BACKEND": "handschlag.core.cache.FailSafeRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered page fragments (network/views/fragments.py), apart from the rate-limit
    # counters in "default" so that many fragments never push a counter out.
    "fragments": (
        {
            "BACKEND": "handschlag.core.cache.FailSafeRedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "fragments",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if env.str("REDIS_URL", default="")
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
}

### Authentication ###

AUTH_USER_MODEL = "accounts.Member"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses locked-out credentials before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
#: A password reset link is valid for one hour (SECURITY.md, "Password reset").
PASSWORD_RESET_TIMEOUT = 60 * 60

# django-allauth: sign up and log in with email; no usernames.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION: str = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "handschlag.accounts.adapter.MemberAccountAdapter"
ACCOUNT_FORMS = {"signup": "handschlag.accounts.forms.MemberSignupForm"}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if IS_PRODUCTION else "http"
#: Brute force is handled by django-axes in the database (it works without Redis), keyed
#: on account *and* address so that an attacker cannot lock a victim out. allauth's
#: cache counters add the per-address cap and the per-account ceiling (SECURITY.md).
ACCOUNT_RATE_LIMITS = {"login_failed": "25/5m/ip,100/h/key"}

# django-axes: 5 failures per account and IP, then a 30-minute cool-off (SECURITY.md).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "handschlag.accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
#: Number of trusted reverse proxies in front of the app; 0 means use the peer address.
TRUSTED_PROXY_COUNT: int = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "handschlag.core.addresses.client_address"
#: allauth's per-address login limits read the same address; without this every member
#: behind nginx would be 127.0.0.1 and share one limit (the load test hit it at 30 logins).
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
AXES_VERBOSE = False

### Internationalisation ###

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Berlin"
USE_TZ = True

### Static files ###

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
#: collectstatic's target; only production needs it (elsewhere the finders serve files).
STATIC_ROOT = (
    env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")) if IS_PRODUCTION else None
)
#: Outside production, serve static files straight from the apps (no collectstatic step).
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

### Email ###

EMAIL_BACKEND: str = env.str(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.smtp.EmailBackend"
        if IS_PRODUCTION
        else "django.core.mail.backends.console.EmailBackend"
    ),
)
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
#: The folder the file-based backend writes mails to (``make prod-check`` reads them there).
EMAIL_FILE_PATH: str | None = env.str("EMAIL_FILE_PATH", default=None)
DEFAULT_FROM_EMAIL: str = env.str("DEFAULT_FROM_EMAIL", default="Handschlag <noreply@localhost>")

### Security ###

SESSION_COOKIE_HTTPONLY = True
#: "Remember me" keeps a session 14 days; without it, it ends with the browser or after
#: 30 idle minutes. handschlag.accounts.sessions enforces idle and absolute limits.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_NAME = "__Host-csrftoken"

#: Content security policy (django-csp): scripts only from this site or with the page's
#: nonce, no plugins, no <base> rewriting, no framing (SECURITY.md A13). Inline style
#: attributes stay allowed: Django's admin uses them and they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
