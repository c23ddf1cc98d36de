"""Wagtail's read-only API v2 (pages, images, documents) as open data under /api/v2/.

Only what is public anyway: live pages outside private sections (Wagtail's own rule), and
images and documents outside private collections. GET only; the JSON is the same for
everyone. What each page type publishes is its model's ``api_fields``, declared beside its
fields."""

from django.http import Http404
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from kommunwebb.core.visibility import visible_for_search
from kommunwebb.opendata.caching import public_cache

MAX_ID = 2**63 - 1  # the largest id the databases can look up
# Offsets and limits past this are no listing anyone reads; the databases overflow on
# OFFSET values past 2**63 (a 500 before).
MAX_OFFSET = 10**9
SEARCH_OPERATORS = ("and", "or")


class CachedMixin:
    http_method_names = ["get", "head", "options"]

    def initial(self, request, *args, **kwargs):
        # PostgreSQL cannot store or compare text with NUL bytes: refuse them up front
        # with a 400 rather than fail in the database with a 500.
        for key, values in request.query_params.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError("query parameters may not contain NUL characters")
        if int(kwargs.get("pk", 0) or 0) > MAX_ID:
            raise Http404
        check_numbers(request.query_params)
        # The shared page cache may keep the answer until the next publish (contract C2).
        request._request._pagecache_public = True
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            public_cache(response)
        return response

    def find_object(self, queryset, request):
        # Wagtail looks up ?id= as given: "abc" failed in the database with a 500.
        if "id" in request.GET:
            number = whole_number(request.GET["id"], "id")
            if abs(number) > MAX_ID:
                raise Http404
        return super().find_object(queryset, request)


def whole_number(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadRequestError(f"{name} must be a whole number") from None


def check_numbers(params):
    """offset, limit and search_operator as Wagtail's API reads them, refused with a 400
    where it would fail with a 500 (Wagtail checks their form, not their size)."""
    for name in ("offset", "limit"):
        if name in params and whole_number(params[name], name) > MAX_OFFSET:
            raise BadRequestError(f"{name} may be at most {MAX_OFFSET}")
    operator = params.get("search_operator")
    if operator is not None and operator not in SEARCH_OPERATORS:
        raise BadRequestError("search_operator must be 'and' or 'or'")


class PublicPagesAPIViewSet(CachedMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        # Wagtail's live, public pages of the site, without those past their expiry time
        # (searchable with ?search=).
        return visible_for_search(super().get_base_queryset(), request=self.request._request)


def outside_restricted_collections(queryset):
    # A restriction covers its collection and every collection under it.
    restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    for path in restricted:
        queryset = queryset.exclude(collection__path__startswith=path)
    return queryset


class PublicImagesAPIViewSet(CachedMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return outside_restricted_collections(super().get_queryset())


class PublicDocumentsAPIViewSet(CachedMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return outside_restricted_collections(super().get_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
