"""Fast, isolated settings for the test suite."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - used by the test suite alone
ALLOWED_HOSTS = ["*"]
_TEST_VAR = Path(tempfile.mkdtemp(prefix="kommunwebb-test-"))
MEDIA_ROOT = _TEST_VAR / "media"
STATIC_ROOT = _TEST_VAR / "static"
STATIC_ROOT.mkdir()

if os.environ.get("KOMMUNWEBB_TEST_DB") == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("DATABASE_NAME", "kommunwebb"),
            "USER": os.environ.get("DATABASE_USER", ""),
            "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
            "HOST": os.environ.get("DATABASE_HOST", ""),
            "PORT": os.environ.get("DATABASE_PORT", ""),
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": _TEST_VAR / "test.sqlite3",
            "TEST": {"NAME": str(_TEST_VAR / "test.sqlite3")},
        }
    }

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Most tests log editors in without a second factor; kommunwebb/security's tests switch the
# requirement on where they prove it.
KOMMUNWEBB_2FA_ENFORCED = False
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Tests run inside transactions that never commit, so publishing never invalidates: a
# cached page would leak from one test into the next. kommunwebb/pagecache's tests switch
# it on (with commits captured) where they need it.
PAGECACHE_ENABLED = False
# No static crisis copies after every publish in every test (alerts/tests/test_fallback.py
# switches them on in a temporary directory).
KOMMUNWEBB_FALLBACK_DIR = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Statistics are written as they are recorded, not by a background thread.
ANALYTICS_FLUSH_SECONDS = 0
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "kommunwebb.search.backends.swedish"}}
# Any response in the suite that sets a cookie missing from kommunwebb/consent/registry.py
# fails its test (outermost, so it sees what every other middleware set).
MIDDLEWARE = ["kommunwebb.consent.testing.CookieRegistryMiddleware", *MIDDLEWARE]
