import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kommunwebb.settings.dev")
django_application = get_wsgi_application()

from kommunwebb.pagecache.fastpath import PageCacheFastPath  # noqa: E402 - needs Django set up

# Page-cache hits are answered in front of Django's handler (docs/performance.md).
application = PageCacheFastPath(django_application)


def settle():
    """Run by gunicorn in each worker once the application is loaded (``post_worker_init``
    in deploy/gunicorn.conf.py): load what the first requests would otherwise load (the URL
    configuration with every app's views and the admin, the base template), then move every
    object alive now into the garbage collector's permanent generation.

    A worker holds a few hundred thousand long-lived objects (modules, models, templates).
    Without this every full collection walks all of them: 120-210 ms during which that
    worker answers nothing, a few times a minute under load, the slowest 1 % of beacons
    and pages. Frozen, a full collection looks only at what requests made: 1-6 ms.
    """
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and everything it names
    get_template("base.html")
    gc.collect()
    gc.freeze()
