"""Production settings: every value that differs per city comes from the environment."""

from .base import *

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

if os.environ.get("DATABASE_NAME"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["DATABASE_NAME"],
            "USER": os.environ.get("DATABASE_USER", ""),
            "PASSWORD": os.environ.get("DATABASE_PASSWORD", ""),
            "HOST": os.environ.get("DATABASE_HOST", ""),
            "PORT": os.environ.get("DATABASE_PORT", ""),
            "CONN_MAX_AGE": 60,
        }
    }

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webbplats@kommun.example")

# Redis for the page cache and Django's cache when REDIS_URL is set (the production profile);
# without it, the embedded profile's file cache under var/cache/ from base.py stays.
if os.environ.get("REDIS_URL"):
    _redis = os.environ["REDIS_URL"].rstrip("/")
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{_redis}/0",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{_redis}/1",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # If Redis is down the site renders pages instead of failing.
                "IGNORE_EXCEPTIONS": True,
            },
        },
    }

# Varnish in front (deploy/varnish/): the page cache soft-purges it after every publish and
# warms the crisis page; Wagtail's frontend cache purges each published page's URL too.
PAGECACHE_VARNISH_URL = os.environ.get("KOMMUNWEBB_VARNISH_URL", "")
PAGECACHE_WARM_PATHS = [
    p for p in os.environ.get("KOMMUNWEBB_WARM_PATHS", "").split(",") if p.startswith("/")
]
if PAGECACHE_VARNISH_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": PAGECACHE_VARNISH_URL,
        }
    }
