"""Production settings: every value that differs per city comes from the environment.

README.md ("Settings and secrets") lists every variable with its default.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *


def env_flag(name: str, default: bool) -> bool:
    """A yes/no variable: 1, true, yes, on or 0, false, no, off. Anything else stops the
    start rather than quietly meaning "off" (DJANGO_EMAIL_USE_TLS=ja must not send a
    password in clear text)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if number < 0:
        raise ImproperlyConfigured(f"{name} must not be negative.")
    return number


DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# HSTS: browsers reach this host over https only, for a year by default. includeSubDomains
# and preload reach beyond this site: the first binds every host under the city's domain
# (an old intranet server, a supplier's e-service), the second puts the domain into the
# browsers' built-in lists, which takes months to leave. So both are the city's decision,
# off unless set. Django's deploy check warns about each while it is off; that warning is
# silenced for what is off, and only then.
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", False)
if SECURE_HSTS_PRELOAD and not (
    SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_SECONDS >= 31_536_000
):
    # What hstspreload.org requires; a preload directive without them is never accepted.
    raise ImproperlyConfigured(
        "DJANGO_HSTS_PRELOAD=1 needs DJANGO_HSTS_INCLUDE_SUBDOMAINS=1 and "
        "DJANGO_HSTS_SECONDS of at least 31536000."
    )
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

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
            # A kept connection is checked before a request uses it: after PostgreSQL
            # restarts, no request fails on a connection that died with it.
            "CONN_HEALTH_CHECKS": True,
        }
    }

# Outgoing e-mail (form deliveries) through the city's SMTP relay. STARTTLS
# (DJANGO_EMAIL_USE_TLS, usually port 587) and TLS from the first byte (DJANGO_EMAIL_USE_SSL,
# usually 465) exclude each other; a password is sent only over one of them, unless the
# relay runs on this machine.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_flag("DJANGO_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set DJANGO_EMAIL_USE_TLS (STARTTLS) or DJANGO_EMAIL_USE_SSL (implicit TLS), not both."
    )
if (
    EMAIL_HOST_PASSWORD
    and not (EMAIL_USE_TLS or EMAIL_USE_SSL)
    and EMAIL_HOST not in {"localhost", "127.0.0.1", "::1"}
):
    raise ImproperlyConfigured(
        "DJANGO_EMAIL_HOST_PASSWORD would cross the network in clear text: set "
        "DJANGO_EMAIL_USE_TLS=1 or DJANGO_EMAIL_USE_SSL=1."
    )
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webbplats@kommun.example")
# Django's own messages (none are sent unless ADMINS is set in a city's settings module).
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Redis for the page cache and Django's cache when REDIS_URL is set (the production profile);
# without it, the embedded profile's file cache under var/cache/ from base.py stays.
if os.environ.get("REDIS_URL"):
    _redis = os.environ["REDIS_URL"].rstrip("/")
    CACHES = {
        # Rate-limit counters. With Redis down they are not counted (security/counters.py)
        # and every page, form and consent choice still works.
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{_redis}/0",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{_redis}/1",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # If Redis is down the site renders pages instead of failing.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        "throttle": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{_redis}/0",
            "KEY_PREFIX": "throttle",
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
    }

# Media in an S3-compatible bucket when KOMMUNWEBB_MEDIA_S3_BUCKET is set: what several app
# servers need (docs/scaling.md); on local disk (MEDIA_ROOT) otherwise. The bucket stays
# private; files are served by this site (kommunwebb/core/storage.py).
if os.environ.get("KOMMUNWEBB_MEDIA_S3_BUCKET"):
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "kommunwebb.core.storage.PrivateMediaStorage",
            "OPTIONS": {
                "bucket_name": os.environ["KOMMUNWEBB_MEDIA_S3_BUCKET"],
                "endpoint_url": os.environ.get("KOMMUNWEBB_MEDIA_S3_ENDPOINT") or None,
                "region_name": os.environ.get("KOMMUNWEBB_MEDIA_S3_REGION") or None,
                "access_key": os.environ.get("KOMMUNWEBB_MEDIA_S3_ACCESS_KEY") or None,
                "secret_key": os.environ.get("KOMMUNWEBB_MEDIA_S3_SECRET_KEY") or None,
                "location": os.environ.get("KOMMUNWEBB_MEDIA_S3_PREFIX", ""),
            },
        },
    }

# Varnish in front (deploy/varnish/): the page cache soft-purges it after every publish and
# warms the crisis page; Wagtail's frontend cache purges each published page's URL too.
PAGECACHE_VARNISH_URL = os.environ.get("KOMMUNWEBB_VARNISH_URL", "")
PAGECACHE_PURGE_SECRET = os.environ.get("KOMMUNWEBB_PURGE_SECRET", "")
# Varnish's X-KW-Client (a keyed hash of the client address) is believed from these only.
KOMMUNWEBB_TRUSTED_PROXIES = [
    p for p in os.environ.get("KOMMUNWEBB_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if p
]
PAGECACHE_WARM_PATHS = [
    p for p in os.environ.get("KOMMUNWEBB_WARM_PATHS", "").split(",") if p.startswith("/")
]
if PAGECACHE_VARNISH_URL:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "kommunwebb.pagecache.varnish.SecretPurgeBackend",
            "LOCATION": PAGECACHE_VARNISH_URL,
        }
    }
