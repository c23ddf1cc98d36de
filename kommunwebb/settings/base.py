"""Settings shared by every environment. Secrets come from the environment only."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the running site writes (database, media, logs, local secret) lives under var/.
VAR_DIR = Path(os.environ.get("KOMMUNWEBB_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "kommunwebb.core",
    "kommunwebb.home",
    "kommunwebb.news",
    "kommunwebb.events",
    "kommunwebb.contacts",
    "kommunwebb.topics",
    "kommunwebb.services",
    "kommunwebb.politics",
    "kommunwebb.alerts",
    "kommunwebb.search",
    "kommunwebb.opendata",
    "kommunwebb.demo",
    "kommunwebb.forms",
    "kommunwebb.retention",
    "kommunwebb.gdpr",
    "kommunwebb.consent",
    "kommunwebb.analytics",
    "kommunwebb.pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Last: its ready() gives every log handler the scrub filter, so it runs after every
    # other app's ready() has imported what adds handlers (requests and urllib3, through
    # wagtail.contrib.redirects' API).
    "kommunwebb.operations",
]

MIDDLEWARE = [
    # Statistics beacons (POST /statistik/beacon) need nothing below: answered right here.
    "kommunwebb.analytics.middleware.BeaconMiddleware",
    # First: a cached page is answered before any other middleware runs (kommunwebb/pagecache).
    "kommunwebb.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kommunwebb.urls"
WSGI_APPLICATION = "kommunwebb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("KOMMUNWEBB_SQLITE_PATH", VAR_DIR / "db.sqlite3"),
        "OPTIONS": {
            # WAL lets readers go on while the task worker or an editor writes.
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            ),
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first; the interface strings are written in Swedish and translated to English.
LANGUAGE_CODE = os.environ.get("KOMMUNWEBB_LANGUAGE", "sv")
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

WAGTAIL_SITE_NAME = os.environ.get("KOMMUNWEBB_SITE_NAME", "Kommunwebb")
WAGTAILADMIN_BASE_URL = os.environ.get("KOMMUNWEBB_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Swedish stemming on SQLite and PostgreSQL: see kommunwebb/search/backends/swedish.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "kommunwebb.search.backends.swedish"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Visitors never get a session unless they log in; keep the admin's cookies tight.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Form pages (kommunwebb/forms, docs/forms.md): a Swedish 403 page for a missing CSRF token;
# webhooks to a case system are signed (HMAC-SHA256) with this secret.
CSRF_FAILURE_VIEW = "kommunwebb.forms.views.csrf_failure"
CITYFORMS_WEBHOOK_SECRET = os.environ.get("KOMMUNWEBB_FORMS_WEBHOOK_SECRET", "")
# A send gives up well inside a form delivery's lease (120 s), so no two workers overlap.
EMAIL_TIMEOUT = 30
# Wagtail marks its own preview views SAMEORIGIN; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

LOGIN_URL = "wagtailadmin_login"

# Logs carry no IP address and no user agent: only the level, logger and message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Defense in depth: every handler strips IP addresses and user agents from each record.
    "filters": {"scrub": {"()": "kommunwebb.operations.logs.ScrubFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # django.request and django.server would log request lines; keep them to errors.
        "django.server": {"level": "ERROR"},
    },
}
# Log files, one per day, deleted after their retention period by `manage.py purge_expired`
# (kind "logs.application"). Off unless set; the embedded profile (dev.py) uses var/log/.
LOG_DIR = Path(os.environ["KOMMUNWEBB_LOG_DIR"]) if os.environ.get("KOMMUNWEBB_LOG_DIR") else None
if LOG_DIR:
    from kommunwebb.operations.logs import with_log_files

    LOGGING = with_log_files(LOGGING, LOG_DIR)

# Cookie consent (kommunwebb/consent, contract C1). Raise the version when the cookie policy
# changes: every visitor is asked again. Varnish's VCL must be given the same number.
CONSENT_POLICY_VERSION = int(os.environ.get("KOMMUNWEBB_CONSENT_POLICY_VERSION", "1"))

# Built-in statistics (kommunwebb/analytics, docs/analytics.md). Raw events (hourly page
# views, beacons with the random visitor id) are kept this many days, then only daily
# aggregates remain, for this many months.
ANALYTICS_RAW_RETENTION_DAYS = int(os.environ.get("KOMMUNWEBB_ANALYTICS_RAW_DAYS", "30"))
ANALYTICS_AGGREGATE_RETENTION_MONTHS = int(
    os.environ.get("KOMMUNWEBB_ANALYTICS_AGGREGATE_MONTHS", "25")
)
# Beacons per minute per visitor id, and per address for beacons without one.
ANALYTICS_BEACONS_PER_VISITOR = int(os.environ.get("KOMMUNWEBB_ANALYTICS_PER_VISITOR", "120"))
ANALYTICS_BEACONS_PER_ADDRESS = int(os.environ.get("KOMMUNWEBB_ANALYTICS_PER_ADDRESS", "60"))

# The page cache (kommunwebb/pagecache, docs/performance.md). Every gunicorn worker must
# see the same cache, so the embedded profile keeps pages in files under var/cache/; the
# production profile puts them in Redis. KOMMUNWEBB_PAGECACHE=0 switches it off.
CACHES = {
    # The rate limits' counters (one key per visitor or address and minute) live here in
    # the embedded profile. Django's default of 300 entries evicted a visitor's counter
    # after 300 others had come, so under a spike nobody ever reached a limit. 50,000 keys
    # is at most a few tens of MB per worker, and each worker counts on its own.
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
PAGECACHE_ENABLED = os.environ.get("KOMMUNWEBB_PAGECACHE", "1") == "1"

KOMMUNWEBB_SERVE_MEDIA = os.environ.get("KOMMUNWEBB_SERVE_MEDIA", "1") == "1"
