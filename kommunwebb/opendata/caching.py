from django.utils.cache import patch_cache_control

try:
    # Lets the shared page cache (contract C2) keep these responses and drop them whenever
    # an editor publishes, like the pages they are made from.
    from kommunwebb.pagecache.decorators import cache_public
except ImportError:  # pragma: no cover - the page cache is part of the product

    def cache_public(view):
        return view


# Feeds, calendars and the sitemap are the same for everyone and change when an editor
# publishes. A few minutes in any cache is fine; subscribers poll far less often.
MAX_AGE = 300


def public_cache(response, max_age: int = MAX_AGE):
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age,
        stale_while_revalidate=60,
    )
    return response
