"""The site's addresses plus views that fail on purpose, for the error-page tests."""

from django.db import OperationalError
from django.urls import path

from kommunwebb.urls import handler400, handler403, handler404, handler500  # noqa: F401
from kommunwebb.urls import urlpatterns as site_urlpatterns


def boom(request):
    raise RuntimeError("a bug in a view")


def database_down(request):
    raise OperationalError("connection refused")


urlpatterns = [
    path("test-boom/", boom),
    path("test-database-down/", database_down),
    *site_urlpatterns,
]
