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
    "kommunwebb.taxonomy",
    "kommunwebb.review",
    "kommunwebb.linkcheck",
    "kommunwebb.accessibility",
    "kommunwebb.services",
    "kommunwebb.subscriptions",
    "kommunwebb.politics",
    "kommunwebb.alerts",
    "kommunwebb.search",
    "kommunwebb.languages",
    "kommunwebb.opendata",
    "kommunwebb.demo",
    "kommunwebb.forms",
    "kommunwebb.outbox",
    "kommunwebb.retention",
    "kommunwebb.gdpr",
    "kommunwebb.consent",
    "kommunwebb.feedback",
    "kommunwebb.analytics",
    "kommunwebb.pagecache",
    "kommunwebb.roles",
    "kommunwebb.security",
    # Translating pages side by side, and which translations are out of date (docs/languages.md).
    "wagtail_localize",
    "wagtail_localize.locales",
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
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
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
    # Outermost: Content-Security-Policy on every answer, cached ones included (django-csp;
    # the admin gets a policy of its own: KOMMUNWEBB_ADMIN_CONTENT_SECURITY_POLICY below).
    "kommunwebb.security.headers.ContentSecurityPolicyMiddleware",
    # Then: refuses NUL bytes and over-long addresses, gives bare error answers a
    # Swedish page, sets Permissions-Policy on everything (kommunwebb/security).
    "kommunwebb.security.middleware.RequestGuardMiddleware",
    # /healthz for Varnish's probes (kommunwebb/operations/health.py): the database and the
    # cache asked, nothing below run.
    "kommunwebb.operations.health.HealthCheckMiddleware",
    # Statistics beacons (POST /statistik/beacon) need nothing below: answered right here.
    "kommunwebb.analytics.middleware.BeaconMiddleware",
    # With the database down, the crisis page, the home page and the alerts from the static
    # copies written at the last publish (kommunwebb/alerts/fallback.py).
    "kommunwebb.alerts.fallback.FallbackMiddleware",
    # A cached page is answered before any middleware below runs (kommunwebb/pagecache).
    "kommunwebb.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a page is the one its address names (kommunwebb/languages).
    "kommunwebb.languages.middleware.ContentLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.user.is_verified() (django-otp), then the admin's session limits and second
    # factor (kommunwebb/security/accounts.py), which may leave a message for the login page.
    "django_otp.middleware.OTPMiddleware",
    "kommunwebb.security.accounts.AdminAccountMiddleware",
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

# Swedish first; the interface strings are written in Swedish and translated to English,
# Finnish and Arabic (kommunwebb/locale; a missing string falls back to the Swedish).
LANGUAGE_CODE = os.environ.get("KOMMUNWEBB_LANGUAGE", "sv")
# The languages content can be published in (docs/languages.md), each named in itself.
# Swedish is the main locale, served without a prefix; every other has its own (/en/, /fi/).
# A municipality picks its own with KOMMUNWEBB_CONTENT_LANGUAGES=sv,en,fi,ar (the main
# language, LANGUAGE_CODE, is always first); a code outside this table stops the start.
KNOWN_CONTENT_LANGUAGES = {
    "sv": "Svenska",
    "en": "English",
    "fi": "Suomi",
    "fit": "Meänkieli",
    "se": "Davvisámegiella",
    "smj": "Julevsámegiella",
    "sma": "Åarjelsaemien gïele",
    "yi": "ייִדיש",
    "rom": "Romani chib",
    "ar": "العربية",
    "so": "Soomaali",
    "fa": "فارسی",
    "ti": "ትግርኛ",
    "pl": "Polski",
    "uk": "Українська",
    "bs": "Bosanski",
}
_wanted = os.environ.get("KOMMUNWEBB_CONTENT_LANGUAGES", "sv,en,fi,fit,se,ar,so,fa,pl,uk")
WAGTAIL_CONTENT_LANGUAGES = [
    (code, KNOWN_CONTENT_LANGUAGES[code])
    for code in dict.fromkeys([LANGUAGE_CODE, *(c.strip() for c in _wanted.split(","))])
    if code
]
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES
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
# Uploaded files on local disk (when no bucket is configured: docs/scaling.md).
MEDIA_ROOT = Path(os.environ.get("KOMMUNWEBB_MEDIA_ROOT", VAR_DIR / "media"))
# Static copies of the crisis page, the home page and the alerts, rewritten after every
# publish and served when the database or the app is down (docs/crisis.md).
KOMMUNWEBB_FALLBACK_DIR = Path(os.environ.get("KOMMUNWEBB_FALLBACK_DIR", VAR_DIR / "fallback"))
# With the database down, how long the addresses with copies are answered from them without
# trying it again (alerts/fallback.py, DatabaseBreaker).
KOMMUNWEBB_FALLBACK_BREAKER_SECONDS = 5
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
WAGTAIL_I18N_ENABLED = True
# Addresses residents can read aloud and type: slugs are ASCII ("miljo-och-halsa"), made so
# in the admin and on the server (kommunwebb/core/slugs.py); a page whose address changes
# (new slug, moved) keeps answering at the old one through an automatic redirect.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILREDIRECTS_AUTO_CREATE = True
# Swedish stemming on SQLite and PostgreSQL: see kommunwebb/search/backends/swedish.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "kommunwebb.search.backends.swedish"}}
# Documents only through Wagtail's view, which checks their collection's privacy; the file's
# own path under /media/ is refused (kommunwebb/security/media.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Editors work in Swedish (or English); content languages are not admin languages.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
# The admin asks no third party anything (Wagtail would fetch releases.wagtail.org).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar images in the admin: each would be a request to a third party from an editor's
# browser, with a hash of their e-mail address. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

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

# Admin accounts (kommunwebb/security, docs/security.md): failed logins throttled per account
# and per client; a second factor (TOTP, recovery codes) required for superusers and these
# groups, or for everyone; sessions end after 30 idle minutes and 12 hours at most.
WAGTAILADMIN_USER_LOGIN_FORM = "kommunwebb.security.forms.ThrottledLoginForm"
KOMMUNWEBB_LOGIN_FAILURES_PER_ACCOUNT = 5
KOMMUNWEBB_LOGIN_FAILURES_PER_CLIENT = 20
KOMMUNWEBB_LOGIN_WINDOW = 15 * 60
KOMMUNWEBB_THROTTLE_CACHE = "throttle"
KOMMUNWEBB_2FA_REQUIRED_GROUPS = ["Webbredaktör", "Dataskydd", "Krisinformatör"]
KOMMUNWEBB_2FA_REQUIRED_FOR_ALL = os.environ.get("KOMMUNWEBB_2FA_REQUIRED_FOR_ALL", "") == "1"
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
KOMMUNWEBB_SESSION_IDLE_TIMEOUT = int(os.environ.get("KOMMUNWEBB_SESSION_IDLE_MINUTES", "30")) * 60
KOMMUNWEBB_SESSION_MAX_AGE = int(os.environ.get("KOMMUNWEBB_SESSION_MAX_HOURS", "12")) * 3600
# "Remember me" keeps the session cookie this long, never beyond the absolute limit.
SESSION_COOKIE_AGE = KOMMUNWEBB_SESSION_MAX_AGE

# Content-Security-Policy (django-csp, docs/security.md). Public pages: only the site's own
# scripts, styles, images and fonts; no inline script, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
# The strictest policy Wagtail 8's admin works under, measured in Chromium
# (kommunwebb/security/tests/test_csp_browser.py, docs/security.md): scripts and styles
# only from this site, but inline ones too (its page explorer, editors, listings and
# filters run inline scripts; the image editor has an inline event handler; icons and the
# rich-text editor set style attributes), blob: images for previews of uploads, and
# framing by itself (the live preview).
KOMMUNWEBB_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# Who may send X-KW-Client, the keyed client hash the rate limits count by: nobody in the
# embedded profile (the connecting address is the visitor's), Varnish in production.
KOMMUNWEBB_TRUSTED_PROXIES = []

# /.well-known/security.txt (RFC 9116); a 404 until a contact is set.
KOMMUNWEBB_SECURITY_CONTACT = os.environ.get("KOMMUNWEBB_SECURITY_CONTACT", "")
KOMMUNWEBB_SECURITY_TXT_EXPIRES = os.environ.get("KOMMUNWEBB_SECURITY_TXT_EXPIRES", "")
KOMMUNWEBB_SECURITY_POLICY = os.environ.get("KOMMUNWEBB_SECURITY_POLICY", "")

# Logs carry no IP address and no user agent: only the level, logger and message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Defense in depth: every handler strips IP addresses and user agents from each record.
    "filters": {
        "scrub": {"()": "kommunwebb.operations.logs.ScrubFilter"},
        # Bad Host headers: one warning per five minutes, no traceback (kommunwebb/security).
        "bad_host": {"()": "kommunwebb.security.logs.BadHostFilter"},
        "not_bad_host": {"()": "kommunwebb.security.logs.NotBadHostFilter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # django.request and django.server would log request lines; keep them to errors.
        "django.server": {"level": "ERROR"},
        "django.security.DisallowedHost": {"filters": ["bad_host"]},
        "django.request": {"filters": ["not_bad_host"]},
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
    # Django's file cache, culled at most every few seconds and never of the generation
    # (kommunwebb/pagecache/filecache.py).
    "pages": {
        "BACKEND": "kommunwebb.pagecache.filecache.PageFileCache",
        "LOCATION": VAR_DIR / "cache" / "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    # Failed admin logins (kommunwebb/security/throttle.py): shared by every worker, or
    # each would count on its own and the limit would be several times higher.
    "throttle": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": VAR_DIR / "cache" / "throttle",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}
PAGECACHE_ENABLED = os.environ.get("KOMMUNWEBB_PAGECACHE", "1") == "1"

KOMMUNWEBB_SERVE_MEDIA = os.environ.get("KOMMUNWEBB_SERVE_MEDIA", "1") == "1"

# Crisis communication (docs/crisis.md). The site's municipality by its SCB code (Uppsala is
# "0380", Malmö "1280") and county code: VMA for either is imported (alerts/vma.py), and our
# own alerts' CAP messages name the municipality. SOURCES: CAP 1.2 XML or Sveriges Radio's
# JSON form of it, polled every minute by the task worker; empty: no import.
KOMMUNWEBB_VMA = {
    "MUNICIPALITY_CODE": os.environ.get("KOMMUNWEBB_MUNICIPALITY_CODE", ""),
    "COUNTY_CODE": os.environ.get("KOMMUNWEBB_COUNTY_CODE", ""),
    "AREA_NAME": os.environ.get("KOMMUNWEBB_AREA_NAME", ""),
    "SOURCES": [url for url in os.environ.get("KOMMUNWEBB_VMA_SOURCES", "").split() if url],
    "TIMEOUT": 10,
    # Bytes read of one answer at most; a larger one is refused, never parsed.
    "MAX_BYTES": 2_000_000,
}
